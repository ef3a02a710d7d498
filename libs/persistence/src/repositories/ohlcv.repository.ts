import { Inject, Injectable, Optional } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, QueryRunner } from 'typeorm';
import { preparedQuery, runnerOf, Tx } from '../database/transaction';
import { presenceOf, presenceRowsUpsertSql } from './daily-presence-sql';
import { candlesAsBinaryCopy } from './ohlcv-copy';

/** A candle row as the repository writes it. */
export interface CandleRow {
  ts: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number | null;
  volume: number;
}

/** One series of ohlcv_data: the provider that produced it, the symbol and the interval. */
interface Series {
  source: string;
  symbol: string;
  interval: string;
}

/** Rows per COPY: large enough to amortise round trips, small enough for memory. */
const CHUNK = 10_000;

/** Injection token of OhlcvRepository's write options ({ copy?: boolean }). */
export const OHLCV_WRITE_OPTIONS = Symbol('OHLCV_WRITE_OPTIONS');

/** Below this many rows a single INSERT … unnest beats COPY's extra round trips. */
const SMALL_BATCH = 1000;

const COLUMNS = '(source, symbol, interval, ts, open, high, low, close, adj_close, volume)';

/** Largest candle write that rides in an outcome group's single statement (BatchRepository). */
export const SMALL_CANDLE_WRITE = SMALL_BATCH - 1;

/**
 * The conflict clause of every candle upsert (`INSERT INTO ohlcv_data AS o …`): a stored candle
 * is rewritten only when a value changed, so re-ingesting unchanged data writes nothing (no dead
 * tuples) and counts nothing.
 */
export const OHLCV_UPSERT = `ON CONFLICT (source, symbol, interval, ts) DO UPDATE SET
         open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
         adj_close = EXCLUDED.adj_close, volume = EXCLUDED.volume
       WHERE (o.open, o.high, o.low, o.close, o.adj_close, o.volume)
             IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.adj_close, EXCLUDED.volume)`;

/**
 * Bulk upsert of one series' candles (source = the provider that produced them, symbol, interval)
 * through COPY (measured against INSERT … SELECT unnest(…) ON CONFLICT on
 * this machine, single connection, 5,000-row batches: new rows 87k vs 33k rows/s, merge of
 * existing rows 31-66k vs 24-45k rows/s; see README "Performance"):
 * - fast path: when the series has no row in the batch's time span, COPY straight into
 *   ohlcv_data (inside a savepoint: a concurrent writer of the same rows makes it fall back);
 * - merge path: COPY into a session temp table, then one INSERT … SELECT … ON CONFLICT DO UPDATE
 *   that rewrites only rows whose values changed, so re-ingesting unchanged data writes nothing
 *   (no dead tuples).
 * Returns the number of rows inserted or changed. Runs on the caller's transaction.
 */
@Injectable()
export class OhlcvRepository {
  /**
   * COPY needs the server's CopyIn protocol; `copy: false` uses a multi-row INSERT … SELECT
   * unnest(…) instead (the WASM PostgreSQL of the TimescaleDB tests has no COPY FROM STDIN).
   */
  private readonly useCopy: boolean;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(OHLCV_WRITE_OPTIONS) options?: { copy?: boolean },
  ) {
    this.useCopy = options?.copy ?? true;
  }

  /**
   * Upserts candles of `source`'s (symbol, interval) series inside the caller's transaction (e.g.
   * a symbol's outcome); `source` is the provider that produced them.
   */
  async upsert(
    tx: Tx,
    source: string,
    symbol: string,
    interval: string,
    candles: CandleRow[],
  ): Promise<number> {
    const qr = runnerOf(tx);
    const series = { source, symbol, interval };
    let written = 0;
    for (let i = 0; i < candles.length; i += CHUNK) {
      written += await this.upsertChunk(qr, series, candles.slice(i, i + CHUNK));
    }
    return written;
  }

  private async upsertChunk(qr: QueryRunner, series: Series, chunk: CandleRow[]): Promise<number> {
    if (chunk.length === 0) return 0;
    const { source, symbol, interval } = series;
    // Small batches (an incremental refresh: a few new candles) take one INSERT statement; the
    // COPY paths need 3-5 round trips and only pay off from about a thousand rows.
    if (!this.useCopy || chunk.length < SMALL_BATCH) return this.insertChunk(qr, series, chunk);
    const client = (await qr.connect()) as PoolClient;
    let min = chunk[0].ts.getTime();
    let max = min;
    for (const c of chunk) {
      const t = c.ts.getTime();
      if (t < min) min = t;
      else if (t > max) max = t;
    }
    const data = candlesAsBinaryCopy(source, symbol, interval, chunk);
    const { rows } = await client.query<{ taken: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ohlcv_data WHERE source = $1 AND symbol = $2 AND interval = $3 AND ts BETWEEN $4 AND $5) AS taken`,
      [source, symbol, interval, new Date(min), new Date(max)],
    );
    if (!rows[0].taken) {
      await client.query('SAVEPOINT ohlcv_fast');
      try {
        await copy(client, `COPY ohlcv_data ${COLUMNS} FROM STDIN (FORMAT binary)`, data);
        if (interval === '1d') await markPresent(client, source, symbol, chunk);
        await client.query('RELEASE SAVEPOINT ohlcv_fast');
        return chunk.length;
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT ohlcv_fast');
        if ((error as { code?: string }).code !== '23505') throw error; // else: merge below
      }
    }
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ohlcv_stage (LIKE ohlcv_data INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
    );
    await copy(client, `COPY ohlcv_stage ${COLUMNS} FROM STDIN (FORMAT binary)`, data);
    const merge = `INSERT INTO ohlcv_data AS o ${COLUMNS}
       SELECT DISTINCT ON (ts) source, symbol, interval, ts, open, high, low, close, adj_close, volume FROM ohlcv_stage ORDER BY ts
       ${OHLCV_UPSERT}`;
    const written = (await client.query(merge)).rowCount ?? 0;
    // Every candle of the chunk is stored now (inserted, changed or already there).
    if (interval === '1d') await markPresent(client, source, symbol, chunk);
    await client.query('TRUNCATE ohlcv_stage');
    return written;
  }

  /** The same upsert as one INSERT … SELECT FROM unnest(arrays) … ON CONFLICT statement. */
  private async insertChunk(qr: QueryRunner, series: Series, chunk: CandleRow[]): Promise<number> {
    const insert = `INSERT INTO ohlcv_data AS o ${COLUMNS}
       SELECT DISTINCT ON (u.ts) $1, $2, $3, u.ts, u.open, u.high, u.low, u.close, u.adj_close, u.volume
       FROM unnest($4::timestamptz[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[])
            AS u(ts, open, high, low, close, adj_close, volume)
       ORDER BY u.ts
       ${OHLCV_UPSERT}`;
    const daily = series.interval === '1d';
    const presence = daily ? presenceOf(chunk) : null;
    const result: unknown = await qr.query(
      daily
        ? `WITH written AS (${insert} RETURNING 1),
           presence AS (${presenceRowsUpsertSql('$1', '$2', '$11', '$12')})
           SELECT count(*)::int AS n FROM written`
        : insert,
      [
        series.source,
        series.symbol,
        series.interval,
        chunk.map((c) => c.ts.toISOString()),
        chunk.map((c) => c.open),
        chunk.map((c) => c.high),
        chunk.map((c) => c.low),
        chunk.map((c) => c.close),
        chunk.map((c) => c.adjClose),
        chunk.map((c) => c.volume),
        ...(presence ? [presence.years, presence.days] : []),
      ],
      true,
    );
    if (daily) return (result as { records: { n: number }[] }).records[0].n;
    return (result as { affected?: number }).affected ?? 0;
  }

  /**
   * The newest `limit` stored candles of the series (before `before` when given), newest first:
   * one backward scan of the primary key. An incremental fetch reads its start (the newest
   * candle, fetched again: the overlap candle it compares) and the context of anomaly detection
   * (the previous close, a zero-volume run going on) in this one statement.
   */
  async tail(
    source: string,
    symbol: string,
    interval: string,
    limit: number,
    before: Date | null = null,
  ): Promise<CandleRow[]> {
    const rows: CandleRow[] = await this.dataSource.query(
      `SELECT ts, open, high, low, close, adj_close AS "adjClose", volume FROM ohlcv_data
       WHERE source = $1 AND symbol = $2 AND interval = $3 AND ($5::timestamptz IS NULL OR ts < $5)
       ORDER BY ts DESC LIMIT $4`,
      [source, symbol, interval, limit, before],
    );
    return rows;
  }

  /**
   * `tail` of several series in one statement (one backward scan of the primary key per series,
   * LATERAL): the answer per request, in order. The worker groups the tails of the jobs that start
   * while the previous read runs (SymbolFetchService), so N concurrent jobs pay one round trip.
   */
  async tails(
    requests: readonly {
      source: string;
      symbol: string;
      interval: string;
      limit: number;
      before: Date | null;
    }[],
  ): Promise<CandleRow[][]> {
    if (requests.length === 0) return [];
    const rows: (CandleRow & { i: string })[] = await preparedQuery(
      this.dataSource,
      `SELECT r.i, t.ts, t.open, t.high, t.low, t.close, t.adj_close AS "adjClose", t.volume
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[])
            WITH ORDINALITY AS r(source, symbol, interval, lim, before, i)
       CROSS JOIN LATERAL (
         SELECT ts, open, high, low, close, adj_close, volume FROM ohlcv_data o
         WHERE o.source = r.source AND o.symbol = r.symbol AND o.interval = r.interval
           AND (r.before IS NULL OR o.ts < r.before)
         ORDER BY o.ts DESC LIMIT r.lim) t
       ORDER BY r.i, t.ts DESC`,
      [
        requests.map((r) => r.source),
        requests.map((r) => r.symbol),
        requests.map((r) => r.interval),
        requests.map((r) => r.limit),
        requests.map((r) => (r.before === null ? null : r.before.toISOString())),
      ],
    );
    const out: CandleRow[][] = requests.map(() => []);
    for (const { i, ...row } of rows) out[Number(i) - 1].push(row);
    return out;
  }

  /**
   * After a series' whole history was fetched again and upserted (in `tx`), puts the rest of
   * the stored series on the same basis: stored candles in [first fetched, `to`) the fetch did not
   * return are deleted (the provider no longer has them); stored candles older than the first
   * fetched one (older than the provider keeps, e.g. intraday) are adjusted by each split in
   * `splits` dated after them (prices ÷ numerator/denominator, volume ×), or, with no split to
   * adjust by, kept as they are and counted. `fetched` are the fetched candles' times.
   */
  async rebase(
    tx: Tx,
    series: Series,
    fetched: Date[],
    to: Date,
    splits: { ts: Date; numerator: number; denominator: number }[],
  ): Promise<{ deleted: number; adjusted: number; kept: number }> {
    if (fetched.length === 0) return { deleted: 0, adjusted: 0, kept: 0 };
    const qr = runnerOf(tx);
    const key = [series.source, series.symbol, series.interval];
    let first = fetched[0];
    for (const t of fetched) if (t.getTime() < first.getTime()) first = t;
    const deleted = (await qr.query(
      `DELETE FROM ohlcv_data o WHERE o.source = $1 AND o.symbol = $2 AND o.interval = $3
         AND o.ts >= $4 AND o.ts < $5
         AND NOT EXISTS (SELECT 1 FROM unnest($6::timestamptz[]) AS f(ts) WHERE f.ts = o.ts)`,
      [...key, first, to, fetched.map((t) => t.toISOString())],
      true,
    )) as { affected?: number };
    // A candle older than several new splits is adjusted by each: counted once.
    const adjusted = new Set<number>();
    for (const split of splits) {
      const factor = split.numerator / split.denominator;
      if (!(factor > 0) || !Number.isFinite(factor)) continue;
      const updated = (await qr.query(
        `UPDATE ohlcv_data SET open = open / $4, high = high / $4, low = low / $4,
           close = close / $4, adj_close = adj_close / $4, volume = volume * $4
         WHERE source = $1 AND symbol = $2 AND interval = $3 AND ts < $5 AND ts < $6
         RETURNING ts`,
        [...key, factor, first, split.ts],
        true,
      )) as { records: { ts: Date }[] };
      for (const r of updated.records) adjusted.add(r.ts.getTime());
    }
    const [{ n }]: { n: number }[] = await qr.query(
      `SELECT count(*)::int AS n FROM ohlcv_data
       WHERE source = $1 AND symbol = $2 AND interval = $3 AND ts < $4`,
      [...key, first],
    );
    return { deleted: deleted.affected ?? 0, adjusted: adjusted.size, kept: n - adjusted.size };
  }

  /** Stored candles, all or of one source / symbol / interval. */
  async count(
    filter: { source?: string; symbol?: string; interval?: string } = {},
  ): Promise<number> {
    const [{ n }]: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM ohlcv_data WHERE ($1::text IS NULL OR source = $1)
         AND ($2::text IS NULL OR symbol = $2) AND ($3::text IS NULL OR interval = $3)`,
      [filter.source ?? null, filter.symbol ?? null, filter.interval ?? null],
    );
    return Number(n);
  }
}

/** Sets the presence bits of a daily series' candles (their rows computed here: presenceOf). */
async function markPresent(
  client: PoolClient,
  source: string,
  symbol: string,
  candles: readonly { ts: Date }[],
): Promise<void> {
  const { years, days } = presenceOf(candles);
  await client.query(presenceRowsUpsertSql('$1', '$2', '$3', '$4'), [source, symbol, years, days]);
}

async function copy(client: PoolClient, sql: string, data: Buffer): Promise<void> {
  await pipeline(Readable.from([data]), client.query(copyFrom(sql)));
}
