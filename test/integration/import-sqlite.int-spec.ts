import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase } from '@app/persistence';
import {
  benchImport,
  ImportReport,
  RejectRecord,
  TRADING_MAPPING,
  writeTradingDatabase,
} from '@app/sqlite-import';
import {
  createMigratedDatabase,
  dropDatabase,
  freshDatabaseUrl,
  runCli,
} from '../support/test-env';

type NodeSqlite = typeof import('node:sqlite');
const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as NodeSqlite;

const CANDLES = 200_000;

/**
 * An application's SQLite file: booleans as 0/1 (BOOLEAN and CHECK-restricted INTEGER),
 * timestamps as ISO text, as space-separated text and as unix seconds and milliseconds, a BLOB,
 * JSON, a self-referencing foreign key with a forward reference, a parent/child pair declared
 * child first, an empty table, a table whose name needs quoting, and three bad rows (text in an
 * integer column, an impossible date, an orphaned foreign key).
 */
function writeAppDatabase(path: string): void {
  const db = new DatabaseSync(path);
  db.exec(`
    PRAGMA foreign_keys = OFF;
    CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id),
      sku TEXT NOT NULL, quantity INTEGER NOT NULL, unit_price NUMERIC(10,2));
    CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER REFERENCES users(id),
      placed_at DATETIME NOT NULL, note VARCHAR(20));
    CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE,
      is_admin BOOLEAN NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at DATETIME NOT NULL, updated_at TIMESTAMP, last_login DATETIME, avatar BLOB,
      settings JSON, balance DECIMAL(12,2), score REAL, manager_id INTEGER REFERENCES users(id));
    CREATE INDEX users_manager_idx ON users (manager_id);
    CREATE TABLE audit_log (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id),
      action TEXT NOT NULL, at DATETIME NOT NULL, payload JSON);
    CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
    CREATE TABLE "Event Log" ("Event Id" INTEGER PRIMARY KEY, "when" TIMESTAMP, "select" TEXT);
    CREATE VIEW admins AS SELECT * FROM users WHERE is_admin = 1;
  `);
  const user = db.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  user.run(
    1,
    'ada@example.com',
    1,
    1,
    '2023-01-15T08:30:00Z',
    '2023-06-01 12:00:00',
    1700000000,
    new Uint8Array([0, 1, 2, 255]),
    '{"theme": "dark", "n": 1.50}',
    1234.5,
    98.25,
    3,
  ); // manager 3: a forward reference
  user.run(
    2,
    'bob@example.com',
    0,
    1,
    '2023-02-01T09:00:00.123456+02:00',
    '2023-06-02 13:14:15.5',
    1700000000123,
    null,
    null,
    '0.10',
    null,
    1,
  );
  user.run(
    3,
    'cy@example.com',
    0,
    0,
    '2023-03-01',
    '2023-06-03 00:00:00',
    null,
    new Uint8Array(0),
    '[1, 2, {"b": 1, "a": 2}]',
    -5,
    1e-7,
    null,
  );
  user.run(
    4,
    'dee@example.com',
    'true',
    '0',
    '2023-04-01 10:00',
    '2023-02-30 10:00:00',
    null,
    null,
    null,
    null,
    null,
    1,
  ); // impossible date
  const order = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?)');
  order.run(10, 1, '2023-05-01T10:00:00Z', 'first');
  order.run(11, 2, 1683000000, null);
  order.run(12, null, '2023-05-03 08:00:00', 'guest');
  const item = db.prepare('INSERT INTO order_items VALUES (?, ?, ?, ?, ?)');
  item.run(100, 10, 'A', 2, 9.99);
  item.run(101, 10, 'B', 'three', 1); // text in an integer column
  item.run(102, 11, 'C', 1, '5.00');
  item.run(103, 999, 'D', 1, 1); // no order 999
  const audit = db.prepare('INSERT INTO audit_log VALUES (?, ?, ?, ?, ?)');
  audit.run(1, 1, 'login', 1700000000000, '{"ip": "10.0.0.1"}');
  audit.run(2, 2, 'logout', '2023-06-01T00:00:00Z', null);
  db.prepare('INSERT INTO "Event Log" VALUES (?, ?, ?)').run(
    1,
    '2024-01-01 00:00:00',
    'tab\there\nnewline \\ backslash',
  );
  db.close();
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET TimeZone = 'UTC'`);
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every row of the app tables, for comparing two imports. */
async function appDump(url: string): Promise<string> {
  const tables = ['users', 'orders', 'order_items', 'audit_log', 'tags', 'Event Log'];
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await query(url, `SELECT to_jsonb(x)::text AS j FROM app."${t}" x ORDER BY 1`);
    parts.push(`${t}: ${rows.map((r) => r.j).join('\n')}`);
  }
  return parts.join('\n');
}

function readRejects(path: string): RejectRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RejectRecord);
}

const byKey = (a: RejectRecord, b: RejectRecord): number =>
  `${a.table}:${a.source_rowid}`.localeCompare(`${b.table}:${b.source_rowid}`);

describe('npm run import-sqlite (built CLI, real PostgreSQL)', () => {
  let dir: string;
  let appDb: string;
  let url: string;
  const urls: string[] = [];
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(['import-sqlite', ...args], { DATABASE_URL: url, ...env });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-sqlite-'));
    appDb = join(dir, 'app.db');
    writeAppDatabase(appDb);
    url = freshDatabaseUrl();
    urls.push(url);
    await ensureDatabase(url);
  });
  afterAll(async () => {
    for (const u of urls) await dropDatabase(u);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--dry-run prints tables, order, type mapping and DDL, and writes nothing', async () => {
    const report = join(dir, 'dry-report.json');
    const rejects = join(dir, 'dry-rejects.jsonl');
    const r = await cli([
      appDb,
      '--schema',
      'app',
      '--dry-run',
      '--report',
      report,
      '--reject-file',
      rejects,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dry run: nothing is written');
    expect(r.stdout).toContain('target schema: app (will be created)');
    const order = ['Event Log', 'tags', 'users', 'audit_log', 'orders', 'order_items'].map((t) =>
      r.stdout.indexOf(`. ${t} → "app"."${t}"`),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(r.stdout).toMatch(/users → "app"\."users" \(create, 4 rows\) +\[references itself\]/);
    expect(r.stdout).toMatch(/is_admin +BOOLEAN +→ is_admin +boolean/);
    expect(r.stdout).toMatch(
      /active +INTEGER +→ active +boolean +CHECK \(… IN \(0, 1\)\) → boolean/,
    );
    expect(r.stdout).toMatch(/created_at +DATETIME +→ created_at +timestamp with time zone/);
    expect(r.stdout).toContain('CREATE SCHEMA IF NOT EXISTS "app";');
    expect(r.stdout).toContain('"id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL');
    expect(r.stdout).toContain('CREATE TABLE "app"."Event Log" (');
    expect(r.stdout).toContain(
      'ALTER TABLE "app"."order_items" ADD CONSTRAINT "order_items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "app"."orders" ("id");',
    );
    expect(await query(url, `SELECT 1 FROM pg_namespace WHERE nspname = 'app'`)).toEqual([]);
    expect(existsSync(report) || existsSync(rejects)).toBe(false);
  });

  it('imports the application database: types, exact values, rejects, report, sequences', async () => {
    const report = join(dir, 'report.json');
    const rejects = join(dir, 'rejects.jsonl');
    const r = await cli([
      appDb,
      '--schema',
      'app',
      '--reject-file',
      rejects,
      '--report',
      report,
      '--max-rejects',
      '3',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^users +users +4 +3 +1 +match +yes/m);
    expect(r.stdout).toMatch(/^order_items +order_items +4 +2 +2 +match +yes/m);
    expect(r.stdout).toMatch(/^total +14 +11 +3 +6\/6$/m);
    expect(r.stdout).toContain('import OK');
    expect(r.stdout).toContain('skipped admins: view (not imported)');

    const types = await query<{
      table_name: string;
      column_name: string;
      t: string;
      is_identity: string;
    }>(
      url,
      `SELECT table_name, column_name, is_identity,
              CASE WHEN data_type = 'character varying' THEN 'varchar(' || character_maximum_length || ')' ELSE data_type END AS t
         FROM information_schema.columns WHERE table_schema = 'app' ORDER BY table_name, ordinal_position`,
    );
    const type = (table: string, column: string): string => {
      const c = types.find((x) => x.table_name === table && x.column_name === column)!;
      return c.is_identity === 'YES' ? `${c.t} identity` : c.t;
    };
    expect(
      [
        'id',
        'email',
        'is_admin',
        'active',
        'created_at',
        'updated_at',
        'last_login',
        'avatar',
        'settings',
        'balance',
        'score',
        'manager_id',
      ].map((c) => type('users', c)),
    ).toEqual([
      'bigint identity',
      'text',
      'boolean',
      'boolean',
      'timestamp with time zone',
      'timestamp with time zone',
      'timestamp with time zone',
      'bytea',
      'jsonb',
      'numeric',
      'double precision',
      'bigint',
    ]);
    expect(type('orders', 'note')).toBe('varchar(20)');
    expect(type('Event Log', 'Event Id')).toBe('bigint identity');

    const users = await query(
      url,
      `SELECT id, email, is_admin, active, created_at::text AS created_at, updated_at::text AS updated_at,
              last_login::text AS last_login, avatar, settings, balance::text AS balance, score, manager_id
         FROM app.users ORDER BY id`,
    );
    expect(users).toEqual([
      {
        id: '1',
        email: 'ada@example.com',
        is_admin: true,
        active: true,
        created_at: '2023-01-15 08:30:00+00',
        updated_at: '2023-06-01 12:00:00+00',
        last_login: '2023-11-14 22:13:20+00', // unix seconds
        avatar: Buffer.from([0, 1, 2, 255]),
        settings: { n: 1.5, theme: 'dark' },
        balance: '1234.5',
        score: 98.25,
        manager_id: '3',
      },
      {
        id: '2',
        email: 'bob@example.com',
        is_admin: false,
        active: true,
        created_at: '2023-02-01 07:00:00.123456+00',
        updated_at: '2023-06-02 13:14:15.5+00',
        last_login: '2023-11-14 22:13:20.123+00', // unix milliseconds
        avatar: null,
        settings: null,
        balance: '0.1',
        score: null,
        manager_id: '1',
      },
      {
        id: '3',
        email: 'cy@example.com',
        is_admin: false,
        active: false,
        created_at: '2023-03-01 00:00:00+00',
        updated_at: '2023-06-03 00:00:00+00',
        last_login: null,
        avatar: Buffer.alloc(0),
        settings: [1, 2, { a: 2, b: 1 }],
        balance: '-5',
        score: 1e-7,
        manager_id: null,
      },
    ]);
    expect(
      await query(
        url,
        `SELECT id, user_id, placed_at::text AS placed_at, note FROM app.orders ORDER BY id`,
      ),
    ).toEqual([
      { id: '10', user_id: '1', placed_at: '2023-05-01 10:00:00+00', note: 'first' },
      { id: '11', user_id: '2', placed_at: '2023-05-02 04:00:00+00', note: null },
      { id: '12', user_id: null, placed_at: '2023-05-03 08:00:00+00', note: 'guest' },
    ]);
    expect(
      await query(
        url,
        `SELECT id, order_id, quantity, unit_price::text AS p FROM app.order_items ORDER BY id`,
      ),
    ).toEqual([
      { id: '100', order_id: '10', quantity: '2', p: '9.99' },
      { id: '102', order_id: '11', quantity: '1', p: '5' },
    ]);
    expect(await query(url, `SELECT "select", "when"::text AS w FROM app."Event Log"`)).toEqual([
      { select: 'tab\there\nnewline \\ backslash', w: '2024-01-01 00:00:00+00' },
    ]);
    expect(await query(url, `SELECT count(*)::int AS n FROM app.tags`)).toEqual([{ n: 0 }]);
    expect(await query(url, `SELECT at::text AS at FROM app.audit_log ORDER BY id`)).toEqual([
      { at: '2023-11-14 22:13:20+00' },
      { at: '2023-06-01 00:00:00+00' },
    ]);
    // Sequences continue after the imported ids (AUTOINCREMENT: after its high-water mark, 4,
    // although user 4 was rejected); constraints and indexes are there.
    expect(
      await query(url, `SELECT nextval(pg_get_serial_sequence('app.users', 'id'))::int AS n`),
    ).toEqual([{ n: 5 }]);
    expect(
      await query(url, `SELECT nextval(pg_get_serial_sequence('app.order_items', 'id'))::int AS n`),
    ).toEqual([{ n: 103 }]);
    expect(
      await query(url, `SELECT nextval(pg_get_serial_sequence('app.tags', 'id'))::int AS n`),
    ).toEqual([{ n: 1 }]);
    const constraints = await query<{ conname: string }>(
      url,
      `SELECT conname FROM pg_constraint WHERE connamespace = 'app'::regnamespace ORDER BY 1`,
    );
    expect(constraints.map((c) => c.conname)).toEqual(
      expect.arrayContaining([
        'users_pkey',
        'users_email_key',
        'users_manager_id_fkey',
        'order_items_order_id_fkey',
      ]),
    );
    expect(
      await query(url, `SELECT indexname FROM pg_indexes WHERE indexname = 'users_manager_idx'`),
    ).toHaveLength(1);

    const rejected = readRejects(rejects).sort(byKey);
    expect(rejected).toEqual([
      {
        table: 'order_items',
        target_table: 'order_items',
        primary_key: { id: 101 },
        source_rowid: 101,
        column: 'quantity',
        reason: 'not an integer',
        value: 'three',
        stage: 'convert',
      },
      {
        table: 'order_items',
        target_table: 'order_items',
        primary_key: { id: 103 },
        source_rowid: 103,
        column: 'order_id',
        reason:
          'insert or update on table "order_items" violates foreign key constraint "order_items_order_id_fkey"',
        value: 999,
        detail: 'Key (order_id)=(999) is not present in table "orders".',
        sqlstate: '23503',
        stage: 'foreign-key',
      },
      {
        table: 'users',
        target_table: 'users',
        primary_key: { id: 4 },
        source_rowid: 4,
        column: 'updated_at',
        reason: 'impossible date/time',
        value: '2023-02-30 10:00:00',
        stage: 'convert',
      },
    ]);

    const json = JSON.parse(readFileSync(report, 'utf8')) as ImportReport;
    expect(json).toMatchObject({ mode: 'import', ok: true, failures: [], max_rejects: 3 });
    expect(json.totals).toEqual({
      tables: 6,
      verified_tables: 6,
      source_rows: 14,
      imported_rows: 11,
      rejected_rows: 3,
    });
    const table = (name: string) => json.tables.find((t) => t.source_table === name)!;
    expect(table('users')).toMatchObject({
      source_rows: 4,
      imported_rows: 3,
      rejected_rows: 1,
      checksum_match: true,
      verified: true,
      counts_match: true,
      orphan_rows: 0,
      primary_key: {
        columns: ['id'],
        source_min: ['1'],
        source_max: ['3'],
        target_min: ['1'],
        target_max: ['3'],
        match: true,
      },
    });
    expect(table('tags')).toMatchObject({
      source_rows: 0,
      imported_rows: 0,
      rejected_rows: 0,
      checksum_match: true,
      verified: true,
    });
    expect(table('order_items').source_checksum).toBe(table('order_items').target_checksum);
  });

  it('a second run with --truncate gives the same result; too many rejects exit 1', async () => {
    const before = await appDump(url);
    const first = readRejects(join(dir, 'rejects.jsonl')).sort(byKey);
    const rejects = join(dir, 'rejects-2.jsonl');
    const report = join(dir, 'report-2.json');
    // --batch-size 1: every row is its own COPY, so the forward reference (user 1 → 3) waits and is retried.
    const again = await cli([
      appDb,
      '--schema',
      'app',
      '--truncate',
      '--batch-size',
      '1',
      '--reject-file',
      rejects,
      '--report',
      report,
      '--max-rejects',
      '3',
    ]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('truncated');
    expect(await appDump(url)).toBe(before);
    expect(readRejects(rejects).sort(byKey)).toEqual(first);
    const previous = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ImportReport;
    const json = JSON.parse(readFileSync(report, 'utf8')) as ImportReport;
    const strip = (r: ImportReport) =>
      r.tables.map((t) => [
        t.source_table,
        t.source_rows,
        t.imported_rows,
        t.rejected_rows,
        t.target_checksum,
        t.verified,
      ]);
    expect(strip(json)).toEqual(strip(previous));

    const strict = await cli([appDb, '--schema', 'app', '--truncate']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('import-sqlite: 3 rejected rows, more than --max-rejects 0');
    expect(strict.stderr).toContain('rejected rows (first 3; --reject-file writes them all)');
    expect(strict.stdout).toContain('import FAILED');
    expect(await appDump(url)).toBe(before);
  });

  it('--verify-only passes on the import and fails on changed rows and orphans', async () => {
    const rejects = join(dir, 'rejects.jsonl');
    const report = join(dir, 'verify.json');
    const ok = await cli([
      appDb,
      '--schema',
      'app',
      '--verify-only',
      '--reject-file',
      rejects,
      '--max-rejects',
      '3',
      '--report',
      report,
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('verification OK');
    const verified = JSON.parse(readFileSync(report, 'utf8')) as ImportReport;
    expect(verified.mode).toBe('verify-only');
    expect(verified.totals).toMatchObject({ verified_tables: 6, rejected_rows: 3 });

    await query(url, `UPDATE app.users SET score = 98.26 WHERE id = 1`);
    await query(url, `ALTER TABLE app.order_items DROP CONSTRAINT order_items_order_id_fkey`);
    await query(url, `INSERT INTO app.order_items VALUES (104, 12345, 'E', 1, 1)`);
    const bad = await cli([
      appDb,
      '--schema',
      'app',
      '--verify-only',
      '--reject-file',
      rejects,
      '--max-rejects',
      '3',
      '--report',
      report,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^users +users +4 +3 +1 +DIFFERS +NO/m);
    expect(bad.stderr).toMatch(
      /users: content checksum differs: source \w{16} \(3 rows\), target \w{16} \(3 rows\)/,
    );
    expect(bad.stderr).toContain(
      'order_items: 1 orphaned rows for foreign key order_items(order_id) → orders (SQLite)',
    );
    expect(bad.stderr).toContain('order_items: source has 4 rows but 3 imported + 2 rejected = 5');
    const failed = JSON.parse(readFileSync(report, 'utf8')) as ImportReport;
    expect(failed.ok).toBe(false);
    expect(failed.tables.find((t) => t.source_table === 'order_items')).toMatchObject({
      orphan_rows: 1,
      verified: false,
    });
    expect(failed.tables.find((t) => t.source_table === 'orders')).toMatchObject({
      verified: true,
    });
  });

  it('loads a foreign-key cycle, WITHOUT ROWID and keyless tables, and a target type with no binary format', async () => {
    const file = join(dir, 'shapes.db');
    const db = new DatabaseSync(file);
    db.exec(`
      PRAGMA foreign_keys = OFF;
      CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b(id));
      CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));
      CREATE TABLE spans (id INTEGER PRIMARY KEY, code TEXT, length TEXT, amount NUMERIC);
      CREATE TABLE pairs (x TEXT, y REAL);
      CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;
      INSERT INTO a VALUES (1, 1), (2, NULL), (3, 99);
      INSERT INTO b VALUES (1, 2), (2, 3);
      INSERT INTO spans VALUES (1, 'ab', '1 day', 1.5), (2, 'abcd', '2 days', 2), (3, NULL, '02:00', '10.000');
      INSERT INTO pairs VALUES ('a', 1.5), ('a', 1.5), (NULL, NULL);
      INSERT INTO kv VALUES ('x', 1), ('y', 2);
    `);
    db.close();
    // A target table whose types (char(3), interval) have no binary format here: text COPY.
    await query(
      url,
      `CREATE SCHEMA shapes; CREATE TABLE shapes.spans (id bigint PRIMARY KEY, code char(3), length interval, amount numeric(10,2))`,
    );
    const rejects = join(dir, 'shapes.jsonl');
    const r = await cli([
      file,
      '--schema',
      'shapes',
      '--reject-file',
      rejects,
      '--max-rejects',
      '3',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/foreign keys, round 1: 1 of 3 waiting rows loaded/);
    expect(r.stdout).toMatch(/^total +13 +10 +3 +5\/5$/m);
    expect(await query(url, `SELECT id, b_id FROM shapes.a ORDER BY id`)).toEqual([
      { id: '1', b_id: '1' },
      { id: '2', b_id: null },
    ]);
    expect(await query(url, `SELECT id, a_id FROM shapes.b ORDER BY id`)).toEqual([
      { id: '1', a_id: '2' },
    ]);
    expect(
      await query(
        url,
        `SELECT id, code, length::text AS l, amount::text AS m FROM shapes.spans ORDER BY id`,
      ),
    ).toEqual([
      { id: '1', code: 'ab ', l: '1 day', m: '1.50' },
      { id: '3', code: null, l: '02:00:00', m: '10.00' },
    ]);
    expect(await query(url, `SELECT count(*)::int AS n FROM shapes.pairs`)).toEqual([{ n: 3 }]);
    expect(await query(url, `SELECT k, v FROM shapes.kv ORDER BY k`)).toEqual([
      { k: 'x', v: '1' },
      { k: 'y', v: '2' },
    ]);
    expect(
      readRejects(rejects)
        .map((x) => [x.table, x.primary_key, x.column, x.stage, x.sqlstate])
        .sort(),
    ).toEqual([
      ['a', { id: 3 }, 'b_id', 'foreign-key', '23503'],
      ['b', { id: 2 }, 'a_id', 'foreign-key', '23503'], // its parent a.3 was rejected
      ['spans', { id: 2 }, 'code', 'load', '22001'],
    ]);

    // Again without --truncate: every row is a duplicate; each is rejected, nothing changes.
    const dupes = join(dir, 'dupes.jsonl');
    const again = await cli([file, '--schema', 'shapes', '--tables', 'kv', '--reject-file', dupes]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('warning: kv already has rows');
    expect(readRejects(dupes).map((x) => [x.primary_key, x.sqlstate, x.detail])).toEqual([
      [{ k: 'x' }, '23505', 'Key (k)=(x) already exists.'],
      [{ k: 'y' }, '23505', 'Key (k)=(y) already exists.'],
    ]);
    expect(again.stderr).toContain('kv: source has 2 rows but 2 imported + 2 rejected = 4');
  });

  it('exits 2 on bad usage', async () => {
    writeFileSync(join(dir, 'not-sqlite.db'), 'hello');
    const [missing, batch, max, option, zone, tables, notSqlite] = await Promise.all([
      cli([join(dir, 'missing.db')]),
      cli([appDb, '--batch-size', '0']),
      cli([appDb, '--max-rejects', 'many']),
      cli([appDb, '--no-such-option']),
      cli([appDb, '--timezone', 'Mars/Olympus']),
      cli([appDb, '--tables', 'users,nope']),
      cli([join(dir, 'not-sqlite.db')]),
    ]);
    for (const r of [missing, batch, max, option, zone, tables, notSqlite]) expect(r.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect(batch.stderr).toContain('--batch-size must be an integer from 1 to 1000000');
    expect(option.stderr).toContain("unknown option '--no-such-option'");
    expect(zone.stderr).toContain('unknown time zone "Mars/Olympus"');
    expect(tables.stderr).toContain('--tables: no table "nope" in the SQLite file');
    expect(notSqlite.stderr).toContain('cannot open');
  });

  it(`loads a trading tool's ${CANDLES} candles and funding rates into the project's tables with --map`, async () => {
    const migrated = await createMigratedDatabase();
    urls.push(migrated);
    const tradingDb = join(dir, 'trading.db');
    writeTradingDatabase(tradingDb, CANDLES);
    const mapFile = join(dir, 'mapping.json');
    writeFileSync(mapFile, JSON.stringify(TRADING_MAPPING));
    const report = join(dir, 'trading.json');
    const r = await cli([tradingDb, '--map', mapFile, '--report', report], {
      DATABASE_URL: migrated,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^settings +- +2 +- +- +- +skipped/m);
    expect(r.stdout).toContain('skipped settings: not named in the mapping file');
    const json = JSON.parse(readFileSync(report, 'utf8')) as ImportReport;
    const ohlcv = json.tables.find((t) => t.source_table === 'ohlcv_data')!;
    expect(ohlcv).toMatchObject({
      target_table: 'ohlcv_data',
      action: 'existing',
      source_rows: CANDLES,
      imported_rows: CANDLES,
      rejected_rows: 0,
      checksum_match: true,
      verified: true,
    });
    expect(ohlcv.primary_key!.source_min).toEqual([
      'sqlite',
      'SYM0USDT',
      '1m',
      '2023-11-14T22:13:20.000000Z',
    ]);
    expect(json.tables.find((t) => t.source_table === 'settings')).toMatchObject({
      status: 'skipped',
      source_rows: 2,
    });
    process.stdout.write(
      `import-sqlite: ${CANDLES} candles via --map at ${ohlcv.rows_per_s} rows/s (load ${ohlcv.load_seconds} s, verify ${ohlcv.verify_seconds} s)\n`,
    );

    expect(await query(migrated, `SELECT count(*)::int AS n FROM ohlcv_data`)).toEqual([
      { n: CANDLES },
    ]);
    expect(
      await query(
        migrated,
        `SELECT symbol, interval, ts::text AS ts, open, high, low, close, adj_close, volume
           FROM ohlcv_data WHERE symbol = 'SYM3USDT' ORDER BY ts LIMIT 1`,
      ),
    ).toEqual([
      {
        symbol: 'SYM3USDT',
        interval: '1m',
        ts: '2023-11-14 22:13:20+00',
        open: 100 + ((3 * 7919) % 10007) / 100,
        high: 101 + ((3 * 7919) % 10007) / 100,
        low: 99 + ((3 * 7919) % 10007) / 100,
        close: 100.5 + ((3 * 7919) % 10007) / 100,
        adj_close: null,
        volume: ((3 * 104729) % 1000003) / 7,
      },
    ]);
    expect(
      await query(
        migrated,
        `SELECT count(*)::int AS n, count(mark_price)::int AS m FROM funding_rate_data`,
      ),
    ).toEqual([{ n: 416, m: 356 }]);
    // Nothing in the file names a provider: the rows get --source (default sqlite).
    const sources = `SELECT (SELECT array_agg(DISTINCT source) FROM ohlcv_data) AS candles,
                            (SELECT array_agg(DISTINCT source) FROM funding_rate_data) AS funding`;
    expect(await query(migrated, sources)).toEqual([{ candles: ['sqlite'], funding: ['sqlite'] }]);

    const again = await cli([tradingDb, '--map', mapFile, '--truncate', '--source', 'Binance'], {
      DATABASE_URL: migrated,
    });
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await query(migrated, sources)).toEqual([
      { candles: ['binance'], funding: ['binance'] },
    ]);
    const verified = await cli(
      [tradingDb, '--map', mapFile, '--verify-only', '--source', 'binance'],
      {
        DATABASE_URL: migrated,
      },
    );
    expect(verified.code).toBe(0);
    const bad = await cli([tradingDb, '--map', mapFile, '--source', 'no such'], {
      DATABASE_URL: migrated,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--source "no such": source may hold ASCII letters');
  });

  it('benchImport (npm run bench, scenario import) runs and verifies (smoke sizes)', async () => {
    const results = await benchImport(url, { smoke: true });
    expect(results.map((x) => [x.scenario, x.table, x.rows, x.verified])).toEqual([
      ['import', 'ohlcv_data', 2000, true],
      ['import', 'trades', 10000, true],
    ]);
    for (const x of results) {
      expect(x.rows_per_s).toBeGreaterThan(0);
      expect(x.baseline_rows_per_s).toBeGreaterThan(0);
    }
    expect(
      await query(url, `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench_import_%'`),
    ).toEqual([]);
  });
});
