import { rmSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { nodeSqlite } from '../schema/node-sqlite';

function fresh(path: string): DatabaseSync {
  rmSync(path, { force: true });
  const db = new (nodeSqlite().DatabaseSync)(path);
  db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF');
  return db;
}

/**
 * A trading tool's SQLite file: `ohlcv_data(timestamp, symbol, timeframe, open, high, low, close,
 * volume)` with epoch-millisecond timestamps (`candles` rows over 20 symbols, 1-minute candles),
 * `funding_rate_data` (8-hourly, one row per symbol and day third) and a `settings` table.
 */
export function writeTradingDatabase(path: string, candles: number): void {
  const db = fresh(path);
  try {
    db.exec(`
      CREATE TABLE ohlcv_data (
        timestamp INTEGER NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL,
        open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,
        volume REAL NOT NULL, PRIMARY KEY (symbol, timeframe, timestamp));
      CREATE TABLE funding_rate_data (
        timestamp INTEGER NOT NULL, symbol TEXT NOT NULL, funding_rate REAL NOT NULL,
        mark_price REAL, PRIMARY KEY (symbol, timestamp));
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
      INSERT INTO settings VALUES ('exchange', 'binance'), ('version', '3');
    `);
    db.prepare(
      `WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x + 1 < ?)
       INSERT INTO ohlcv_data
       SELECT 1700000000000 + (x / 20) * 60000, 'SYM' || (x % 20) || 'USDT', '1m',
              100 + (x * 7919 % 10007) / 100.0, 101 + (x * 7919 % 10007) / 100.0,
              99 + (x * 7919 % 10007) / 100.0, 100.5 + (x * 7919 % 10007) / 100.0,
              (x * 104729 % 1000003) / 7.0
         FROM n`,
    ).run(candles);
    db.prepare(
      `WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x + 1 < ?)
       INSERT INTO funding_rate_data
       SELECT 1700000000000 + (x / 20) * 28800000, 'SYM' || (x % 20) || 'USDT',
              ((x * 31 % 200) - 100) / 1000000.0, CASE WHEN x % 7 = 0 THEN NULL ELSE 100 + x % 50 END
         FROM n`,
    ).run(Math.max(20, Math.floor(candles / 480)));
  } finally {
    db.close();
  }
}

/**
 * A table of `rows` trades: integer key, DATETIME column holding epoch milliseconds, text,
 * reals and a BOOLEAN stored as 0/1 — the shapes the importer converts most.
 */
export function writeTradesDatabase(path: string, rows: number): void {
  const db = fresh(path);
  try {
    db.exec(`
      CREATE TABLE trades (
        id INTEGER PRIMARY KEY, ts DATETIME NOT NULL, symbol TEXT NOT NULL, price REAL NOT NULL,
        qty REAL NOT NULL, side TEXT NOT NULL, is_buyer_maker BOOLEAN NOT NULL);
    `);
    db.prepare(
      `WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x + 1 <= ?)
       INSERT INTO trades
       SELECT x, 1700000000000 + x * 37, 'SYM' || (x % 50) || 'USDT', 100 + (x * 7919 % 100003) / 1000.0,
              (x * 104729 % 100000) / 1000.0, CASE x % 2 WHEN 0 THEN 'buy' ELSE 'sell' END, x % 3 = 0
         FROM n`,
    ).run(rows);
  } finally {
    db.close();
  }
}

/** Mapping of {@link writeTradingDatabase}'s tables onto this project's `ohlcv_data` and `funding_rate_data`. */
export const TRADING_MAPPING = {
  tables: {
    ohlcv_data: {
      target: 'ohlcv_data',
      columns: { timestamp: { to: 'ts', unit: 'ms' }, timeframe: 'interval' },
    },
    funding_rate_data: {
      target: 'funding_rate_data',
      columns: { timestamp: { to: 'ts', unit: 'ms' } },
    },
  },
};
