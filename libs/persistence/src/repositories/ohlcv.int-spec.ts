import { DataSource } from 'typeorm';
import { Database, runnerOf } from '../database/transaction';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-env';
import { buildDataSourceOptions } from '../data-source-options';
import { OhlcvQueryRepository, StoredCandle } from './ohlcv-query.repository';
import { CandleRow, OhlcvRepository } from './ohlcv.repository';

const DAY = 86_400_000;
/** The source (provider) of the series these tests write, unless a test says otherwise. */
const SRC = 'synthetic';
const START = Date.UTC(2024, 0, 1); // a Monday

function candle(i: number, bump = 0): CandleRow {
  const base = 100 + Math.sin(i / 7) * 10 + bump;
  return {
    ts: new Date(START + i * DAY),
    open: base,
    high: base + 2 + (i % 3),
    low: base - 2 - (i % 2),
    close: base + ((i % 5) - 2) / 2,
    adjClose: base,
    volume: 1000 + i,
  };
}

describe('ohlcv repositories (real PostgreSQL)', () => {
  let url: string;
  let ds: DataSource;
  let repo: OhlcvRepository;
  let query: OhlcvQueryRepository;

  beforeAll(async () => {
    url = await createMigratedDatabase();
    ds = new DataSource(buildDataSourceOptions({ databaseUrl: url, poolSize: 2 }));
    await ds.initialize();
    repo = new OhlcvRepository(ds);
    query = new OhlcvQueryRepository(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await dropDatabase(url);
  });

  /** Runs an upsert in a transaction; returns rows written and the tuples it updated. */
  async function upsert(
    symbol: string,
    candles: CandleRow[],
    writer: OhlcvRepository = repo,
    source = SRC,
  ): Promise<{ written: number; updated: number }> {
    return new Database(ds).transaction(async (tx) => {
      const qr = runnerOf(tx);
      const updates = async (): Promise<number> =>
        (
          await qr.query(
            `SELECT n_tup_upd::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'ohlcv_data'`,
          )
        )[0].n;
      // Pending (not yet flushed) statistics of the connection: count the difference.
      const before = await updates();
      const written = await writer.upsert(tx, source, symbol, '1d', candles);
      const updated = (await updates()) - before;
      return { written, updated };
    });
  }

  it('stores every value exactly through binary COPY (dates before 2000, milliseconds, nulls, extreme floats)', async () => {
    const starts = [Date.UTC(1962, 0, 2), Date.UTC(1999, 11, 31, 23, 59, 59, 999), START];
    const rows: CandleRow[] = [];
    for (const [k, start] of starts.entries()) {
      for (let i = 0; i < 600; i += 1) {
        rows.push({
          ts: new Date(start + i * DAY + (i % 7) * 37),
          open: 0.1 + i * 1e-9,
          high: 1.7976931348623157e308,
          low: 5e-324,
          close: 123456.789012345 + k,
          adjClose: i % 3 === 0 ? null : -0.5 * i,
          volume: i === 0 ? 0 : 2 ** 53 - i,
        });
      }
    }
    expect(await upsert('BINCOPY', rows)).toEqual({ written: rows.length, updated: 0 });
    const stored: {
      ts: Date;
      open: number;
      high: number;
      low: number;
      close: number;
      adj_close: number | null;
      volume: number;
    }[] = await ds.query(
      `SELECT ts, open, high, low, close, adj_close, volume FROM ohlcv_data
       WHERE symbol = 'BINCOPY' AND interval = '1d' ORDER BY ts`,
    );
    const expected = [...rows].sort((a, b) => a.ts.getTime() - b.ts.getTime());
    expect(
      stored.map((r) => [
        r.ts.toISOString(),
        r.open,
        r.high,
        r.low,
        r.close,
        r.adj_close,
        Number(r.volume),
      ]),
    ).toEqual(
      expected.map((r) => [
        r.ts.toISOString(),
        r.open,
        r.high,
        r.low,
        r.close,
        r.adjClose,
        r.volume,
      ]),
    );
  });

  it('inserts, updates only changed rows, and writes nothing for unchanged data', async () => {
    const candles = Array.from({ length: 12_000 }, (_, i) => candle(i)); // more than one chunk
    expect(await upsert('UPS', candles)).toEqual({ written: 12_000, updated: 0 });
    expect(await repo.count({ source: SRC, symbol: 'UPS', interval: '1d' })).toBe(12_000);

    expect(await upsert('UPS', candles)).toEqual({ written: 0, updated: 0 });

    const changed = candles.map((c, i) => (i % 1000 === 0 ? { ...c, close: c.close + 1 } : c));
    expect(await upsert('UPS', changed)).toEqual({ written: 12, updated: 12 });
    const [row] = await ds.query(`SELECT close FROM ohlcv_data WHERE symbol = 'UPS' AND ts = $1`, [
      candles[0].ts,
    ]);
    expect(row.close).toBeCloseTo(candles[0].close + 1, 10);
    const tail = await repo.tail(SRC, 'UPS', '1d', 3);
    expect(tail.map((c) => c.ts.toISOString())).toEqual(
      [11_999, 11_998, 11_997].map((i) => candles[i].ts.toISOString()),
    );
    expect(tail[0]).toEqual(candles[11_999]);
    const before = await repo.tail(SRC, 'UPS', '1d', 2, candles[5].ts);
    expect(before.map((c) => c.ts.toISOString())).toEqual(
      [4, 3].map((i) => candles[i].ts.toISOString()),
    );

    const withNull = [{ ...candles[1], adjClose: null }];
    expect(await upsert('UPS', withNull)).toEqual({ written: 1, updated: 1 });
    expect(await upsert('UPS', withNull)).toEqual({ written: 0, updated: 0 });
  });

  describe('rebase (after a whole history was fetched again)', () => {
    const series = (symbol: string) => ({ source: SRC, symbol, interval: '1d' });
    const day = (i: number) => new Date(START + i * DAY);
    const read = async (symbol: string) =>
      (
        await ds.query(
          `SELECT ts, close, volume FROM ohlcv_data WHERE source = $1 AND symbol = $2 ORDER BY ts`,
          [SRC, symbol],
        )
      ).map((r: { ts: Date; close: number; volume: number }) => [
        (r.ts.getTime() - START) / DAY,
        r.close,
        r.volume,
      ]);
    /** Stores days 0..9 (close 100 + i, volume 10), then runs rebase in a transaction. */
    async function rebase(
      symbol: string,
      fetched: number[],
      splits: { at: number; ratio: number }[],
    ) {
      const old = Array.from({ length: 10 }, (_, i) => ({
        ...candle(i),
        ts: day(i),
        close: 100 + i,
        volume: 10,
      }));
      await upsert(symbol, old);
      return new Database(ds).transaction((tx) =>
        repo.rebase(
          tx,
          series(symbol),
          fetched.map(day),
          day(10),
          splits.map((s) => ({ ts: day(s.at), numerator: s.ratio, denominator: 1 })),
        ),
      );
    }

    it('deletes stored candles of the fetched range the fetch lacks and adjusts older ones by each new split', async () => {
      // The provider now keeps days 3..9 (not 5); splits 2:1 on day 6 and 3:1 on day 2.
      const result = await rebase(
        'REBASE',
        [3, 4, 6, 7, 8, 9],
        [
          { at: 6, ratio: 2 },
          { at: 2, ratio: 3 },
        ],
      );
      expect(result).toEqual({ deleted: 1, adjusted: 3, kept: 0 });
      expect(await read('REBASE')).toEqual([
        [0, 100 / 6, 60], // before both splits
        [1, 101 / 6, 60],
        [2, 102 / 2, 20], // the 3:1 split's day is on its new basis already
        ...[3, 4, 6, 7, 8, 9].map((i) => [i, 100 + i, 10]), // left to the upsert
      ]);
    });

    it('with no split to adjust by, older candles are kept and counted; a fetch of nothing changes nothing', async () => {
      expect(await rebase('KEEP', [2, 3, 4, 5, 6, 7, 8, 9], [])).toEqual({
        deleted: 0,
        adjusted: 0,
        kept: 2,
      });
      expect(await read('KEEP')).toHaveLength(10);
      expect(await rebase('NOTHING', [], [{ at: 5, ratio: 2 }])).toEqual({
        deleted: 0,
        adjusted: 0,
        kept: 0,
      });
      expect(await read('NOTHING')).toHaveLength(10);
    });
  });

  it('the INSERT path (no COPY) has the same semantics, duplicates in one batch included', async () => {
    const insert = new OhlcvRepository(ds, { copy: false });
    const candles = Array.from({ length: 3000 }, (_, i) => candle(i));
    expect(await upsert('INS', candles, insert)).toEqual({ written: 3000, updated: 0 });
    expect(await upsert('INS', candles, insert)).toEqual({ written: 0, updated: 0 });
    const changed = candles.map((c, i) => (i % 500 === 0 ? { ...c, volume: c.volume + 1 } : c));
    expect(await upsert('INS', changed, insert)).toEqual({ written: 6, updated: 6 });
    // The COPY path meets the same rows (merge path) and a batch that repeats a timestamp.
    expect(await upsert('INS', [...changed.slice(0, 10), changed[0]])).toEqual({
      written: 0,
      updated: 0,
    });
    const fresh = [candle(5000), candle(5000)];
    expect(await upsert('INS', fresh)).toEqual({ written: 1, updated: 0 });
  });

  it('keyset pages return every candle once, in order', async () => {
    await upsert(
      'PAGE',
      Array.from({ length: 1000 }, (_, i) => candle(i)),
    );
    const seen: number[] = [];
    let after: Date | undefined;
    for (;;) {
      const page = await query.range({
        source: SRC,
        symbol: 'PAGE',
        interval: '1d',
        after,
        limit: 77,
      });
      if (page.length === 0) break;
      seen.push(...page.map((c) => new Date(c.ts).getTime()));
      after = new Date(page[page.length - 1].ts);
    }
    expect(seen).toHaveLength(1000);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(1000);
  });

  it('resampling equals an independent computation, with partial edges and gaps', async () => {
    // 200 days with a gap (days 50-64 missing); the range starts and ends mid-bucket.
    const days = Array.from({ length: 200 }, (_, i) => i).filter((i) => i < 50 || i >= 65);
    const candles = days.map((i) => candle(i, 5));
    await upsert('RES', candles);
    const from = new Date(START + 3 * DAY); // a Thursday
    const to = new Date(START + 190 * DAY);
    const inRange = candles.filter((c) => c.ts >= from && c.ts < to);

    const expected = (bucketOf: (t: Date) => number): Partial<StoredCandle>[] => {
      const groups = new Map<number, CandleRow[]>();
      for (const c of inRange) {
        const b = bucketOf(c.ts);
        groups.set(b, [...(groups.get(b) ?? []), c]);
      }
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
    };
    const monday = (t: Date) => START + Math.floor((t.getTime() - START) / (7 * DAY)) * 7 * DAY;
    const month = (t: Date) => Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1);
    const strip = (rows: StoredCandle[]) =>
      rows.map((r) => ({
        ts: new Date(r.ts),
        open: r.open,
        high: r.high,
        low: r.low,
        close: r.close,
        volume: r.volume,
      }));

    const weeks = await query.resample({
      source: SRC,
      symbol: 'RES',
      interval: '1d',
      bucket: '1wk',
      from,
      to,
      limit: 1000,
    });
    expect(strip(weeks)).toEqual(expected(monday));
    expect(weeks).toHaveLength(expected(monday).length);
    const months = await query.resample({
      source: SRC,
      symbol: 'RES',
      interval: '1d',
      bucket: '1mo',
      from,
      to,
      limit: 1000,
    });
    expect(strip(months)).toEqual(expected(month));

    // Pages of buckets.
    const firstPage = await query.resample({
      source: SRC,
      symbol: 'RES',
      interval: '1d',
      bucket: '1wk',
      from,
      to,
      limit: 5,
    });
    const rest = await query.resample({
      source: SRC,
      symbol: 'RES',
      interval: '1d',
      bucket: '1wk',
      from,
      to,
      after: new Date(firstPage[4].ts),
      limit: 1000,
    });
    expect(strip([...firstPage, ...rest])).toEqual(strip(weeks));
  });

  it('coverage reports first, last, count and the gap', async () => {
    const [cov] = await query.coverage(SRC, 'RES');
    expect(cov).toMatchObject({ interval: '1d', candles: 185 });
    expect(new Date(cov.first).getTime()).toBe(START);
    expect(cov.gaps).toEqual([
      {
        after: new Date(START + 49 * DAY),
        before: new Date(START + 65 * DAY),
        missing_ms: 16 * DAY,
      },
    ]);
  });

  it('two sources of one symbol are two series: written, paged and counted apart', async () => {
    // Enough rows for the COPY paths (fast path, then merge) and a few for the INSERT path.
    const a = Array.from({ length: 1500 }, (_, i) => candle(i));
    const b = a.map((c) => ({ ...c, close: c.close + 0.5 }));
    expect(await upsert('TWIN', a, repo, 'binance')).toEqual({ written: 1500, updated: 0 });
    // Same keys from another source: new rows, nothing of binance's touched.
    expect(await upsert('TWIN', b, repo, 'bybit')).toEqual({ written: 1500, updated: 0 });
    expect(
      await upsert('TWIN', b.slice(0, 10), new OhlcvRepository(ds, { copy: false }), 'bybit'),
    ).toEqual({ written: 0, updated: 0 });
    expect(await upsert('TWIN', a, repo, 'binance')).toEqual({ written: 0, updated: 0 });
    expect(await repo.count({ symbol: 'TWIN' })).toBe(3000);
    expect(await repo.count({ source: 'bybit', symbol: 'TWIN' })).toBe(1500);

    const first = (source: string) =>
      query.range({ source, symbol: 'TWIN', interval: '1d', limit: 1 });
    expect((await first('binance'))[0].close).toBe(a[0].close);
    expect((await first('bybit'))[0].close).toBe(b[0].close);
    expect(await query.sources('ohlcv', 'TWIN')).toEqual(['binance', 'bybit']);
    expect(await query.sources('ohlcv', 'TWIN', '1d')).toEqual(['binance', 'bybit']);
    expect(await query.sources('ohlcv', 'TWIN', '1h')).toEqual([]);
    expect(await query.sources('ohlcv', 'RES')).toEqual([SRC]);
    expect(await query.sources('ohlcv', 'NOWHERE')).toEqual([]);
    expect(await query.sources('funding', 'TWIN')).toEqual([]);
  });

  describe('daily presence (ohlcv_daily_presence) stays equal to the stored daily candles', () => {
    /** The table, and the same bitmaps computed from ohlcv_data now, for one source. */
    async function presenceAndTruth(source: string) {
      const table = await ds.query(
        `SELECT symbol, year, days::text AS days FROM ohlcv_daily_presence WHERE source = $1 ORDER BY 1, 2`,
        [source],
      );
      const truth = await ds.query(
        `SELECT symbol, extract(year FROM ts AT TIME ZONE 'UTC')::smallint AS year,
                bit_or(B'1'::bit(366) >> (extract(doy FROM ts AT TIME ZONE 'UTC')::int - 1))::text AS days
         FROM ohlcv_data WHERE source = $1 AND interval = '1d' GROUP BY 1, 2 ORDER BY 1, 2`,
        [source],
      );
      // A year whose candles are all gone keeps a row of zeros: the same as no row.
      return { table: table.filter((r: { days: string }) => r.days.includes('1')), truth };
    }

    it('through COPY, merge, INSERT, a re-ingest, deletes, a moved candle and TRUNCATE', async () => {
      const src = 'presence';
      const rows = (from: number, n: number) =>
        Array.from({ length: n }, (_, i) => candle(from + i));
      await upsert('P1', rows(0, 1500), repo, src); // COPY fast path, across two years
      await upsert('P1', rows(1400, 300), repo, src); // merge path (overlaps stored rows)
      await upsert('P2', rows(10, 20), repo, src); // one INSERT … unnest statement
      await upsert('P2', rows(10, 20), repo, src); // unchanged: nothing rewritten
      await new Database(ds).transaction(async (tx) =>
        repo.upsert(tx, src, 'P3', '1h', rows(0, 30)),
      ); // not daily: no presence
      let state = await presenceAndTruth(src);
      expect(state.table).toEqual(state.truth);
      expect(state.truth.map((r: { symbol: string }) => r.symbol)).toEqual(
        expect.arrayContaining(['P1', 'P2']),
      );

      await ds.query(
        `DELETE FROM ohlcv_data WHERE source = $1 AND symbol = 'P1' AND ts >= $2 AND ts < $3`,
        [src, new Date(START + 100 * DAY), new Date(START + 130 * DAY)],
      );
      await ds.query(
        `UPDATE ohlcv_data SET ts = ts + interval '1 day' WHERE source = $1 AND symbol = 'P2' AND ts = $2`,
        [src, new Date(START + 29 * DAY)],
      );
      state = await presenceAndTruth(src);
      expect(state.table).toEqual(state.truth);

      // A second candle on the same UTC date: deleting one keeps the day.
      await ds.query(
        `INSERT INTO ohlcv_data (source, symbol, interval, ts, open, high, low, close, volume)
         VALUES ($1, 'P2', '1d', $2, 1, 1, 1, 1, 0)`,
        [src, new Date(START + 10 * DAY + 13.5 * 3_600_000)],
      );
      await ds.query(`DELETE FROM ohlcv_data WHERE source = $1 AND symbol = 'P2' AND ts = $2`, [
        src,
        new Date(START + 10 * DAY),
      ]);
      state = await presenceAndTruth(src);
      expect(state.table).toEqual(state.truth);

      await ds.query(`TRUNCATE ohlcv_data`);
      expect(await ds.query(`SELECT count(*)::int AS n FROM ohlcv_daily_presence`)).toEqual([
        { n: 0 },
      ]);
    });
  });
});
