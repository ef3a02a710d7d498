import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../../apps/cli/src/processes/app-launcher';

const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

/** Runs a PostgreSQL binary as the `postgres` OS user (initdb and postgres refuse root). */
async function asPostgres(binary: string, args: string[]): Promise<string> {
  const command = userInfo().uid === 0 ? 'runuser' : join(BIN, binary);
  const argv = userInfo().uid === 0 ? ['-u', 'postgres', '--', join(BIN, binary), ...args] : args;
  const { stdout } = await run(command, argv, { timeout: 120_000 });
  return stdout;
}

export interface PgServer {
  port: number;
  dataDir: string;
  url: (database: string) => string;
  stop: () => Promise<void>;
}

/** A new temporary directory, owned by postgres when we are root (the server insists). */
async function privateDir(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (userInfo().uid !== 0) return dir;
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: g } = await run('id', ['-g', 'postgres']);
  chownSync(dir, Number(stdout.trim()), Number(g.trim()));
  chmodSync(dir, 0o700);
  return dir;
}

async function startServer(dataDir: string, port: number): Promise<PgServer> {
  await asPostgres('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    join(dataDir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=60`,
    'start',
  ]);
  const server: PgServer = {
    port,
    dataDir,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: async () => {
      await asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(
        () => undefined,
      );
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/**
 * A private PostgreSQL primary (initdb into a temporary directory, trust auth, wal_level replica
 * by default) and a streaming replica of it (`pg_basebackup -R`, hot standby), each on a free
 * loopback port. Never the shared server.
 */
export async function startPrimaryWithReplica(): Promise<{ primary: PgServer; replica: PgServer }> {
  const primaryDir = await privateDir('mi-pg-primary-');
  await asPostgres('initdb', ['-D', primaryDir, '--auth=trust', '-U', 'postgres', '-E', 'UTF8']);
  const primary = await startServer(primaryDir, await freePort());
  try {
    const replicaDir = await privateDir('mi-pg-replica-');
    await asPostgres('pg_basebackup', [
      '-R',
      '-D',
      replicaDir,
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-X',
      'stream',
    ]);
    const replica = await startServer(replicaDir, await freePort());
    return { primary, replica };
  } catch (error) {
    await primary.stop();
    throw error;
  }
}

/** One statement on a private server. */
export async function query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
