import { DataSource } from 'typeorm';
import {
  buildDataSourceOptions,
  Database,
  CandleRow,
  OhlcvQueryRepository,
  OhlcvRepository,
  StoredCandle,
} from '@app/persistence';
import { type PgliteTimescale, startPgliteTimescale } from '../support/pglite-timescale';
import { runCli } from '../support/test-env';

/**
 * Queries on hypertables: resampling through time_bucket and through the continuous aggregates
 * gives what an independent computation gives (the same assertions as on plain PostgreSQL).
 */
const MIN = 60_000;
const START = Date.UTC(2024, 0, 1, 9, 30); // a Monday, mid-hour

function candle(i: number): CandleRow {
  const base = 50 + Math.sin(i / 40) * 5;
  return {
    ts: new Date(START + i * MIN),
    open: base,
    high: base + 1 + (i % 4) / 10,
    low: base - 1 - (i % 3) / 10,
    close: base + ((i % 7) - 3) / 10,
    adjClose: base,
    volume: 100 + (i % 50),
  };
}

function expected(candles: CandleRow[], bucketOf: (t: Date) => number) {
  const groups = new Map<number, CandleRow[]>();
  for (const c of candles) groups.set(bucketOf(c.ts), [...(groups.get(bucketOf(c.ts)) ?? []), c]);
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([b, cs]) => ({
      ts: new Date(b),
      open: cs[0].open,
      high: Math.max(...cs.map((c) => c.high)),
      low: Math.min(...cs.map((c) => c.low)),
      close: cs[cs.length - 1].close,
      volume: cs.reduce((s, c) => s + c.volume, 0),
    }));
}

const strip = (rows: StoredCandle[]) =>
  rows.map((r) => ({
    ts: new Date(r.ts),
    open: Number(r.open),
    high: Number(r.high),
    low: Number(r.low),
    close: Number(r.close),
    volume: Number(r.volume),
  }));

describe('queries on TimescaleDB 2.23 (PGlite)', () => {
  let db: PgliteTimescale;
  let ds: DataSource | undefined;

  beforeAll(async () => {
    db = await startPgliteTimescale();
    const up = await runCli(['migrate', 'up'], { DATABASE_URL: db.url, TIMESCALEDB: 'required' });
    expect({ code: up.code, stderr: up.stderr }).toEqual({ code: 0, stderr: '' });
    await db.idle();
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.stop();
  });

  it('up creates the 1h and 1d continuous aggregates; check stays clean', async () => {
    await db.withClient(async (c) => {
      const { rows } = await c.query(
        `SELECT view_name, materialized_only FROM timescaledb_information.continuous_aggregates ORDER BY 1`,
      );
      expect(rows).toEqual([
        { view_name: 'ohlcv_1d', materialized_only: false },
        { view_name: 'ohlcv_1h', materialized_only: false },
      ]);
      const jobs = await c.query(
        `SELECT count(*)::int AS n FROM timescaledb_information.jobs WHERE proc_name = 'policy_refresh_continuous_aggregate'`,
      );
      expect(jobs.rows[0].n).toBe(2);
    });
    const check = await runCli(['migrate', 'check'], { DATABASE_URL: db.url });
    await db.idle();
    expect(check.code).toBe(0);
  });

  it('resampling 1m candles equals an independent computation (aggregate and time_bucket paths)', async () => {
    ds = new DataSource(buildDataSourceOptions({ databaseUrl: db.url, poolSize: 1 }));
    await ds.initialize();
    // Three days of minutes with a gap of 5 hours on day two.
    const candles = Array.from({ length: 3 * 1440 }, (_, i) => i)
      .filter((i) => i < 1800 || i >= 2100)
      .map(candle);
    // PGlite's socket server has no COPY FROM STDIN: the INSERT path of the same repository.
    const writer = new OhlcvRepository(ds, { copy: false });
    await new Database(ds).transaction((tx) => writer.upsert(tx, 'binance', 'TSQ', '1m', candles));
    // The same minutes of TSQ from another source, other prices: never in binance's buckets.
    const other = candles.map((c) => ({ ...c, open: c.open + 1000, close: c.close + 1000 }));
    await new Database(ds).transaction((tx) => writer.upsert(tx, 'bybit', 'TSQ', '1m', other));

    const query = new OhlcvQueryRepository(ds);
    expect(await query.hypertable()).toBe(true);
    const from = new Date(START + 17 * MIN); // partial first bucket
    const to = new Date(START + 4000 * MIN); // partial last bucket
    const inRange = candles.filter((c) => c.ts >= from && c.ts < to);
    const hour = (t: Date) => Math.floor(t.getTime() / (60 * MIN)) * 60 * MIN;
    const day = (t: Date) => Math.floor(t.getTime() / (1440 * MIN)) * 1440 * MIN;
    const fifteen = (t: Date) => Math.floor(t.getTime() / (15 * MIN)) * 15 * MIN;

    const hours = await query.resample({
      source: 'binance',
      symbol: 'TSQ',
      interval: '1m',
      bucket: '1h',
      from,
      to,
      limit: 10_000,
    });
    const hourly = expected(inRange, hour);
    // The aggregate holds whole buckets: compare the buckets fully inside the range.
    const inner = (rows: ReturnType<typeof strip>) =>
      rows.filter(
        (r) => r.ts.getTime() >= from.getTime() && r.ts.getTime() + 60 * MIN <= to.getTime(),
      );
    expect(inner(strip(hours))).toEqual(inner(hourly));
    const days = await query.resample({
      source: 'binance',
      symbol: 'TSQ',
      interval: '1m',
      bucket: '1d',
      limit: 10,
    });
    expect(strip(days)).toEqual(expected(candles, day));
    const otherDays = await query.resample({
      source: 'bybit',
      symbol: 'TSQ',
      interval: '1m',
      bucket: '1d',
      limit: 10,
    });
    expect(strip(otherDays)).toEqual(expected(other, day));
    expect(await query.sources('ohlcv', 'TSQ', '1m')).toEqual(['binance', 'bybit']);
    const quarters = await query.resample({
      source: 'binance',
      symbol: 'TSQ',
      interval: '1m',
      bucket: '15m',
      from,
      to,
      limit: 10_000,
    });
    expect(strip(quarters)).toEqual(expected(inRange, fifteen));
  });

  it('migrate up applies TS_COMPRESS_AFTER and TS_RETENTION to the policy jobs', async () => {
    await ds?.destroy();
    ds = undefined;
    await db.idle();
    const up = await runCli(['migrate', 'up'], {
      DATABASE_URL: db.url,
      TS_COMPRESS_AFTER: '14 days',
      TS_RETENTION: 'ohlcv_data=2 years',
    });
    await db.idle();
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('TimescaleDB policy: ohlcv_data: compress after 14 days');
    expect(up.stdout).toContain('TimescaleDB policy: ohlcv_data: drop chunks older than 2 years');
    await db.withClient(async (c) => {
      const { rows } = await c.query(
        `SELECT hypertable_name AS t, proc_name AS p, config FROM timescaledb_information.jobs
         WHERE hypertable_name = 'ohlcv_data' ORDER BY proc_name`,
      );
      expect(rows).toEqual([
        {
          t: 'ohlcv_data',
          p: 'policy_compression',
          config: expect.objectContaining({ compress_after: '14 days' }),
        },
        {
          t: 'ohlcv_data',
          p: 'policy_retention',
          config: expect.objectContaining({ drop_after: '2 years' }),
        },
      ]);
    });
    const again = await runCli(['migrate', 'up'], {
      DATABASE_URL: db.url,
      TS_COMPRESS_AFTER: '14 days',
      TS_RETENTION: 'ohlcv_data=2 years',
    });
    await db.idle();
    expect(again.stdout).not.toContain('TimescaleDB policy');
  });
});
