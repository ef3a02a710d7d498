import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The presence bitmap of one (source, symbol, year): `days[n]` is '1' when day n+1 is stored. */
export interface PresenceRow {
  source: string;
  symbol: string;
  year: number;
  days: string;
}

/** A series coverage may report on: a registry row, stored daily candles, or both. */
export interface CoverageCandidate {
  source: string;
  symbol: string;
  /** The registry's exchange name (null: not in the registry, or none given). */
  exchange: string | null;
  marketSegment: string | null;
  /** `YYYY-MM-DD`, from the registry. */
  listedDate: string | null;
  delistedDate: string | null;
  /** In the registry and active (false: delisted, or not in the registry). */
  active: boolean;
  /** Some daily candle is stored. */
  stored: boolean;
}

/** A fetch of daily candles that overlaps a range asked about (the fetch ledger). */
export interface LedgerFetch {
  source: string;
  symbol: string;
  requestedFrom: Date | null;
  requestedTo: Date;
  rowsReturned: number;
  firstTs: Date | null;
  lastTs: Date | null;
  fetchedAt: Date;
}

/** A range of one series to look up in the ledger (instants; `to` exclusive). */
export interface SeriesRange {
  source: string;
  symbol: string;
  from: Date;
  to: Date;
}

/**
 * The reads of coverage: presence bitmaps of daily candles, the series to report on, and the
 * ledger's fetches over the ranges that lack candles. `replica: true` reads from the read replica
 * (DATABASE_READ_URL; the primary when none is set): coverage answers may lag by the replication
 * delay. A backfill plans on the primary (it is read right before the batch it starts).
 */
@Injectable()
export class CoverageRepository {
  constructor(private readonly dataSource: DataSource) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async read(replica: boolean, sql: string, params: unknown[]): Promise<any[]> {
    const runner = this.dataSource.createQueryRunner(replica ? 'slave' : 'master');
    try {
      return (await runner.query(sql, params)) as unknown[];
    } finally {
      await runner.release();
    }
  }

  /**
   * The presence rows of these series from `fromYear` on (`toYear` inclusive when given), in
   * (source, symbol, year) order: one index range per series.
   */
  async presence(
    series: readonly { source: string; symbol: string }[],
    fromYear: number,
    toYear: number | null,
    replica: boolean,
  ): Promise<PresenceRow[]> {
    if (series.length === 0) return [];
    return this.read(
      replica,
      `SELECT p.source, p.symbol, p.year, p.days::text AS days
       FROM unnest($1::text[], $2::text[]) AS s(source, symbol)
       JOIN ohlcv_daily_presence p ON p.source = s.source AND p.symbol = s.symbol
       WHERE p.year >= $3 AND ($4::int IS NULL OR p.year <= $4)
       ORDER BY p.source, p.symbol, p.year`,
      [series.map((s) => s.source), series.map((s) => s.symbol), fromYear, toYear],
    );
  }

  /**
   * Every series of `source` (all sources when null) coverage may list: the registry's active
   * rows, its delisted rows that have candles, and stored daily series the registry lacks; with
   * `symbols`, only those. Ordered by symbol, then source.
   */
  async candidates(
    source: string | null,
    symbols: readonly string[] | null,
    replica: boolean,
  ): Promise<CoverageCandidate[]> {
    const rows: {
      source: string;
      symbol: string;
      exchange: string | null;
      market_segment: string | null;
      listed_date: string | null;
      delisted_date: string | null;
      active: boolean | null;
      stored: boolean;
    }[] = await this.read(
      replica,
      `WITH s AS (
         SELECT provider, symbol, exchange, market_segment, listed_date::text, delisted_date::text, active
         FROM symbols
         WHERE ($1::text IS NULL OR provider = $1) AND ($2::text[] IS NULL OR symbol = ANY ($2))),
       p AS (
         SELECT DISTINCT source, symbol FROM ohlcv_daily_presence
         WHERE ($1::text IS NULL OR source = $1) AND ($2::text[] IS NULL OR symbol = ANY ($2)))
       SELECT coalesce(s.provider, p.source) AS source, coalesce(s.symbol, p.symbol) AS symbol,
              s.exchange, s.market_segment, s.listed_date, s.delisted_date, s.active,
              p.symbol IS NOT NULL AS stored
       FROM s FULL JOIN p ON p.source = s.provider AND p.symbol = s.symbol
       WHERE s.active IS NOT FALSE OR p.symbol IS NOT NULL
       ORDER BY 2, 1`,
      [source, symbols === null ? null : [...symbols]],
    );
    return rows.map((r) => ({
      source: r.source,
      symbol: r.symbol,
      exchange: r.exchange,
      marketSegment: r.market_segment,
      listedDate: r.listed_date,
      delistedDate: r.delisted_date,
      active: r.active === true,
      stored: r.stored,
    }));
  }

  /**
   * The ledger's fetches of daily candles (data_type ohlcv, interval 1d) that overlap one of
   * `ranges` and may have answered nothing for part of it: returned no row, or started before
   * their first row, or ended after their last. One index range per series.
   */
  async fetchesOver(ranges: readonly SeriesRange[], replica: boolean): Promise<LedgerFetch[]> {
    if (ranges.length === 0) return [];
    const rows: {
      source: string;
      symbol: string;
      requested_from: Date | null;
      requested_to: Date;
      rows_returned: number;
      first_ts: Date | null;
      last_ts: Date | null;
      fetched_at: Date;
    }[] = await this.read(
      replica,
      `SELECT DISTINCT l.id, l.source, l.symbol, l.requested_from, l.requested_to, l.rows_returned,
              l.first_ts, l.last_ts, l.fetched_at
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[])
            AS r(source, symbol, range_from, range_to)
       JOIN fetch_ledger l ON l.source = r.source AND l.symbol = r.symbol AND l.interval = '1d'
        AND l.data_type = 'ohlcv'
       WHERE coalesce(l.requested_from, '-infinity') < r.range_to AND l.requested_to > r.range_from
         AND (l.rows_returned = 0 OR l.requested_from IS NULL OR l.requested_from < l.first_ts
              OR l.requested_to > l.last_ts + interval '1 day')
       ORDER BY l.id`,
      [
        ranges.map((r) => r.source),
        ranges.map((r) => r.symbol),
        ranges.map((r) => r.from.toISOString()),
        ranges.map((r) => r.to.toISOString()),
      ],
    );
    return rows.map((r) => ({
      source: r.source,
      symbol: r.symbol,
      requestedFrom: r.requested_from,
      requestedTo: r.requested_to,
      rowsReturned: r.rows_returned,
      firstTs: r.first_ts,
      lastTs: r.last_ts,
      fetchedAt: r.fetched_at,
    }));
  }
}
