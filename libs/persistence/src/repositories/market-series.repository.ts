import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runnerOf, Tx } from '../database/transaction';

export interface FundingRow {
  ts: Date;
  fundingRate: number;
  markPrice: number | null;
}

export interface OpenInterestRow {
  ts: Date;
  openInterest: number;
  openInterestValue: number | null;
}

export interface CorporateActionRow {
  ts: Date;
  type: 'split' | 'dividend';
  amount: number | null;
  numerator: number | null;
  denominator: number | null;
}

const affected = (result: unknown): number => (result as { affected?: number }).affected ?? 0;

/**
 * Bulk upserts of the non-candle series (funding rates, open interest, corporate actions), set-based
 * like the candle upsert: unchanged rows are not rewritten. Each returns rows inserted or changed.
 * `source` is the provider that produced the rows: part of every key, so two providers' rows of
 * one symbol never overwrite each other.
 */
@Injectable()
export class MarketSeriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertFunding(tx: Tx, source: string, symbol: string, rows: FundingRow[]): Promise<number> {
    const qr = runnerOf(tx);
    if (rows.length === 0) return 0;
    return affected(
      await qr.query(
        `INSERT INTO funding_rate_data AS f (source, symbol, ts, funding_rate, mark_price)
         SELECT $1, $2, u.ts, u.rate, u.mark FROM unnest($3::timestamptz[], $4::float8[], $5::float8[]) AS u(ts, rate, mark)
         ON CONFLICT (source, symbol, ts) DO UPDATE SET funding_rate = EXCLUDED.funding_rate, mark_price = EXCLUDED.mark_price
         WHERE (f.funding_rate, f.mark_price) IS DISTINCT FROM (EXCLUDED.funding_rate, EXCLUDED.mark_price)`,
        [
          source,
          symbol,
          rows.map((r) => r.ts.toISOString()),
          rows.map((r) => r.fundingRate),
          rows.map((r) => r.markPrice),
        ],
        true,
      ),
    );
  }

  async upsertOpenInterest(
    tx: Tx,
    source: string,
    symbol: string,
    interval: string,
    rows: OpenInterestRow[],
  ): Promise<number> {
    const qr = runnerOf(tx);
    if (rows.length === 0) return 0;
    return affected(
      await qr.query(
        `INSERT INTO open_interest_data AS o (source, symbol, interval, ts, open_interest, open_interest_value)
         SELECT $1, $2, $3, u.ts, u.oi, u.oiv FROM unnest($4::timestamptz[], $5::float8[], $6::float8[]) AS u(ts, oi, oiv)
         ON CONFLICT (source, symbol, interval, ts) DO UPDATE
           SET open_interest = EXCLUDED.open_interest, open_interest_value = EXCLUDED.open_interest_value
         WHERE (o.open_interest, o.open_interest_value) IS DISTINCT FROM (EXCLUDED.open_interest, EXCLUDED.open_interest_value)`,
        [
          source,
          symbol,
          interval,
          rows.map((r) => r.ts.toISOString()),
          rows.map((r) => r.openInterest),
          rows.map((r) => r.openInterestValue),
        ],
        true,
      ),
    );
  }

  async upsertActions(
    tx: Tx,
    source: string,
    symbol: string,
    rows: CorporateActionRow[],
  ): Promise<number> {
    const qr = runnerOf(tx);
    if (rows.length === 0) return 0;
    return affected(
      await qr.query(
        `INSERT INTO corporate_actions AS c (source, symbol, type, ts, amount, numerator, denominator)
         SELECT $1, $2, u.type, u.ts, u.amount, u.num, u.den
         FROM unnest($3::text[], $4::timestamptz[], $5::float8[], $6::float8[], $7::float8[]) AS u(type, ts, amount, num, den)
         ON CONFLICT (source, symbol, type, ts) DO UPDATE SET amount = EXCLUDED.amount, numerator = EXCLUDED.numerator,
           denominator = EXCLUDED.denominator
         WHERE (c.amount, c.numerator, c.denominator)
               IS DISTINCT FROM (EXCLUDED.amount, EXCLUDED.numerator, EXCLUDED.denominator)`,
        [
          source,
          symbol,
          rows.map((r) => r.type),
          rows.map((r) => r.ts.toISOString()),
          rows.map((r) => r.amount),
          rows.map((r) => r.numerator),
          rows.map((r) => r.denominator),
        ],
        true,
      ),
    );
  }

  /**
   * What a fetch that received splits needs to know to tell whether the stored history of
   * `source`'s (symbol, interval) candles reflects them: its first candle, which of `splits`
   * (their times) are stored in corporate_actions, and when the series was last fetched in full
   * (fetch_ledger, requested_from NULL). One statement, run only when a response carries a split.
   */
  async splitState(
    source: string,
    symbol: string,
    interval: string,
    splits: Date[],
  ): Promise<{ firstTs: Date | null; known: Date[]; lastFullFetch: Date | null }> {
    const [row]: { firstTs: Date | null; known: Date[]; lastFullFetch: Date | null }[] =
      await this.dataSource.query(
        `SELECT (SELECT min(ts) FROM ohlcv_data WHERE source = $1 AND symbol = $2 AND interval = $3) AS "firstTs",
                array(SELECT ts FROM corporate_actions
                      WHERE source = $1 AND symbol = $2 AND type = 'split' AND ts = ANY($4::timestamptz[])
                      ORDER BY ts) AS known,
                (SELECT max(fetched_at) FROM fetch_ledger
                 WHERE source = $1 AND symbol = $2 AND interval = $3 AND data_type = 'ohlcv'
                   AND requested_from IS NULL) AS "lastFullFetch"`,
        [source, symbol, interval, splits.map((t) => t.toISOString())],
      );
    return {
      firstTs: row.firstTs,
      known: row.known.map((t) => new Date(t)),
      lastFullFetch: row.lastFullFetch,
    };
  }

  /** Newest stored ts of `source`'s series, for incremental fetches. */
  async lastTs(
    table: 'funding_rate_data' | 'open_interest_data',
    source: string,
    symbol: string,
    interval?: string,
  ): Promise<Date | null> {
    const rows: { ts: Date }[] =
      table === 'funding_rate_data'
        ? await this.dataSource.query(
            `SELECT max(ts) AS ts FROM funding_rate_data WHERE source = $1 AND symbol = $2`,
            [source, symbol],
          )
        : await this.dataSource.query(
            `SELECT max(ts) AS ts FROM open_interest_data WHERE source = $1 AND symbol = $2 AND interval = $3`,
            [source, symbol, interval],
          );
    return rows[0]?.ts ?? null;
  }
}
