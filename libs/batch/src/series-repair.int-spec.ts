import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, TestingModule } from '@nestjs/testing';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfigModule, validateEnvironment } from '@app/common';
import { FakeProviderServer } from '../../../test/support/fake-provider-server';
import {
  createMigratedDatabase,
  deleteRedisKeys,
  dropDatabase,
  queuePrefix,
  TEST_REDIS_URL,
} from '../../../test/support/test-env';
import {
  beforeSplit,
  type ChartData,
  recordedChart,
  storedRowsOf,
  yahooChartHandler,
} from '../../../test/support/yahoo-chart-replay';
import type { StartBatchRequest } from './batch-request';
import { BatchModule } from './batch.module';
import { BatchService } from './batch.service';
import { FetchSymbolJobData } from './jobs/fetch-symbol.job';
import { FetchQueues } from './queue/fetch-queues';
import { SymbolFetchService } from './symbol-fetch.service';

const AAPL = 'yahoo/chart-AAPL-2020-08-31-to-2020-11-07.json';
const MSFT = 'yahoo/historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.json';

const dayOf = (chart: ChartData, day: string): number => {
  const bar = chart.bars.find(
    (b) =>
      new Date((b.t + (chart.meta.gmtoffset as number)) * 1000).toISOString().slice(0, 10) === day,
  );
  if (!bar) throw new Error(`no bar on ${day}`);
  return bar.t;
};

describe('split-aware history and anomalies at ingest (real PostgreSQL and Redis, fake Yahoo)', () => {
  let moduleRef: TestingModule;
  let service: BatchService;
  let fetcher: SymbolFetchService;
  let queues: FetchQueues;
  let ds: DataSource;
  let url: string;
  let fake: FakeProviderServer;
  let csvDir: string;
  let prefix: string;

  beforeAll(async () => {
    url = await createMigratedDatabase();
    fake = await FakeProviderServer.start();
    csvDir = await mkdtemp(join(tmpdir(), 'mi-repair-'));
    const config = validateEnvironment(
      {
        DATABASE_URL: url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: (prefix = queuePrefix()),
        YAHOO_BASE_URL: fake.url,
        CSV_DATA_DIR: csvDir,
        PROVIDER_TIMEOUT_MS: '10000',
      },
      'worker',
    );
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), BatchModule.forRoot('worker')],
    }).compile();
    await moduleRef.init();
    service = moduleRef.get(BatchService);
    fetcher = moduleRef.get(SymbolFetchService);
    queues = moduleRef.get(FetchQueues);
    ds = moduleRef.get(DataSource);
  });

  afterAll(async () => {
    for (const provider of ['yahoo', 'csv']) {
      await queues
        .queue(provider)
        .obliterate({ force: true })
        .catch(() => undefined);
    }
    await moduleRef?.close();
    await deleteRedisKeys(TEST_REDIS_URL, prefix);
    await fake?.close();
    await rm(csvDir, { recursive: true, force: true });
    await dropDatabase(url);
  });

  /** Starts a batch of one symbol and runs its job as a worker would; answers its detail row. */
  async function run(request: Omit<StartBatchRequest, 'interval'> & { interval?: '1d' | '1wk' }) {
    const { batch } = await service.start({ interval: '1d', ...request });
    const queue = queues.queue(request.provider!);
    const jobs = ((await queue.getWaiting(0, 1000)) as Job<FetchSymbolJobData>[]).filter(
      (j) => j.data.batchId === batch.batch_db_id,
    );
    expect(jobs).toHaveLength(1);
    for (const job of jobs) {
      await fetcher.run(job.data, { attempt: 1, lastAttempt: true });
      await job.remove();
    }
    const [detail] = await ds.query(
      `SELECT status, error_message, records_inserted, refetch FROM batch_execution_details
       WHERE batch_execution_id = $1`,
      [batch.batch_db_id],
    );
    return detail as {
      status: string;
      error_message: string | null;
      records_inserted: number;
      refetch: Record<string, unknown> | null;
    };
  }

  const stored = (symbol: string, source = 'yahoo', interval = '1d') =>
    ds.query(
      `SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, open, high, low, close, adj_close, volume
       FROM ohlcv_data WHERE source = $1 AND symbol = $2 AND interval = $3 ORDER BY ts`,
      [source, symbol, interval],
    ) as Promise<ReturnType<typeof storedRowsOf>>;

  const requestsOf = (symbol: string) =>
    fake.requestsTo(`/v8/finance/chart/${symbol}`).map((r) => ({
      period1: Number(r.query.get('period1')),
    }));

  const anomalies = (symbol: string, source: string) =>
    ds.query(
      `SELECT kind, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, details, batch_execution_id
       FROM data_anomalies WHERE source = $1 AND symbol = $2 ORDER BY kind, ts`,
      [source, symbol],
    ) as Promise<{ kind: string; day: string; details: Record<string, unknown> }[]>;

  it('a 4:1 split the stored history predates: the incremental batch fetches it all again and every candle equals the recording', async () => {
    const recording = recordedChart(AAPL);
    const split = recording.splits[0];
    expect(split).toMatchObject({ numerator: 4, denominator: 1 });
    // Before the split: every price × 4, volume ÷ 4, no event.
    let served = beforeSplit(recording, split.date, 4, Number.MAX_SAFE_INTEGER);
    fake.route(
      '/v8/finance/chart/AAPL',
      yahooChartHandler(() => served),
    );

    const first = await run({ symbols: ['AAPL'], provider: 'yahoo', mode: 'full' });
    expect(first).toMatchObject({ status: 'succeeded', records_inserted: 49, refetch: null });
    const before = await stored('AAPL');
    expect(before[0]).toMatchObject({ day: '2020-08-31', close: recording.bars[0].close! * 4 });

    served = recording; // the provider applied the split and reports it
    fake.requests.length = 0;
    const second = await run({ symbols: ['AAPL'], provider: 'yahoo', mode: 'incremental' });

    // One request from the newest stored candle; its overlap candle disagreed; then the whole history.
    expect(requestsOf('AAPL')).toEqual([
      { period1: Date.parse('2020-11-06T00:00:00Z') / 1000 },
      { period1: 0 },
    ]);
    expect(await stored('AAPL')).toEqual(storedRowsOf(recording));
    expect(second.status).toBe('succeeded');
    expect(second.records_inserted).toBe(49);
    expect(second.refetch).toEqual({
      reasons: ['overlap_mismatch'],
      message:
        'the overlap candle changed: the candle of 2020-11-06T00:00:00.000Z opened at 118.31999969482422, stored 473.2799987792969',
      splits: [],
      candles: 49,
      deleted: 0,
      adjusted: 0,
      kept: 0,
    });
    const actions = await ds.query(
      `SELECT type, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, amount, numerator, denominator
       FROM corporate_actions WHERE source = 'yahoo' AND symbol = 'AAPL' ORDER BY ts`,
    );
    expect(actions).toEqual([
      { type: 'split', day: '2020-08-31', amount: null, numerator: 4, denominator: 1 },
      { type: 'dividend', day: '2020-11-06', amount: 0.205, numerator: null, denominator: null },
    ]);
  });

  it('a new split dated inside the stored history, with an overlap candle that agrees: fetched again because of the split', async () => {
    const recording = recordedChart(MSFT);
    const splitDate = dayOf(recording, '2021-06-01');
    const after = { ...recording, splits: [{ date: splitDate, numerator: 2, denominator: 1 }] };
    let served = beforeSplit(after, splitDate, 2);
    fake.route(
      '/v8/finance/chart/SPLT',
      yahooChartHandler(() => served),
    );

    const first = await run({
      symbols: ['SPLT'],
      provider: 'yahoo',
      mode: 'full',
      to: new Date('2021-06-02T00:00:00Z'),
    });
    expect(first).toMatchObject({ status: 'succeeded', refetch: null });
    // Unadjusted, the split day's close halves with no corporate action: a price_jump (a flag: stored).
    expect(await anomalies('SPLT', 'yahoo')).toEqual([
      expect.objectContaining({ kind: 'price_jump', day: '2021-06-01' }),
    ]);
    expect((await stored('SPLT')).at(-1)).toMatchObject({ day: '2021-06-01' });

    served = after;
    fake.requests.length = 0;
    const second = await run({ symbols: ['SPLT'], provider: 'yahoo', mode: 'incremental' });
    expect(requestsOf('SPLT')).toEqual([
      { period1: Date.parse('2021-06-01T00:00:00Z') / 1000 },
      { period1: 0 },
    ]);
    expect(await stored('SPLT')).toEqual(storedRowsOf(recording));
    expect(second.refetch).toMatchObject({
      reasons: ['new_split'],
      message: 'a 2:1 split on 2021-06-01 the stored history (from 2021-02-01) does not reflect',
      splits: [{ ts: '2021-06-01T00:00:00.000Z', numerator: 2, denominator: 1 }],
      candles: 252,
      deleted: 0,
    });

    // The split is now stored with the history on its basis: a batch whose range holds it again
    // does not fetch everything again.
    fake.requests.length = 0;
    const third = await run({
      symbols: ['SPLT'],
      provider: 'yahoo',
      mode: 'full',
      from: new Date('2021-05-03T00:00:00Z'),
      to: new Date('2021-07-01T00:00:00Z'),
    });
    expect(requestsOf('SPLT')).toHaveLength(1);
    expect(third).toMatchObject({ status: 'succeeded', records_inserted: 0, refetch: null });
    expect(await stored('SPLT')).toEqual(storedRowsOf(recording));
  });

  it("a split stored by another interval's refetch still fetches this interval again when its last full fetch predates the split", async () => {
    // SPLT's daily history was fetched again above, which stored the 2:1 split. Its weekly series
    // (the fake answers every interval with the same bars) was fetched in full before the split.
    const recording = recordedChart(MSFT);
    const splitDate = dayOf(recording, '2021-06-01');
    const after = { ...recording, splits: [{ date: splitDate, numerator: 2, denominator: 1 }] };
    let served = beforeSplit(after, splitDate, 2);
    fake.route(
      '/v8/finance/chart/SPLT',
      yahooChartHandler(() => served),
    );
    await run({
      symbols: ['SPLT'],
      interval: '1wk',
      provider: 'yahoo',
      mode: 'full',
      to: new Date('2021-05-29T00:00:00Z'),
    });
    // That full fetch happened before the split (the recordings are old: move its time back).
    await ds.query(
      `UPDATE fetch_ledger SET fetched_at = '2021-05-29T00:00:00Z'
       WHERE source = 'yahoo' AND symbol = 'SPLT' AND interval = '1wk'`,
    );
    served = after;
    fake.requests.length = 0;
    const again = await run({
      symbols: ['SPLT'],
      interval: '1wk',
      provider: 'yahoo',
      mode: 'full',
      from: new Date('2021-05-03T00:00:00Z'),
    });
    expect(requestsOf('SPLT').map((r) => r.period1)).toEqual([
      Date.parse('2021-05-03T00:00:00Z') / 1000,
      0,
    ]);
    expect(again.refetch).toMatchObject({ reasons: ['new_split'] });
    expect(await stored('SPLT', 'yahoo', '1wk')).toEqual(storedRowsOf(recording));
    const ledger = await ds.query(
      `SELECT requested_from FROM fetch_ledger
       WHERE source = 'yahoo' AND symbol = 'SPLT' AND interval = '1wk' ORDER BY id`,
    );
    expect(ledger.map((r: { requested_from: Date | null }) => r.requested_from)).toEqual([
      null,
      new Date('2021-05-03T00:00:00Z'),
      null,
    ]);
  });

  it('a symbol with no split is never fetched again in full: one request from the newest candle', async () => {
    const recording = recordedChart(MSFT);
    fake.route(
      '/v8/finance/chart/MSFT',
      yahooChartHandler(() => recording),
    );
    await run({
      symbols: ['MSFT'],
      provider: 'yahoo',
      mode: 'full',
      to: new Date('2021-11-17T00:00:00Z'),
    });
    fake.requests.length = 0;
    // Its window holds the dividend of 2021-11-17 (a corporate action, not a split).
    const second = await run({ symbols: ['MSFT'], provider: 'yahoo', mode: 'incremental' });
    expect(requestsOf('MSFT')).toEqual([{ period1: Date.parse('2021-11-16T00:00:00Z') / 1000 }]);
    expect(second).toMatchObject({ status: 'succeeded', refetch: null });
    expect(await stored('MSFT')).toEqual(storedRowsOf(recording));
    fake.requests.length = 0;
    await run({ symbols: ['MSFT'], provider: 'yahoo', mode: 'incremental' });
    expect(requestsOf('MSFT')).toEqual([{ period1: Date.parse('2022-01-28T00:00:00Z') / 1000 }]);
  });

  /** A Yahoo-download CSV of weekdays from 2024-01-02 with these closes and volumes. */
  async function writeCsv(symbol: string, rows: { close: number; volume: number }[]) {
    const days: string[] = [];
    for (let d = new Date('2024-01-02T00:00:00Z'); days.length < rows.length;) {
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
      d = new Date(d.getTime() + 86_400_000);
    }
    const lines = rows.map(
      (r, i) =>
        `${days[i]},${r.close},${r.close + 0.5},${r.close - 0.5},${r.close},${r.close},${r.volume}`,
    );
    await writeFile(
      join(csvDir, `${symbol}.csv`),
      ['Date,Open,High,Low,Close,Adj Close,Volume', ...lines].join('\n'),
    );
    return days;
  }

  it('a CSV series with a 10× jump and no corporate action records one price_jump; re-ingesting records none more', async () => {
    const closes = [10, 10.2, 10.1, 10.3, 10.2, 102, 101.5, 103, 102.5, 104];
    const days = await writeCsv(
      'JUMP',
      closes.map((close) => ({ close, volume: 1000 })),
    );
    const first = await run({ symbols: ['JUMP'], provider: 'csv', mode: 'full' });
    expect(first).toMatchObject({ status: 'succeeded', records_inserted: 10 });
    // A flag, not a reject: the candle is stored.
    expect((await stored('JUMP', 'csv')).map((r) => r.close)).toEqual(closes);
    const jumps = (await anomalies('JUMP', 'csv')).filter((a) => a.kind === 'price_jump');
    expect(jumps).toEqual([
      expect.objectContaining({
        kind: 'price_jump',
        day: days[5],
        details: {
          previous_ts: `${days[4]}T00:00:00.000Z`,
          previous_close: 10.2,
          close: 102,
          ratio: 10,
          threshold: 1.8,
        },
      }),
    ]);
    const recorded = await ds.query(`SELECT count(*)::int AS n FROM data_anomalies`);

    await run({ symbols: ['JUMP'], provider: 'csv', mode: 'full' });
    await run({ symbols: ['JUMP'], provider: 'csv', mode: 'incremental' });
    expect((await anomalies('JUMP', 'csv')).filter((a) => a.kind === 'price_jump')).toHaveLength(1);
    expect(await ds.query(`SELECT count(*)::int AS n FROM data_anomalies`)).toEqual(recorded);
  });

  it('a zero-volume run is recorded once, at the candle that reaches ANOMALY_ZERO_VOLUME_RUN, also when it goes on over later fetches', async () => {
    const volumes = [500, 0, 0, 0, 0];
    await writeCsv(
      'ZERO',
      volumes.map((volume) => ({ close: 20, volume })),
    );
    await run({ symbols: ['ZERO'], provider: 'csv', mode: 'full' });
    expect((await anomalies('ZERO', 'csv')).filter((a) => a.kind === 'zero_volume_run')).toEqual(
      [],
    );
    // One more zero day: the run reaches 5 across two fetches (the stored four are the context).
    const days = await writeCsv(
      'ZERO',
      [...volumes, 0, 0, 0].map((volume) => ({ close: 20, volume })),
    );
    await run({ symbols: ['ZERO'], provider: 'csv', mode: 'incremental' });
    expect((await anomalies('ZERO', 'csv')).filter((a) => a.kind === 'zero_volume_run')).toEqual([
      expect.objectContaining({
        day: days[5],
        details: { run_start: `${days[1]}T00:00:00.000Z`, threshold: 5 },
      }),
    ]);
    await run({ symbols: ['ZERO'], provider: 'csv', mode: 'incremental' });
    await run({ symbols: ['ZERO'], provider: 'csv', mode: 'full' });
    expect(
      (await anomalies('ZERO', 'csv')).filter((a) => a.kind === 'zero_volume_run'),
    ).toHaveLength(1);
  });

  it('stale: the newest candle is followed by STALE_SESSIONS sessions without a new one', async () => {
    const stale = (await anomalies('JUMP', 'csv')).filter((a) => a.kind === 'stale');
    // The CSV ends on 2024-01-15 and nothing came since: judged now, once.
    expect(stale).toEqual([
      expect.objectContaining({
        day: '2024-01-15',
        details: expect.objectContaining({
          exchange: 'NYSE',
          last_day: '2024-01-15',
          threshold: 3,
        }),
      }),
    ]);
    // A batch whose range ends the day after the newest candle does not find it stale.
    await writeCsv('FRESH', [
      { close: 1, volume: 1 },
      { close: 1, volume: 1 },
    ]);
    await run({
      symbols: ['FRESH'],
      provider: 'csv',
      mode: 'full',
      to: new Date('2024-01-04T12:00:00Z'),
    });
    expect(await anomalies('FRESH', 'csv')).toEqual([]);
  });
});
