import { Redis } from 'ioredis';
import { freePort, LaunchedProcess, startApp, waitFor, waitForHttp } from '../support/stack';
import {
  createMigratedDatabase,
  deleteRedisKeys,
  projectMigrations,
  dropDatabase,
  freshDatabaseUrl,
  queuePrefix,
  runCli,
  TEST_REDIS_URL,
} from '../support/test-env';

type HealthBody = {
  status: string;
  info: Record<string, { status: string }>;
  error: Record<string, { status: string; pending?: string[] }>;
};

const API_KEY = 'test-key-0123456789abcdef';

/** Waits until the process has written `text` (its log is asynchronous to the answer). */
async function waitForOutput(app: LaunchedProcess, text: string): Promise<void> {
  await waitFor(`"${text}" in the output`, () => (app.output().includes(text) ? true : undefined));
}

describe('health routes of the API and the worker (processes, real PostgreSQL and Redis)', () => {
  const apps: LaunchedProcess[] = [];
  const prefix = queuePrefix();
  const urls: string[] = [];
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createMigratedDatabase();
    urls.push(databaseUrl);
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop('SIGKILL')));
  });
  afterAll(async () => {
    for (const url of urls) await dropDatabase(url);
    await deleteRedisKeys(TEST_REDIS_URL, prefix);
  });

  async function api(env: Record<string, string>) {
    const port = await freePort();
    const app = startApp('api', {
      API_KEYS: API_KEY,
      PORT: String(port),
      QUEUE_PREFIX: prefix,
      ...env,
    });
    apps.push(app);
    return { app, base: `http://127.0.0.1:${port}` };
  }

  it('API: live and ready are 200 with PostgreSQL, Redis and migrations fine', async () => {
    const { app, base } = await api({ DATABASE_URL: databaseUrl, REDIS_URL: TEST_REDIS_URL });
    const ready = await waitForHttp(`${base}/health/ready`, app);
    const body = (await ready.json()) as HealthBody;
    expect(ready.status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } },
    });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('API: ready is 503 when Redis is unreachable, live stays 200', async () => {
    const closed = await freePort();
    const { app, base } = await api({
      DATABASE_URL: databaseUrl,
      REDIS_URL: `redis://127.0.0.1:${closed}`,
    });
    const ready = await waitForHttp(`${base}/health/ready`, app);
    expect(ready.status).toBe(503);
    const text = await ready.text();
    const body = JSON.parse(text) as HealthBody;
    // Which check failed and nothing more: the driver's error (host, port) goes to the log.
    expect(body.error.redis).toEqual({ status: 'down' });
    expect(text).not.toContain(String(closed));
    expect(text).not.toContain('127.0.0.1');
    expect(body.info.database.status).toBe('up');
    await waitForOutput(app, `redis is down`);
    expect(app.output()).toContain(String(closed));
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });

  it('API: ready is 503 while a migration is pending', async () => {
    const empty = freshDatabaseUrl();
    urls.push(empty);
    await runCli(['migrate', 'up', '+0'], { DATABASE_URL: empty });
    const { app, base } = await api({ DATABASE_URL: empty, REDIS_URL: TEST_REDIS_URL });
    const ready = await waitForHttp(`${base}/health/ready`, app);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as HealthBody;
    expect(body.error.migrations).toEqual({ status: 'down' });
    await waitForOutput(app, 'migrations is down');
    for (const name of projectMigrations()) expect(app.output()).toContain(name);
  });

  it('worker: serves the health routes on WORKER_HEALTH_PORT and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const lock = `${prefix}:reconciler-lock`;
    const worker = startApp('worker', {
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: prefix,
      REDIS_URL: TEST_REDIS_URL,
      WORKER_HEALTH_PORT: String(port),
    });
    apps.push(worker);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const ready = await waitForHttp(`http://127.0.0.1:${port}/health/ready`, worker);
      expect(ready.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/api/bulk/status/1`)).status).toBe(404);
      // The reconciler's first pass takes its lock (held until the next interval)…
      await waitFor('the reconciler lock', async () =>
        (await redis.exists(lock)) === 1 ? true : undefined,
      );
      // Nest closes every module, then re-raises the signal: the conventional exit of a stopped service.
      expect(await worker.stop('SIGTERM')).toBe('SIGTERM');
      expect(worker.output()).toContain('stopped cleanly on SIGTERM');
      // …and releases it on shutdown, so another replica need not wait for it to expire.
      expect(await redis.exists(lock)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('start-up fails with a message naming a bad or missing variable', async () => {
    const noKeys = startApp('api', { DATABASE_URL: databaseUrl });
    expect(await noKeys.exited).toBe(1);
    expect(noKeys.output()).toContain('API_KEYS is required');

    const badUrl = startApp('api', { API_KEYS: API_KEY, DATABASE_URL: 'mysql://u:secret@h/db' });
    expect(await badUrl.exited).toBe(1);
    expect(badUrl.output()).toContain('DATABASE_URL must use postgres: or postgresql:');
    expect(badUrl.output()).not.toContain('secret');

    const worker = startApp('worker', { WORKER_CONCURRENCY: 'many' });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain('WORKER_CONCURRENCY must be an integer');
  });
});
