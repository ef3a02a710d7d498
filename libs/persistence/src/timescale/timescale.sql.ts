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
  /** Chunks older than this are compressed by TimescaleDB's policy job (TS_COMPRESS_AFTER, applied by `migrate up`). */
  compressAfter: string;
}

export const TIMESERIES_TABLES: TimeseriesTable[] = [
  {
    table: 'ohlcv_data',
    timeColumn: 'ts',
    chunkInterval: '7 days',
    segmentBy: ['symbol', 'interval'],
    compressAfter: '7 days',
  },
  {
    table: 'funding_rate_data',
    timeColumn: 'ts',
    chunkInterval: '90 days',
    segmentBy: ['symbol'],
    compressAfter: '7 days',
  },
  {
    table: 'open_interest_data',
    timeColumn: 'ts',
    chunkInterval: '30 days',
    segmentBy: ['symbol', 'interval'],
    compressAfter: '7 days',
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

/** Continuous aggregates of 1-minute candles, used by resampling queries whose bucket matches. */
export const ROLLUPS = [
  {
    view: 'ohlcv_1h',
    bucket: '1h',
    width: '1 hour',
    startOffset: '3 days',
    endOffset: '1 hour',
    every: '30 minutes',
  },
  {
    view: 'ohlcv_1d',
    bucket: '1d',
    width: '1 day',
    startOffset: '7 days',
    endOffset: '1 day',
    every: '1 hour',
  },
] as const;

/**
 * Creates the 1m → 1h and 1m → 1d continuous aggregates with their refresh policies. Real-time
 * (materialized_only = false): a read adds the not-yet-materialized recent rows, so results equal
 * resampling the raw candles.
 */
export async function createRollups(qr: QueryRunner): Promise<void> {
  for (const r of ROLLUPS) {
    // A materialized view that TimescaleDB keeps up to date incrementally, per (symbol, bucket).
    await qr.query(
      `CREATE MATERIALIZED VIEW ${q(r.view)} WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
       SELECT symbol, time_bucket(INTERVAL ${lit(r.width)}, ts) AS ts,
              first(open, ts) AS open, max(high) AS high, min(low) AS low, last(close, ts) AS close,
              last(adj_close, ts) AS adj_close, sum(volume) AS volume, count(*) AS candles
       FROM ohlcv_data WHERE "interval" = '1m'
       GROUP BY symbol, time_bucket(INTERVAL ${lit(r.width)}, ts)
       WITH NO DATA`,
    );
    // Background job refreshing the recent window of the aggregate.
    await qr.query(
      `SELECT add_continuous_aggregate_policy(${lit(r.view)}, start_offset => INTERVAL ${lit(r.startOffset)}, ` +
        `end_offset => INTERVAL ${lit(r.endOffset)}, schedule_interval => INTERVAL ${lit(r.every)})`,
    );
  }
}

export async function dropRollups(qr: QueryRunner): Promise<void> {
  for (const r of [...ROLLUPS].reverse()) {
    // Drops the aggregate, its materialization hypertable and its refresh policy.
    await qr.query(`DROP MATERIALIZED VIEW IF EXISTS ${q(r.view)}`);
  }
}

/** Which rollup view serves `interval` resampled to `bucket`, if any exists in this database. */
export async function rollupViewFor(
  qr: { query: (sql: string, params?: unknown[]) => Promise<unknown[]> },
  interval: string,
  bucket: string,
) {
  if (interval !== '1m') return null;
  const r = ROLLUPS.find((x) => x.bucket === bucket);
  if (!r) return null;
  const rows: unknown[] = await qr.query(
    `SELECT 1 FROM timescaledb_information.continuous_aggregates WHERE view_name = $1`,
    [r.view],
  );
  return rows.length > 0 ? r.view : null;
}

export interface PolicySettings {
  /** PostgreSQL interval text, e.g. '7 days'. */
  compressAfter: string;
  /** Per table: drop chunks older than this (null: keep forever). */
  retention: Record<string, string | null>;
}

/**
 * Makes the compression and retention jobs match the configuration (TS_COMPRESS_AFTER,
 * TS_RETENTION); run by `migrate up`, so a deploy with new values applies them. Returns what changed.
 */
export async function syncPolicies(qr: QueryRunner, settings: PolicySettings): Promise<string[]> {
  const changes: string[] = [];
  for (const t of TIMESERIES_TABLES) {
    if (!(await isHypertable(qr, t.table))) continue;
    const jobs: { proc_name: string; config: Record<string, string> }[] = await qr.query(
      `SELECT proc_name, config FROM timescaledb_information.jobs WHERE hypertable_name = $1
       AND proc_name IN ('policy_compression', 'policy_retention')`,
      [t.table],
    );
    const compression = jobs.find((j) => j.proc_name === 'policy_compression');
    const want = settings.compressAfter;
    if (!compression || !(await sameInterval(qr, compression.config.compress_after, want))) {
      // Replaces the compression job with one that compresses chunks older than `want`.
      await qr.query(`SELECT remove_compression_policy(${lit(t.table)}, if_exists => true)`);
      await qr.query(`SELECT add_compression_policy(${lit(t.table)}, INTERVAL ${lit(want)})`);
      changes.push(`${t.table}: compress after ${want}`);
    }
    const retention = jobs.find((j) => j.proc_name === 'policy_retention');
    const keep = settings.retention[t.table] ?? null;
    if (keep === null && retention) {
      // Stops dropping old chunks.
      await qr.query(`SELECT remove_retention_policy(${lit(t.table)}, if_exists => true)`);
      changes.push(`${t.table}: keep forever`);
    } else if (
      keep !== null &&
      (!retention || !(await sameInterval(qr, retention.config.drop_after, keep)))
    ) {
      // Background job dropping whole chunks older than `keep` (cheap: no row-by-row DELETE).
      await qr.query(`SELECT remove_retention_policy(${lit(t.table)}, if_exists => true)`);
      await qr.query(`SELECT add_retention_policy(${lit(t.table)}, INTERVAL ${lit(keep)})`);
      changes.push(`${t.table}: drop chunks older than ${keep}`);
    }
  }
  return changes;
}

async function sameInterval(
  qr: QueryRunner,
  current: string | undefined,
  wanted: string,
): Promise<boolean> {
  if (!current) return false;
  const [{ same }]: { same: boolean }[] = await qr.query(
    `SELECT $1::interval = $2::interval AS same`,
    [current, wanted],
  );
  return same;
}
