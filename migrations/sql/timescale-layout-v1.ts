/**
 * FROZEN: the TimescaleDB layout exactly as migrations InitialSchema1795454376684 and
 * TimescaleRollups1795455666408 ran it. Never edit this file: editing it would change what an
 * applied migration did. A new layout is a new migration (with its own file, e.g.
 * timescale-layout-v2.ts, if it needs one). It imports no lib code, only TypeORM's types.
 */
import type { QueryRunner } from 'typeorm';

/** Session setting through which the migration runner hands TIMESCALEDB to migrations. */
const MODE_SETTING = 'market_ingest.timescaledb';

interface TimeseriesTableV1 {
  table: string;
  timeColumn: string;
  chunkInterval: string;
  segmentBy: string[];
  compressAfter: string;
}

/** The three time-series tables as InitialSchema laid them out. */
export const TIMESERIES_TABLES_V1: readonly TimeseriesTableV1[] = [
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

/** The continuous aggregates of TimescaleRollups. */
const ROLLUPS_V1 = [
  {
    view: 'ohlcv_1h',
    width: '1 hour',
    startOffset: '3 days',
    endOffset: '1 hour',
    every: '30 minutes',
  },
  { view: 'ohlcv_1d', width: '1 day', startOffset: '7 days', endOffset: '1 day', every: '1 hour' },
] as const;

const q = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
const lit = (text: string): string => `'${text.replace(/'/g, "''")}'`;

async function timescaleMode(qr: QueryRunner): Promise<'auto' | 'required' | 'off'> {
  const rows: { mode: string | null }[] = await qr.query(
    `SELECT current_setting('${MODE_SETTING}', true) AS mode`,
  );
  const mode = rows[0]?.mode;
  return mode === 'required' || mode === 'off' ? mode : 'auto';
}

async function timescaleInstalled(qr: QueryRunner): Promise<boolean> {
  const rows: unknown[] = await qr.query(
    `SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`,
  );
  return rows.length > 0;
}

/**
 * Whether the time-series tables become hypertables, creating the extension when the server
 * offers it. `off` never uses it; `required` fails when the server does not offer it.
 */
export async function enableTimescaleV1(qr: QueryRunner): Promise<boolean> {
  const mode = await timescaleMode(qr);
  if (mode === 'off') return false;
  if (await timescaleInstalled(qr)) return true;
  const available: unknown[] = await qr.query(
    `SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`,
  );
  if (available.length === 0) {
    if (mode === 'required') {
      throw new Error(
        'TIMESCALEDB=required but the timescaledb extension is not available on this PostgreSQL server ' +
          '(not listed in pg_available_extensions). Install TimescaleDB or set TIMESCALEDB=auto|off.',
      );
    }
    return false;
  }
  await qr.query(`CREATE EXTENSION IF NOT EXISTS timescaledb`);
  return true;
}

export async function isHypertableV1(qr: QueryRunner, table: string): Promise<boolean> {
  if (!(await timescaleInstalled(qr))) return false;
  const rows: unknown[] = await qr.query(
    `SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = $1`,
    [table],
  );
  return rows.length > 0;
}

/** A hypertable with compression, or (plain PostgreSQL) a BRIN index named like TimescaleDB's. */
export async function applyTimeseriesLayoutV1(
  qr: QueryRunner,
  t: TimeseriesTableV1,
  useTimescale: boolean,
): Promise<void> {
  if (!useTimescale) {
    await qr.query(
      `CREATE INDEX ${q(`${t.table}_${t.timeColumn}_idx`)} ON ${q(t.table)} USING brin (${q(t.timeColumn)})`,
    );
    return;
  }
  await qr.query(
    `SELECT create_hypertable(${lit(t.table)}, ${lit(t.timeColumn)}, ` +
      `chunk_time_interval => INTERVAL ${lit(t.chunkInterval)}, create_default_indexes => true)`,
  );
  await qr.query(
    `ALTER TABLE ${q(t.table)} SET (timescaledb.compress, ` +
      `timescaledb.compress_segmentby = ${lit(t.segmentBy.map(q).join(', '))}, ` +
      `timescaledb.compress_orderby = ${lit(`${q(t.timeColumn)} DESC`)})`,
  );
  await qr.query(
    `SELECT add_compression_policy(${lit(t.table)}, INTERVAL ${lit(t.compressAfter)})`,
  );
}

export async function createRollupsV1(qr: QueryRunner): Promise<void> {
  for (const r of ROLLUPS_V1) {
    await qr.query(
      `CREATE MATERIALIZED VIEW ${q(r.view)} WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
       SELECT symbol, time_bucket(INTERVAL ${lit(r.width)}, ts) AS ts,
              first(open, ts) AS open, max(high) AS high, min(low) AS low, last(close, ts) AS close,
              last(adj_close, ts) AS adj_close, sum(volume) AS volume, count(*) AS candles
       FROM ohlcv_data WHERE "interval" = '1m'
       GROUP BY symbol, time_bucket(INTERVAL ${lit(r.width)}, ts)
       WITH NO DATA`,
    );
    await qr.query(
      `SELECT add_continuous_aggregate_policy(${lit(r.view)}, start_offset => INTERVAL ${lit(r.startOffset)}, ` +
        `end_offset => INTERVAL ${lit(r.endOffset)}, schedule_interval => INTERVAL ${lit(r.every)})`,
    );
  }
}

export async function dropRollupsV1(qr: QueryRunner): Promise<void> {
  for (const r of [...ROLLUPS_V1].reverse()) {
    await qr.query(`DROP MATERIALIZED VIEW IF EXISTS ${q(r.view)}`);
  }
}
