/**
 * FROZEN: the TimescaleDB layout exactly as migration SeriesSource1797000000000 ran it (series
 * keyed by source: compression segmented by source first, rollups grouped by source). Never edit
 * this file: editing it would change what an applied migration did. A new layout is a new
 * migration with its own file. It imports no lib code, only TypeORM's types.
 */
import type { QueryRunner } from 'typeorm';

/** Compression of one time-series table. */
export interface CompressionLayout {
  table: string;
  timeColumn: string;
  segmentBy: readonly string[];
}

/** The three time-series tables with `source` leading their segments, as the primary keys do. */
export const COMPRESSION_V2: readonly CompressionLayout[] = [
  { table: 'ohlcv_data', timeColumn: 'ts', segmentBy: ['source', 'symbol', 'interval'] },
  { table: 'funding_rate_data', timeColumn: 'ts', segmentBy: ['source', 'symbol'] },
  { table: 'open_interest_data', timeColumn: 'ts', segmentBy: ['source', 'symbol', 'interval'] },
];

/** The continuous aggregates (same names, widths and policies as v1), per source and symbol. */
export const ROLLUPS_V2 = [
  {
    view: 'ohlcv_1h',
    width: '1 hour',
    startOffset: '3 days',
    endOffset: '1 hour',
    every: '30 minutes',
  },
  { view: 'ohlcv_1d', width: '1 day', startOffset: '7 days', endOffset: '1 day', every: '1 hour' },
] as const;

/** What compression of a table to re-apply once its key has changed. */
export interface SavedCompression {
  table: string;
  /** `compress_after` of its policy job; null when it had none. */
  compressAfter: string | null;
}

const q = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
const lit = (text: string): string => `'${text.replace(/'/g, "''")}'`;

async function timescaleInstalled(qr: QueryRunner): Promise<boolean> {
  const rows: unknown[] = await qr.query(
    `SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`,
  );
  return rows.length > 0;
}

export async function isHypertableV2(qr: QueryRunner, table: string): Promise<boolean> {
  if (!(await timescaleInstalled(qr))) return false;
  const rows: unknown[] = await qr.query(
    `SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = $1`,
    [table],
  );
  return rows.length > 0;
}

/** Names of the continuous aggregates of ROLLUPS_V2 that exist in this database. */
export async function existingRollupsV2(qr: QueryRunner): Promise<string[]> {
  if (!(await timescaleInstalled(qr))) return [];
  const rows: { view: string }[] = await qr.query(
    `SELECT view_name AS view FROM timescaledb_information.continuous_aggregates
      WHERE view_name = ANY($1) ORDER BY view_name`,
    [ROLLUPS_V2.map((r) => r.view)],
  );
  return rows.map((r) => r.view);
}

/**
 * Takes compression off a hypertable so that its key can change (TimescaleDB refuses primary-key
 * changes while compression is on): removes the policy job, decompresses every compressed chunk
 * (inside the migration's transaction: a failure leaves them compressed) and turns compression
 * off. Returns what to re-apply afterwards.
 */
export async function suspendCompressionV2(
  qr: QueryRunner,
  table: string,
): Promise<SavedCompression> {
  const jobs: { after: string | null }[] = await qr.query(
    `SELECT config->>'compress_after' AS after FROM timescaledb_information.jobs
      WHERE hypertable_name = $1 AND proc_name = 'policy_compression'`,
    [table],
  );
  const [{ enabled }]: { enabled: boolean }[] = await qr.query(
    `SELECT compression_enabled AS enabled FROM timescaledb_information.hypertables
      WHERE hypertable_name = $1`,
    [table],
  );
  if (enabled) {
    await qr.query(`SELECT remove_compression_policy(${lit(table)}, if_exists => true)`);
    await qr.query(
      `SELECT decompress_chunk(c, if_compressed => true) FROM show_chunks(${lit(table)}) c`,
    );
    await qr.query(`ALTER TABLE ${q(table)} SET (timescaledb.compress = false)`);
  }
  return { table, compressAfter: jobs[0]?.after ?? null };
}

/**
 * Turns compression on again with `layout`'s segments, newest first within a segment, and its
 * policy job (the saved `compress_after`, else 7 days; `migrate up` then applies
 * TS_COMPRESS_AFTER). Chunks decompressed by the change are compressed again by that job.
 */
export async function resumeCompressionV2(
  qr: QueryRunner,
  layout: CompressionLayout,
  saved: SavedCompression,
): Promise<void> {
  await qr.query(
    `ALTER TABLE ${q(layout.table)} SET (timescaledb.compress, ` +
      `timescaledb.compress_segmentby = ${lit(layout.segmentBy.map(q).join(', '))}, ` +
      `timescaledb.compress_orderby = ${lit(`${q(layout.timeColumn)} DESC`)})`,
  );
  await qr.query(
    `SELECT add_compression_policy(${lit(layout.table)}, INTERVAL ${lit(saved.compressAfter ?? '7 days')})`,
  );
}

/** The rollups of 1-minute candles per (source, symbol), with refresh policies. */
export async function createRollupsV2(qr: QueryRunner, views: readonly string[]): Promise<void> {
  for (const r of ROLLUPS_V2) {
    if (!views.includes(r.view)) continue;
    await qr.query(
      `CREATE MATERIALIZED VIEW ${q(r.view)} WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
       SELECT source, symbol, time_bucket(INTERVAL ${lit(r.width)}, ts) AS ts,
              first(open, ts) AS open, max(high) AS high, min(low) AS low, last(close, ts) AS close,
              last(adj_close, ts) AS adj_close, sum(volume) AS volume, count(*) AS candles
       FROM ohlcv_data WHERE "interval" = '1m'
       GROUP BY source, symbol, time_bucket(INTERVAL ${lit(r.width)}, ts)
       WITH NO DATA`,
    );
    await qr.query(
      `SELECT add_continuous_aggregate_policy(${lit(r.view)}, start_offset => INTERVAL ${lit(r.startOffset)}, ` +
        `end_offset => INTERVAL ${lit(r.endOffset)}, schedule_interval => INTERVAL ${lit(r.every)})`,
    );
  }
}

export async function dropRollupsV2(qr: QueryRunner, views: readonly string[]): Promise<void> {
  for (const view of [...views].reverse()) {
    await qr.query(`DROP MATERIALIZED VIEW IF EXISTS ${q(view)}`);
  }
}
