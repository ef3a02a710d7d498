import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, MIGRATIONS_DIR, MigrationRunner } from '@app/persistence';
import { dropDatabase, freshDatabaseUrl, runCli } from '../support/test-env';
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
 * Migration SeriesSource1797000000000 on plain PostgreSQL with rows in the tables: sources from
 * the batch history, keys swapped, `check` clean; `down` refuses while two sources share a key,
 * and otherwise gives back the old schema with the same rows.
 */
describe('migration SeriesSource (real PostgreSQL, rows in the tables)', () => {
  const url = freshDatabaseUrl();
  let ds: DataSource;
  let runner: MigrationRunner;

  const rows = <T>(sql: string): Promise<T[]> => ds.query(sql);
  const contents = async () => {
    const out: Record<string, string[]> = {};
    for (const t of SERIES_TABLES) {
      out[t] = (await rows<{ line: string }>(contentsQuery(t))).map((r) => r.line);
    }
    return out;
  };
  const primaryKey = async (table: string) =>
    (
      await rows<{ column: string }>(
        `SELECT a.attname AS column FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = '${table}'::regclass AND i.indisprimary
         ORDER BY array_position(i.indkey, a.attnum)`,
      )
    ).map((r) => r.column);

  beforeAll(async () => {
    expect(
      (await runCli(['migrate', 'up', BEFORE_SERIES_SOURCE], { DATABASE_URL: url })).code,
    ).toBe(0);
    ds = new DataSource({
      ...buildDataSourceOptions({ databaseUrl: url, poolSize: 2 }),
      migrations: [join(MIGRATIONS_DIR, '[0-9]*-*.ts')],
      logging: false,
    });
    await ds.initialize();
    runner = new MigrationRunner(ds);
    await ds.query(OLD_SCHEMA_SEED);
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url);
  });

  let before: Record<string, string[]>;

  it('up gives each row the provider of the newest batch that wrote its series, else unknown', async () => {
    before = await contents();
    await runner.up(SERIES_SOURCE_MIGRATION);
    for (const table of SERIES_TABLES) {
      const got = await rows<{ key: string; source: string }>(sourcesQuery(table));
      expect({ table, sources: Object.fromEntries(got.map((r) => [r.key, r.source])) }).toEqual({
        table,
        sources: EXPECTED_SOURCES[table],
      });
    }
    expect(await contents()).toEqual(before); // nothing else changed
    expect(await primaryKey('ohlcv_data')).toEqual(['source', 'symbol', 'interval', 'ts']);
    expect(await primaryKey('funding_rate_data')).toEqual(['source', 'symbol', 'ts']);
    expect(await primaryKey('open_interest_data')).toEqual(['source', 'symbol', 'interval', 'ts']);
    expect(await primaryKey('corporate_actions')).toEqual(['source', 'symbol', 'type', 'ts']);
    const [{ defaults }] = await rows<{ defaults: number }>(
      `SELECT count(*)::int AS defaults FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'source' AND column_default IS NOT NULL`,
    );
    expect(defaults).toBe(0);
  });

  it('the schema matches the entities after up (migrate check is clean)', async () => {
    await runner.up(); // and whatever comes after
    expect(await runner.diff()).toEqual({ up: [], down: [] });
    const check = await runCli(['migrate', 'check'], { DATABASE_URL: url });
    expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('down refuses, changing nothing, while one key is stored by two sources', async () => {
    await ds.query(
      `INSERT INTO ohlcv_data (source, symbol, interval, ts, open, high, low, close, adj_close, volume)
       VALUES ('binance', 'BTCUSDT', '1h', '2026-08-15T18:00:00Z', 63043.4, 63083, 63011.6, 63026.3, NULL, 1116.068)`,
    );
    // Later migrations (e.g. SymbolRegistry) revert in their own transactions first: take the
    // schema back to SeriesSource, so what is refused is its own down.
    await runner.down(SERIES_SOURCE_MIGRATION);
    const appliedBefore = (await runner.current())?.name;
    expect(appliedBefore).toBe(SERIES_SOURCE_MIGRATION);
    await expect(runner.down(BEFORE_SERIES_SOURCE)).rejects.toThrow(
      /ohlcv_data holds 1 key\(s\) stored by more than one source, e\.g\. BTCUSDT 1h 2026-08-15T18:00:00\.000Z \(binance, bybit\).*DELETE FROM ohlcv_data WHERE source = 'bybit'.*Nothing was changed/,
    );
    expect((await runner.current())?.name).toBe(appliedBefore);
    expect(await primaryKey('ohlcv_data')).toEqual(['source', 'symbol', 'interval', 'ts']);
  });

  it('down then gives back the old keys and columns with the same rows; up again is the same', async () => {
    await ds.query(`DELETE FROM ohlcv_data WHERE source = 'binance' AND symbol = 'BTCUSDT'`);
    await runner.down(BEFORE_SERIES_SOURCE);
    expect((await runner.current())?.name).toBe(BEFORE_SERIES_SOURCE);
    const [{ n }] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'source'`,
    );
    expect(n).toBe(0);
    expect(await primaryKey('ohlcv_data')).toEqual(['symbol', 'interval', 'ts']);
    expect(await primaryKey('funding_rate_data')).toEqual(['symbol', 'ts']);
    expect(await primaryKey('open_interest_data')).toEqual(['symbol', 'interval', 'ts']);
    expect(await primaryKey('corporate_actions')).toEqual(['symbol', 'type', 'ts']);
    const [{ provider }] = await rows<{ provider: string }>(
      `SELECT provider FROM corporate_actions`,
    );
    expect(provider).toBe('yahoo');
    expect(await contents()).toEqual(before);

    await runner.up(SERIES_SOURCE_MIGRATION);
    const again = await rows<{ key: string; source: string }>(sourcesQuery('ohlcv_data'));
    expect(Object.fromEntries(again.map((r) => [r.key, r.source]))).toEqual(
      EXPECTED_SOURCES.ohlcv_data,
    );
  });
});
