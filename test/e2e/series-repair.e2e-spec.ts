import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeProviderServer } from '../support/fake-provider-server';
import { responseChecker, SchemaCheck } from '../support/openapi-check';
import { api, isTerminal, sql, Stack, startStack, waitForStatus } from '../support/stack';
import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';
import { beforeSplit, recordedChart, yahooChartHandler } from '../support/yahoo-chart-replay';

const AAPL = 'yahoo/chart-AAPL-2020-08-31-to-2020-11-07.json';

/**
 * Issue 15 through the processes: a split reaching an incremental batch fetches the stored
 * history again (the batch details say why), and `GET /api/anomalies` lists what ingest flagged.
 */
describe('split-aware history and GET /api/anomalies (API and worker processes)', () => {
  let db: string;
  let stack: Stack;
  let fake: FakeProviderServer;
  let csvDir: string;
  let check: (path: string, method: string, status: number, body: unknown) => SchemaCheck;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    fake = await FakeProviderServer.start();
    csvDir = await mkdtemp(join(tmpdir(), 'mi-anomalies-'));
    stack = await startStack({
      DATABASE_URL: db,
      QUEUE_PREFIX: queuePrefix(),
      YAHOO_BASE_URL: fake.url,
      CSV_DATA_DIR: csvDir,
      PROVIDER_TIMEOUT_MS: '5000',
      JOB_BACKOFF_MS: '100',
    });
    check = responseChecker(await (await fetch(`${stack.base}/docs-json`)).json());
  });
  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
    if (csvDir) await rm(csvDir, { recursive: true, force: true });
    await dropDatabase(db);
  });

  const valid = (path: string, status: number, body: unknown) =>
    expect(check(path, 'get', status, body)).toMatchObject({ valid: true, errors: null });

  const run = async (body: Record<string, unknown>) => {
    const start = await api(stack.base, 'POST', '/api/bulk/start', { interval: '1d', ...body });
    expect(start.status).toBe(202);
    const id = start.body.batch_db_id as number;
    const done = await waitForStatus(stack.base, id, isTerminal, 60_000);
    expect(done.status).toBe('completed');
    return id;
  };

  it('an incremental batch after a 4:1 split stores the recorded history; its detail says why', async () => {
    const recording = recordedChart(AAPL);
    let served = beforeSplit(recording, recording.splits[0].date, 4, Number.MAX_SAFE_INTEGER);
    fake.route(
      '/v8/finance/chart/AAPL',
      yahooChartHandler(() => served),
    );
    const first = await run({ symbols: ['AAPL'], provider: 'yahoo', mode: 'full' });
    served = recording;
    const second = await run({ symbols: ['AAPL'], provider: 'yahoo', mode: 'incremental' });

    const details = await api(stack.base, 'GET', `/api/batches/${second}/details`);
    valid('/api/batches/{id}/details', 200, details.body);
    expect(details.body.items).toEqual([
      expect.objectContaining({
        symbol: 'AAPL',
        status: 'succeeded',
        records_inserted: 49,
        refetch: {
          reasons: ['overlap_mismatch'],
          message: expect.stringContaining('the overlap candle changed'),
          splits: [],
          candles: 49,
          deleted: 0,
          adjusted: 0,
          kept: 0,
        },
      }),
    ]);
    const before = await api(stack.base, 'GET', `/api/batches/${first}/details`);
    expect(before.body.items).toEqual([expect.objectContaining({ refetch: null })]);
    valid('/api/batches/{id}/details', 200, before.body);

    const candles = await api(stack.base, 'GET', '/api/ohlcv/AAPL?source=yahoo&limit=100');
    expect((candles.body.items as { close: number }[]).map((c) => c.close)).toEqual(
      recording.bars.map((b) => b.close),
    );
  });

  it('a CSV series with a 10× jump: one price_jump, listed with filters; re-ingesting lists no more', async () => {
    const closes = [10, 10.2, 10.1, 10.3, 10.2, 102, 101.5, 103];
    const days = ['02', '03', '04', '05', '08', '09', '10', '11'].map((d) => `2024-01-${d}`);
    await writeFile(
      join(csvDir, 'JUMP.csv'),
      [
        'Date,Open,High,Low,Close,Adj Close,Volume',
        ...closes.map((c, i) => `${days[i]},${c},${c + 0.5},${c - 0.5},${c},${c},1000`),
      ].join('\n'),
    );
    // `to`: judged as of 2024-01-12, the series is not stale.
    const batch = await run({
      symbols: ['JUMP'],
      provider: 'csv',
      mode: 'full',
      to: '2024-01-12T00:00:00Z',
    });
    const listed = await api(stack.base, 'GET', '/api/anomalies?symbol=jump');
    expect(listed.status).toBe(200);
    valid('/api/anomalies', 200, listed.body);
    expect(listed.body).toEqual({
      success: true,
      items: [
        {
          id: expect.any(Number),
          source: 'csv',
          symbol: 'JUMP',
          interval: '1d',
          kind: 'price_jump',
          ts: '2024-01-09T00:00:00.000Z',
          detected_at: expect.any(String),
          batch_execution_id: batch,
          details: {
            previous_ts: '2024-01-08T00:00:00.000Z',
            previous_close: 10.2,
            close: 102,
            ratio: 10,
            threshold: 1.8,
          },
        },
      ],
      total: 1,
      page: 1,
      page_size: 50,
    });
    // A flag, not a reject.
    const stored = await sql<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM ohlcv_data WHERE source = 'csv' AND symbol = 'JUMP'`,
    );
    expect(stored).toEqual([{ n: 8 }]);

    await run({ symbols: ['JUMP'], provider: 'csv', mode: 'full', to: '2024-01-12T00:00:00Z' });
    const again = await api(stack.base, 'GET', '/api/anomalies?symbol=JUMP&source=CSV');
    expect(again.body).toMatchObject({ total: 1, items: [{ batch_execution_id: batch }] });

    const query = async (q: string) =>
      (await api(stack.base, 'GET', `/api/anomalies?${q}`)).body.total as number;
    expect(await query('symbol=JUMP&kind=price_jump,zero_volume_run&interval=1d')).toBe(1);
    expect(await query('symbol=JUMP&kind=stale')).toBe(0);
    expect(await query('symbol=JUMP&source=yahoo')).toBe(0);
    expect(await query('symbol=JUMP&from=2024-01-09&to=2024-01-10')).toBe(1);
    expect(await query('symbol=JUMP&from=2024-01-10')).toBe(0);
    expect(await query('kind=price_jump&kind=stale')).toBeGreaterThanOrEqual(1);
    const page = await api(stack.base, 'GET', '/api/anomalies?page=2&page_size=1');
    valid('/api/anomalies', 200, page.body);
    expect(page.body).toMatchObject({ page: 2, page_size: 1 });
  });

  it('answers 400 with a code naming the problem, and 401 without a key', async () => {
    const cases: [string, string, string][] = [
      ['symbol=bad%20symbol', 'INVALID_SYMBOL', 'symbol'],
      ['from=2024-02-01&to=2024-01-01', 'INVALID_RANGE', 'from'],
      ['kind=jump', 'VALIDATION_FAILED', 'kind'],
      ['interval=2d', 'VALIDATION_FAILED', 'interval'],
      ['from=yesterday', 'VALIDATION_FAILED', 'from'],
      ['source=a%2Fb', 'VALIDATION_FAILED', 'source'],
      ['page_size=501', 'VALIDATION_FAILED', 'page_size'],
    ];
    for (const [q, code, named] of cases) {
      const res = await api(stack.base, 'GET', `/api/anomalies?${q}`);
      expect({ q, status: res.status, code: (res.body.error as { code: string }).code }).toEqual({
        q,
        status: 400,
        code,
      });
      expect((res.body.error as { message: string }).message).toContain(named);
      valid('/api/anomalies', 400, res.body);
    }
    const anonymous = await fetch(`${stack.base}/api/anomalies`);
    expect(anonymous.status).toBe(401);
  });
});
