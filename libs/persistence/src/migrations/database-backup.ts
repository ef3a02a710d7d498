import { spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase } from '../ensure-database';
import type { UpHooks } from './migration-runner';

/**
 * Backups of the database before migrations (`migrate up --backup <dir>`) and their restore
 * (`migrate restore <file>`), with PostgreSQL's own pg_dump (custom format, -Fc) and
 * pg_restore. The connection is passed to them in libpq's PG* variables, never as a URL on the
 * command line: the password of DATABASE_URL is in PGPASSWORD only (not in `ps`, not in logs).
 */

/** A backup or restore that could not be made; the message carries the tool's own error. */
export class DatabaseBackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseBackupError';
  }
}

/** The restore target holds tables and --force was not given. */
export class RestoreTargetNotEmptyError extends DatabaseBackupError {
  constructor(database: string, relations: number) {
    super(
      `database ${database} is not empty (${relations} tables, views or sequences): restore refuses to overwrite it; give --force to drop its contents and restore the backup in their place`,
    );
    this.name = 'RestoreTargetNotEmptyError';
  }
}

/** A program to run: its arguments never hold a secret; `env` holds the connection. */
export interface PgInvocation {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** libpq connection variables for a postgres:// URL (PGPASSWORD only when it has a password). */
export function libpqEnvironment(databaseUrl: string): Record<string, string> {
  const url = new URL(databaseUrl);
  const env: Record<string, string> = {
    PGDATABASE: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
  const host = url.searchParams.get('host') ?? decodeURIComponent(url.hostname);
  if (host !== '') env.PGHOST = host.replace(/^\[(.*)\]$/, '$1');
  if (url.port !== '') env.PGPORT = url.port;
  if (url.username !== '') env.PGUSER = decodeURIComponent(url.username);
  if (url.password !== '') env.PGPASSWORD = decodeURIComponent(url.password);
  const params: Record<string, string> = {
    sslmode: 'PGSSLMODE',
    sslcert: 'PGSSLCERT',
    sslkey: 'PGSSLKEY',
    sslrootcert: 'PGSSLROOTCERT',
    application_name: 'PGAPPNAME',
    connect_timeout: 'PGCONNECT_TIMEOUT',
  };
  for (const [param, variable] of Object.entries(params)) {
    const value = url.searchParams.get(param);
    if (value !== null) env[variable] = value;
  }
  return env;
}

/** Environment of a child: this process's, without inherited PG* variables, plus `pg`. */
function childEnv(pg: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
  return { ...env, ...pg };
}

export function pgDumpInvocation(databaseUrl: string, file: string): PgInvocation {
  return {
    command: 'pg_dump',
    args: ['--format=custom', '--no-password', `--file=${file}`],
    env: libpqEnvironment(databaseUrl),
  };
}

/** Name of a backup: database, schema revision (last applied migration or "base"), UTC time. */
export function backupFileName(database: string, revision: string | null, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${database}.${revision ?? 'base'}.${stamp}.dump`;
}

const BACKUP_NAME = /^(.+)\.([A-Za-z0-9_]+)\.(\d{8}T\d{9}Z)\.dump$/;

/** The backups of `database` in `dir`, oldest first. */
export async function listBackups(
  dir: string,
  database: string,
): Promise<{ path: string; revision: string; stamp: string }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((name) => ({ name, m: BACKUP_NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null && x.m[1] === database)
    .map(({ name, m }) => ({ path: join(dir, name), revision: m[2], stamp: m[3] }))
    .sort((a, b) => a.stamp.localeCompare(b.stamp));
}

export interface BackupResult {
  path: string;
  bytes: number;
  /** Older backups of the same database deleted to keep `keep`. */
  removed: string[];
}

/**
 * Dumps the database into `dir` (created when missing) as `<db>.<revision>.<time>.dump`, then
 * keeps the newest `keep` backups of that database. The dump is written under a temporary name
 * and renamed when complete: a crash never leaves a half file that looks like a backup.
 */
export async function backupDatabase(
  databaseUrl: string,
  options: { dir: string; keep: number; revision: string | null; now?: Date },
): Promise<BackupResult> {
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const database = libpqEnvironment(databaseUrl).PGDATABASE;
  const path = join(dir, backupFileName(database, options.revision, options.now ?? new Date()));
  const partial = join(dir, `.${basename(path)}.partial`);
  try {
    await run(pgDumpInvocation(databaseUrl, partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const removed: string[] = [];
  const all = await listBackups(dir, database);
  for (const old of all.slice(0, Math.max(0, all.length - Math.max(1, options.keep)))) {
    await rm(old.path, { force: true });
    removed.push(old.path);
  }
  return { path, bytes: (await stat(path)).size, removed };
}

/** Tables, views, sequences … of the database outside PostgreSQL's and extensions' own. */
async function userRelations(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\\_%'
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                             AND d.deptype = 'e')`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * SQL that empties the database before a forced restore: every extension but plpgsql, every
 * schema but PostgreSQL's own (CASCADE), and a new `public` schema as CREATE DATABASE makes it.
 */
const CLEAN_SQL = `
DO $clean$
DECLARE r record;
BEGIN
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace
            WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' LOOP
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
  END LOOP;
  CREATE SCHEMA public;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pg_database_owner') THEN
    ALTER SCHEMA public OWNER TO pg_database_owner;
  END IF;
  GRANT USAGE ON SCHEMA public TO PUBLIC;
END
$clean$;
`;

/**
 * Restores a backup made by backupDatabase into the database of `databaseUrl` (created when
 * missing). A target holding tables is refused unless `force`, which drops its contents first.
 * Everything runs in ONE transaction (pg_restore's SQL fed to psql --single-transaction, after
 * the clean-up when forced): a restore that fails leaves the target as it was.
 */
export async function restoreDatabase(
  databaseUrl: string,
  file: string,
  options: { force: boolean },
): Promise<{ database: string; cleaned: boolean }> {
  const path = resolve(file);
  try {
    await stat(path);
  } catch {
    throw new DatabaseBackupError(`backup file ${path} does not exist`);
  }
  const env = libpqEnvironment(databaseUrl);
  const toc = await run({ command: 'pg_restore', args: ['--list', path], env: {} });
  await ensureDatabase(databaseUrl);
  const relations = await userRelations(databaseUrl);
  if (relations > 0 && !options.force) {
    throw new RestoreTargetNotEmptyError(env.PGDATABASE, relations);
  }
  // TimescaleDB asks for pre/post-restore calls around a restore of its catalog.
  const timescale = /\bEXTENSION\b.*\btimescaledb\b/.test(toc);
  const before = [
    relations > 0 ? CLEAN_SQL : '',
    timescale
      ? 'CREATE EXTENSION IF NOT EXISTS timescaledb;\nSELECT timescaledb_pre_restore();\n'
      : '',
  ].join('');
  const after = timescale ? 'SELECT timescaledb_post_restore();\n' : '';
  await runPipe(
    { command: 'pg_restore', args: ['--file=-', path], env: {} },
    {
      command: 'psql',
      args: [
        '--no-psqlrc',
        '--quiet',
        '--no-password',
        '--set=ON_ERROR_STOP=1',
        '--single-transaction',
        '--file=-',
      ],
      env,
    },
    before,
    after,
  );
  return { database: env.PGDATABASE, cleaned: relations > 0 };
}

/** Runs a program to its end; rejects with its stderr when it fails. Resolves with stdout. */
function run(inv: PgInvocation): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(inv.command, inv.args, {
      env: childEnv(inv.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (error) => reject(notInstalled(inv.command, error)));
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out).toString('utf8'));
      else reject(failed(inv.command, code, Buffer.concat(err)));
    });
  });
}

/** `producer | consumer`, with `before` written to the consumer first and `after` last. */
function runPipe(
  producer: PgInvocation,
  consumer: PgInvocation,
  before: string,
  after: string,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const p = spawn(producer.command, producer.args, {
      env: childEnv(producer.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const c = spawn(consumer.command, consumer.args, {
      env: childEnv(consumer.env),
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const errs = { p: [] as Buffer[], c: [] as Buffer[] };
    p.stderr.on('data', (b: Buffer) => errs.p.push(b));
    c.stderr.on('data', (b: Buffer) => errs.c.push(b));
    let producerCode: number | null | undefined;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      p.kill();
      c.kill();
      reject(error);
    };
    p.on('error', (e) => fail(notInstalled(producer.command, e)));
    c.on('error', (e) => fail(notInstalled(consumer.command, e)));
    c.stdin.on('error', () => undefined); // the consumer's exit code reports it
    c.stdin.write(before);
    p.stdout.pipe(c.stdin, { end: false });
    p.on('close', (code) => {
      producerCode = code;
      if (code === 0) c.stdin.end(after);
      // psql would COMMIT what it has at the end of its input: kill it instead, so that the
      // server rolls the transaction back.
      else c.kill('SIGKILL');
    });
    c.on('close', (code) => {
      if (settled) return;
      if (producerCode !== 0)
        fail(failed(producer.command, producerCode ?? null, Buffer.concat(errs.p)));
      else if (code !== 0) fail(failed(consumer.command, code, Buffer.concat(errs.c)));
      else {
        settled = true;
        resolvePromise();
      }
    });
  });
}

function notInstalled(command: string, error: Error): DatabaseBackupError {
  return new DatabaseBackupError(
    (error as { code?: string }).code === 'ENOENT'
      ? `${command} is not installed (PostgreSQL client tools are needed for backups: apt-get install postgresql-client)`
      : `${command} could not start: ${error.message}`,
  );
}

function failed(command: string, code: number | null, stderr: Buffer): DatabaseBackupError {
  const text = stderr.toString('utf8').trim().split('\n').slice(-5).join(' | ');
  return new DatabaseBackupError(
    `${command} failed (exit ${code ?? 'signal'}): ${text || 'no message'}`,
  );
}

/**
 * The `up` hook of `migrate up --backup <dir>`: dumps the database, named after the revision it
 * holds, before the first pending migration runs, and prints where it went.
 */
export function backupBeforeUp(
  databaseUrl: string,
  options: { dir: string; keep: number },
  log: (line: string) => void,
): UpHooks {
  return {
    beforeApply: async (current, plan) => {
      const revision = current?.name ?? null;
      log(
        `backing up the database (schema at ${revision ?? 'base'}) before ${plan.length} migration(s) ...`,
      );
      const result = await backupDatabase(databaseUrl, { ...options, revision });
      log(`backup: ${result.path} (${result.bytes} bytes)`);
      for (const old of result.removed) log(`backup removed (keeping ${options.keep}): ${old}`);
    },
  };
}
