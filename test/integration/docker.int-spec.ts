import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLES } from '@app/common';
import {
  freePort,
  launchProcess,
  LaunchedProcess,
  waitForHttp,
} from '../../apps/cli/src/processes/app-launcher';
import {
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
  const compose = parse(read('docker-compose.yml')) as {
    services: Record<string, Record<string, unknown>>;
  };
  const dockerfile = read('docker/Dockerfile');
  const envExample = read('.env.example');

  it('compose has TimescaleDB on PostgreSQL 16, Redis with AOF, the API and 3 workers', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'redis', 'timescaledb', 'worker']);
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
