import { existsSync } from 'node:fs';
import type { Client } from 'pg';
import { TIMESERIES_TABLES } from '@app/persistence';
import { type PgliteTimescale, startPgliteTimescale } from '../support/pglite-timescale';
import { CLI, type CliResult, projectMigrations, runCli } from '../support/test-env';
import {
  BEFORE_SERIES_SOURCE,
  contentsQuery,
  EXPECTED_SOURCES,
  OLD_SCHEMA_SEED,
  SERIES_SOURCE_MIGRATION,
  SERIES_TABLES,
  sourcesQuery,
} from '../support/series-source-seed';

/**
 * The TimescaleDB path of the migrations, through the built CLI (`migrate …` in a child process, as
 * operators run it) against PostgreSQL 17 + TimescaleDB 2.23 in WASM, served over TCP from this
 * test process. Needs the build (`nest build`).
 */

const PROJECT_TABLES = [
  'alert_notifications',
  'alert_rules',
  'alerts',
  'batch_execution_details',
  'batch_executions',
  'batch_schedules',
  'webhook_deliveries',
  'corporate_actions',
  'data_anomalies',
  'fetch_ledger',
  'funding_rate_data',
  'ohlcv_daily_presence',
  'ohlcv_data',
  'open_interest_data',
  'symbols',
  'universe_syncs',
];
const TIMESERIES_NAMES = TIMESERIES_TABLES.map((t) => t.table).sort();
const MIGRATION_COUNT = projectMigrations().length;
const CHECK_CLEAN = 'schema matches the entities; no pending migration';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "nest build" first`);
});

/** `migrate <args>` against the server; waits until its connection is gone. */
async function migrate(
  db: PgliteTimescale,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const result = await runCli(['migrate', ...args], { DATABASE_URL: db.url, ...env });
  await db.idle();
  return result;
}

/** Expects a zero exit code, showing the CLI's output when it is not. */
function expectSuccess(result: CliResult): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
}

async function rows<T>(c: Client, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await c.query(sql, params)).rows as T[];
}

async function publicTables(c: Client): Promise<string[]> {
  const r = await rows<{ name: string }>(
    c,
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return r.map((x) => x.name);
}

async function appliedMigrations(c: Client): Promise<string[]> {
  return (await rows<{ name: string }>(c, `SELECT name FROM migrations ORDER BY id`)).map(
    (r) => r.name,
  );
}

async function timescaleVersion(c: Client): Promise<string | null> {
  const r = await rows<{ v: string }>(
    c,
    `SELECT extversion AS v FROM pg_extension WHERE extname = 'timescaledb'`,
  );
  return r[0]?.v ?? null;
}

/** Name and definition of every `<table>_ts_idx`, by table. */
async function timeIndexes(c: Client): Promise<Record<string, string>> {
  const r = await rows<{ table: string; def: string }>(
    c,
    `SELECT tablename AS table, indexdef AS def FROM pg_indexes
      WHERE schemaname = 'public' AND indexname = tablename || '_ts_idx'`,
  );
  return Object.fromEntries(r.map((x) => [x.table, x.def]));
}

async function hypertables(c: Client): Promise<string[]> {
  const r = await rows<{ name: string }>(
    c,
    `SELECT hypertable_name AS name FROM timescaledb_information.hypertables
      WHERE hypertable_schema = 'public' ORDER BY 1`,
  );
  return r.map((x) => x.name);
}

/** The three hypertables exactly as TIMESERIES_TABLES describes them. */
async function expectTimescaleLayout(c: Client): Promise<void> {
  expect(await hypertables(c)).toEqual(TIMESERIES_NAMES);

  const dims = await rows<{ table: string; column: string; interval: string }>(
    c,
    `SELECT hypertable_name AS table, column_name AS column, time_interval::text AS interval
       FROM timescaledb_information.dimensions WHERE hypertable_schema = 'public'`,
  );
  expect(Object.fromEntries(dims.map((d) => [d.table, `${d.column} every ${d.interval}`]))).toEqual(
    Object.fromEntries(
      TIMESERIES_TABLES.map((t) => [t.table, `${t.timeColumn} every ${t.chunkInterval}`]),
    ),
  );

  // 2.23 has both views; hypertable_compression_settings gives one row per hypertable.
  const compression = await rows<{ table: string; segmentby: string; orderby: string }>(
    c,
    `SELECT s.hypertable::text AS table, s.segmentby, s.orderby
       FROM timescaledb_information.hypertable_compression_settings s
       JOIN timescaledb_information.hypertables h
         ON h.hypertable_name = s.hypertable::text AND h.compression_enabled`,
  );
  expect(Object.fromEntries(compression.map((s) => [s.table, [s.segmentby, s.orderby]]))).toEqual(
    Object.fromEntries(
      TIMESERIES_TABLES.map((t) => [t.table, [t.segmentBy.join(','), `${t.timeColumn} DESC`]]),
    ),
  );

  const jobs = await rows<{ table: string; after: string }>(
    c,
    `SELECT hypertable_name AS table, config->>'compress_after' AS after
       FROM timescaledb_information.jobs
      WHERE proc_name = 'policy_compression' AND hypertable_schema = 'public'`,
  );
  expect(Object.fromEntries(jobs.map((j) => [j.table, j.after]))).toEqual(
    Object.fromEntries(TIMESERIES_TABLES.map((t) => [t.table, t.compressAfter])),
  );
  expect(jobs).toHaveLength(TIMESERIES_TABLES.length);

  // The time index is TimescaleDB's own (create_default_indexes), which `check` must leave alone.
  expect(await timeIndexes(c)).toEqual(
    Object.fromEntries(
      TIMESERIES_TABLES.map((t) => [
        t.table,
        `CREATE INDEX ${t.table}_ts_idx ON public.${t.table} USING btree (ts DESC)`,
      ]),
    ),
  );
}

describe('migrations on TimescaleDB 2.23 (PGlite)', () => {
  let db: PgliteTimescale;

  beforeAll(async () => {
    db = await startPgliteTimescale();
  });

  afterAll(async () => {
    await db?.stop();
  });

  it('up turns the time-series tables into compressed hypertables', async () => {
    const up = await migrate(db, ['up'], { TIMESCALEDB: 'required' });
    expectSuccess(up);
    expect(up.stdout).toContain(`${MIGRATION_COUNT} migration(s) applied`);

    await db.withClient(async (c) => {
      expect(await timescaleVersion(c)).toMatch(/^2\.23\./);
      expect(await publicTables(c)).toEqual([...PROJECT_TABLES, 'migrations'].sort());
      await expectTimescaleLayout(c);
    });
  });

  it('check is clean right after up', async () => {
    const check = await migrate(db, ['check']);
    expectSuccess(check);
    expect(check.stdout).toContain(CHECK_CLEAN);
  });

  it('ohlcv_data takes inserts and ON CONFLICT upserts, also into a compressed chunk', async () => {
    await db.withClient(async (c) => {
      const candle = (ts: string, close: number): unknown[] => [
        'binance',
        'BTCUSDT',
        '1d',
        ts,
        close - 1,
        close + 1,
        close - 2,
        close,
        10,
      ];
      /** Upserts candles; tells for each whether it was inserted (true) or updated (false). */
      const upsert = (values: unknown[][]): Promise<{ inserted: boolean }[]> => {
        const tuples = values.map(
          (row, i) => `(${row.map((_, j) => `$${i * row.length + j + 1}`).join(', ')})`,
        );
        return rows(
          c,
          `INSERT INTO ohlcv_data (source, symbol, interval, ts, open, high, low, close, volume)
           VALUES ${tuples.join(', ')}
           ON CONFLICT (source, symbol, interval, ts) DO UPDATE
             SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low,
                 close = EXCLUDED.close, volume = EXCLUDED.volume
           RETURNING (xmax = 0) AS inserted`,
          values.flat(),
        );
      };
      const closes = async (): Promise<Record<string, number>> =>
        Object.fromEntries(
          (
            await rows<{ ts: Date; close: number }>(
              c,
              `SELECT ts, close FROM ohlcv_data WHERE symbol = 'BTCUSDT' ORDER BY ts`,
            )
          ).map((r) => [r.ts.toISOString().slice(0, 10), r.close]),
        );

      // Three days in two 7-day chunks.
      expect(
        await upsert([
          candle('2024-01-01T00:00:00Z', 100),
          candle('2024-01-02T00:00:00Z', 101),
          candle('2024-01-20T00:00:00Z', 102),
        ]),
      ).toEqual([{ inserted: true }, { inserted: true }, { inserted: true }]);
      const [{ chunks }] = await rows<{ chunks: number }>(
        c,
        `SELECT count(*)::int AS chunks FROM show_chunks('ohlcv_data')`,
      );
      expect(chunks).toBe(2);

      expect(
        await upsert([candle('2024-01-02T00:00:00Z', 201), candle('2024-01-03T00:00:00Z', 203)]),
      ).toEqual([{ inserted: false }, { inserted: true }]);
      expect(await closes()).toEqual({
        '2024-01-01': 100,
        '2024-01-02': 201,
        '2024-01-03': 203,
        '2024-01-20': 102,
      });

      // Old candles get compressed by the policy; backfills must still upsert into them.
      await c.query(`SELECT compress_chunk(ch) FROM show_chunks('ohlcv_data') ch`);
      const [{ compressed }] = await rows<{ compressed: number }>(
        c,
        `SELECT count(*)::int AS compressed FROM timescaledb_information.chunks
          WHERE hypertable_name = 'ohlcv_data' AND is_compressed`,
      );
      expect(compressed).toBe(2);
      expect(
        await upsert([candle('2024-01-01T00:00:00Z', 300), candle('2024-01-04T00:00:00Z', 304)]),
      ).toEqual([{ inserted: false }, { inserted: true }]);
      expect(await closes()).toEqual({
        '2024-01-01': 300,
        '2024-01-02': 201,
        '2024-01-03': 203,
        '2024-01-04': 304,
        '2024-01-20': 102,
      });
    });
  });

  it('down base drops every project table and keeps the extension', async () => {
    const down = await migrate(db, ['down', 'base']);
    expectSuccess(down);
    expect(down.stdout).toContain(`${MIGRATION_COUNT} migration(s) reverted`);

    await db.withClient(async (c) => {
      expect(await publicTables(c)).toEqual(['migrations']);
      expect(await appliedMigrations(c)).toEqual([]);
      // The extension stays: it may be shared or pre-installed, and it is harmless without tables.
      expect(await timescaleVersion(c)).not.toBeNull();
      const [{ n }] = await rows<{ n: number }>(
        c,
        `SELECT count(*)::int AS n FROM timescaledb_information.hypertables`,
      );
      expect(n).toBe(0);
    });
  });

  it('up again recreates the hypertables, and check is clean', async () => {
    const up = await migrate(db, ['up']); // TIMESCALEDB=auto: the extension is available
    expectSuccess(up);

    await db.withClient(async (c) => {
      expect(await publicTables(c)).toEqual([...PROJECT_TABLES, 'migrations'].sort());
      expect(await appliedMigrations(c)).toHaveLength(MIGRATION_COUNT);
      await expectTimescaleLayout(c);
      const [{ n }] = await rows<{ n: number }>(c, `SELECT count(*)::int AS n FROM ohlcv_data`);
      expect(n).toBe(0);
    });

    const check = await migrate(db, ['check']);
    expectSuccess(check);
    expect(check.stdout).toContain(CHECK_CLEAN);
  });
});

describe('migrations with TIMESCALEDB=off on a server that offers TimescaleDB', () => {
  let db: PgliteTimescale;

  beforeAll(async () => {
    db = await startPgliteTimescale();
  });

  afterAll(async () => {
    await db?.stop();
  });

  it('up makes plain tables with a BRIN time index, and check is clean', async () => {
    await db.withClient(async (c) => {
      const available = await rows(
        c,
        `SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`,
      );
      expect(available).toHaveLength(1);
    });

    expectSuccess(await migrate(db, ['up'], { TIMESCALEDB: 'off' }));

    await db.withClient(async (c) => {
      expect(await timescaleVersion(c)).toBeNull();
      expect(await publicTables(c)).toEqual([...PROJECT_TABLES, 'migrations'].sort());
      expect(await timeIndexes(c)).toEqual(
        Object.fromEntries(
          TIMESERIES_TABLES.map((t) => [
            t.table,
            `CREATE INDEX ${t.table}_ts_idx ON public.${t.table} USING brin (ts)`,
          ]),
        ),
      );
      // Plain tables: no inheritance children (a hypertable's chunks inherit from it).
      const children = await rows(
        c,
        `SELECT 1 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
          WHERE p.relname = ANY($1)`,
        [TIMESERIES_NAMES],
      );
      expect(children).toEqual([]);
    });

    const check = await migrate(db, ['check']);
    expectSuccess(check);
    expect(check.stdout).toContain(CHECK_CLEAN);
  });
});

describe('migration SeriesSource on TimescaleDB with rows, compressed chunks and rollups', () => {
  let db: PgliteTimescale;
  let before: Record<string, string[]>;

  beforeAll(async () => {
    db = await startPgliteTimescale();
  });

  afterAll(async () => {
    await db?.stop();
  });

  /** One text line per row of each series table (one query at a time: one connection). */
  const contents = async (c: Client): Promise<Record<string, string[]>> => {
    const out: Record<string, string[]> = {};
    for (const t of SERIES_TABLES) {
      out[t] = (await rows<{ line: string }>(c, contentsQuery(t))).map((r) => r.line);
    }
    return out;
  };
  const compressedChunks = async (c: Client) =>
    (
      await rows<{ n: number }>(
        c,
        `SELECT count(*)::int AS n FROM timescaledb_information.chunks WHERE is_compressed`,
      )
    )[0].n;
  const segmentBy = async (c: Client) =>
    Object.fromEntries(
      (
        await rows<{ table: string; segmentby: string }>(
          c,
          `SELECT hypertable::text AS table, segmentby FROM timescaledb_information.hypertable_compression_settings
            WHERE hypertable::text = ANY($1)`,
          [SERIES_TABLES],
        )
      ).map((r) => [r.table, r.segmentby]),
    );

  it('up assigns sources from the batch history through compressed chunks, then re-segments by source', async () => {
    expectSuccess(await migrate(db, ['up', BEFORE_SERIES_SOURCE], { TIMESCALEDB: 'required' }));
    await db.withClient(async (c) => {
      await c.query(OLD_SCHEMA_SEED);
      await c.query(
        `SELECT compress_chunk(ch) FROM show_chunks('ohlcv_data') ch;
         SELECT compress_chunk(ch) FROM show_chunks('funding_rate_data') ch;`,
      );
      expect(await compressedChunks(c)).toBeGreaterThanOrEqual(3);
      before = await contents(c);
    });

    expectSuccess(await migrate(db, ['up', SERIES_SOURCE_MIGRATION]));
    await db.withClient(async (c) => {
      for (const table of SERIES_TABLES) {
        const got = await rows<{ key: string; source: string }>(c, sourcesQuery(table));
        expect({ table, sources: Object.fromEntries(got.map((r) => [r.key, r.source])) }).toEqual({
          table,
          sources: EXPECTED_SOURCES[table],
        });
      }
      expect(await contents(c)).toEqual(before);
      // Decompressed to change the key; the policy job compresses them again.
      expect(await compressedChunks(c)).toBe(0);
      expect(await segmentBy(c)).toEqual({
        ohlcv_data: 'source,symbol,interval',
        funding_rate_data: 'source,symbol',
        open_interest_data: 'source,symbol,interval',
      });
      const views = await rows<{ view_name: string }>(
        c,
        `SELECT view_name FROM timescaledb_information.continuous_aggregates ORDER BY 1`,
      );
      expect(views.map((v) => v.view_name)).toEqual(['ohlcv_1d', 'ohlcv_1h']);

      // 1-minute candles of one symbol from two sources roll up apart, and compress again.
      await c.query(
        `INSERT INTO ohlcv_data (source, symbol, interval, ts, open, high, low, close, volume)
         SELECT s.source, 'BTCUSDT', '1m', timestamptz '2026-08-15T18:00:00Z' + m * interval '1 minute',
                s.base + m, s.base + m + 1, s.base + m - 1, s.base + m, 1
         FROM (VALUES ('binance', 100), ('bybit', 200)) s(source, base), generate_series(0, 59) m`,
      );
      const hourly = await rows<{ source: string; open: number; close: number; candles: number }>(
        c,
        `SELECT source, open, close, candles::int FROM ohlcv_1h WHERE symbol = 'BTCUSDT' ORDER BY source`,
      );
      expect(hourly).toEqual([
        { source: 'binance', open: 100, close: 159, candles: 60 },
        { source: 'bybit', open: 200, close: 259, candles: 60 },
      ]);
      await c.query(`SELECT compress_chunk(ch) FROM show_chunks('ohlcv_data') ch`);
      expect(await compressedChunks(c)).toBeGreaterThanOrEqual(2);
    });

    // The migrations after SeriesSource (SymbolRegistry, the alerts' tables, the fetch ledger,
    // which records the stored history through compressed chunks), then the schema is the entities'.
    expectSuccess(await migrate(db, ['up']));
    await db.withClient(async (c) => {
      const ledger = await rows<{ line: string }>(
        c,
        `SELECT concat_ws(' ', source, symbol, interval, data_type, rows_returned, origin) AS line
         FROM fetch_ledger ORDER BY 1`,
      );
      const series = await rows<{ line: string }>(
        c,
        `SELECT concat_ws(' ', source, symbol, interval, 'ohlcv', count(*), 'history') AS line
         FROM ohlcv_data GROUP BY source, symbol, interval
         UNION ALL
         SELECT concat_ws(' ', source, symbol, interval, 'open_interest', count(*), 'history')
         FROM open_interest_data GROUP BY source, symbol, interval ORDER BY 1`,
      );
      expect(series.length).toBeGreaterThan(0);
      expect(ledger).toEqual(series);
    });
    const check = await migrate(db, ['check']);
    expectSuccess(check);
    expect(check.stdout).toContain(CHECK_CLEAN);
  });

  it('down refuses while two sources share a key, then restores the v1 layout and rows', async () => {
    const refused = await migrate(db, ['down', BEFORE_SERIES_SOURCE]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /ohlcv_data holds 60 key\(s\) stored by more than one source, e\.g\. BTCUSDT 1m 2026-08-15T18:00:00\.000Z \(binance, bybit\)/,
    );

    await db.withClient((c) => c.query(`DELETE FROM ohlcv_data WHERE interval = '1m'`));
    expectSuccess(await migrate(db, ['down', BEFORE_SERIES_SOURCE]));
    await db.withClient(async (c) => {
      expect(await contents(c)).toEqual(before);
      expect(await segmentBy(c)).toEqual({
        ohlcv_data: 'symbol,interval',
        funding_rate_data: 'symbol',
        open_interest_data: 'symbol,interval',
      });
      const views = await rows<{ view_name: string }>(
        c,
        `SELECT view_name FROM timescaledb_information.continuous_aggregates ORDER BY 1`,
      );
      expect(views.map((v) => v.view_name)).toEqual(['ohlcv_1d', 'ohlcv_1h']);
    });
    expectSuccess(await migrate(db, ['up']));
    const check = await migrate(db, ['check']);
    expectSuccess(check);
  });
});
