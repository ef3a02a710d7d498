import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';
import {
  api,
  isTerminal,
  sql,
  Stack,
  startStack,
  StatusBody,
  waitForStatus,
} from '../support/stack';

const RANGE = { from: '2024-01-01T00:00:00Z', to: '2024-03-01T00:00:00Z' }; // 60 daily candles

describe('bulk pipeline: API and worker processes, real PostgreSQL and Redis', () => {
  let db: string;
  let stack: Stack;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    stack = await startStack(
      {
        DATABASE_URL: db,
        QUEUE_PREFIX: queuePrefix(),
        JOB_BACKOFF_MS: '100',
        RECONCILE_INTERVAL_MS: '1000',
      },
      { workers: 1, redis: 'private' },
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await dropDatabase(db);
  });

  it('a 300-symbol batch completes with exact counts; rows stored = sum of records_inserted', async () => {
    const symbols = Array.from({ length: 300 }, (_, i) => `T${String(i).padStart(3, '0')}`);
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols,
      interval: '1d',
      mode: 'full',
      ...RANGE,
    });
    expect(start.status).toBe(202);
    expect(start.body).toMatchObject({
      success: true,
      status: 'accepted',
      job_id: expect.stringMatching(/^job-\d+$/),
    });
    const id = start.body.batch_db_id as number;

    const done = await waitForStatus(stack.base, id, isTerminal);
    expect(done.status).toBe('completed');
    expect(done.progress).toEqual({
      total: 300,
      processed: 300,
      successful: 300,
      failed: 0,
      percent: 100,
    });
    const byJobId = await api(stack.base, 'GET', `/api/bulk/status/${start.body.job_id as string}`);
    expect(byJobId.body).toEqual(
      expect.objectContaining({ batch_db_id: id, status: 'completed', progress: done.progress }),
    );

    const [{ stored }] = await sql<{ stored: number }>(
      db,
      `SELECT count(*)::int AS stored FROM ohlcv_data WHERE symbol = ANY($1) AND interval = '1d'`,
      [symbols],
    );
    const [{ inserted, terminal }] = await sql<{ inserted: number; terminal: number }>(
      db,
      `SELECT sum(records_inserted)::int AS inserted, count(*) FILTER (WHERE status = 'succeeded')::int AS terminal
       FROM batch_execution_details WHERE batch_execution_id = $1`,
      [id],
    );
    expect(stored).toBe(300 * 60);
    expect(inserted).toBe(stored);
    expect(terminal).toBe(300);

    // The worker's metrics moved with the batch; the API's show the batch by status.
    const metric = (text: string, series: string): number =>
      Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    const workerMetrics = await (await fetch(`${stack.workerUrls[0]}/metrics`)).text();
    expect(
      metric(workerMetrics, 'market_ingest_jobs_total{provider="synthetic",outcome="completed"}'),
    ).toBeGreaterThanOrEqual(300);
    expect(
      metric(workerMetrics, 'market_ingest_rows_upserted_total{data_type="ohlcv"}'),
    ).toBeGreaterThanOrEqual(18_000);
    expect(workerMetrics).toContain('market_ingest_job_duration_seconds_bucket');
    // Outcomes taken over from completed jobs and not committed: none once the batch has ended
    // (its last outcome's settling may still be on its way out).
    expect(metric(workerMetrics, 'market_ingest_outcomes_unwritten')).toBeLessThanOrEqual(1);
    const apiMetrics = await (await fetch(`${stack.base}/metrics`)).text();
    expect(metric(apiMetrics, 'market_ingest_batches{status="completed"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(apiMetrics).toContain(
      'market_ingest_queue_jobs{queue="fetch-synthetic",state="waiting"}',
    );
  });

  it('the same symbols submitted twice: two batches, candles stored once', async () => {
    const symbols = ['DUP1', 'DUP2', 'DUP3'];
    const body = { symbols, interval: '1d', mode: 'full', ...RANGE };
    const a = await api(stack.base, 'POST', '/api/bulk/start', body);
    const b = await api(stack.base, 'POST', '/api/bulk/start', body);
    expect(a.body.batch_db_id).not.toBe(b.body.batch_db_id);
    const sa = await waitForStatus(stack.base, a.body.batch_db_id as number, isTerminal);
    const sb = await waitForStatus(stack.base, b.body.batch_db_id as number, isTerminal);
    expect([sa.status, sb.status]).toEqual(['completed', 'completed']);
    const [{ stored }] = await sql<{ stored: number }>(
      db,
      `SELECT count(*)::int AS stored FROM ohlcv_data WHERE symbol = ANY($1)`,
      [symbols],
    );
    expect(stored).toBe(3 * 60);
    const [{ inserted }] = await sql<{ inserted: number }>(
      db,
      `SELECT sum(records_inserted)::int AS inserted FROM batch_execution_details WHERE batch_execution_id = ANY($1)`,
      [[a.body.batch_db_id, b.body.batch_db_id]],
    );
    expect(inserted).toBe(stored);
  });

  it('transient failures succeed on retry and count once; a permanent failure is recorded without retries', async () => {
    const start = await api(stack.base, 'POST', '/api/bulk/start', {
      symbols: ['OK1', 'FLAKY2A', 'FLAKY2B', 'GONENOTFOUND'],
      interval: '1d',
      mode: 'full',
      ...RANGE,
    });
    const id = start.body.batch_db_id as number;
    const done: StatusBody = await waitForStatus(stack.base, id, isTerminal);
    expect(done.status).toBe('completed_with_errors');
    expect(done.progress).toEqual({
      total: 4,
      processed: 4,
      successful: 3,
      failed: 1,
      percent: 100,
    });
    const details = await sql<{
      stock_code: string;
      status: string;
      attempts: number;
      error_message: string | null;
    }>(
      db,
      `SELECT stock_code, status, attempts, error_message FROM batch_execution_details
       WHERE batch_execution_id = $1 ORDER BY stock_code`,
      [id],
    );
    expect(details).toEqual([
      { stock_code: 'FLAKY2A', status: 'succeeded', attempts: 3, error_message: null },
      { stock_code: 'FLAKY2B', status: 'succeeded', attempts: 3, error_message: null },
      {
        stock_code: 'GONENOTFOUND',
        status: 'failed',
        attempts: 1,
        error_message: 'symbol GONENOTFOUND not found: No data found, symbol may be delisted',
      },
      { stock_code: 'OK1', status: 'succeeded', attempts: 1, error_message: null },
    ]);
  });
});
