import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';

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

/** Rows per INSERT statement: large enough to amortise round trips, small enough for memory. */
const CHUNK = 5000;

/**
 * Bulk upsert of candles: one set-based statement per chunk, fed by arrays (unnest), conflicts on
 * the primary key update only rows whose values changed, so re-ingesting unchanged data writes
 * nothing (no dead tuples). Returns the number of rows inserted or changed.
 */
@Injectable()
export class OhlcvRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(
    qr: QueryRunner,
    symbol: string,
    interval: string,
    candles: CandleRow[],
  ): Promise<number> {
    let written = 0;
    for (let i = 0; i < candles.length; i += CHUNK) {
      const chunk = candles.slice(i, i + CHUNK);
      const result: unknown = await qr.query(
        `INSERT INTO ohlcv_data AS o (symbol, interval, ts, open, high, low, close, adj_close, volume)
         SELECT $1, $2, u.ts, u.open, u.high, u.low, u.close, u.adj_close, u.volume
         FROM unnest($3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])
              AS u(ts, open, high, low, close, adj_close, volume)
         ON CONFLICT (symbol, interval, ts) DO UPDATE SET
           open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
           adj_close = EXCLUDED.adj_close, volume = EXCLUDED.volume
         WHERE (o.open, o.high, o.low, o.close, o.adj_close, o.volume)
               IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.adj_close, EXCLUDED.volume)`,
        [
          symbol,
          interval,
          chunk.map((c) => c.ts.toISOString()),
          chunk.map((c) => c.open),
          chunk.map((c) => c.high),
          chunk.map((c) => c.low),
          chunk.map((c) => c.close),
          chunk.map((c) => c.adjClose),
          chunk.map((c) => c.volume),
        ],
        true,
      );
      written += (result as { affected?: number }).affected ?? 0;
    }
    return written;
  }

  /** Open time of the newest stored candle of (symbol, interval), or null. Uses the primary key. */
  async lastTs(symbol: string, interval: string): Promise<Date | null> {
    const rows: { ts: Date }[] = await this.dataSource.query(
      `SELECT ts FROM ohlcv_data WHERE symbol = $1 AND interval = $2 ORDER BY ts DESC LIMIT 1`,
      [symbol, interval],
    );
    return rows[0]?.ts ?? null;
  }

  async count(symbol?: string, interval?: string): Promise<number> {
    const [{ n }]: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM ohlcv_data WHERE ($1::text IS NULL OR symbol = $1) AND ($2::text IS NULL OR interval = $2)`,
      [symbol ?? null, interval ?? null],
    );
    return Number(n);
  }
}
