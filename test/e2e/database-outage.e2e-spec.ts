import { queuePrefix, runCli } from '../support/test-env';
import { api, startRedis, startStack, Stack, waitFor } from '../support/stack';
import { PrivatePostgres, startPrivatePostgres } from '../support/private-postgres';

/**
 * Issue 13 defect 2: while PostgreSQL is down or restarting, every database route answers
 * 503 DATABASE_UNAVAILABLE with Retry-After (never 500), and answers normally once it is back.
 * The test runs its own PostgreSQL and Redis: it stops and restarts them.
 */
describe('PostgreSQL outage → 503 DATABASE_UNAVAILABLE', () => {
  jest.setTimeout(180_000);
  let pg: PrivatePostgres;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let stack: Stack;
  let batchId: number;

  /** One request per database route; the stop route uses `stopId`. */
  const routes = (stopId: number) =>
    [
      ['POST', '/api/bulk/start', { symbols: ['OUT1'], interval: '1d', provider: 'synthetic' }],
      ['GET', `/api/bulk/status/${batchId}`, undefined],
      ['GET', '/api/batches', undefined],
      ['GET', `/api/batches/${batchId}/details`, undefined],
      ['POST', `/api/bulk/stop/${stopId}`, undefined],
      ['GET', '/api/ohlcv/OUT1?interval=1d', undefined],
      ['GET', '/api/schedules', undefined],
    ] as const;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    redis = await startRedis();
    const databaseUrl = pg.url('mi_outage');
    const migrated = await runCli(['migrate', 'up'], { DATABASE_URL: databaseUrl });
    expect(migrated.code).toBe(0);
    // No worker: the batch stays running, so it can be read and stopped during the outage.
    stack = await startStack(
      { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, QUEUE_PREFIX: queuePrefix() },
      { workers: 0 },
    );
    const started = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['OUT1', 'OUT2'],
      interval: '1d',
      provider: 'synthetic',
    });
    expect(started.status).toBe(202);
    batchId = started.body.batch_db_id as number;
  });

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
    await pg?.destroy();
  });

  it('answers 503 with Retry-After on every database route while PostgreSQL is down, then recovers', async () => {
    await pg.stop();
    for (const [method, path, body] of routes(batchId)) {
      const res = await fetch(`${stack.base}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          'x-api-key': 'pipeline-test-key-0123456789',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as { error?: { code: string; message: string } };
      expect({ route: `${method} ${path}`, status: res.status, code: json.error?.code }).toEqual({
        route: `${method} ${path}`,
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
      });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      // The driver's error (host, port) stays in the logs.
      expect(json.error?.message).not.toMatch(String(pg.port));
    }

    await pg.start();
    // The pool's connections died with the server: requests answer 503 until fresh ones connect.
    await waitFor(
      'the status route to answer 200',
      async () => {
        const res = await api(stack.base, 'GET', `/api/bulk/status/${batchId}`);
        expect([200, 503]).toContain(res.status);
        return res.status === 200 ? res : undefined;
      },
      { timeoutMs: 60_000 },
    );
    const statuses: Record<string, number> = {};
    for (const [method, path, body] of routes(batchId)) {
      statuses[`${method} ${path}`] = (await api(stack.base, method, path, body)).status;
    }
    expect(Object.values(statuses).every((s) => s < 500)).toBe(true);
    expect(statuses['POST /api/bulk/start']).toBe(202);
    expect(statuses[`POST /api/bulk/stop/${batchId}`]).toBe(200);
    expect(stack.api.output()).not.toMatch(/"statusCode":500|→ 500/);
  });

  it('answers 503 (not 500) for requests in flight during a restart', async () => {
    const results: number[] = [];
    let done = false;
    const load = (async () => {
      while (!done) {
        results.push((await api(stack.base, 'GET', '/api/batches')).status);
      }
    })();
    await waitFor('some answers before the restart', async () =>
      results.length > 5 ? true : undefined,
    );
    await pg.stop();
    await pg.start();
    const restartedAt = results.length;
    await waitFor(
      'answers after the restart',
      async () => (results.slice(restartedAt).includes(200) ? true : undefined),
      { timeoutMs: 60_000 },
    );
    done = true;
    await load;
    expect(results.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(results).toContain(200);
  });
});
