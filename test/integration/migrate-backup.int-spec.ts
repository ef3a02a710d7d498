import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  backupBeforeUp,
  backupDatabase,
  buildDataSourceOptions,
  listBackups,
  MigrationFailedError,
  MIGRATIONS_DIR,
  MigrationRunner,
} from '@app/persistence';
import {
  createMigratedDatabase,
  dropDatabase,
  freshDatabaseUrl,
  projectMigrations,
  runCli,
} from '../support/test-env';

const MIGRATIONS = projectMigrations();
const HEAD = MIGRATIONS[MIGRATIONS.length - 1];
const BEFORE_HEAD = MIGRATIONS[MIGRATIONS.length - 2];

/** Destroys data, then fails: in its own transaction (TypeORM's default), so nothing sticks. */
class DestroyThenFail1900000000001 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`UPDATE ohlcv_data SET close = 0, volume = -1`);
    await qr.query(`DELETE FROM funding_rate_data`);
    await qr.query(`ALTER TABLE ohlcv_data ADD COLUMN note text`);
    await qr.query(`SELECT 1 / 0`);
  }
  async down(): Promise<void> {}
}

/** The same without a transaction (`transaction = false`): the half done before the failure stays. */
class DestroyThenFailNoTx1900000000002 implements MigrationInterface {
  transaction = false as const;
  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`UPDATE ohlcv_data SET close = 0, volume = -1`);
    await qr.query(`DELETE FROM funding_rate_data`);
    await qr.query(`SELECT 1 / 0`);
  }
  async down(): Promise<void> {}
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Row count and md5 over every row's text of each time-series table, in a fixed order. */
async function checksums(url: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ['ohlcv_data', 'funding_rate_data', 'open_interest_data', 'symbols']) {
    const [row] = await query<{ n: number; sum: string | null }>(
      url,
      `SELECT count(*)::int AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS sum FROM ${table} t`,
    );
    out[table] = `${row.n}:${row.sum}`;
  }
  return out;
}

async function appliedMigrations(url: string): Promise<string[]> {
  const rows = await query<{ name: string }>(url, `SELECT name FROM migrations ORDER BY id`);
  return rows.map((r) => r.name);
}

/** Deterministic time-series rows (including awkward doubles) in a migrated database. */
async function seed(url: string): Promise<void> {
  await query(
    url,
    `INSERT INTO symbols (provider, symbol, name, exchange)
       SELECT 'yahoo', 'SYM' || i, 'Name ' || i, CASE WHEN i % 2 = 0 THEN 'TSE' ELSE NULL END
       FROM generate_series(1, 20) i;
     INSERT INTO ohlcv_data (source, symbol, interval, ts, open, high, low, close, adj_close, volume)
       SELECT 'yahoo', 'SYM' || (i % 20 + 1), '1d', timestamptz '2020-01-01' + i * interval '1 day',
              100 + i / 7.0, 101 + i / 3.0, 99 - i / 11.0, 0.1 + i * 0.2, CASE WHEN i % 5 = 0 THEN NULL ELSE 1e-300 * i END, i * 1234.5678
       FROM generate_series(1, 3000) i;
     INSERT INTO funding_rate_data (source, symbol, ts, funding_rate, mark_price)
       SELECT 'binance', 'BTCUSDT', timestamptz '2024-01-01' + i * interval '8 hours', 0.0001 * i, 42000 + i / 3.0
       FROM generate_series(1, 500) i;`,
  );
}

async function runnerWith(url: string, extra: (new () => MigrationInterface)[]) {
  const ds = new DataSource({
    ...buildDataSourceOptions({ databaseUrl: url, poolSize: 2 }),
    migrations: [join(MIGRATIONS_DIR, '[0-9]*-*.ts'), ...extra],
    logging: false,
  });
  await ds.initialize();
  return { ds, runner: new MigrationRunner(ds) };
}

describe('migrate up --backup and migrate restore', () => {
  const dirs: string[] = [];
  const urls: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mi-backup-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const url of urls) await dropDatabase(url);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('a migration failing half-way leaves the last revision; the backup taken first restores the data byte-equal', async () => {
    const url = await createMigratedDatabase();
    urls.push(url);
    await seed(url);
    const before = await checksums(url);
    expect(before.ohlcv_data).toMatch(/^3000:[0-9a-f]{32}$/);
    const dir = await tempDir();
    const log: string[] = [];

    // 1. A failing migration in its own transaction: nothing of it stays, the schema is at HEAD.
    const tx = await runnerWith(url, [DestroyThenFail1900000000001]);
    try {
      await expect(
        tx.runner.up(
          'head',
          backupBeforeUp(url, { dir, keep: 5 }, (l) => log.push(l)),
        ),
      ).rejects.toBeInstanceOf(MigrationFailedError);
    } finally {
      await tx.ds.destroy();
    }
    expect(await appliedMigrations(url)).toEqual(MIGRATIONS);
    expect(await checksums(url)).toEqual(before);
    const columns = await query<{ column_name: string }>(
      url,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'ohlcv_data' AND column_name = 'note'`,
    );
    expect(columns).toHaveLength(0);
    const database = new URL(url).pathname.slice(1);
    const [first] = await readdir(dir);
    expect(first).toMatch(new RegExp(`^${database}\\.${HEAD}\\.\\d{8}T\\d{9}Z\\.dump$`));
    expect(log.some((l) => l.startsWith(`backup: ${join(dir, first)} (`))).toBe(true);

    // 2. The same without a transaction: the half before the failure stays (data destroyed), the
    //    migration is not recorded; the backup taken under the lock just before puts it back.
    const noTx = await runnerWith(url, [DestroyThenFailNoTx1900000000002]);
    try {
      await expect(
        noTx.runner.up(
          'head',
          backupBeforeUp(url, { dir, keep: 5 }, (l) => log.push(l)),
        ),
      ).rejects.toBeInstanceOf(MigrationFailedError);
    } finally {
      await noTx.ds.destroy();
    }
    expect(await appliedMigrations(url)).toEqual(MIGRATIONS);
    const damaged = await checksums(url);
    expect(damaged.ohlcv_data).not.toBe(before.ohlcv_data);
    expect(damaged.funding_rate_data).toBe('0:null');
    const backups = (await readdir(dir)).sort();
    expect(backups).toHaveLength(2);
    const latest = join(dir, backups[1]);

    // 3. Restore into a fresh database: the same rows, byte for byte, and the same revision.
    const fresh = freshDatabaseUrl();
    urls.push(fresh);
    const restored = await runCli(['migrate', 'restore', latest], { DATABASE_URL: fresh });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`schema is at ${HEAD} (head)`);
    expect(await checksums(fresh)).toEqual(before);
    expect(await appliedMigrations(fresh)).toEqual(MIGRATIONS);

    // 4. The damaged database is not empty: refused without --force, restored with it.
    const refused = await runCli(['migrate', 'restore', latest], { DATABASE_URL: url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty .* give --force/);
    expect(await checksums(url)).toEqual(damaged);
    const forced = await runCli(['migrate', 'restore', '--force', latest], { DATABASE_URL: url });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('dropped the previous contents (--force)');
    expect(await checksums(url)).toEqual(before);
    expect(await appliedMigrations(url)).toEqual(MIGRATIONS);
  }, 300_000);

  it('retention keeps the newest N backups of the database, and only of that database', async () => {
    const url = await createMigratedDatabase();
    urls.push(url);
    const database = new URL(url).pathname.slice(1);
    const dir = await tempDir();
    const other = await backupDatabase(url, { dir, keep: 5, revision: HEAD });
    await rename(other.path, other.path.replace(`${database}.`, `other_${database}.`));
    const paths: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const at = new Date(Date.UTC(2030, 0, 1, 0, 0, i));
      const r = await backupDatabase(url, { dir, keep: 2, revision: HEAD, now: at });
      paths.push(r.path);
      expect(r.removed).toEqual(i >= 2 ? [paths[i - 2]] : []);
    }
    expect((await listBackups(dir, database)).map((b) => b.path)).toEqual(paths.slice(2));
    expect((await readdir(dir)).filter((f) => f.startsWith('other_'))).toHaveLength(1);
    expect(basename(paths[3])).toBe(`${database}.${HEAD}.20300101T000003000Z.dump`);
  });

  it('up --backup dumps only when a migration is pending, names the revision, keeps N, never shows the password', async () => {
    const name = new URL(freshDatabaseUrl()).pathname.slice(1);
    const plain = `postgres://postgres@127.0.0.1:5432/${name}`;
    urls.push(plain);
    // The shared server trusts local connections: the password is never checked, only carried.
    const url = `postgres://postgres:pw-s3cr3t@127.0.0.1:5432/${name}`;
    const dir = await tempDir();
    const env = { DATABASE_URL: url };
    const all: string[] = [];
    const cli = async (args: string[], extra: Record<string, string> = {}) => {
      const r = await runCli(['migrate', ...args], { ...env, ...extra });
      all.push(r.stdout, r.stderr);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      return r.stdout;
    };

    const first = await cli(['up', '--backup', dir]);
    const [base] = await readdir(dir);
    expect(base).toMatch(new RegExp(`^${name}\\.base\\.\\d{8}T\\d{9}Z\\.dump$`));
    expect(first).toContain(`backup: ${join(dir, base)} (`);

    // Nothing pending: no backup.
    expect(await cli(['up', '--backup', dir])).toContain('nothing to apply');
    expect(await readdir(dir)).toEqual([base]);

    // One migration pending, keeping 1: the new backup (of the revision before HEAD) replaces
    // the older one.
    await cli(['down', '1']);
    const kept = await cli(['up', '--backup', dir, '--backup-keep', '1']);
    const [newest] = await readdir(dir);
    expect(newest).toMatch(new RegExp(`^${name}\\.${BEFORE_HEAD}\\.\\d{8}T\\d{9}Z\\.dump$`));
    expect(kept).toContain(`backup: ${join(dir, newest)} (`);
    expect(kept).toContain(`backup removed (keeping 1): ${join(dir, base)}`);

    // MIGRATE_BACKUP_DIR does the same for a plain `migrate up` (the container entrypoint's).
    const envDir = await tempDir();
    await cli(['down', '1']);
    const viaEnv = await cli(['up'], { MIGRATE_BACKUP_DIR: envDir, MIGRATE_BACKUP_KEEP: '3' });
    const [one] = await readdir(envDir);
    expect(viaEnv).toContain(`backup: ${join(envDir, one)} (`);

    expect(all.join('\n')).not.toContain('pw-s3cr3t');
  }, 300_000);

  it('restore refuses a missing file and a bad --backup-keep clearly', async () => {
    const url = freshDatabaseUrl();
    urls.push(url);
    const missing = await runCli(['migrate', 'restore', '/nonexistent/x.dump'], {
      DATABASE_URL: url,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('backup file /nonexistent/x.dump does not exist');
    const bad = await runCli(['migrate', 'up', '--backup', '/tmp', '--backup-keep', '0'], {
      DATABASE_URL: url,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--backup-keep must be a whole number from 1');
  }, 180_000);
});
