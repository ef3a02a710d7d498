/**
 * SQL that keeps `ohlcv_daily_presence` exact (see the DailyPresence migration). Every statement
 * that stores daily candles sets their days' bits in the same transaction; deletes are the
 * migration's triggers' business.
 */

/** The bit of a candle's day in its year's bitmap (`ts` a column or expression). */
const DAY_BIT = (ts: string) =>
  `B'1'::bit(366) >> (extract(doy FROM ${ts} AT TIME ZONE 'UTC')::int - 1)`;
const YEAR = (ts: string) => `extract(year FROM ${ts} AT TIME ZONE 'UTC')::smallint`;

/**
 * `INSERT … ON CONFLICT` that ORs the days of the rows `from` selects into their presence rows:
 * `from` is a FROM clause yielding `source`, `symbol`, `interval` and `ts` columns (a CTE of
 * written candles, an unnest of parameters). Rows of another interval than 1d are ignored; a row
 * whose bits are already set is not rewritten (no dead tuple for a re-ingest).
 */
export function presenceUpsertSql(from: string): string {
  return `INSERT INTO ohlcv_daily_presence AS p (source, symbol, year, days)
     SELECT source, symbol, ${YEAR('ts')}, bit_or(${DAY_BIT('ts')})
     FROM ${from} WHERE interval = '1d'
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
     ON CONFLICT (source, symbol, year) DO UPDATE SET days = p.days | EXCLUDED.days
     WHERE p.days | EXCLUDED.days <> p.days`;
}

/**
 * The presence rows of one series' candles, computed here: per year of the candles' UTC dates,
 * the year and its 366-character bitmap ('1' for each day holding a candle). Sending these few
 * rows costs PostgreSQL nothing per candle, where shifting a bit(366) per row in SQL cost a bulk
 * load about a fifth of its time.
 */
export function presenceOf(candles: readonly { ts: Date }[]): { years: number[]; days: string[] } {
  const byYear = new Map<number, Uint8Array>();
  for (const c of candles) {
    const t = c.ts.getTime();
    const year = c.ts.getUTCFullYear();
    let bits = byYear.get(year);
    if (!bits) byYear.set(year, (bits = new Uint8Array(366)));
    bits[Math.floor((t - Date.UTC(year, 0, 1)) / 86_400_000)] = 1;
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  return {
    years,
    days: years.map((y) => String.fromCharCode(...byYear.get(y)!.map((b) => 48 + b))),
  };
}

/**
 * ORs precomputed presence rows (presenceOf) of one daily series into the table; the arguments
 * are the placeholders of the source, the symbol, the years (smallint[]) and the bitmaps (text[],
 * 366 characters each). A row whose bits are all set already is not rewritten.
 */
export function presenceRowsUpsertSql(
  source: string,
  symbol: string,
  years: string,
  days: string,
): string {
  return `INSERT INTO ohlcv_daily_presence AS p (source, symbol, year, days)
   SELECT ${source}, ${symbol}, u.year, u.days::bit(366)
   FROM unnest(${years}::smallint[], ${days}::text[]) AS u(year, days)
   ON CONFLICT (source, symbol, year) DO UPDATE SET days = p.days | EXCLUDED.days
   WHERE p.days | EXCLUDED.days <> p.days`;
}

/**
 * Rebuilds the whole table from ohlcv_data (after a bulk load that bypassed the write paths,
 * e.g. the SQLite import); `source` limits it to one source when given ($1, or null for all).
 */
export const PRESENCE_REBUILD_SQL = [
  `DELETE FROM ohlcv_daily_presence WHERE ($1::text IS NULL OR source = $1)`,
  `INSERT INTO ohlcv_daily_presence (source, symbol, year, days)
   SELECT source, symbol, ${YEAR('ts')}, bit_or(${DAY_BIT('ts')})
   FROM ohlcv_data WHERE interval = '1d' AND ($1::text IS NULL OR source = $1)
   GROUP BY 1, 2, 3`,
] as const;
