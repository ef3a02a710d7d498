import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from '../convert/pg-binary';
import { copyIn } from '../load/copy-in';
import { RowEncoder } from '../load/row-encoder';
import { sourcePages } from '../load/source-pages';
import { pgIdent, pgQualified } from '../plan/ddl';
import { ImportPlanner } from '../plan/import-planner';
import { TableReport } from '../report/import-report';
import { nodeSqlite } from '../schema/node-sqlite';
import { SqliteSchemaReader } from '../schema/sqlite-schema-reader';
import { SqliteImporter } from '../sqlite-importer';
import { TRADING_MAPPING, writeTradesDatabase, writeTradingDatabase } from './sample-databases';

export interface BenchImportOptions {
  /** Tiny sizes (CI): 2,000 candles and 10,000 trades. */
  smoke?: boolean;
  /** Candles in the trading file (default 200,000). */
  candles?: number;
  /** Rows of the trades table (default 1,000,000). */
  rows?: number;
  /** Keep the bench schema and files (default: dropped). */
  keep?: boolean;
}

/** One line of `npm run bench` for scenario `import`. */
export interface BenchImportResult {
  scenario: 'import';
  case: string;
  table: string;
  rows: number;
  /** Reading SQLite, converting, COPY (rows/s = rows / load_seconds). */
  load_seconds: number;
  rows_per_s: number;
  /** Counts, key range, orphans and content checksum on both sides. */
  verify_seconds: number;
  /** Load and verification together. */
  seconds: number;
  verified: boolean;
  baseline: string;
  baseline_seconds: number;
  baseline_rows_per_s: number;
  [key: string]: unknown;
}

/**
 * The project's ohlcv_data and funding_rate_data (migrations …InitialSchema and …SeriesSource:
 * keyed by source), in the bench schema.
 */
function projectTables(schema: string, prefix = ''): string {
  const s = pgIdent(schema);
  return `
    CREATE TABLE ${s}.${prefix}ohlcv_data (symbol text NOT NULL, interval text NOT NULL, ts timestamptz NOT NULL,
      open double precision NOT NULL, high double precision NOT NULL, low double precision NOT NULL,
      close double precision NOT NULL, adj_close double precision, volume double precision NOT NULL DEFAULT 0,
      source text NOT NULL, PRIMARY KEY (source, symbol, interval, ts));
    CREATE TABLE ${s}.${prefix}funding_rate_data (symbol text NOT NULL, ts timestamptz NOT NULL,
      funding_rate double precision NOT NULL, mark_price double precision, source text NOT NULL,
      PRIMARY KEY (source, symbol, ts));`;
}

const seconds = (since: number): number => Number(((performance.now() - since) / 1000).toFixed(3));

/**
 * Baseline for the candles: what a hand-written script does — node:sqlite rows into multi-row
 * parameterised INSERTs of 1,000 rows each.
 */
async function insertScript(client: Client, file: string, table: string): Promise<number> {
  const db = new (nodeSqlite().DatabaseSync)(file, { readOnly: true });
  const started = performance.now();
  try {
    const stmt = db.prepare(
      'SELECT symbol, timeframe, timestamp, open, high, low, close, volume FROM ohlcv_data',
    );
    let values: unknown[] = [];
    let tuples: string[] = [];
    const flush = async (): Promise<void> => {
      if (tuples.length === 0) return;
      await client.query(
        `INSERT INTO ${table} (source, symbol, interval, ts, open, high, low, close, volume) VALUES ${tuples.join(',')}`,
        values,
      );
      values = [];
      tuples = [];
    };
    for (const r of stmt.iterate() as Iterable<Record<string, unknown>>) {
      const n = values.length;
      tuples.push(
        `('sqlite',$${n + 1},$${n + 2},$${n + 3},$${n + 4},$${n + 5},$${n + 6},$${n + 7},$${n + 8})`,
      );
      values.push(
        r.symbol,
        r.timeframe,
        new Date(Number(r.timestamp)),
        r.open,
        r.high,
        r.low,
        r.close,
        r.volume,
      );
      if (tuples.length === 1000) await flush();
    }
    await flush();
  } finally {
    db.close();
  }
  return seconds(started);
}

/**
 * Baseline for the trades: PostgreSQL's own ingest speed — the rows already converted, in
 * memory, copied in one binary COPY (no reading, converting or checking).
 */
async function serverFloor(
  client: Client,
  file: string,
  schema: string,
  table: string,
): Promise<number> {
  const db = new (nodeSqlite().DatabaseSync)(file, { readOnly: true });
  const chunks: Buffer[] = [COPY_BINARY_HEADER];
  let plan;
  try {
    plan = new ImportPlanner().plan({
      sourcePath: file,
      source: new SqliteSchemaReader(db).read(),
      target: new Map(),
      schemaExists: true,
      schema,
      timezone: 'UTC',
    });
    const encoder = new RowEncoder(plan.tables[0]);
    for (const page of sourcePages(db, encoder, 5000)) {
      for (const raw of page) encoder.encode(raw);
      chunks.push(encoder.writer.take()!);
    }
  } finally {
    db.close();
  }
  chunks.push(COPY_BINARY_TRAILER);
  const t = plan.tables[0];
  await client.query(
    `CREATE TABLE ${pgQualified(schema, table)} (LIKE ${pgQualified(schema, t.target)} INCLUDING ALL)`,
  );
  const started = performance.now();
  const copy = copyIn(
    client,
    `COPY ${pgQualified(schema, table)} (${t.columns.map((c) => pgIdent(c.target)).join(', ')}) FROM STDIN (FORMAT binary)`,
  );
  for (const c of chunks) copy.write(c);
  copy.end();
  await copy.done;
  return seconds(started);
}

function result(
  report: TableReport,
  label: string,
  baseline: string,
  baselineSeconds: number,
): BenchImportResult {
  const load = report.load_seconds ?? 0;
  const verify = report.verify_seconds ?? 0;
  return {
    scenario: 'import',
    case: label,
    table: report.source_table,
    rows: report.source_rows,
    load_seconds: load,
    rows_per_s: report.rows_per_s ?? 0,
    verify_seconds: verify,
    seconds: Number((load + verify).toFixed(3)),
    verified: report.verified,
    baseline,
    baseline_seconds: baselineSeconds,
    baseline_rows_per_s: baselineSeconds > 0 ? Math.round(report.source_rows / baselineSeconds) : 0,
  };
}

/**
 * `npm run bench` scenario `import`. Writes two SQLite files to a temporary folder — a trading
 * tool's (200,000 candles, funding rates) and a 1,000,000-row trades table — and imports them
 * into a fresh schema of `databaseUrl`: the candles with a mapping into the project-shaped
 * `ohlcv_data`, the trades into a table the importer creates. One result per table, each beside
 * a baseline (a hand-written INSERT script; PostgreSQL's own COPY of the converted rows).
 */
export async function benchImport(
  databaseUrl: string,
  options: BenchImportOptions = {},
): Promise<BenchImportResult[]> {
  const candles = options.candles ?? (options.smoke ? 2_000 : 200_000);
  const trades = options.rows ?? (options.smoke ? 10_000 : 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const schema = `bench_import_${Date.now().toString(36)}`;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tradingDb = join(dir, 'trading.db');
    const tradesDb = join(dir, 'trades.db');
    const mapFile = join(dir, 'mapping.json');
    writeTradingDatabase(tradingDb, candles);
    writeTradesDatabase(tradesDb, trades);
    writeFileSync(mapFile, JSON.stringify(TRADING_MAPPING));
    await client.query(`CREATE SCHEMA ${pgIdent(schema)}; ${projectTables(schema)}`);
    await client.query(projectTables(schema, 'baseline_'));

    const importer = new SqliteImporter();
    const mapped = await importer.run({
      file: tradingDb,
      mapFile,
      tables: ['ohlcv_data'],
      databaseUrl,
      schema,
    });
    const created = await importer.run({ file: tradesDb, databaseUrl, schema });
    const insertSeconds = await insertScript(
      client,
      tradingDb,
      pgQualified(schema, 'baseline_ohlcv_data'),
    );
    const floorSeconds = await serverFloor(client, tradesDb, schema, 'baseline_trades');
    const table = (r: typeof mapped, name: string): TableReport =>
      r.report!.tables.find((t) => t.source_table === name)!;
    return [
      result(
        table(mapped, 'ohlcv_data'),
        `${candles} candles with --map into the project's ohlcv_data (primary key source, symbol, interval, ts)`,
        'hand-written script: node:sqlite rows into multi-row INSERTs of 1,000 rows',
        insertSeconds,
      ),
      result(
        table(created, 'trades'),
        `${trades}-row table created by the importer (bigint key, DATETIME as epoch ms, reals, text, BOOLEAN)`,
        "PostgreSQL's own ingest: one binary COPY of the already-converted rows from memory",
        floorSeconds,
      ),
    ];
  } finally {
    if (!options.keep) {
      await client.query(`DROP SCHEMA IF EXISTS ${pgIdent(schema)} CASCADE`).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
    await client.end();
  }
}
