import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import {
  freePort,
  LaunchedProcess,
  Stack,
  startApp,
  startStack,
  waitFor,
  waitForHttp,
} from '../support/stack';
import {
  createMigratedDatabase,
  dropDatabase,
  queuePrefix,
  TEST_REDIS_URL,
} from '../support/test-env';

/**
 * The HTTP contract of the API process (built dist/, real PostgreSQL and Redis, no worker):
 * auth, validation, the batch lifecycle and its queue side, history, details and SSE progress.
 */

const KEY = 'api-test-key-0123456789abcdef';
const OTHER_KEY = 'api-test-second-key-abcdefgh';

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  type: string;
  body: Json;
}
interface BatchBody {
  success: boolean;
  job_id: string;
  batch_db_id: number;
  status: string;
  progress: { total: number; processed: number; successful: number; failed: number };
}
interface ErrorBody {
  success: false;
  error: { code: string; message: string; details?: unknown };
}
interface SseEvent {
  event: string;
  data: BatchBody;
}

describe('API process: auth, validation, batch lifecycle, history, SSE', () => {
  let stack: Stack;
  let app: LaunchedProcess;
  let base: string;
  let databaseUrl: string;
  let prefix: string;
  let pg: Client;
  let redis: Redis;
  let queue: Queue;
  let env: Record<string, string>;

  beforeAll(async () => {
    databaseUrl = await createMigratedDatabase();
    prefix = queuePrefix();
    env = {
      API_KEYS: `${KEY},${OTHER_KEY}`,
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      MARKET_DATA_PROVIDER: 'synthetic',
      LOG_LEVEL: 'warn',
    };
    stack = await startStack(env, { workers: 0 });
    app = stack.api;
    base = stack.base;
    pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue('fetch-synthetic', { connection: redis, prefix });
  });

  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await stack?.stop();
    await pg?.end();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  async function call(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; key?: string | null; type?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': options.type ?? 'application/json' };
    const key = options.key === undefined ? KEY : options.key;
    if (key !== null) headers['x-api-key'] = key;
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await res.text();
    let body: Json;
    try {
      body = JSON.parse(text) as Json;
    } catch {
      body = { raw: text };
    }
    return { status: res.status, type: res.headers.get('content-type') ?? '', body };
  }

  const error = (a: Answer) => (a.body as unknown as ErrorBody).error;
  const batch = (a: Answer) => a.body as unknown as BatchBody;

  async function count(table: string): Promise<number> {
    const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0].n;
  }

  /** Job keys under this file's prefix (BullMQ writes a `:meta` key per queue at start-up). */
  async function jobKeys(): Promise<string[]> {
    return (await redis.keys(`${prefix}:*`)).filter((k) => !k.endsWith(':meta'));
  }

  async function waitingSymbols(batchId: number): Promise<string[]> {
    const jobs = await queue.getJobs(['waiting']);
    return jobs
      .filter((j) => (j.data as { batchId: number }).batchId === batchId)
      .map((j) => (j.data as { symbol: string }).symbol)
      .sort();
  }

  async function start(symbols: string[], extra: Json = {}): Promise<BatchBody> {
    const res = await call('POST', '/api/bulk/start', {
      body: { symbols, interval: '1d', ...extra },
    });
    expect(res.status).toBe(202);
    return batch(res);
  }

  describe('auth', () => {
    it('health routes stay open; every /api route needs a valid X-API-KEY', async () => {
      expect((await call('GET', '/health/live', { key: null })).status).toBe(200);

      const missing = await call('GET', '/api/batches', { key: null });
      expect(missing.status).toBe(401);
      expect(missing.type).toContain('application/json');
      expect(missing.body).toEqual({
        success: false,
        error: { code: 'UNAUTHORIZED', message: 'missing X-API-KEY header' },
      });
      const wrong = await call('GET', '/api/batches', { key: 'x'.repeat(KEY.length) });
      expect(wrong.status).toBe(401);
      expect(error(wrong)).toEqual({ code: 'UNAUTHORIZED', message: 'invalid API key' });
      const flipped = `${KEY.slice(0, 5)}${KEY[5] === 'a' ? 'b' : 'a'}${KEY.slice(6)}`;
      expect((await call('GET', '/api/batches', { key: flipped })).status).toBe(401);
      expect((await call('GET', '/api/batches', { key: KEY.slice(0, -1) })).status).toBe(401);
      // Routing ignores case: the guard decides on the matched route, not on the URL's spelling.
      expect((await call('GET', '/API/Batches', { key: null })).status).toBe(401);
      expect((await call('GET', '/api/batches/1/events', { key: null })).status).toBe(401);

      expect((await call('GET', '/api/batches')).status).toBe(200);
      expect((await call('GET', '/api/batches', { key: OTHER_KEY })).status).toBe(200);
    });

    it('a start without a valid key writes nothing and enqueues nothing', async () => {
      const body = { symbols: ['AAPL', 'MSFT'], interval: '1d' };
      for (const key of [null, 'not-the-key-0123456789abcdef']) {
        const res = await call('POST', '/api/bulk/start', { body, key });
        expect(res.status).toBe(401);
        expect(error(res).code).toBe('UNAUTHORIZED');
      }
      for (const id of ['1', 'job-1']) {
        expect((await call('POST', `/api/bulk/stop/${id}`, { key: null })).status).toBe(401);
      }
      expect(await count('batch_executions')).toBe(0);
      expect(await count('batch_execution_details')).toBe(0);
      expect(await jobKeys()).toEqual([]);
      expect(app.output()).not.toContain(KEY);
    });
  });

  describe('validation of POST /api/bulk/start', () => {
    // prettier-ignore
    const cases: [string, { body?: unknown; raw?: string; type?: string }, number, string, string][] = [
      ['empty symbols', { body: { symbols: [], interval: '1d' } }, 400, 'EMPTY_SYMBOLS', 'symbols must not be empty'],
      ['no symbols', { body: { interval: '1d' } }, 400, 'VALIDATION_FAILED', 'symbols is required'],
      ['symbols not an array', { body: { symbols: 'AAPL', interval: '1d' } }, 400, 'VALIDATION_FAILED', 'symbols must be an array'],
      ['a symbol not a string', { body: { symbols: ['AAPL', 7], interval: '1d' } }, 400, 'VALIDATION_FAILED', 'each symbol must be a string'],
      ['a symbol of 33 characters', { body: { symbols: ['A'.repeat(33)], interval: '1d' } }, 400, 'VALIDATION_FAILED', 'each symbol must be 1 to 32 characters'],
      ['5001 symbols', { body: { symbols: Array.from({ length: 5001 }, (_, i) => `S${i}`), interval: '1d' } }, 400, 'TOO_MANY_SYMBOLS', 'MAX_SYMBOLS_PER_BATCH (5000)'],
      ['a bad symbol', { body: { symbols: ['AAPL', 'bad symbol!'], interval: '1d' } }, 400, 'INVALID_SYMBOL', '"bad symbol!"'],
      ['a dotless ı (upper-cases to I)', { body: { symbols: ['ı'], interval: '1d' } }, 400, 'INVALID_SYMBOL', '"ı" (symbol contains a non-ASCII character)'],
      ['straße (upper-cases to STRASSE)', { body: { symbols: ['AAPL', 'straße'], interval: '1d' } }, 400, 'INVALID_SYMBOL', '"straße"'],
      ['a lower-case symbol with a space', { body: { symbols: ['toyota motor'], interval: '1d' } }, 400, 'INVALID_SYMBOL', '"toyota motor"'],
      ['interval 2h', { body: { symbols: ['AAPL'], interval: '2h' } }, 400, 'VALIDATION_FAILED', 'interval must be one of 1m, 5m, 15m, 30m, 1h, 1d, 1wk, 1mo'],
      ['no interval', { body: { symbols: ['AAPL'] } }, 400, 'VALIDATION_FAILED', 'interval must be one of'],
      ['bad mode', { body: { symbols: ['AAPL'], interval: '1d', mode: 'fast' } }, 400, 'VALIDATION_FAILED', 'mode must be one of incremental, full'],
      ['bad data_type', { body: { symbols: ['AAPL'], interval: '1d', data_type: 'ticks' } }, 400, 'VALIDATION_FAILED', 'data_type must be one of ohlcv, funding_rate, open_interest'],
      ['a data_type the provider lacks', { body: { symbols: ['AAPL'], interval: '1d', data_type: 'funding_rate' } }, 400, 'INVALID_BATCH', 'does not serve data_type funding_rate'],
      ['from after to', { body: { symbols: ['AAPL'], interval: '1d', from: '2024-03-01', to: '2024-01-01' } }, 400, 'INVALID_RANGE', 'from must be before to'],
      ['from equal to', { body: { symbols: ['AAPL'], interval: '1d', from: '2024-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' } }, 400, 'INVALID_RANGE', 'from must be before to'],
      ['an impossible date', { body: { symbols: ['AAPL'], interval: '1d', from: '2024-02-30' } }, 400, 'VALIDATION_FAILED', 'from must be an ISO 8601 date'],
      ['a week date', { body: { symbols: ['AAPL'], interval: '1d', to: '2024-W05' } }, 400, 'VALIDATION_FAILED', 'to must be an ISO 8601 date'],
      ['an unknown field', { body: { symbols: ['AAPL'], interval: '1d', foo: 1 } }, 400, 'VALIDATION_FAILED', 'property foo should not exist'],
      ['universe other than all', { body: { universe: 'some', interval: '1d' } }, 400, 'VALIDATION_FAILED', 'universe must be "all"'],
      ['an empty universe', { body: { universe: 'all', interval: '1d' } }, 400, 'INVALID_BATCH', 'universe "all" is empty'],
      ['an unknown provider', { body: { symbols: ['AAPL'], interval: '1d', provider: 'nope' } }, 400, 'UNKNOWN_PROVIDER', 'provider "nope" is not available'],
      ['malformed JSON', { raw: '{"symbols": ["AAPL",' }, 400, 'INVALID_JSON', 'request body is not valid JSON'],
      ['a JSON array', { raw: '[{"symbols": ["AAPL"], "interval": "1d"}]' }, 400, 'VALIDATION_FAILED', 'request body must be a JSON object'],
      ['a JSON string', { raw: '"hello"' }, 400, 'INVALID_JSON', 'request body is not valid JSON'],
      ['no body', {}, 400, 'VALIDATION_FAILED', 'symbols is required'],
      ['a form-encoded body', { raw: 'symbols=AAPL&interval=1d', type: 'application/x-www-form-urlencoded' }, 400, 'VALIDATION_FAILED', 'request body must be a JSON object'],
      ['an oversized body', { body: { symbols: Array.from({ length: 40_000 }, (_, i) => `SYMBOL${String(i).padStart(20, '0')}`), interval: '1d' } }, 413, 'PAYLOAD_TOO_LARGE', 'request body is larger than the limit of 1048576 bytes'],
    ];

    const table = cases.map(
      ([name, request, status, code, message]) => [name, status, code, message, request] as const,
    );
    it.each(table)('%s → %i %s', async (_name, status, code, message, request) => {
      const res = await call('POST', '/api/bulk/start', request);
      expect(res.type).toContain('application/json');
      expect({ status: res.status, success: res.body.success, code: error(res)?.code }).toEqual({
        status,
        success: false,
        code,
      });
      expect(error(res).message).toContain(message);
    });

    it('rejected bodies wrote nothing and enqueued nothing', async () => {
      expect(await count('batch_executions')).toBe(0);
      expect(await count('batch_execution_details')).toBe(0);
      expect(await jobKeys()).toEqual([]);
      expect(app.output()).not.toMatch(/→ 5\d\d/);
    });
  });

  describe('batch lifecycle', () => {
    beforeEach(async () => {
      await queue.drain(true);
    });

    it('start → 202 with ids, duplicates reported; status by both ids; one waiting job per symbol', async () => {
      const res = await call('POST', '/api/bulk/start', {
        body: {
          symbols: ['AAPL', 'MSFT', 'aapl', '7203.T', ' msft '],
          interval: '1d',
          mode: 'full',
          from: '2024-01-01',
          to: '2024-02-01T00:00:00Z',
        },
      });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        success: true,
        job_id: expect.stringMatching(/^job-\d+$/),
        batch_db_id: expect.any(Number),
        status: 'accepted',
        total_symbols: 3,
        duplicates_removed: ['AAPL', 'MSFT'],
      });
      const { job_id: jobId, batch_db_id: id } = res.body as {
        job_id: string;
        batch_db_id: number;
      };

      const byId = await call('GET', `/api/bulk/status/${id}`);
      const byJobId = await call('GET', `/api/bulk/status/${jobId}`);
      expect(byId.status).toBe(200);
      expect(byJobId).toEqual(byId);
      expect(byId.body).toMatchObject({
        success: true,
        job_id: jobId,
        batch_db_id: id,
        status: 'running',
        progress: { total: 3, processed: 0, successful: 0, failed: 0, percent: 0 },
        start_time: expect.any(String),
        end_time: null,
        error_message: null,
      });
      expect((await call('GET', `/api/batches/${jobId}`)).body).toEqual(byId.body);

      expect(await queue.getJobCounts('waiting', 'active', 'delayed')).toEqual({
        waiting: 3,
        active: 0,
        delayed: 0,
      });
      expect(await waitingSymbols(id)).toEqual(['7203.T', 'AAPL', 'MSFT']);
      const [job] = await queue.getJobs(['waiting'], 0, 0);
      expect(job.data).toMatchObject({
        batchId: id,
        interval: '1d',
        provider: 'synthetic',
        mode: 'full',
        dataType: 'ohlcv',
        from: '2024-01-01T00:00:00.000Z',
        to: '2024-02-01T00:00:00.000Z',
      });
      const { rows } = await pg.query(
        `SELECT stock_code FROM batch_execution_details WHERE batch_execution_id = $1 ORDER BY stock_code`,
        [id],
      );
      expect(rows.map((r: { stock_code: string }) => r.stock_code)).toEqual([
        '7203.T',
        'AAPL',
        'MSFT',
      ]);
    });

    it('stop → stopped, details cancelled, waiting jobs removed; stopping again or resuming → 409', async () => {
      const started = await start(['S1', 'S2', 'S3', 'S4']);
      const other = await start(['KEEP1']);
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 5 });

      const stopped = await call('POST', `/api/bulk/stop/${started.job_id}`);
      expect(stopped.status).toBe(200);
      expect(batch(stopped)).toMatchObject({ batch_db_id: started.batch_db_id, status: 'stopped' });
      expect(stopped.body.end_time).toEqual(expect.any(String));
      expect(await waitingSymbols(started.batch_db_id)).toEqual([]);
      expect(await waitingSymbols(other.batch_db_id)).toEqual(['KEEP1']);
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

      const details = await call('GET', `/api/batches/${started.batch_db_id}/details`);
      expect(details.body).toMatchObject({ success: true, total: 4 });
      const items = details.body.items as { symbol: string; status: string }[];
      expect(items.map((d) => d.status)).toEqual([
        'cancelled',
        'cancelled',
        'cancelled',
        'cancelled',
      ]);

      for (const action of ['stop', 'resume', 'pause']) {
        const again = await call('POST', `/api/bulk/${action}/${started.batch_db_id}`);
        expect(again.status).toBe(409);
        expect(error(again)).toMatchObject({
          code: 'CONFLICT',
          message: `batch ${started.batch_db_id} is stopped; cannot ${action} it`,
          details: { batch_db_id: started.batch_db_id, status: 'stopped', action },
        });
      }
      await call('POST', `/api/bulk/stop/${other.batch_db_id}`);
    });

    it('status answers from a short cache: another writer within STATUS_CACHE_MS, its own stop at once', async () => {
      const started = await start(['C1', 'C2']);
      const status = async () =>
        batch(await call('GET', `/api/bulk/status/${started.batch_db_id}`));
      expect((await status()).progress).toMatchObject({ processed: 0 });
      // A worker's outcome: a write the API does not make, seen within STATUS_CACHE_MS (100 ms).
      await pg.query(
        `UPDATE batch_execution_details SET status = 'succeeded', end_time = now()
         WHERE batch_execution_id = $1 AND stock_code = 'C1'`,
        [started.batch_db_id],
      );
      const changed = Date.now();
      await waitFor(
        'the outcome in the status',
        async () => ((await status()).progress.processed === 1 ? true : undefined),
        { timeoutMs: 5_000, intervalMs: 10 },
      );
      expect(Date.now() - changed).toBeLessThan(1_000);
      // Pollers racing the API's own stop: the stop's answer and every poll after it say stopped.
      const racing = Array.from({ length: 16 }, () => status());
      const stopped = await call('POST', `/api/bulk/stop/${started.batch_db_id}`);
      expect(batch(stopped)).toMatchObject({ status: 'stopped' });
      expect((await status()).status).toBe('stopped');
      expect(batch(await call('GET', `/api/bulk/status/${started.job_id}`)).status).toBe('stopped');
      await Promise.all(racing);
    });

    it('pause → paused, waiting jobs removed; resume → running with the jobs back; resume twice → 409', async () => {
      const started = await start(['P1', 'P2', 'P3']);
      expect(await waitingSymbols(started.batch_db_id)).toEqual(['P1', 'P2', 'P3']);

      const paused = await call('POST', `/api/bulk/pause/${started.batch_db_id}`);
      expect(paused.status).toBe(200);
      expect(batch(paused).status).toBe('paused');
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 0 });
      const pending = await call(
        'GET',
        `/api/batches/${started.batch_db_id}/details?status=pending`,
      );
      expect(pending.body.total).toBe(3);
      expect((await call('POST', `/api/bulk/pause/${started.batch_db_id}`)).status).toBe(409);

      const resumed = await call('POST', `/api/bulk/resume/${started.job_id}`);
      expect(resumed.status).toBe(200);
      expect(batch(resumed)).toMatchObject({
        status: 'running',
        progress: { total: 3, processed: 0 },
      });
      expect(await waitingSymbols(started.batch_db_id)).toEqual(['P1', 'P2', 'P3']);
      const queued = await call('GET', `/api/batches/${started.batch_db_id}/details?status=queued`);
      expect(queued.body.total).toBe(3);

      const again = await call('POST', `/api/bulk/resume/${started.batch_db_id}`);
      expect(again.status).toBe(409);
      expect(error(again).message).toBe(
        `batch ${started.batch_db_id} is running; cannot resume it`,
      );
      await call('POST', `/api/bulk/stop/${started.batch_db_id}`);
    });

    it('retry-failed → 202 with the failed symbols enqueued again in a new round', async () => {
      const started = await start(['R1', 'R2', 'R3']);
      const id = started.batch_db_id;
      const none = await call('POST', `/api/batches/${id}/retry-failed`);
      expect(none.status).toBe(409);
      expect(error(none).code).toBe('CONFLICT');

      // What a worker would have recorded: R1 succeeded, R2 and R3 failed.
      await queue.drain(true);
      await pg.query(
        `UPDATE batch_execution_details SET status = CASE WHEN stock_code = 'R1' THEN 'succeeded' ELSE 'failed' END,
           error_message = CASE WHEN stock_code = 'R1' THEN NULL ELSE 'boom' END, end_time = now()
         WHERE batch_execution_id = $1`,
        [id],
      );
      await pg.query(
        `UPDATE batch_executions SET status = 'completed_with_errors', processed_stocks = 3,
           successful_stocks = 1, failed_stocks = 2, end_time = now() WHERE id = $1`,
        [id],
      );

      const retried = await call('POST', `/api/batches/${id}/retry-failed`);
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({
        success: true,
        batch_db_id: id,
        status: 'running',
        retried: 2,
        progress: { total: 3, processed: 1, successful: 1, failed: 0 },
      });
      expect(await waitingSymbols(id)).toEqual(['R2', 'R3']);
      const ids = (await queue.getJobs(['waiting'])).map((j) => j.id).sort();
      const ms = (retried.body.job_id as string).slice('job-'.length);
      expect(ids).toEqual([`b${id}.${ms}-1d-r1-R2`, `b${id}.${ms}-1d-r1-R3`]);
      await call('POST', `/api/bulk/stop/${id}`);
    });
  });

  describe('history and details', () => {
    it('GET /api/batches filters by status, type, provider and time, and pages', async () => {
      const { rows } = await pg.query<{ id: number; status: string }>(
        `SELECT id, status FROM batch_executions ORDER BY created_at DESC, id DESC`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(5);
      const stopped = rows.filter((r) => r.status === 'stopped').map((r) => r.id);
      expect(stopped.length).toBeGreaterThanOrEqual(3);

      const all = await call('GET', '/api/batches');
      expect(all.body).toMatchObject({ success: true, total: rows.length, page: 1, page_size: 50 });
      expect((all.body.items as BatchBody[]).map((b) => b.batch_db_id)).toEqual(
        rows.map((r) => r.id),
      );

      const byStatus = await call('GET', '/api/batches?status=stopped&page_size=2&page=2');
      expect(byStatus.body).toMatchObject({ total: stopped.length, page: 2, page_size: 2 });
      expect((byStatus.body.items as BatchBody[]).map((b) => b.batch_db_id)).toEqual(
        stopped.slice(2, 4),
      );
      const twoStatuses = await call('GET', '/api/batches?status=stopped,running&status=paused');
      expect(twoStatuses.body.total).toBe(
        rows.filter((r) => ['stopped', 'running', 'paused'].includes(r.status)).length,
      );

      expect((await call('GET', '/api/batches?type=bulk&provider=synthetic')).body.total).toBe(
        rows.length,
      );
      expect((await call('GET', '/api/batches?type=universe')).body.total).toBe(0);
      expect((await call('GET', '/api/batches?provider=yahoo')).body.total).toBe(0);
      expect((await call('GET', '/api/batches?from=2000-01-01&to=2100-01-01')).body.total).toBe(
        rows.length,
      );
      expect((await call('GET', '/api/batches?from=2100-01-01')).body.total).toBe(0);
      expect((await call('GET', '/api/batches?to=2000-01-01T00:00:00Z')).body.total).toBe(0);
    });

    it('GET /api/batches rejects bad query parameters with 400 naming them', async () => {
      const bad: [string, string][] = [
        ['page_size=501', 'page_size must be at most 500'],
        ['page_size=0', 'page_size must be at least 1'],
        ['page=abc', 'page must be an integer'],
        ['status=bogus', 'status must be a comma-separated list of pending, running'],
        ['from=yesterday', 'from must be an ISO 8601 date'],
        ['sort=id', 'property sort should not exist'],
        ['provider=a&provider=b', 'provider must be a string'],
        ['page=2.5', 'page must be an integer'],
      ];
      for (const [query, message] of bad) {
        const res = await call('GET', `/api/batches?${query}`);
        expect({ query, status: res.status, code: error(res).code }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        expect(error(res).message).toContain(message);
      }
    });

    it('GET /api/batches/:id/details filters by status and pages', async () => {
      const started = await start(['D1', 'D2', 'D3', 'D4', 'D5']);
      const id = started.batch_db_id;
      await pg.query(
        `UPDATE batch_execution_details SET status = 'failed', error_message = 'no data'
         WHERE batch_execution_id = $1 AND stock_code IN ('D2', 'D4')`,
        [id],
      );
      const failed = await call('GET', `/api/batches/${started.job_id}/details?status=failed`);
      expect(failed.status).toBe(200);
      expect(failed.body).toMatchObject({
        success: true,
        batch_db_id: id,
        job_id: started.job_id,
        total: 2,
        page: 1,
        page_size: 50,
      });
      expect(failed.body.items).toEqual([
        expect.objectContaining({
          symbol: 'D2',
          status: 'failed',
          error_message: 'no data',
          attempts: 0,
        }),
        expect.objectContaining({ symbol: 'D4', status: 'failed', error_message: 'no data' }),
      ]);
      const page = await call('GET', `/api/batches/${id}/details?page=2&page_size=2`);
      expect(page.body).toMatchObject({ total: 5, page: 2, page_size: 2 });
      expect((page.body.items as { symbol: string }[]).map((d) => d.symbol)).toEqual(['D3', 'D4']);
      const two = await call('GET', `/api/batches/${id}/details?status=failed,queued`);
      expect(two.body.total).toBe(5);
      const bad = await call('GET', `/api/batches/${id}/details?status=done`);
      expect(bad.status).toBe(400);
      expect(error(bad).message).toContain('status must be a comma-separated list of pending');
      await call('POST', `/api/bulk/stop/${id}`);
    });

    it('unknown ids → 404, malformed ids → 400, on every route', async () => {
      for (const [method, path] of [
        ['GET', '/api/bulk/status/999999'],
        ['GET', '/api/bulk/status/job-1'],
        ['POST', '/api/bulk/stop/999999'],
        ['POST', '/api/bulk/pause/999999'],
        ['POST', '/api/bulk/resume/job-1'],
        ['GET', '/api/batches/999999'],
        ['GET', '/api/batches/999999/details'],
        ['POST', '/api/batches/999999/retry-failed'],
        ['GET', '/api/batches/999999/events'],
      ]) {
        const res = await call(method, path);
        expect({ path, status: res.status, code: error(res)?.code }).toEqual({
          path,
          status: 404,
          code: 'NOT_FOUND',
        });
        expect(res.type).toContain('application/json');
      }
      for (const path of ['/api/bulk/status/abc', '/api/batches/job-x', '/api/batches/-1/events']) {
        const res = await call('GET', path);
        expect({ path, status: res.status, code: error(res)?.code }).toEqual({
          path,
          status: 400,
          code: 'INVALID_ID',
        });
        expect(error(res).message).toContain('batch id must be a number or job-<ms>');
      }
      const route = await call('GET', '/api/nothing-here');
      expect(route.status).toBe(404);
      expect(error(route).code).toBe('NOT_FOUND');
    });
  });

  describe('GET /api/batches/:id/events (server-sent events)', () => {
    /** Reads the stream until it closes; calls `onEvent` for each event as it arrives. */
    async function readEvents(
      path: string,
      onEvent: (e: SseEvent, all: SseEvent[]) => Promise<void> | void,
      timeoutMs = 15_000,
    ): Promise<{ status: number; type: string; events: SseEvent[] }> {
      const res = await fetch(`${base}${path}`, {
        headers: { 'x-api-key': KEY, accept: 'text/event-stream' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const events: SseEvent[] = [];
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (!event) continue; // comments (keep-alive)
          const parsed = { event, data: JSON.parse(data) as BatchBody };
          events.push(parsed);
          await onEvent(parsed, events);
        }
      }
      return { status: res.status, type: res.headers.get('content-type') ?? '', events };
    }

    it('sends progress at once, then progress and end when the batch is stopped, then closes', async () => {
      const started = await start(['E1', 'E2']);
      const t0 = Date.now();
      const { status, type, events } = await readEvents(
        `/api/batches/${started.batch_db_id}/events`,
        async (e, all) => {
          if (all.length === 1) {
            expect(e).toMatchObject({ event: 'progress', data: { status: 'running' } });
            const stop = await call('POST', `/api/bulk/stop/${started.job_id}`);
            expect(stop.status).toBe(200);
          }
        },
      );
      expect(status).toBe(200);
      expect(type).toContain('text/event-stream');
      expect(events.map((e) => `${e.event}:${e.data.status}`)).toEqual([
        'progress:running',
        'progress:stopped',
        'end:stopped',
      ]);
      expect(events[2].data).toMatchObject({
        batch_db_id: started.batch_db_id,
        job_id: started.job_id,
        progress: { total: 2, processed: 0 },
      });
      expect(Date.now() - t0).toBeLessThan(5_000);
    });

    it('reports a pause, and ends at once for a batch that already ended', async () => {
      const started = await start(['F1']);
      const seen = await readEvents(`/api/batches/${started.job_id}/events`, async (_e, all) => {
        if (all.length === 1) await call('POST', `/api/bulk/pause/${started.batch_db_id}`);
        if (all.length === 2) await call('POST', `/api/bulk/stop/${started.batch_db_id}`);
      });
      expect(seen.events.map((e) => `${e.event}:${e.data.status}`)).toEqual([
        'progress:running',
        'progress:paused',
        'progress:stopped',
        'end:stopped',
      ]);

      const ended = await readEvents(`/api/batches/${started.batch_db_id}/events`, () => undefined);
      expect(ended.events.map((e) => `${e.event}:${e.data.status}`)).toEqual([
        'progress:stopped',
        'end:stopped',
      ]);
    });
    it('on SIGTERM, open streams end (without end event) and the API stops at once', async () => {
      const started = await start(['G1']);
      const port = await freePort();
      const second = startApp('api', { ...env, PORT: String(port) });
      try {
        await waitForHttp(`http://127.0.0.1:${port}/health/live`, second);
        const res = await fetch(
          `http://127.0.0.1:${port}/api/batches/${started.batch_db_id}/events`,
          {
            headers: { 'x-api-key': KEY },
            signal: AbortSignal.timeout(10_000),
          },
        );
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        const decoder = new TextDecoder();
        let text = '';
        while (!text.includes('\n\n')) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
        expect(text).toContain('event: progress');

        const t0 = Date.now();
        expect(await second.stop('SIGTERM')).toBe('SIGTERM');
        expect(Date.now() - t0).toBeLessThan(3_000);
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
        expect(text).not.toContain('event: end');
      } finally {
        await second.stop('SIGKILL');
      }
      expect((await call('POST', `/api/bulk/stop/${started.batch_db_id}`)).status).toBe(200);
    });
  });

  it('answered no request with a 500', () => {
    expect(app.output()).not.toMatch(/→ 5\d\d/);
  });
});
