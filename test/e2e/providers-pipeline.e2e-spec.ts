import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeProviderServer } from '../support/fake-provider-server';
import { recordedChart, storedRowsOf } from '../support/yahoo-chart-replay';
import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';
import {
  api,
  isTerminal,
  sql,
  Stack,
  startStack,
  TEST_API_KEY,
  waitForStatus,
} from '../support/stack';

const AAPL = 'yahoo/chart-AAPL-2020-08-31-to-2020-11-07.json';
const MSFT = 'yahoo/historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.json';
const BTC = 'yahoo/chart-BTC-USD-2020-01-01-to-2020-01-03.json';

describe('providers through the whole pipeline (fake provider servers replaying recorded responses)', () => {
  let db: string;
  let stack: Stack;
  let fake: FakeProviderServer;
  let csvDir: string;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    fake = await FakeProviderServer.start();
    csvDir = await mkdtemp(join(tmpdir(), 'mi-csv-'));
    stack = await startStack(
      {
        DATABASE_URL: db,
        QUEUE_PREFIX: queuePrefix(),
        YAHOO_BASE_URL: fake.url,
        BINANCE_BASE_URL: fake.url,
        BYBIT_BASE_URL: fake.url,
        CSV_DATA_DIR: csvDir,
        // Long enough for an answer on a loaded machine (400 ms timed out a normal answer), short
        // enough that the hanging answer's retry stays quick.
        PROVIDER_TIMEOUT_MS: '2000',
        JOB_BACKOFF_MS: '100',
        RECONCILE_INTERVAL_MS: '1000',
      },
      { workers: 1, redis: 'private' },
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
    await rm(csvDir, { recursive: true, force: true });
    await dropDatabase(db);
  });

  const run = async (body: Record<string, unknown>) => {
    const start = await api(stack.base, 'POST', '/api/bulk/start', body);
    expect(start.status).toBe(202);
    return waitForStatus(stack.base, start.body.batch_db_id as number, isTerminal, 60_000);
  };
  const details = (id: number) =>
    sql<{
      stock_code: string;
      status: string;
      attempts: number;
      records_inserted: number;
      rejected_records: number;
      error_message: string | null;
    }>(
      db,
      `SELECT stock_code, status, attempts, records_inserted, rejected_records, error_message
       FROM batch_execution_details WHERE batch_execution_id = $1 ORDER BY stock_code`,
      [id],
    );
  /** Candles of `source`'s series (the batch's provider) of a symbol. */
  const stored = (symbol: string, interval = '1d', source = 'yahoo') =>
    sql<Record<string, unknown>>(
      db,
      `SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, open, high, low, close, adj_close, volume
       FROM ohlcv_data WHERE source = $1 AND symbol = $2 AND interval = $3 ORDER BY ts`,
      [source, symbol, interval],
    );

  it("yahoo: stores exactly the fixtures' non-null candles and their splits and dividends", async () => {
    fake.route('/v8/finance/chart/AAPL', { fixture: AAPL });
    fake.route('/v8/finance/chart/MSFT', { fixture: MSFT });
    const a = await run({
      symbols: ['AAPL'],
      interval: '1d',
      provider: 'yahoo',
      mode: 'full',
      from: '2020-08-31',
      to: '2020-11-07',
    });
    const m = await run({
      symbols: ['MSFT'],
      interval: '1d',
      provider: 'yahoo',
      mode: 'full',
      from: '2021-02-01',
      to: '2022-01-31',
    });
    expect([a.status, m.status]).toEqual(['completed', 'completed']);
    expect(await stored('AAPL')).toEqual(storedRowsOf(recordedChart(AAPL)));
    expect(await stored('MSFT')).toEqual(storedRowsOf(recordedChart(MSFT)));
    expect(await stored('AAPL')).toHaveLength(49);
    expect(await stored('MSFT')).toHaveLength(252);
    const actions = await sql(
      db,
      `SELECT symbol, type, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, amount, numerator, denominator, source
       FROM corporate_actions ORDER BY symbol, ts`,
    );
    expect(actions.filter((x) => (x as { symbol: string }).symbol === 'AAPL')).toEqual([
      {
        symbol: 'AAPL',
        type: 'split',
        day: '2020-08-31',
        amount: null,
        numerator: 4,
        denominator: 1,
        source: 'yahoo',
      },
      {
        symbol: 'AAPL',
        type: 'dividend',
        day: '2020-11-06',
        amount: 0.205,
        numerator: null,
        denominator: null,
        source: 'yahoo',
      },
    ]);
    expect(
      actions.filter((x) => (x as { type: string; symbol: string }).symbol === 'MSFT'),
    ).toHaveLength(4);
    const [d] = await details(a.batch_db_id);
    expect(d).toMatchObject({
      status: 'succeeded',
      records_inserted: 49,
      rejected_records: 0,
      attempts: 1,
    });
  });

  it('yahoo faults: 404 fails at once; 429 + Retry-After, 500 twice, a hang and malformed JSON succeed on retry', async () => {
    fake.route('/v8/finance/chart/GONE', {
      fixture: 'yahoo/error-not-found-404.json',
      status: 404,
    });
    for (const s of ['LIMITED', 'FLAKY', 'HANG', 'BROKEN'])
      fake.route(`/v8/finance/chart/${s}`, { fixture: BTC });
    fake.failFirst('/v8/finance/chart/LIMITED', 1, {
      status: 429,
      body: 'Edge: Too Many Requests',
      headers: { 'retry-after': '1' },
    });
    fake.failFirst('/v8/finance/chart/FLAKY', 2, { status: 500, body: 'Internal error' });
    fake.failFirst('/v8/finance/chart/HANG', 1, { hang: true });
    fake.failFirst('/v8/finance/chart/BROKEN', 1, { malformed: true });
    const done = await run({
      symbols: ['GONE', 'LIMITED', 'FLAKY', 'HANG', 'BROKEN'],
      interval: '1d',
      provider: 'yahoo',
      mode: 'full',
      from: '2020-01-01',
      to: '2020-01-03',
    });
    expect(done.status).toBe('completed_with_errors');
    expect(done.progress).toEqual({
      total: 5,
      processed: 5,
      successful: 4,
      failed: 1,
      percent: 100,
    });
    const rows = await details(done.batch_db_id);
    const by = Object.fromEntries(rows.map((r) => [r.stock_code, r]));
    expect(by.GONE).toMatchObject({
      status: 'failed',
      attempts: 1,
      error_message: 'symbol GONE not found: No data found, symbol may be delisted',
    });
    expect(fake.requestsTo('/v8/finance/chart/GONE')).toHaveLength(1);
    // 3 candles in the fixture; the one stamped at `to` is outside the range and is counted as rejected.
    for (const s of ['LIMITED', 'FLAKY', 'HANG', 'BROKEN']) {
      expect(by[s]).toMatchObject({
        status: 'succeeded',
        records_inserted: 2,
        rejected_records: 1,
      });
    }
    expect(by.FLAKY.attempts).toBe(3);
    expect(by.HANG.attempts).toBe(2);
    expect(by.BROKEN.attempts).toBe(2);
    const limited = fake.requestsTo('/v8/finance/chart/LIMITED');
    expect(limited).toHaveLength(2);
    expect(limited[1].at - limited[0].at).toBeGreaterThanOrEqual(900);
    expect(fake.requestsTo('/v8/finance/chart/FLAKY')).toHaveLength(3);
  });

  it('incremental: the second batch asks only from the last stored candle and stores only new rows', async () => {
    fake.reset();
    fake.route('/v8/finance/chart/AAPL', { fixture: AAPL });
    const again = await run({
      symbols: ['AAPL'],
      interval: '1d',
      provider: 'yahoo',
      to: '2020-11-07',
    });
    expect(again.status).toBe('completed');
    const [request] = fake.requestsTo('/v8/finance/chart/AAPL');
    expect(request.query.get('period1')).toBe(String(Date.UTC(2020, 10, 6) / 1000));
    const [d] = await details(again.batch_db_id);
    expect(d.records_inserted).toBe(0);
    expect(await stored('AAPL')).toHaveLength(49);
  });

  it('binance: klines, funding rates and open interest land in their tables', async () => {
    fake.route('/fapi/v1/klines', { fixture: 'binance/fapi-klines-BTCUSDT-1h-2026-08-15.json' });
    fake.route('/fapi/v1/fundingRate', {
      fixture: 'binance/fapi-fundingRate-BTCUSDT-2026-08-15.json',
    });
    fake.route('/futures/data/openInterestHist', {
      fixture: 'binance/openInterestHist-BTCUSDT-1h-2026-08-15.json',
    });
    const k = await run({
      symbols: ['BTCUSDT'],
      interval: '1h',
      provider: 'binance',
      mode: 'full',
      from: '2026-08-15T18:00:00Z',
      to: '2026-08-15T20:00:00Z',
    });
    const f = await run({
      symbols: ['BTCUSDT'],
      interval: '1h',
      provider: 'binance',
      data_type: 'funding_rate',
      mode: 'full',
    });
    const o = await run({
      symbols: ['BTCUSDT'],
      interval: '1h',
      provider: 'binance',
      data_type: 'open_interest',
      mode: 'full',
    });
    expect([k.status, f.status, o.status]).toEqual(['completed', 'completed', 'completed']);
    expect((await stored('BTCUSDT', '1h', 'binance')).map((c) => c.day)).toEqual([
      '2026-08-15',
      '2026-08-15',
    ]);
    const funding = await sql<{ ms: string; funding_rate: number }>(
      db,
      `SELECT (extract(epoch FROM ts) * 1000)::bigint::text AS ms, funding_rate FROM funding_rate_data
       WHERE source = 'binance' ORDER BY ts`,
    );
    expect(funding).toEqual([
      { ms: '1786780800002', funding_rate: 0.00006523 },
      { ms: '1786809600000', funding_rate: 0.00005311 },
    ]);
    const oi = await sql(
      db,
      `SELECT count(*)::int AS n FROM open_interest_data WHERE source = 'binance' AND symbol = 'BTCUSDT' AND interval = '1h'`,
    );
    expect(oi).toEqual([{ n: 2 }]);
  });

  it('bybit: klines, funding rates and open interest land in their tables', async () => {
    fake.route('/v5/market/kline', { fixture: 'bybit/kline-linear-BTCUSDT-60-2026-08-15.json' });
    fake.route('/v5/market/funding/history', {
      fixture: 'bybit/funding-history-linear-BTCUSDT-2026-08-15.json',
    });
    fake.route('/v5/market/open-interest', {
      fixture: 'bybit/open-interest-linear-BTCUSDT-1h-2026-08-15.json',
    });
    // BTCUSDT again, from bybit this time: its own series beside binance's (next test).
    const request = {
      symbols: ['BTCUSDT'],
      interval: '1h',
      provider: 'bybit',
      mode: 'full',
      from: '2026-08-15T00:00:00Z',
      to: '2026-08-15T20:00:00Z',
    };
    const k = await run(request);
    const f = await run({ ...request, data_type: 'funding_rate' });
    const o = await run({ ...request, data_type: 'open_interest' });
    expect([k.status, f.status, o.status]).toEqual(['completed', 'completed', 'completed']);
    const candles = await sql<{ ts: Date; close: number }>(
      db,
      `SELECT ts, close FROM ohlcv_data WHERE source = 'bybit' AND symbol = 'BTCUSDT' AND interval = '1h' ORDER BY ts`,
    );
    expect(candles.map((c) => [c.ts.toISOString(), c.close])).toEqual([
      ['2026-08-15T18:00:00.000Z', 63027.8],
      ['2026-08-15T19:00:00.000Z', 63032.3],
    ]);
    const funding = await sql<{ ms: string; funding_rate: number }>(
      db,
      `SELECT (extract(epoch FROM ts) * 1000)::bigint::text AS ms, funding_rate FROM funding_rate_data
       WHERE source = 'bybit' AND symbol = 'BTCUSDT' ORDER BY ts`,
    );
    expect(funding).toEqual([
      { ms: '1786780800000', funding_rate: 0.00004737 },
      { ms: '1786809600000', funding_rate: 0.00004403 },
    ]);
    const oi = await sql<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM open_interest_data WHERE source = 'bybit' AND symbol = 'BTCUSDT' AND interval = '1h'`,
    );
    expect(oi).toEqual([{ n: 2 }]);
  });

  it('BTCUSDT from binance and from bybit: both stored, each read back with ?source=, ambiguous without', async () => {
    // The two tests above stored the same symbol, interval and hours from the two recordings.
    const read = async (path: string) => {
      const res = await api(stack.base, 'GET', path);
      return { status: res.status, body: res.body as Record<string, unknown> };
    };
    const closes = async (source: string) => {
      const res = await read(`/api/ohlcv/BTCUSDT?interval=1h&source=${source}`);
      expect(res).toMatchObject({ status: 200, body: { source, symbol: 'BTCUSDT', count: 2 } });
      return (res.body.items as { ts: string; close: number }[]).map((c) => [c.ts, c.close]);
    };
    // The recordings' own values: binance's klines and bybit's (newest first in its answer).
    expect(await closes('binance')).toEqual([
      ['2026-08-15T18:00:00.000Z', 63026.3],
      ['2026-08-15T19:00:00.000Z', 63029.7],
    ]);
    expect(await closes('bybit')).toEqual([
      ['2026-08-15T18:00:00.000Z', 63027.8],
      ['2026-08-15T19:00:00.000Z', 63032.3],
    ]);
    const rates = async (source: string) =>
      (
        (await read(`/api/funding-rates/BTCUSDT?source=${source}`)).body.items as {
          funding_rate: number;
        }[]
      ).map((r) => r.funding_rate);
    expect(await rates('binance')).toEqual([0.00006523, 0.00005311]);
    expect(await rates('bybit')).toEqual([0.00004737, 0.00004403]);
    const interest = async (source: string) =>
      (
        (await read(`/api/open-interest/BTCUSDT?interval=1h&source=${source}`)).body.items as {
          open_interest: number;
        }[]
      ).map((r) => r.open_interest);
    expect(await interest('binance')).toEqual([111856.664, 111688.14]);
    expect(await interest('bybit')).toEqual([65041.568, 64992.054]);

    // Without a source every route refuses, naming both, and says how to choose.
    for (const path of [
      '/api/ohlcv/BTCUSDT?interval=1h',
      '/api/ohlcv/btcusdt?interval=1h&format=csv',
      '/api/ohlcv/BTCUSDT?interval=1h&bucket=1d',
      '/api/funding-rates/BTCUSDT',
      '/api/open-interest/BTCUSDT?interval=1h',
      '/api/symbols/BTCUSDT/coverage',
    ]) {
      expect({ path, ...(await read(path)) }).toEqual({
        path,
        status: 400,
        body: {
          success: false,
          error: {
            code: 'AMBIGUOUS_SOURCE',
            message:
              'BTCUSDT is stored from several sources (binance, bybit): name one with source=',
            details: { field: 'source', candidates: ['binance', 'bybit'] },
          },
        },
      });
    }
    // CSV and coverage of one source.
    const csv = await fetch(`${stack.base}/api/ohlcv/BTCUSDT?interval=1h&format=csv&source=bybit`, {
      headers: { 'x-api-key': TEST_API_KEY },
    });
    expect(csv.headers.get('content-disposition')).toContain('BTCUSDT-bybit-1h.csv');
    expect((await csv.text()).trim().split('\n').slice(1)).toEqual([
      '2026-08-15T18:00:00.000Z,63044.4,63089.6,63000.1,63027.8,,385.721',
      '2026-08-15T19:00:00.000Z,63027.8,63032.3,63027.7,63032.3,,4.591',
    ]);
    expect(await read('/api/symbols/BTCUSDT/coverage?source=binance')).toMatchObject({
      status: 200,
      body: { source: 'binance', intervals: [{ interval: '1h', candles: 2 }] },
    });
  });

  it('csv: a good file, a file with bad rows (counted), and a missing symbol', async () => {
    await writeFile(
      join(csvDir, 'GOOD.csv'),
      'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,11,9,10.5,10.4,1000\n2024-01-03,10.5,12,10,11,10.9,1200\n',
    );
    await writeFile(
      join(csvDir, 'BAD.csv'),
      'date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,1000\nnot-a-date,1,1,1,1,1\n2024-01-04,10,9,8,10.5,100\n2024-01-05,10,11,9,10,-5\n',
    );
    const done = await run({
      symbols: ['GOOD', 'BAD', 'MISSING'],
      interval: '1d',
      provider: 'csv',
      mode: 'full',
    });
    expect(done.progress).toEqual({
      total: 3,
      processed: 3,
      successful: 2,
      failed: 1,
      percent: 100,
    });
    const by = Object.fromEntries((await details(done.batch_db_id)).map((r) => [r.stock_code, r]));
    expect(by.GOOD).toMatchObject({
      status: 'succeeded',
      records_inserted: 2,
      rejected_records: 0,
    });
    expect(by.BAD).toMatchObject({ status: 'succeeded', records_inserted: 1, rejected_records: 3 });
    expect(by.MISSING).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await stored('GOOD', '1d', 'csv')).toEqual([
      { day: '2024-01-02', open: 10, high: 11, low: 9, close: 10.5, adj_close: 10.4, volume: 1000 },
      {
        day: '2024-01-03',
        open: 10.5,
        high: 12,
        low: 10,
        close: 11,
        adj_close: 10.9,
        volume: 1200,
      },
    ]);
  });
});
