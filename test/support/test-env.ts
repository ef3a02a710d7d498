import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { deleteKeysUnder } from '../../apps/cli/src/processes/redis-keys';

/** Server URL of the test PostgreSQL (its `postgres` database); overridable with TEST_PG_URL. */
export const PG_SERVER_URL =
  process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const REPO_ROOT = join(__dirname, '..', '..');
export const CLI = join(REPO_ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

/** Unique per `jest` run; set by the global setup and inherited by test workers. */
export function runId(): string {
  const id = process.env.MI_TEST_RUN_ID;
  if (!id) throw new Error('MI_TEST_RUN_ID is not set: run integration tests through jest');
  return id;
}

export function templateDatabase(): string {
  return `mi_tpl_${runId()}`;
}

export function databaseUrl(name: string): string {
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let counter = 0;
/**
 * A name no other test file of the run takes: jest gives each file its own module registry, so
 * the counter starts again in every file a worker runs; the random part keeps two files on the
 * same worker (same pid) from sharing a database or a queue prefix.
 */
function nextName(kind: string): string {
  counter += 1;
  const salt = Math.random().toString(36).slice(2, 7);
  return `mi_${kind}_${runId()}_${process.pid}_${counter}${salt}`;
}

/** A new database cloned from the migrated template. */
export async function createMigratedDatabase(): Promise<string> {
  const name = nextName('t');
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`));
  return databaseUrl(name);
}

/** A name for a database that does not exist yet (migrate up creates it). */
export function freshDatabaseUrl(): string {
  return databaseUrl(nextName('e'));
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A Redis key prefix of this test file's own; every one starts with `runQueuePrefix()`. */
export function queuePrefix(): string {
  return nextName('q').replace(/_/g, '-');
}

/** What every queue prefix of this run starts with (the teardown looks for leftovers under it). */
export function runQueuePrefix(): string {
  return `mi-q-${runId()}-`;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built command line (`node dist/apps/cli/src/main.js …`) with the given environment. */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    };
  }
}

/** Class names of the project's migrations, oldest first (e.g. InitialSchema1795454376684). */
export function projectMigrations(): string[] {
  return readdirSync(join(REPO_ROOT, 'migrations'))
    .map((f) => /^(\d{13})-(\w+)\.ts$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => `${m[2]}${m[1]}`);
}

/** Deletes every key under `prefix` (a test file's QUEUE_PREFIX) from the Redis at `url`. */
export const deleteRedisKeys = deleteKeysUnder;
