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
 */
@Injectable()
export class MarketSeriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertFunding(tx: Tx, symbol: string, rows: FundingRow[]): Promise<number> {
    const qr = runnerOf(tx);
    if (rows.length === 0) return 0;
    return affected(
      await qr.query(
        `INSERT INTO funding_rate_data AS f (symbol, ts, funding_rate, mark_price)
         SELECT $1, u.ts, u.rate, u.mark FROM unnest($2::timestamptz[], $3::float8[], $4::float8[]) AS u(ts, rate, mark)
         ON CONFLICT (symbol, ts) DO UPDATE SET funding_rate = EXCLUDED.funding_rate, mark_price = EXCLUDED.mark_price
         WHERE (f.funding_rate, f.mark_price) IS DISTINCT FROM (EXCLUDED.funding_rate, EXCLUDED.mark_price)`,
        [
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
    symbol: string,
    interval: string,
    rows: OpenInterestRow[],
  ): Promise<number> {
    const qr = runnerOf(tx);
    if (rows.length === 0) return 0;
    return affected(
      await qr.query(
        `INSERT INTO open_interest_data AS o (symbol, interval, ts, open_interest, open_interest_value)
         SELECT $1, $2, u.ts, u.oi, u.oiv FROM unnest($3::timestamptz[], $4::float8[], $5::float8[]) AS u(ts, oi, oiv)
         ON CONFLICT (symbol, interval, ts) DO UPDATE
           SET open_interest = EXCLUDED.open_interest, open_interest_value = EXCLUDED.open_interest_value
         WHERE (o.open_interest, o.open_interest_value) IS DISTINCT FROM (EXCLUDED.open_interest, EXCLUDED.open_interest_value)`,
        [
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
    symbol: string,
    provider: string,
    rows: CorporateActionRow[],
  ): Promise<number> {
    const qr = runnerOf(tx);
    if (rows.length === 0) return 0;
    return affected(
      await qr.query(
        `INSERT INTO corporate_actions AS c (symbol, type, ts, amount, numerator, denominator, provider)
         SELECT $1, u.type, u.ts, u.amount, u.num, u.den, $2
         FROM unnest($3::text[], $4::timestamptz[], $5::float8[], $6::float8[], $7::float8[]) AS u(type, ts, amount, num, den)
         ON CONFLICT (symbol, type, ts) DO UPDATE SET amount = EXCLUDED.amount, numerator = EXCLUDED.numerator,
           denominator = EXCLUDED.denominator, provider = EXCLUDED.provider
         WHERE (c.amount, c.numerator, c.denominator, c.provider)
               IS DISTINCT FROM (EXCLUDED.amount, EXCLUDED.numerator, EXCLUDED.denominator, EXCLUDED.provider)`,
        [
          symbol,
          provider,
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

  /** Newest stored ts of a series, for incremental fetches. */
  async lastTs(
    table: 'funding_rate_data' | 'open_interest_data',
    symbol: string,
    interval?: string,
  ): Promise<Date | null> {
    const rows: { ts: Date }[] =
      table === 'funding_rate_data'
        ? await this.dataSource.query(
            `SELECT max(ts) AS ts FROM funding_rate_data WHERE symbol = $1`,
            [symbol],
          )
        : await this.dataSource.query(
            `SELECT max(ts) AS ts FROM open_interest_data WHERE symbol = $1 AND interval = $2`,
            [symbol, interval],
          );
    return rows[0]?.ts ?? null;
  }
}
