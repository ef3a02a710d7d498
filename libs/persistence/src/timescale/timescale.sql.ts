/**
 * The live TimescaleDB statements of the project (policy sync, rollup lookup), each with a note
 * of what it does. The layout that migrations created (hypertables, compression, BRIN on plain
 * PostgreSQL, continuous aggregates) is frozen in migrations/sql/, never imported from here.
 */
import type { QueryRunner } from 'typeorm';

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
  /**
   * Columns that identify one series: compressed segments are per series, and a series is a
   * source's (provider's) symbol (and interval), so `source` leads like in the primary key.
   */
  segmentBy: string[];
  /** Chunks older than this are compressed by TimescaleDB's policy job (TS_COMPRESS_AFTER, applied by `migrate up`). */
  compressAfter: string;
}

export const TIMESERIES_TABLES: TimeseriesTable[] = [
  {
    table: 'ohlcv_data',
    timeColumn: 'ts',
    chunkInterval: '7 days',
    segmentBy: ['source', 'symbol', 'interval'],
    compressAfter: '7 days',
  },
  {
    table: 'funding_rate_data',
    timeColumn: 'ts',
    chunkInterval: '90 days',
    segmentBy: ['source', 'symbol'],
    compressAfter: '7 days',
  },
  {
    table: 'open_interest_data',
    timeColumn: 'ts',
    chunkInterval: '30 days',
    segmentBy: ['source', 'symbol', 'interval'],
    compressAfter: '7 days',
  },
];

const lit = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Is the timescaledb extension installed in this database right now? */
export async function timescaleInstalled(qr: QueryRunner): Promise<boolean> {
  const rows: unknown[] = await qr.query(
    `SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`,
  );
  return rows.length > 0;
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

/**
 * Continuous aggregates of 1-minute candles per (source, symbol), used by resampling queries whose
 * bucket matches (layout of migration SeriesSource1797000000000).
 */
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
