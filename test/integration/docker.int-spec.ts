import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  API_KEYS_PLACEHOLDER,
  COMPOSE_VARIABLES,
  ENVIRONMENT_VARIABLES,
  POSTGRES_PASSWORD_PLACEHOLDER,
} from '@app/common';
import {
  freePort,
  launchProcess,
  LaunchedProcess,
  waitForHttp,
} from '../../apps/cli/src/processes/app-launcher';
import {
  admin,
  deleteRedisKeys,
  dropDatabase,
  freshDatabaseUrl,
  queuePrefix,
  REPO_ROOT,
  TEST_REDIS_URL,
} from '../support/test-env';

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

/** The entrypoint script run with sh, as the container runs it (APP_ROOT = this checkout). */
function entrypoint(args: string[], env: Record<string, string>): LaunchedProcess {
  return launchProcess('entrypoint', 'sh', [join(REPO_ROOT, 'docker', 'entrypoint.sh'), ...args], {
    env: { PATH: process.env.PATH ?? '', APP_ROOT: REPO_ROOT, ...env },
  });
}

describe('container files', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, Record<string, unknown>>;
  };
  const dockerfile = read('docker/Dockerfile');
  const envExample = read('.env.example');

  it('compose pins TimescaleDB to an exact release and checks its health over TCP', () => {
    expect(compose.services.timescaledb.image).toMatch(
      /^timescale\/timescaledb:\d+\.\d+\.\d+-pg16$/,
    );
    const check = (compose.services.timescaledb.healthcheck as { test: string[] }).test.join(' ');
    expect(check).toMatch(/pg_isready .*-h 127\.0\.0\.1/);
  });

  it('compose passes every setting of .env to the apps and overrides only container addresses', () => {
    const known = new Set([...ENVIRONMENT_VARIABLES, ...COMPOSE_VARIABLES].map((v) => v.name));
    for (const name of ['api', 'worker']) {
      const service = compose.services[name];
      expect({ name, env_file: service.env_file }).toEqual({ name, env_file: '.env' });
      // Every override is a variable the apps know (a typo here would be silently ignored).
      for (const key of Object.keys(service.environment as object)) {
        expect({ key, known: known.has(key) }).toEqual({ key, known: true });
      }
    }
  });

  it('.env.example holds placeholders for API_KEYS and POSTGRES_PASSWORD, which the stack refuses', () => {
    expect(envExample).toContain(`\nAPI_KEYS=${API_KEYS_PLACEHOLDER}\n`);
    expect(envExample).toContain(`\nPOSTGRES_PASSWORD=${POSTGRES_PASSWORD_PLACEHOLDER}\n`);
  });

  it('compose has TimescaleDB on PostgreSQL 16, Redis with AOF, the API and 3 workers', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'api',
      'prometheus',
      'redis',
      'timescaledb',
      'worker',
    ]);
    // Prometheus only with `--profile monitoring`, loading the tested rules.
    expect(compose.services.prometheus.profiles).toEqual(['monitoring']);
    expect(compose.services.prometheus.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    expect(compose.services.prometheus.volumes).toEqual(
      expect.arrayContaining([
        './docker/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
        './docker/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro',
      ]),
    );
    expect(compose.services.timescaledb.image).toMatch(/^timescale\/timescaledb:.*pg16/);
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect((compose.services.worker.deploy as { replicas: number }).replicas).toBe(3);
    for (const name of ['timescaledb', 'redis'])
      expect(compose.services[name].healthcheck).toBeDefined();
    for (const name of ['api', 'worker']) {
      const build = compose.services[name].build as { dockerfile: string; target: string };
      expect(existsSync(join(REPO_ROOT, build.dockerfile))).toBe(true);
      expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${build.target}$`, 'm'));
      expect(compose.services[name].depends_on).toEqual({
        timescaledb: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
  });

  it('every file the Dockerfile copies exists; runtime images run as a non-root user with a HEALTHCHECK', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)].flatMap(
      (m) => m[1].split(' '),
    );
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) expect(existsSync(join(REPO_ROOT, source))).toBe(true);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile.match(/^HEALTHCHECK /gm)).toHaveLength(2);
  });

  it('every variable the compose file and the app read is in .env.example', () => {
    const listed = new Set([...envExample.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const composeVars = [...read('docker-compose.yml').matchAll(/\$\{([A-Z0-9_]+)/g)].map(
      (m) => m[1],
    );
    for (const name of [...composeVars, ...ENVIRONMENT_VARIABLES.map((v) => v.name)]) {
      expect({ name, listed: listed.has(name) }).toEqual({ name, listed: true });
    }
  });
});

describe('docker/entrypoint.sh against the local services', () => {
  const urls: string[] = [];
  const prefix = queuePrefix();
  afterAll(async () => {
    for (const url of urls) await dropDatabase(url);
    await deleteRedisKeys(TEST_REDIS_URL, prefix);
  });

  it('migrates (creating the database), then runs the API in the foreground; SIGTERM stops it', async () => {
    const url = freshDatabaseUrl();
    urls.push(url);
    const port = await freePort();
    const app = entrypoint(['api'], {
      DATABASE_URL: url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      API_KEYS: 'entrypoint-test-key-0123456789',
      PORT: String(port),
    });
    try {
      const ready = await waitForHttp(`http://127.0.0.1:${port}/health/ready`, app, {
        timeoutMs: 60_000,
      });
      expect(ready.status).toBe(200);
      expect(app.output()).toContain('entrypoint: migrate up');
      expect(app.output()).toMatch(/schema is at \w+\d{13} \(head\)/);
    } finally {
      await app.stop('SIGTERM');
    }
    expect(app.output()).toContain('stopped cleanly on SIGTERM');
  });

  const databaseExists = (url: string): Promise<boolean> =>
    admin(async (c) => {
      const name = new URL(url).pathname.slice(1);
      const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return found.rowCount === 1;
    });

  it('refuses the API_KEYS placeholder of .env.example before migrating, naming the variable', async () => {
    const url = freshDatabaseUrl();
    urls.push(url);
    const app = entrypoint(['api'], {
      DATABASE_URL: url,
      REDIS_URL: TEST_REDIS_URL,
      API_KEYS: API_KEYS_PLACEHOLDER,
      PORT: String(await freePort()),
    });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('API_KEYS still holds the placeholder of .env.example');
    expect(app.output()).not.toContain('entrypoint: migrate up');
    expect(await databaseExists(url)).toBe(false);
  });

  it('refuses a DATABASE_URL made with the POSTGRES_PASSWORD placeholder (api and worker)', async () => {
    const url = new URL(freshDatabaseUrl());
    url.password = POSTGRES_PASSWORD_PLACEHOLDER;
    for (const role of ['api', 'worker']) {
      const app = entrypoint([role], {
        DATABASE_URL: url.toString(),
        REDIS_URL: TEST_REDIS_URL,
        API_KEYS: 'entrypoint-test-key-0123456789',
        PORT: String(await freePort()),
        WORKER_HEALTH_PORT: String(await freePort()),
      });
      expect(await app.exited).toBe(1);
      expect(app.output()).toContain('DATABASE_URL holds the placeholder password of .env.example');
      expect(app.output()).not.toContain(POSTGRES_PASSWORD_PLACEHOLDER + '@');
    }
  });

  it('SKIP_MIGRATIONS=1 starts the worker without migrating (ready reports the pending migrations)', async () => {
    const url = freshDatabaseUrl();
    urls.push(url);
    const migrateOnly = entrypoint(['migrate', 'up', '+0'], { DATABASE_URL: url });
    expect(await migrateOnly.exited).toBe(0);
    const port = await freePort();
    const worker = entrypoint(['worker'], {
      DATABASE_URL: url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      WORKER_HEALTH_PORT: String(port),
      SKIP_MIGRATIONS: '1',
    });
    try {
      const ready = await waitForHttp(`http://127.0.0.1:${port}/health/ready`, worker, {
        timeoutMs: 60_000,
      });
      expect(ready.status).toBe(503);
      expect(worker.output()).toContain('SKIP_MIGRATIONS set; not migrating');
    } finally {
      await worker.stop('SIGKILL');
    }
  });
});
