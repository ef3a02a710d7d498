import { Client } from 'pg';
import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';
import {
  api,
  holdsFor,
  isTerminal,
  sql,
  Stack,
  startStack,
  waitFor,
  waitForStatus,
} from '../support/stack';

const RANGE = { from: '2024-01-01T00:00:00Z', to: '2024-01-11T00:00:00Z' }; // 10 daily candles

async function rowsOf(db: string, symbols: string[]): Promise<number> {
  const [{ n }] = await sql<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM ohlcv_data WHERE symbol = ANY($1)`,
    [symbols],
  );
  return n;
}

async function detailCounts(db: string, id: number): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }>(
    db,
    `SELECT status, count(*)::int AS n FROM batch_execution_details WHERE batch_execution_id = $1 GROUP BY status`,
    [id],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * The batch completed with every symbol of `list` succeeded exactly once and its 10 candles
 * stored: progress, detail rows and candle rows all agree.
 */
async function expectEachStoredOnce(
  db: string,
  done: { status: string; progress: unknown },
  id: number,
  list: string[],
): Promise<void> {
  const n = list.length;
  expect(done.status).toBe('completed');
  expect(done.progress).toEqual({
    total: n,
    processed: n,
    successful: n,
    failed: 0,
    percent: 100,
  });
  expect(await detailCounts(db, id)).toEqual({ succeeded: n });
  expect(await rowsOf(db, list)).toBe(n * 10);
}

describe('bulk pipeline under faults (processes; slow synthetic provider)', () => {
  let db: string;
  let stack: Stack;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    stack = await startStack(
      {
        DATABASE_URL: db,
        QUEUE_PREFIX: queuePrefix(),
        SYNTHETIC_LATENCY_MS: '150',
        WORKER_CONCURRENCY: '2',
        JOB_BACKOFF_MS: '100',
        JOB_LOCK_MS: '3000',
        RECONCILE_INTERVAL_MS: '1000',
      },
      { workers: 2, redis: 'private' },
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await dropDatabase(db);
  });

  const symbols = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}${i}`);

  it('stop mid-batch: stopped, the rest cancelled, nothing written after stop returns', async () => {
    const list = symbols('STOP', 60);
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: list,
      interval: '1d',
      mode: 'full',
      ...RANGE,
    });
    const id = start.body.batch_db_id as number;
    await waitForStatus(stack.base, id, (s) => s.progress.processed >= 5);
    const stop = await api(stack.base, 'POST', `/api/bulk/stop/${id}`);
    expect(stop.status).toBe(200);
    expect(stop.body.status).toBe('stopped');
    const rowsAtStop = await rowsOf(db, list);
    const processedAtStop = (stop.body.progress as { processed: number }).processed;
    // Nothing is written after stop returns: watched over more than one job's duration (150 ms).
    await holdsFor(
      'no candle written after stop',
      async () => (await rowsOf(db, list)) === rowsAtStop,
      1500,
    );
    const after = await waitForStatus(stack.base, id, () => true);
    expect(after.status).toBe('stopped');
    expect(after.progress.processed).toBe(processedAtStop);
    expect(rowsAtStop).toBe(processedAtStop * 10);
    const counts = await detailCounts(db, id);
    expect(counts.succeeded).toBe(processedAtStop);
    expect(counts.cancelled).toBe(60 - processedAtStop);
  });

  it('pause: no work while paused; resume: completes', async () => {
    const list = symbols('PAU', 40);
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: list,
      interval: '1d',
      mode: 'full',
      ...RANGE,
    });
    const id = start.body.batch_db_id as number;
    await waitForStatus(stack.base, id, (s) => s.progress.processed >= 4);
    const pause = await api(stack.base, 'POST', `/api/bulk/pause/${id}`);
    expect(pause.body.status).toBe('paused');
    // Jobs already running finish and are counted; then nothing moves while paused.
    await waitFor('the running jobs of the paused batch finished', async () => {
      const counts = await detailCounts(db, id);
      return (counts.running ?? 0) === 0 ? true : undefined;
    });
    const p1 = (await waitForStatus(stack.base, id, () => true)).progress.processed;
    await holdsFor(
      'no progress while paused',
      async () => {
        const s = await waitForStatus(stack.base, id, () => true);
        return s.status === 'paused' && s.progress.processed === p1;
      },
      1500,
    );
    expect(p1).toBeLessThan(40);

    const resume = await api(stack.base, 'POST', `/api/bulk/resume/${id}`);
    expect(resume.body.status).toBe('running');
    const done = await waitForStatus(stack.base, id, isTerminal);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ total: 40, processed: 40, successful: 40 });
    expect(await rowsOf(db, list)).toBe(400);
  });

  it('a worker killed with SIGKILL mid-batch: the batch completes, each symbol counted once', async () => {
    const list = symbols('KIL', 60);
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: list,
      interval: '1d',
      mode: 'full',
      ...RANGE,
    });
    const id = start.body.batch_db_id as number;
    await waitForStatus(stack.base, id, (s) => s.progress.processed >= 6);
    const victim = stack.workers[0];
    expect(await victim.stop('SIGKILL')).toBe('SIGKILL');
    stack.workers.shift();
    stack.workerUrls.shift();
    const done = await waitForStatus(stack.base, id, isTerminal, 90_000);
    await expectEachStoredOnce(db, done, id, list);
    await stack.startWorker();
  });

  it('a worker killed while holding outcomes of completed jobs (write-behind): they run again, each counted once', async () => {
    const list = symbols('WBK', 30);
    // Candle writes wait on a lock this test holds: jobs complete, their outcomes wait in the workers.
    const locker = new Client({ connectionString: db });
    await locker.connect();
    const id = await (async () => {
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE ohlcv_data IN SHARE MODE');
        const start = await api(stack.base, 'POST', '/api/bulk/start', {
          symbols: list,
          interval: '1d',
          mode: 'full',
          ...RANGE,
        });
        const batchId = start.body.batch_db_id as number;
        const metricsUrl = `${stack.workerUrls[0]}/metrics`;
        await waitFor(
          'the first worker holding outcomes of completed jobs',
          async () => {
            const text = await (await fetch(metricsUrl)).text();
            const n = Number(/^market_ingest_outcomes_unwritten (\S+)$/m.exec(text)?.[1] ?? 0);
            return n >= 4 || undefined;
          },
          { timeoutMs: 30_000 },
        );
        // Nothing of them is stored or counted yet.
        expect((await waitForStatus(stack.base, batchId, () => true)).progress.processed).toBe(0);
        expect(await stack.workers[0].stop('SIGKILL')).toBe('SIGKILL');
        stack.workers.shift();
        stack.workerUrls.shift();
        return batchId;
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
      }
    })();
    // The other worker's outcomes commit now; the killed one's symbols are still open with
    // completed jobs, which the reconciler replaces once they are JOB_LOCK_MS (3 s) old.
    const done = await waitForStatus(stack.base, id, isTerminal, 90_000);
    await expectEachStoredOnce(db, done, id, list);
    // Those the killed worker held in memory (its statement in flight may still have committed)
    // came back through the reconciler, not BullMQ's stalled check (which is for active jobs).
    expect(stack.logs()).toMatch(new RegExp(`batch ${id}: re-enqueued \\d+ symbol`));
    const [{ again }] = await sql<{ again: number }>(
      db,
      `SELECT count(*) FILTER (WHERE attempts > 1)::int AS again FROM batch_execution_details
       WHERE batch_execution_id = $1`,
      [id],
    );
    expect(again).toBeGreaterThan(0);
    await stack.startWorker();
  });

  it('Redis FLUSHALL mid-batch: the reconciler re-enqueues and the batch completes', async () => {
    const list = symbols('FLU', 50);
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: list,
      interval: '1d',
      mode: 'full',
      ...RANGE,
    });
    const id = start.body.batch_db_id as number;
    await waitForStatus(stack.base, id, (s) => s.progress.processed >= 5);
    await stack.redis?.flushAll();
    const done = await waitForStatus(stack.base, id, isTerminal, 90_000);
    await expectEachStoredOnce(db, done, id, list);
  });
});
