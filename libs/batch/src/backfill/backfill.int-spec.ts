import { Test, TestingModule } from '@nestjs/testing';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfigModule, validateEnvironment } from '@app/common';
import { CoverageService } from '@app/market-data';
import { FakeProviderServer } from '../../../../test/support/fake-provider-server';
import {
  createMigratedDatabase,
  deleteRedisKeys,
  dropDatabase,
  queuePrefix,
  TEST_REDIS_URL,
} from '../../../../test/support/test-env';
import {
  type ChartBar,
  type ChartData,
  yahooChartHandler,
} from '../../../../test/support/yahoo-chart-replay';
import { BatchModule } from '../batch.module';
import { BatchService } from '../batch.service';
import { FetchSymbolJobData } from '../jobs/fetch-symbol.job';
import { FetchQueues } from '../queue/fetch-queues';
import { ScheduleService } from '../schedules/schedule.service';
import { SymbolFetchService } from '../symbol-fetch.service';
import { BackfillService } from './backfill.service';

const DAY = 86_400;
const JST = 9 * 3600;

/**
 * Tokyo weekdays from 2024-12-16 to 2025-01-24 and the days the exchange is closed among them,
 * written out here (not taken from the calendar under test): 31 December and 1–3 January (the
 * year-end closure) and 13 January 2025 (Coming of Age Day).
 */
const CLOSED = ['2024-12-31', '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-13'];
function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += DAY * 1000
  ) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}
const SESSIONS = weekdays('2024-12-16', '2025-01-24').filter((d) => !CLOSED.includes(d));

/** A Tokyo stock's chart as Yahoo serves it: a bar per day stamped at local midnight (15:00 UTC the day before). */
function tokyoChart(symbol: string, days: readonly string[]): ChartData {
  const bars: ChartBar[] = days.map((day, i) => {
    const close = 1000 + i;
    return {
      t: Date.parse(`${day}T00:00:00Z`) / 1000 - JST,
      open: close - 1,
      high: close + 2,
      low: close - 3,
      close,
      adjclose: close,
      volume: 10_000 + i,
    };
  });
  return {
    meta: {
      currency: 'JPY',
      symbol,
      exchangeName: 'JPX',
      instrumentType: 'EQUITY',
      gmtoffset: JST,
      timezone: 'JST',
      exchangeTimezoneName: 'Asia/Tokyo',
      dataGranularity: '1d',
    },
    bars,
    dividends: [],
    splits: [],
  };
}

/** Local (Tokyo) day of a unix second. */
const tokyoDay = (seconds: number) => new Date((seconds + JST) * 1000).toISOString().slice(0, 10);

describe('coverage and targeted backfill (real PostgreSQL and Redis, fake Yahoo)', () => {
  let moduleRef: TestingModule;
  let batches: BatchService;
  let backfills: BackfillService;
  let coverage: CoverageService;
  let fetcher: SymbolFetchService;
  let queues: FetchQueues;
  let ds: DataSource;
  let url: string;
  let fake: FakeProviderServer;
  let prefix: string;

  beforeAll(async () => {
    url = await createMigratedDatabase();
    fake = await FakeProviderServer.start();
    const config = validateEnvironment(
      {
        DATABASE_URL: url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: (prefix = queuePrefix()),
        YAHOO_BASE_URL: fake.url,
        PROVIDER_TIMEOUT_MS: '10000',
      },
      'worker',
    );
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), BatchModule.forRoot('worker')],
    }).compile();
    await moduleRef.init();
    batches = moduleRef.get(BatchService);
    backfills = moduleRef.get(BackfillService);
    coverage = moduleRef.get(CoverageService);
    fetcher = moduleRef.get(SymbolFetchService);
    queues = moduleRef.get(FetchQueues);
    ds = moduleRef.get(DataSource);
  });

  afterAll(async () => {
    await queues
      .queue('yahoo')
      .obliterate({ force: true })
      .catch(() => undefined);
    await moduleRef?.close();
    await deleteRedisKeys(TEST_REDIS_URL, prefix);
    await fake?.close();
    await dropDatabase(url);
  });

  /** Runs every queued job of a batch as a worker would. */
  async function work(batchId: number): Promise<void> {
    const jobs = (
      (await queues.queue('yahoo').getWaiting(0, 1000)) as Job<FetchSymbolJobData>[]
    ).filter((j) => j.data.batchId === batchId);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      await fetcher.run(job.data, { attempt: 1, lastAttempt: true });
      await job.remove();
    }
    const [batch] = await ds.query(`SELECT status FROM batch_executions WHERE id = $1`, [batchId]);
    expect(batch.status).toBe('completed');
  }

  /** Stores the whole history the fake serves for these symbols (a full batch). */
  async function storeHistory(symbols: string[]): Promise<void> {
    const { batch } = await batches.start({
      symbols,
      interval: '1d',
      provider: 'yahoo',
      mode: 'full',
    });
    await work(batch.batch_db_id);
  }

  const deleteDays = (symbol: string, days: string[]) =>
    ds.query(
      `DELETE FROM ohlcv_data WHERE source = 'yahoo' AND symbol = $1 AND interval = '1d'
         AND to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') = ANY ($2)`,
      [symbol, days],
    );

  const window = { from: '2024-12-16', to: '2025-01-24' };

  it('a Tokyo symbol: the holiday and the year-end closure are not missing, a deleted week is', async () => {
    fake.route(
      '/v8/finance/chart/7203.T',
      yahooChartHandler(() => tokyoChart('7203.T', SESSIONS)),
    );
    await storeHistory(['7203.T']);

    const full = await coverage.symbol('7203.T', 'yahoo', window);
    expect(full).toMatchObject({
      source: 'yahoo',
      exchange: 'TSE',
      from: '2024-12-16',
      to: '2025-01-24',
      expected_sessions: 25,
      stored_sessions: 25,
      missing_sessions: 0,
      missing: [],
      empty_fetched: [],
    });

    await deleteDays('7203.T', [
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-01-09',
      '2025-01-10',
    ]);
    const holed = await coverage.symbol('7203.T', 'yahoo', window);
    expect(holed).toMatchObject({
      expected_sessions: 25,
      stored_sessions: 20,
      missing_sessions: 5,
      missing: [{ from: '2025-01-06', to: '2025-01-10', sessions: 5 }],
    });
    // 30 December and 6 January are consecutive sessions (31 December – 3 January and the weekend
    // are no sessions): one range.
    await deleteDays('7203.T', ['2024-12-30']);
    expect((await coverage.symbol('7203.T', 'yahoo', window)).missing).toEqual([
      { from: '2024-12-30', to: '2025-01-10', sessions: 6 },
    ]);
  });

  it('a batch from a day stores that day of a Tokyo symbol whose bars are stamped at local midnight', async () => {
    fake.route(
      '/v8/finance/chart/7974.T',
      yahooChartHandler(() => tokyoChart('7974.T', SESSIONS)),
    );
    const seen = fake.requests.length;
    const { batch } = await batches.start({
      symbols: ['7974.T'],
      interval: '1d',
      provider: 'yahoo',
      mode: 'full',
      from: new Date('2024-12-16T00:00:00Z'),
      to: new Date('2025-01-25T00:00:00Z'),
    });
    await work(batch.batch_db_id);
    // Asked from the start of 16 December in Tokyo, so its bar (15:00 UTC on the 15th) comes back.
    expect(Number(fake.requests[seen].query.get('period1'))).toBe(
      Date.parse('2024-12-15T15:00:00Z') / 1000,
    );
    expect(await coverage.symbol('7974.T', 'yahoo', window)).toMatchObject({
      first: '2024-12-16',
      stored_sessions: 25,
      missing: [],
    });
    const [detail] = await ds.query(
      `SELECT rejected_records FROM batch_execution_details WHERE batch_execution_id = $1`,
      [batch.batch_db_id],
    );
    expect(detail.rejected_records).toBe(0);
  });

  it('a range the provider answered empty is empty_fetched, not missing, and is not planned again', async () => {
    // The provider has nothing for 23–27 December (inside the history) and after 17 January.
    const served = SESSIONS.filter(
      (d) => !(d >= '2024-12-23' && d <= '2024-12-27') && d <= '2025-01-17',
    );
    fake.route(
      '/v8/finance/chart/6758.T',
      yahooChartHandler(() => tokyoChart('6758.T', served)),
    );
    await storeHistory(['6758.T']);

    // After the last candle the full fetch found nothing: empty. Inside the history: missing.
    const before = await coverage.symbol('6758.T', 'yahoo', window);
    expect(before).toMatchObject({
      stored_sessions: 15,
      missing: [{ from: '2024-12-23', to: '2024-12-27', sessions: 5 }],
      empty_fetched: [{ from: '2025-01-20', to: '2025-01-24', sessions: 5 }],
    });

    const plan = await backfills.run(
      { symbols: ['6758.T'], interval: '1d', provider: 'yahoo', ...window },
      { dryRun: true },
    );
    expect(plan.items).toEqual([
      expect.objectContaining({
        symbol: '6758.T',
        ranges: [{ from: '2024-12-23', to: '2024-12-27', sessions: 5 }],
      }),
    ]);
    const run = await backfills.run(
      { symbols: ['6758.T'], interval: '1d', provider: 'yahoo', ...window },
      { dryRun: false },
    );
    if (run.kind !== 'started') throw new Error(`expected a batch, got ${run.kind}`);
    await work(run.started.batch.batch_db_id);

    const after = await coverage.symbol('6758.T', 'yahoo', window);
    expect(after).toMatchObject({
      stored_sessions: 15,
      missing_sessions: 0,
      missing: [],
      empty_fetched: [
        { from: '2024-12-23', to: '2024-12-27', sessions: 5 },
        { from: '2025-01-20', to: '2025-01-24', sessions: 5 },
      ],
    });
    const again = await backfills.run(
      { symbols: ['6758.T'], interval: '1d', provider: 'yahoo', ...window },
      { dryRun: false },
    );
    expect(again).toMatchObject({
      kind: 'nothing_to_do',
      plan: { symbols: 0, ranges: 0, requests: 0 },
    });
    const asked = await backfills.run(
      { symbols: ['6758.T'], interval: '1d', provider: 'yahoo', ...window, include_empty: true },
      { dryRun: true },
    );
    expect(asked.items[0].ranges).toEqual([
      { from: '2024-12-23', to: '2024-12-27', sessions: 5 },
      { from: '2025-01-20', to: '2025-01-24', sessions: 5 },
    ]);
  });

  it('a backfill plans exactly the deleted ranges of three symbols, asks the provider for those only, and leaves nothing to plan', async () => {
    const holes: Record<string, string[][]> = {
      '9984.T': [
        ['2024-12-23', '2024-12-24', '2024-12-25', '2024-12-26', '2024-12-27'],
        ['2025-01-20', '2025-01-21'],
      ],
      '8306.T': [['2024-12-19']],
      '6501.T': [['2024-12-30', '2025-01-06', '2025-01-07']],
    };
    const symbols = Object.keys(holes);
    for (const s of symbols) {
      fake.route(
        `/v8/finance/chart/${s}`,
        yahooChartHandler(() => tokyoChart(s, SESSIONS)),
      );
    }
    await storeHistory(symbols);
    for (const [s, ranges] of Object.entries(holes)) await deleteDays(s, ranges.flat());

    const body = { symbols, interval: '1d' as const, provider: 'yahoo', ...window };
    const plan = await backfills.run(body, { dryRun: true });
    const expected = (s: string) =>
      holes[s].map((r) => ({ from: r[0], to: r[r.length - 1], sessions: r.length }));
    expect(Object.fromEntries(plan.items.map((i) => [i.symbol, i.ranges]))).toEqual(
      Object.fromEntries(symbols.map((s) => [s, expected(s)])),
    );
    // 30 December to 7 January is one range: 31 December – 3 January and the weekend are closed.
    expect(plan.plan).toMatchObject({ symbols: 3, ranges: 4, missing_sessions: 11, requests: 4 });

    const seen = fake.requests.length;
    const run = await backfills.run(body, { dryRun: false });
    if (run.kind !== 'started') throw new Error(`expected a batch, got ${run.kind}`);
    expect(run.started.batch.batch_type).toBe('backfill');
    expect(run.started.batch.params.backfill).toMatchObject({ symbols: 3, ranges: 4 });
    expect(run.started.batch.params.backfill).not.toHaveProperty('windows');
    const [stored] = await ds.query(
      `SELECT params->'backfill'->'windows' AS windows FROM batch_executions WHERE id = $1`,
      [run.started.batch.batch_db_id],
    );
    expect(Object.keys(stored.windows).sort()).toEqual([...symbols].sort());
    await work(run.started.batch.batch_db_id);

    // Each provider request covers exactly one planned range, in Tokyo days.
    const asked = fake.requests.slice(seen).map((r) => ({
      symbol: decodeURIComponent(r.path.split('/').pop()!),
      from: tokyoDay(Number(r.query.get('period1'))),
      to: tokyoDay(Number(r.query.get('period2')) - 1),
    }));
    expect(asked.sort((a, b) => (a.symbol + a.from < b.symbol + b.from ? -1 : 1))).toEqual(
      symbols
        .flatMap((s) => expected(s).map((r) => ({ symbol: s, from: r.from, to: r.to })))
        .sort((a, b) => (a.symbol + a.from < b.symbol + b.from ? -1 : 1)),
    );

    for (const s of symbols) {
      expect(await coverage.symbol(s, 'yahoo', window)).toMatchObject({
        stored_sessions: 25,
        missing_sessions: 0,
        missing: [],
      });
    }
    const after = await backfills.run(body, { dryRun: true });
    expect(after.items).toEqual([]);
    expect(after.plan).toMatchObject({ symbols: 0, ranges: 0, missing_sessions: 0, requests: 0 });
  });

  it('the list and the heatmap count the same sessions', async () => {
    const list = await coverage.list({
      interval: '1d',
      provider: 'yahoo',
      symbols: ['7203.T', '6758.T'],
      ...window,
      page: 1,
      pageSize: 50,
    });
    expect(
      list.items.map((i) => [
        i.symbol,
        i.expected_sessions,
        i.stored_sessions,
        i.missing_sessions,
        i.empty_fetched_sessions,
      ]),
    ).toEqual([
      ['6758.T', 25, 15, 0, 10],
      ['7203.T', 25, 19, 6, 0],
    ]);
    const matrix = await coverage.matrix({
      interval: '1d',
      provider: 'yahoo',
      symbols: ['7203.T'],
      ...window,
      granularity: 'week',
      page: 1,
      pageSize: 50,
    });
    expect(matrix.days[0]).toBe('2024-12-16');
    const cells = matrix.cells[0];
    expect(cells.reduce((n, c) => n + (c?.[0] ?? 0), 0)).toBe(19);
    expect(cells.reduce((n, c) => n + (c?.[1] ?? 0), 0)).toBe(25);
    // The week of 30 December has one session (31 December – 3 January are closed), deleted above.
    expect(cells[matrix.days.indexOf('2024-12-30')]).toEqual([0, 1]);
  });

  it('a schedule that holds a backfill plans the last N sessions at each tick and starts a batch only when something is missing', async () => {
    const schedules = moduleRef.get(ScheduleService);
    // Never stored: the last 10 sessions are missing. The provider has nothing that recent.
    fake.route(
      '/v8/finance/chart/4063.T',
      yahooChartHandler(() => tokyoChart('4063.T', SESSIONS)),
    );
    const schedule = await schedules.create({
      name: 'repair',
      cron: '0 2 * * *',
      timezone: 'Asia/Tokyo',
      backfill: { symbols: ['4063.T'], interval: '1d', provider: 'yahoo', sessions: 10 },
    });
    expect(schedule).toMatchObject({
      batch: null,
      backfill: { symbols: ['4063.T'], interval: '1d', provider: 'yahoo', sessions: 10 },
    });
    await expect(
      schedules.create({
        cron: '0 2 * * *',
        backfill: { symbols: ['4063.T'], interval: '1d', provider: 'yahoo', from: '2025-01-01' },
      }),
    ).rejects.toThrow(/plans the last `sessions` sessions/);

    const first = await schedules.runTick(schedule.id, new Date('2026-12-01T17:00:00Z'));
    if (first.kind !== 'started') throw new Error(`expected a batch, got ${first.kind}`);
    const [batch] = await ds.query(
      `SELECT batch_type, schedule_id, params->'backfill'->>'missing_sessions' AS missing
       FROM batch_executions WHERE id = $1`,
      [first.batchId],
    );
    expect(batch).toEqual({ batch_type: 'backfill', schedule_id: schedule.id, missing: '10' });
    await work(first.batchId);
    // The provider answered those sessions empty: the next tick has nothing to do.
    const second = await schedules.runTick(schedule.id, new Date('2026-12-02T17:00:00Z'));
    expect(second).toEqual({ kind: 'nothing_to_do' });
    expect(await schedules.get(String(schedule.id))).toMatchObject({
      last_batch_id: first.batchId,
      last_error: null,
    });
    await schedules.delete(String(schedule.id));
  });
});
