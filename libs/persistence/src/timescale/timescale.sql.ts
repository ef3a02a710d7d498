/**
 * Every TimescaleDB statement of the project lives here, each with a note of what it does.
 * Migrations call these helpers; on plain PostgreSQL the same tables get a BRIN index on time,
 * named like TimescaleDB's own time index, so entities and `migrate check` see one schema.
 */
import type { TimescaleMode } from '@app/common';
import type { QueryRunner } from 'typeorm';
import { TimescaleUnavailableError } from './timescale-unavailable.error';

/** Session setting through which the migration runner hands TIMESCALEDB to migrations. */
export const TIMESCALE_MODE_SETTING = 'market_ingest.timescaledb';

export interface TimeseriesTable {
  table: string;
  timeColumn: string;
  /**
   * Chunk width. ohlcv_data: 7 days keeps a chunk of 1-minute candles for ~4,000 symbols near
   * 40 M rows (a few GB with its index), well inside 25% of a modest server's memory, while daily
   * candles still produce few chunks a year. funding_rate_data: 3 rows a day per perpetual, so 90
   * days. open_interest_data: 5m..1d samples, 30 days.
   */
  chunkInterval: string;
  /** Columns that identify one series: compressed segments are per series. */
  segmentBy: string[];
  /** Chunks older than this are compressed by TimescaleDB's policy job. */
  compressAfter: string;
}

export const TIMESERIES_TABLES: TimeseriesTable[] = [
  {
    table: 'ohlcv_data',
    timeColumn: 'ts',
    chunkInterval: '7 days',
    segmentBy: ['symbol', 'interval'],
    compressAfter: '30 days',
  },
  {
    table: 'funding_rate_data',
    timeColumn: 'ts',
    chunkInterval: '90 days',
    segmentBy: ['symbol'],
    compressAfter: '180 days',
  },
  {
    table: 'open_interest_data',
    timeColumn: 'ts',
    chunkInterval: '30 days',
    segmentBy: ['symbol', 'interval'],
    compressAfter: '60 days',
  },
];

export function timeIndexName(t: TimeseriesTable): string {
  return `${t.table}_${t.timeColumn}_idx`;
}

const q = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
const lit = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The mode the runner put in the session; `auto` when the migration runs outside our runner. */
export async function timescaleMode(qr: QueryRunner): Promise<TimescaleMode> {
  const rows: { mode: string | null }[] = await qr.query(
    `SELECT current_setting('${TIMESCALE_MODE_SETTING}', true) AS mode`,
  );
  const mode = rows[0]?.mode;
  return mode === 'required' || mode === 'off' ? mode : 'auto';
}

/** Is the timescaledb extension installed in this database right now? */
export async function timescaleInstalled(qr: QueryRunner): Promise<boolean> {
  const rows: unknown[] = await qr.query(
    `SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`,
  );
  return rows.length > 0;
}

/**
 * Decides whether the time-series tables become hypertables, creating the extension when the
 * server offers it. `off` never uses it; `required` fails when the server does not offer it.
 */
export async function enableTimescale(qr: QueryRunner): Promise<boolean> {
  const mode = await timescaleMode(qr);
  if (mode === 'off') return false;
  if (await timescaleInstalled(qr)) return true;
  // pg_available_extensions: the extensions whose files are installed on the server.
  const available: unknown[] = await qr.query(
    `SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`,
  );
  if (available.length === 0) {
    if (mode === 'required') throw new TimescaleUnavailableError();
    return false;
  }
  // Loads TimescaleDB into this database (the server must preload it: shared_preload_libraries).
  await qr.query(`CREATE EXTENSION IF NOT EXISTS timescaledb`);
  return true;
}

/** Is this table a hypertable? Later migrations use it to pick their path. */
export async function isHypertable(qr: QueryRunner, table: string): Promise<boolean> {
  if (!(await timescaleInstalled(qr))) return false;
  const rows: unknown[] = await qr.query(
    `SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = $1`,
    [table],
  );
  return rows.length > 0;
}

/** Turns an empty table into a hypertable with compression, or gives it a BRIN time index. */
export async function applyTimeseriesLayout(
  qr: QueryRunner,
  t: TimeseriesTable,
  useTimescale: boolean,
): Promise<void> {
  if (!useTimescale) {
    // BRIN: a few pages summarise min/max of ts per block range; ideal for append-mostly time data.
    await qr.query(
      `CREATE INDEX ${q(timeIndexName(t))} ON ${q(t.table)} USING brin (${q(t.timeColumn)})`,
    );
    return;
  }
  // Partitions the table into chunks by time. create_default_indexes makes TimescaleDB's own
  // "<table>_<time>_idx" (time DESC), which the entity declares with synchronize: false.
  await qr.query(
    `SELECT create_hypertable(${lit(t.table)}, ${lit(t.timeColumn)}, ` +
      `chunk_time_interval => INTERVAL ${lit(t.chunkInterval)}, create_default_indexes => true)`,
  );
  // Columnar compression, one segment per series, newest first inside a segment.
  await qr.query(
    `ALTER TABLE ${q(t.table)} SET (timescaledb.compress, ` +
      `timescaledb.compress_segmentby = ${lit(t.segmentBy.map(q).join(', '))}, ` +
      `timescaledb.compress_orderby = ${lit(`${q(t.timeColumn)} DESC`)})`,
  );
  // Background job that compresses chunks once all their rows are older than compressAfter.
  await qr.query(
    `SELECT add_compression_policy(${lit(t.table)}, INTERVAL ${lit(t.compressAfter)})`,
  );
}

/** Undoes applyTimeseriesLayout on a table that is about to stay (not needed before DROP TABLE). */
export async function removeTimeseriesLayout(qr: QueryRunner, t: TimeseriesTable): Promise<void> {
  if (await isHypertable(qr, t.table)) {
    // Removes the compression job; the table itself stays a hypertable until dropped.
    await qr.query(`SELECT remove_compression_policy(${lit(t.table)}, if_exists => true)`);
    return;
  }
  await qr.query(`DROP INDEX IF EXISTS ${q(timeIndexName(t))}`);
}
