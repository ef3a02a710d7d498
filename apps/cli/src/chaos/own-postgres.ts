import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const PG_BIN = process.env.CHAOS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Runs a PostgreSQL binary as the `postgres` OS user (initdb and pg_ctl refuse root). */
async function asPostgres(binary: string, args: string[]): Promise<string> {
  const command = process.getuid?.() === 0 ? 'runuser' : join(PG_BIN, binary);
  const argv =
    process.getuid?.() === 0 ? ['-u', 'postgres', '--', join(PG_BIN, binary), ...args] : args;
  const { stdout } = await run(command, argv, { timeout: 120_000 });
  return stdout;
}

/**
 * A PostgreSQL server of the chaos run's own: initdb into a temporary directory, a free port, its
 * socket in the same directory, `track_commit_timestamp` on (the "no write after a stop" check
 * reads the commit time of every row). It may be restarted, stopped and started at will; it is
 * never the shared server on 5432.
 */
export class OwnPostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  static async start(port: number): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'mi-chaos-pg-'));
    chmodSync(dir, 0o777);
    const pg = new OwnPostgres(port, dir);
    await asPostgres('initdb', [
      '-D',
      pg.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    await pg.pgCtl('start');
    return pg;
  }

  async createDatabase(name: string): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
  }

  /** pg_ctl restart -m fast (connections are cut, as in a failover or an upgrade). */
  async restart(): Promise<void> {
    await this.pgCtl('restart');
  }

  async stop(): Promise<void> {
    await this.pgCtl('stop');
  }

  async startAgain(): Promise<void> {
    await this.pgCtl('start');
  }

  /** Stops the server (immediate) and removes its directory. */
  async destroy(): Promise<void> {
    try {
      await asPostgres('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'immediate', '-w']);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async pgCtl(action: 'start' | 'restart' | 'stop'): Promise<void> {
    const args = [action, '-D', this.dataDir, '-w', '-t', '60', '-m', 'fast'];
    if (action !== 'stop') {
      args.push(
        '-l',
        join(this.dir, 'postgres.log'),
        '-o',
        `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c track_commit_timestamp=on -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      );
    }
    await asPostgres('pg_ctl', args);
  }
}
