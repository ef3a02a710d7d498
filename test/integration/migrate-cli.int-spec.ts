import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { dropDatabase, freshDatabaseUrl, projectMigrations, runCli } from '../support/test-env';

const MIGRATIONS = projectMigrations();
const HEAD = MIGRATIONS[MIGRATIONS.length - 1];

const PROJECT_TABLES = [
  'batch_execution_details',
  'batch_executions',
  'batch_schedules',
  'webhook_deliveries',
  'corporate_actions',
  'fetch_ledger',
  'funding_rate_data',
  'ohlcv_daily_presence',
  'ohlcv_data',
  'open_interest_data',
  'symbols',
  'universe_syncs',
];

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function tables(url: string): Promise<string[]> {
  const rows = await query<{ tablename: string }>(
    url,
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return rows.map((r) => r.tablename);
}

/** pg_dump --schema-only without comments, settings and blank lines. */
async function schemaDump(url: string, only: string[] = []): Promise<string> {
  const tableArgs = only.flatMap((t) => ['-t', t]);
  const { stdout } = await promisify(execFile)('pg_dump', [
    '--schema-only',
    '--no-owner',
    ...tableArgs,
    url,
  ]);
  return stdout
    .split('\n')
    .filter(
      (l) =>
        l.trim() !== '' &&
        !l.startsWith('--') &&
        !l.startsWith('SET ') &&
        !/^\\(un)?restrict/.test(l),
    )
    .filter((l) => !l.startsWith('SELECT pg_catalog.set_config'))
    .join('\n');
}

describe('npm run migrate (built CLI, real PostgreSQL)', () => {
  const urls: string[] = [];
  const fresh = (): string => {
    const url = freshDatabaseUrl();
    urls.push(url);
    return url;
  };
  afterAll(async () => {
    for (const url of urls) await dropDatabase(url);
  });

  it('up creates the database, check is clean, down base empties it, up again gives the same schema', async () => {
    const url = fresh();
    const env = { DATABASE_URL: url };

    const up = await runCli(['migrate', 'up'], env);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/created database mi_e_/);
    for (const m of MIGRATIONS) expect(up.stdout).toMatch(new RegExp(`applied ${m} in \\d+ ms`));
    expect(up.stdout).toContain(`schema is at ${HEAD} (head)`);
    expect(await tables(url)).toEqual(expect.arrayContaining([...PROJECT_TABLES, 'migrations']));
    const first = await schemaDump(url);
    expect(first).toContain('CREATE INDEX ohlcv_data_ts_idx ON public.ohlcv_data USING brin (ts)');

    const check = await runCli(['migrate', 'check'], env);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('schema matches the entities');

    const down = await runCli(['migrate', 'down', 'base'], env);
    expect(down.code).toBe(0);
    for (const m of MIGRATIONS) expect(down.stdout).toContain(`reverted ${m}`);
    expect(down.stdout).toContain('schema is at base');
    expect(await tables(url)).toEqual(['migrations']);
    expect(await query(url, 'SELECT * FROM migrations')).toEqual([]);

    const again = await runCli(['migrate', 'up'], env);
    expect(again.code).toBe(0);
    expect(await schemaDump(url)).toBe(first);
  });

  it('current and history report where the schema is', async () => {
    const url = fresh();
    const env = { DATABASE_URL: url };
    expect((await runCli(['migrate', 'up', 'base'], env)).code).not.toBe(0); // base is no up target
    await runCli(['migrate', 'up'], env);
    const current = await runCli(['migrate', 'current'], env);
    expect(current.stdout.trim()).toBe(`${HEAD} (head)`);
    const history = await runCli(['migrate', 'history', '--verbose'], env);
    expect(history.stdout).toContain(`[x] ${HEAD} (head, current)\n`);
    expect(history.stdout).toMatch(/file: +\d{13}-InitialSchema/);
    await runCli(['migrate', 'down', '1'], env);
    const previous =
      MIGRATIONS.length > 1
        ? `${MIGRATIONS.at(-2)} (1 pending)`
        : 'base (no migration applied; 1 pending)';
    expect((await runCli(['migrate', 'current'], env)).stdout.trim()).toBe(previous);
    expect((await runCli(['migrate', 'history'], env)).stdout).toContain(`[ ] ${HEAD} (head)\n`);
    await runCli(['migrate', 'down', 'base'], env);
    expect((await runCli(['migrate', 'current'], env)).stdout.trim()).toBe(
      `base (no migration applied; ${MIGRATIONS.length} pending)`,
    );
  });

  it('check exits 1 and prints the difference when the schema drifts', async () => {
    const url = fresh();
    const env = { DATABASE_URL: url };
    await runCli(['migrate', 'up', '+0'], env); // creates the database only
    const pending = await runCli(['migrate', 'check'], env);
    expect(pending.code).toBe(1);
    expect(pending.stderr).toContain(`pending migrations: ${MIGRATIONS.join(', ')}`);

    await runCli(['migrate', 'up'], env);
    await query(url, 'ALTER TABLE symbols DROP COLUMN industry_code');
    const drift = await runCli(['migrate', 'check'], env);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain('ALTER TABLE "symbols" ADD "industry_code" text');
  });

  it('stamp adopts a database whose tables exist (e.g. from Alembic) so that up does nothing', async () => {
    const url = fresh();
    const env = { DATABASE_URL: url };
    await runCli(['migrate', 'up'], env);
    // What an Alembic-managed copy of the schema looks like: our tables, Alembic's version table.
    await query(url, 'DROP TABLE migrations');
    await query(url, `CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)`);
    await query(url, `INSERT INTO alembic_version VALUES ('a1b2c3d4e5f6')`);
    const before = await schemaDump(url, PROJECT_TABLES);

    const stamp = await runCli(['migrate', 'stamp', HEAD], env);
    expect(stamp.code).toBe(0);
    for (const m of MIGRATIONS) expect(stamp.stdout).toContain(`marked applied: ${m}`);

    const up = await runCli(['migrate', 'up'], env);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('nothing to apply');
    expect((await runCli(['migrate', 'check'], env)).code).toBe(0);
    // Only the version table was created: no project table touched.
    expect(await schemaDump(url, PROJECT_TABLES)).toBe(before);
    expect(await tables(url)).toContain('migrations');

    const base = await runCli(['migrate', 'stamp', 'base'], env);
    for (const m of MIGRATIONS) expect(base.stdout).toContain(`marked pending: ${m}`);
    expect(await query(url, 'SELECT * FROM migrations')).toEqual([]);
  });

  it('sql up prints the SQL and changes nothing', async () => {
    const url = fresh();
    const env = { DATABASE_URL: url };
    const createDb = await runCli(['migrate', 'up', '+0'], env); // creates the database only
    expect(createDb.code).toBe(0);
    const sql = await runCli(['migrate', 'sql', 'up'], env);
    expect(sql.code).toBe(0);
    expect(sql.stdout).toMatch(/^BEGIN;/);
    expect(sql.stdout).toContain('CREATE TABLE "ohlcv_data"');
    expect(sql.stdout).toContain('USING brin ("ts")');
    expect(sql.stdout).toMatch(/INSERT INTO "migrations"/);
    expect(sql.stdout.trim()).toMatch(/COMMIT;$/);
    expect(await tables(url)).toEqual(['migrations']);

    await runCli(['migrate', 'up'], env);
    const down = await runCli(['migrate', 'sql', 'down', 'base'], env);
    expect(down.stdout).toContain('DROP TABLE "ohlcv_data"');
    expect(await tables(url)).toEqual(expect.arrayContaining(PROJECT_TABLES));
    expect((await runCli(['migrate', 'sql', 'sideways'], env)).code).toBe(2);
  });

  it('three concurrent up processes on an empty database apply each migration once', async () => {
    const url = fresh();
    const env = { DATABASE_URL: url };
    const results = await Promise.all([1, 2, 3].map(() => runCli(['migrate', 'up'], env)));
    for (const r of results) {
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    }
    const applied = results.filter((r) => r.stdout.includes(`applied ${MIGRATIONS[0]}`));
    expect(applied).toHaveLength(1);
    const rows = await query<{ name: string; n: string }>(
      url,
      'SELECT name, count(*) AS n FROM migrations GROUP BY name',
    );
    expect(rows.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [...MIGRATIONS].sort().map((name) => ({ name, n: '1' })),
    );
  });

  it('generate on an up-to-date schema writes nothing; create writes an empty migration', async () => {
    const url = fresh();
    const env = { DATABASE_URL: url };
    await runCli(['migrate', 'up'], env);
    const dir = await mkdtemp(join(tmpdir(), 'mi-gen-'));
    try {
      const gen = await runCli(['migrate', 'generate', 'Nothing', '--dir', dir], env);
      expect(gen.stdout).toContain('no changes');
      expect(await readdir(dir)).toEqual([]);
      const create = await runCli(['migrate', 'create', 'BackfillThings', '--dir', dir], env);
      expect(create.code).toBe(0);
      expect(await readdir(dir)).toEqual([expect.stringMatching(/^\d{13}-BackfillThings\.ts$/)]);
      const bad = await runCli(['migrate', 'create', 'not-pascal', '--dir', dir], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('PascalCase');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails clearly on an unknown target and on TIMESCALEDB=required without the extension', async () => {
    const url = fresh();
    const unknown = await runCli(['migrate', 'up', 'NoSuchMigration'], { DATABASE_URL: url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      `no migration matches "NoSuchMigration"; known: ${MIGRATIONS.join(', ')}`,
    );

    const required = await runCli(['migrate', 'up'], {
      DATABASE_URL: url,
      TIMESCALEDB: 'required',
    });
    expect(required.code).toBe(1);
    expect(required.stderr).toContain(
      'TIMESCALEDB=required but the timescaledb extension is not available',
    );
    expect(await tables(url)).toEqual(['migrations']);
  });
});
