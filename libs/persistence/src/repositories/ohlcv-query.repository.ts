import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rollupViewFor } from '../timescale/timescale.sql';

/** A type, not an interface, so a row reads as a Record of its columns (the series query). */
export type StoredCandle = {
  ts: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  adj_close: number | null;
  volume: number;
};

export interface RangeQuery {
  /** The provider whose series is read. */
  source: string;
  symbol: string;
  interval: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Keyset cursor: only rows strictly after this ts. */
  after?: Date;
  limit: number;
}

/** SQL interval of each bucket name; `1mo` is calendar months. */
const BUCKET_SQL: Record<string, string> = {
  '5m': '5 minutes',
  '15m': '15 minutes',
  '30m': '30 minutes',
  '1h': '1 hour',
  '1d': '1 day',
  '1wk': '7 days',
  '1mo': '1 month',
};

/** Mondays: weeks start on Monday, as TimescaleDB's time_bucket does by default. */
const ORIGIN = `TIMESTAMPTZ '2000-01-03 00:00:00+00'`;

/** The stored series kinds (the tables they live in are this repository's business). */
export type StoredSeriesKind = 'ohlcv' | 'funding' | 'open_interest';

const SERIES_TABLE: Record<StoredSeriesKind, string> = {
  ohlcv: 'ohlcv_data',
  funding: 'funding_rate_data',
  open_interest: 'open_interest_data',
};

export interface CoverageRow {
  interval: string;
  first: Date;
  last: Date;
  candles: number;
  gaps: { after: Date; before: Date; missing_ms: number }[];
}

/**
 * Reads of the time-series tables: keyset-paginated ranges and OHLCV resampling, the same results
 * with TimescaleDB (time_bucket, first/last) and plain PostgreSQL (date_bin, ordered aggregates).
 * Every read goes to the read replica when DATABASE_READ_URL is set (TypeORM's `slave` pool):
 * candles, funding rates, open interest, CSV pages and coverage may lag the primary by the
 * replication delay; nothing here is read right after this process wrote it.
 */
@Injectable()
export class OhlcvQueryRepository {
  private timescale: Promise<boolean> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** One statement on the replica (or the primary when none is configured). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async read(sql: string, params?: unknown[]): Promise<any> {
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return await runner.query(sql, params);
    } finally {
      await runner.release();
    }
  }

  /** Is ohlcv_data a hypertable (decided once per process)? */
  hypertable(): Promise<boolean> {
    this.timescale ??= this.dataSource
      .query(
        `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS installed`,
      )
      .then(async ([{ installed }]: { installed: boolean }[]) => {
        if (!installed) return false;
        const rows: unknown[] = await this.read(
          `SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'ohlcv_data'`,
        );
        return rows.length > 0;
      });
    return this.timescale;
  }

  private readonly rollups = new Map<string, Promise<string | null>>();

  /** The continuous aggregate for (interval, bucket), when TimescaleDB has one (looked up once). */
  private rollup(interval: string, bucket: string): Promise<string | null> {
    const key = `${interval}>${bucket}`;
    let found = this.rollups.get(key);
    if (!found) {
      found = rollupViewFor({ query: (sql, params) => this.read(sql, params) }, interval, bucket);
      this.rollups.set(key, found);
    }
    return found;
  }

  /**
   * The sources (providers) holding rows of `symbol` in a series kind (and, when given, at
   * `interval`), sorted. The primary keys lead with `source`, so this walks the distinct sources
   * through the key (one index probe per source: a loose index scan, which PostgreSQL before 18
   * does not plan by itself) and asks each whether it holds the symbol, instead of scanning the
   * table for the symbol.
   */
  async sources(kind: StoredSeriesKind, symbol: string, interval?: string): Promise<string[]> {
    const table = SERIES_TABLE[kind];
    const intervalMatch = interval === undefined ? '' : ' AND t.interval = $2';
    const rows: { source: string }[] = await this.read(
      `WITH RECURSIVE walk(source) AS (
         SELECT min(source) FROM ${table}
         UNION ALL
         SELECT (SELECT min(source) FROM ${table} WHERE source > walk.source) FROM walk
         WHERE walk.source IS NOT NULL
       )
       SELECT source FROM walk
       WHERE source IS NOT NULL
         AND EXISTS (SELECT 1 FROM ${table} t WHERE t.source = walk.source AND t.symbol = $1${intervalMatch})
       ORDER BY source`,
      interval === undefined ? [symbol] : [symbol, interval],
    );
    return rows.map((r) => r.source);
  }

  async range(q: RangeQuery): Promise<StoredCandle[]> {
    return this.read(
      `SELECT ts, open, high, low, close, adj_close, volume FROM ohlcv_data
       WHERE source = $1 AND symbol = $2 AND interval = $3
         AND ($4::timestamptz IS NULL OR ts >= $4) AND ($5::timestamptz IS NULL OR ts < $5)
         AND ($6::timestamptz IS NULL OR ts > $6)
       ORDER BY ts LIMIT $7`,
      [q.source, q.symbol, q.interval, q.from ?? null, q.to ?? null, q.after ?? null, q.limit],
    );
  }

  /**
   * Candles of `interval` resampled to `bucket`: first open, max high, min low, last close, sum of
   * volume; `ts` is the bucket start. Partial buckets at the edges hold what the range has.
   */
  async resample(q: RangeQuery & { bucket: string }): Promise<StoredCandle[]> {
    const width = BUCKET_SQL[q.bucket];
    if (!width) throw new Error(`unknown bucket ${q.bucket}`);
    const ts = await this.hypertable();
    const view = ts ? await this.rollup(q.interval, q.bucket) : null;
    if (view) {
      // A continuous aggregate already holds these buckets (real-time: recent rows included).
      return this.read(
        `SELECT ts, open, high, low, close, adj_close, volume FROM "${view}"
         WHERE source = $1 AND symbol = $2 AND ($3::timestamptz IS NULL OR ts >= $3)
           AND ($4::timestamptz IS NULL OR ts < $4) AND ($5::timestamptz IS NULL OR ts > $5)
         ORDER BY ts LIMIT $6`,
        [q.source, q.symbol, q.from ?? null, q.to ?? null, q.after ?? null, q.limit],
      );
    }
    const bucketExpr =
      q.bucket === '1mo'
        ? `date_trunc('month', ts, 'UTC')`
        : ts
          ? `time_bucket(INTERVAL '${width}', ts, ${ORIGIN})`
          : `date_bin(INTERVAL '${width}', ts, ${ORIGIN})`;
    const first = ts ? 'first(open, ts)' : '(array_agg(open ORDER BY ts))[1]';
    const last = ts ? 'last(close, ts)' : '(array_agg(close ORDER BY ts DESC))[1]';
    const lastAdj = ts ? 'last(adj_close, ts)' : '(array_agg(adj_close ORDER BY ts DESC))[1]';
    return this.read(
      `SELECT b AS ts, open, high, low, close, adj_close, volume FROM (
         SELECT ${bucketExpr} AS b, ${first} AS open, max(high) AS high, min(low) AS low,
                ${last} AS close, ${lastAdj} AS adj_close, sum(volume) AS volume
         FROM ohlcv_data
         WHERE source = $1 AND symbol = $2 AND interval = $3
           AND ($4::timestamptz IS NULL OR ts >= $4) AND ($5::timestamptz IS NULL OR ts < $5)
         GROUP BY 1
       ) buckets
       WHERE ($6::timestamptz IS NULL OR b > $6)
       ORDER BY b LIMIT $7`,
      [q.source, q.symbol, q.interval, q.from ?? null, q.to ?? null, q.after ?? null, q.limit],
    );
  }

  /**
   * Per stored interval of `source`'s candles of a symbol: first and last candle, count, and gaps
   * wider than expected.
   */
  async coverage(source: string, symbol: string, maxGaps = 50): Promise<CoverageRow[]> {
    const spans: { interval: string; first: Date; last: Date; candles: string }[] = await this.read(
      `SELECT interval, min(ts) AS first, max(ts) AS last, count(*) AS candles
       FROM ohlcv_data WHERE source = $1 AND symbol = $2 GROUP BY interval ORDER BY interval`,
      [source, symbol],
    );
    const out: CoverageRow[] = [];
    for (const span of spans) {
      const gaps: { after: Date; before: Date; missing_ms: string }[] = await this.read(
        `SELECT prev AS after, ts AS before, (extract(epoch FROM ts - prev) * 1000)::bigint AS missing_ms
         FROM (SELECT ts, lag(ts) OVER (ORDER BY ts) AS prev FROM ohlcv_data
               WHERE source = $1 AND symbol = $2 AND interval = $3) s
         WHERE prev IS NOT NULL AND ts - prev > $4::interval
         ORDER BY ts - prev DESC, ts LIMIT $5`,
        [source, symbol, span.interval, gapThreshold(span.interval), maxGaps],
      );
      out.push({
        interval: span.interval,
        first: span.first,
        last: span.last,
        candles: Number(span.candles),
        gaps: gaps.map((g) => ({
          after: g.after,
          before: g.before,
          missing_ms: Number(g.missing_ms),
        })),
      });
    }
    return out;
  }

  async fundingRates(q: Omit<RangeQuery, 'interval'>) {
    return this.read(
      `SELECT ts, funding_rate, mark_price FROM funding_rate_data
       WHERE source = $1 AND symbol = $2 AND ($3::timestamptz IS NULL OR ts >= $3)
         AND ($4::timestamptz IS NULL OR ts < $4) AND ($5::timestamptz IS NULL OR ts > $5)
       ORDER BY ts LIMIT $6`,
      [q.source, q.symbol, q.from ?? null, q.to ?? null, q.after ?? null, q.limit],
    ) as Promise<{ ts: Date; funding_rate: number; mark_price: number | null }[]>;
  }

  async openInterest(q: RangeQuery) {
    return this.read(
      `SELECT ts, open_interest, open_interest_value FROM open_interest_data
       WHERE source = $1 AND symbol = $2 AND interval = $3 AND ($4::timestamptz IS NULL OR ts >= $4)
         AND ($5::timestamptz IS NULL OR ts < $5) AND ($6::timestamptz IS NULL OR ts > $6)
       ORDER BY ts LIMIT $7`,
      [q.source, q.symbol, q.interval, q.from ?? null, q.to ?? null, q.after ?? null, q.limit],
    ) as Promise<{ ts: Date; open_interest: number; open_interest_value: number | null }[]>;
  }
}

/** A gap is a jump wider than markets normally make: weekends and holidays are not gaps. */
function gapThreshold(interval: string): string {
  switch (interval) {
    case '1d':
      return '4 days';
    case '1wk':
      return '15 days';
    case '1mo':
      return '62 days';
    default:
      return '3 days'; // intraday: beyond a long weekend
  }
}
