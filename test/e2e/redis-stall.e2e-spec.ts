import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';
import {
  api,
  isTerminal,
  sql,
  Stack,
  startRedis,
  startStack,
  StatusBody,
  TEST_API_KEY,
  waitForStatus,
} from '../support/stack';

/** The bound of every Redis call on a request path in this test. */
const REDIS_TIMEOUT_MS = 1000;
/** A request that has not answered after this long hangs (the defect answered never). */
const CLIENT_GIVES_UP_MS = 10_000;

/**
 * Issue 13, defect 3: a Redis that stops answering (SIGSTOP, not refusing) must not hang requests.
 * While it is stopped, start/resume/retry-failed answer 503 QUEUE_UNAVAILABLE before the client
 * gives up; the start leaves nothing written; resume and retry-failed keep their change, and once
 * Redis goes on (SIGCONT) the reconciler enqueues their jobs and the batches end.
 */
describe('Redis stops answering (SIGSTOP / SIGCONT)', () => {
  let databaseUrl: string;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let stack: Stack;

  beforeAll(async () => {
    databaseUrl = await createMigratedDatabase();
    redis = await startRedis();
    stack = await startStack(
      {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: queuePrefix(),
        REDIS_TIMEOUT_MS: String(REDIS_TIMEOUT_MS),
        RECONCILE_INTERVAL_MS: '1000',
        WORKER_CONCURRENCY: '2',
        SYNTHETIC_LATENCY_MS: '200',
        JOB_BACKOFF_MS: '100',
      },
      1,
    );
  });

  afterAll(async () => {
    redis?.signal('SIGCONT');
    await stack?.stop();
    await redis?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  /** One request with a client that gives up (AbortSignal) as the defect's clients did. */
  async function request(method: string, path: string, body?: unknown) {
    const res = await fetch(`${stack.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CLIENT_GIVES_UP_MS),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  const counts = async () =>
    (
      await sql<{ batches: number; details: number }>(
        databaseUrl,
        `SELECT (SELECT count(*)::int FROM batch_executions) AS batches,
                (SELECT count(*)::int FROM batch_execution_details) AS details`,
      )
    )[0];

  it('answers 503 within the bound while Redis is stopped; the reconciler finishes after SIGCONT', async () => {
    // A batch with a failed symbol to retry, and a paused batch with open symbols to resume.
    const failing = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['STALLOK', 'STALLNOTFOUND'],
      interval: '1d',
    });
    expect(failing.status).toBe(202);
    const failingId = failing.body.batch_db_id as number;
    await waitForStatus(stack.base, failingId, isTerminal);

    const symbols = Array.from({ length: 12 }, (_, i) => `STALLP${i}`);
    const paused = await api(stack.base, 'POST', '/api/bulk/start', { symbols, interval: '1d' });
    expect(paused.status).toBe(202);
    const pausedId = paused.body.batch_db_id as number;
    expect((await api(stack.base, 'POST', `/api/bulk/pause/${pausedId}`)).status).toBeLessThan(300);
    const beforePause = await waitForStatus(stack.base, pausedId, (s) => s.status === 'paused');
    expect(beforePause.progress.processed).toBeLessThan(symbols.length);

    const before = await counts();
    redis.signal('SIGSTOP');

    const start = await request('POST', '/api/bulk/start', {
      symbols: ['STALLNEW1', 'STALLNEW2'],
      interval: '1d',
    });
    expect(start.status).toBe(503);
    expect((start.body.error as { code: string }).code).toBe('QUEUE_UNAVAILABLE');
    expect(await counts()).toEqual(before); // the start wrote nothing

    const resume = await request('POST', `/api/bulk/resume/${pausedId}`);
    expect(resume.status).toBe(503);
    expect((resume.body.error as { code: string }).code).toBe('QUEUE_UNAVAILABLE');

    const retry = await request('POST', `/api/batches/${failingId}/retry-failed`);
    expect(retry.status).toBe(503);
    expect((retry.body.error as { code: string }).code).toBe('QUEUE_UNAVAILABLE');

    // The kept changes: the paused batch runs, the failed symbol is open in round 1.
    const [state] = await sql<{ paused_status: string; retried: string }>(
      databaseUrl,
      `SELECT (SELECT status FROM batch_executions WHERE id = $1) AS paused_status,
              (SELECT status || '/' || retry_round FROM batch_execution_details
               WHERE batch_execution_id = $2 AND stock_code = 'STALLNOTFOUND') AS retried`,
      [pausedId, failingId],
    );
    expect(state).toEqual({ paused_status: 'running', retried: 'pending/1' });

    redis.signal('SIGCONT');

    const resumed: StatusBody = await waitForStatus(stack.base, pausedId, isTerminal, 120_000);
    expect(resumed.status).toBe('completed');
    expect(resumed.progress).toMatchObject({
      total: symbols.length,
      processed: symbols.length,
      successful: symbols.length,
      failed: 0,
    });
    // The retried round ran (the symbol is unknown, so it fails again, in round 1).
    await waitForStatus(stack.base, failingId, isTerminal, 120_000);
    const [retried] = await sql<{ status: string; retry_round: number; attempts: number }>(
      databaseUrl,
      `SELECT status, retry_round, attempts FROM batch_execution_details
       WHERE batch_execution_id = $1 AND stock_code = 'STALLNOTFOUND'`,
      [failingId],
    );
    expect(retried).toMatchObject({ status: 'failed', retry_round: 1 });
    expect(retried.attempts).toBeGreaterThan(0);

    // The undone start stays undone: no batch, no detail and no candle of its symbols appeared,
    // even though its enqueue may have reached Redis after SIGCONT.
    const [leftovers] = await sql<{ details: number; candles: number }>(
      databaseUrl,
      `SELECT (SELECT count(*)::int FROM batch_execution_details WHERE stock_code LIKE 'STALLNEW%') AS details,
              (SELECT count(*)::int FROM ohlcv_data WHERE symbol LIKE 'STALLNEW%') AS candles`,
    );
    expect(leftovers).toEqual({ details: 0, candles: 0 });
    expect((await counts()).batches).toBe(before.batches);
  });

  it('with Redis gone (refusing), a start answers 503 and writes nothing (was: a failed batch row)', async () => {
    await redis.stop();
    const before = await counts();
    const start = await request('POST', '/api/bulk/start', {
      symbols: ['GONE1'],
      interval: '1d',
    });
    expect(start.status).toBe(503);
    expect((start.body.error as { code: string; message: string }).message).toMatch(
      /nothing was written/,
    );
    expect(await counts()).toEqual(before);
  });
});
