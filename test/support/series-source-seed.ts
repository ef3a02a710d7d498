/**
 * Rows in the schema as it was before migration SeriesSource1797000000000 (no `source` column),
 * with the batch history the migration assigns sources from, and what it must assign. Shared by
 * the plain PostgreSQL and the TimescaleDB tests of that migration.
 */

/** The migration under test and the one before it (the schema the seed is written for). */
export const SERIES_SOURCE_MIGRATION = 'SeriesSource1797000000000';
export const BEFORE_SERIES_SOURCE = 'BatchSchedules1796412403422';

/**
 * Batches (oldest first): BTCUSDT 1h candles from binance, then from bybit (which overwrote them:
 * bybit owns them now); ETHUSDT 1h from binance, then a bybit batch that wrote nothing and one that
 * failed (binance keeps them); AAPL 1d from yahoo (params without data_type: candles); BTCUSDT
 * funding and 1h open interest from binance. Rows no batch wrote: BTCUSDT 1d, MANUAL, XRPUSDT
 * funding, BTCUSDT 5m open interest.
 */
export const OLD_SCHEMA_SEED = `
  INSERT INTO batch_executions (id, job_id, batch_type, status, interval, provider, params, total_stocks, created_at)
  VALUES
    (1, 'job-1', 'bulk', 'completed', '1h', 'binance', '{"data_type":"ohlcv"}', 2, '2026-08-01T00:00:00Z'),
    (2, 'job-2', 'bulk', 'completed', '1h', 'bybit', '{"data_type":"ohlcv"}', 1, '2026-08-02T00:00:00Z'),
    (3, 'job-3', 'bulk', 'completed', '1h', 'bybit', '{"data_type":"ohlcv"}', 1, '2026-08-03T00:00:00Z'),
    (4, 'job-4', 'bulk', 'completed_with_errors', '1h', 'bybit', '{"data_type":"ohlcv"}', 1, '2026-08-04T00:00:00Z'),
    (5, 'job-5', 'bulk', 'completed', '1d', 'yahoo', '{}', 1, '2026-08-05T00:00:00Z'),
    (6, 'job-6', 'bulk', 'completed', '1h', 'binance', '{"data_type":"funding_rate"}', 1, '2026-08-06T00:00:00Z'),
    (7, 'job-7', 'bulk', 'completed', '1h', 'binance', '{"data_type":"open_interest"}', 1, '2026-08-07T00:00:00Z');
  SELECT setval(pg_get_serial_sequence('batch_executions', 'id'), 7);
  INSERT INTO batch_execution_details (batch_execution_id, stock_code, status, records_inserted, end_time)
  VALUES
    (1, 'BTCUSDT', 'succeeded', 2, '2026-08-01T00:01:00Z'),
    (1, 'ETHUSDT', 'succeeded', 2, '2026-08-01T00:01:00Z'),
    (2, 'BTCUSDT', 'succeeded', 2, '2026-08-02T00:01:00Z'),
    (3, 'ETHUSDT', 'succeeded', 0, '2026-08-03T00:01:00Z'),
    (4, 'ETHUSDT', 'failed', 0, '2026-08-04T00:01:00Z'),
    (5, 'AAPL', 'succeeded', 1, '2026-08-05T00:01:00Z'),
    (6, 'BTCUSDT', 'succeeded', 2, '2026-08-06T00:01:00Z'),
    (7, 'BTCUSDT', 'succeeded', 2, '2026-08-07T00:01:00Z');
  INSERT INTO ohlcv_data (symbol, interval, ts, open, high, low, close, adj_close, volume)
  VALUES
    ('BTCUSDT', '1h', '2026-08-15T18:00:00Z', 63044.4, 63089.6, 63000.1, 63027.8, NULL, 385.721),
    ('BTCUSDT', '1h', '2026-08-15T19:00:00Z', 63027.8, 63032.3, 63027.7, 63032.3, NULL, 4.591),
    ('BTCUSDT', '1d', '2026-08-15T00:00:00Z', 1, 2, 0.5, 1.5, NULL, 10),
    ('ETHUSDT', '1h', '2026-08-15T18:00:00Z', 3000, 3010, 2990, 3005, NULL, 7),
    ('ETHUSDT', '1h', '2026-08-15T19:00:00Z', 3005, 3015, 2995, 3010, NULL, 8),
    ('AAPL', '1d', '2020-08-31T00:00:00Z', 127.58, 131, 126, 129.04, 127.9, 225702700),
    ('MANUAL', '1d', '2024-01-01T00:00:00Z', 1, 1, 1, 1, 1, 0);
  INSERT INTO funding_rate_data (symbol, ts, funding_rate, mark_price)
  VALUES
    ('BTCUSDT', '2026-08-15T00:00:00.002Z', 0.00006523, 63050.01692754),
    ('BTCUSDT', '2026-08-15T08:00:00Z', 0.00005311, 63068.06537681),
    ('XRPUSDT', '2026-08-15T08:00:00Z', 0.0001, NULL);
  INSERT INTO open_interest_data (symbol, interval, ts, open_interest, open_interest_value)
  VALUES
    ('BTCUSDT', '1h', '2026-08-15T18:00:00Z', 111856.664, 7051831069.120872),
    ('BTCUSDT', '5m', '2026-08-15T18:00:00Z', 111856.664, NULL);
  INSERT INTO corporate_actions (symbol, type, ts, amount, numerator, denominator, provider)
  VALUES ('AAPL', 'split', '2020-08-31T00:00:00Z', NULL, 4, 1, 'yahoo');
`;

/** `table: key → source` of every seeded row after the migration. */
export const EXPECTED_SOURCES: Record<string, Record<string, string>> = {
  ohlcv_data: {
    'AAPL 1d 2020-08-31T00:00:00.000Z': 'yahoo',
    'BTCUSDT 1d 2026-08-15T00:00:00.000Z': 'unknown',
    'BTCUSDT 1h 2026-08-15T18:00:00.000Z': 'bybit',
    'BTCUSDT 1h 2026-08-15T19:00:00.000Z': 'bybit',
    'ETHUSDT 1h 2026-08-15T18:00:00.000Z': 'binance',
    'ETHUSDT 1h 2026-08-15T19:00:00.000Z': 'binance',
    'MANUAL 1d 2024-01-01T00:00:00.000Z': 'unknown',
  },
  funding_rate_data: {
    'BTCUSDT 2026-08-15T00:00:00.002Z': 'binance',
    'BTCUSDT 2026-08-15T08:00:00.000Z': 'binance',
    'XRPUSDT 2026-08-15T08:00:00.000Z': 'unknown',
  },
  open_interest_data: {
    'BTCUSDT 1h 2026-08-15T18:00:00.000Z': 'binance',
    'BTCUSDT 5m 2026-08-15T18:00:00.000Z': 'unknown',
  },
  corporate_actions: { 'AAPL split 2020-08-31T00:00:00.000Z': 'yahoo' },
};

/** Key columns (without source) of each table, for {@link sourcesQuery}. */
const KEYS: Record<string, string[]> = {
  ohlcv_data: ['symbol', 'interval', 'ts'],
  funding_rate_data: ['symbol', 'ts'],
  open_interest_data: ['symbol', 'interval', 'ts'],
  corporate_actions: ['symbol', 'type', 'ts'],
};

/** SQL giving `key` (as in EXPECTED_SOURCES) and `source` of every row of `table`. */
export function sourcesQuery(table: string): string {
  const parts = KEYS[table].map((k) =>
    k === 'ts' ? `to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : k,
  );
  return `SELECT concat_ws(' ', ${parts.join(', ')}) AS key, source FROM ${table} ORDER BY 1`;
}

/** SQL giving one text line per row of each series table, to compare contents before and after. */
export function contentsQuery(table: string): string {
  const columns: Record<string, string> = {
    ohlcv_data: 'symbol, interval, ts, open, high, low, close, adj_close, volume',
    funding_rate_data: 'symbol, ts, funding_rate, mark_price',
    open_interest_data: 'symbol, interval, ts, open_interest, open_interest_value',
    corporate_actions: 'symbol, type, ts, amount, numerator, denominator',
  };
  return `SELECT concat_ws('|', ${columns[table]}) AS line FROM ${table} ORDER BY 1`;
}

export const SERIES_TABLES = Object.keys(KEYS);
