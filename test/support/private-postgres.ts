import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './stack';

const run = promisify(execFile);

export interface PrivatePostgres {
  port: number;
  /** URL of database `name` on this server (user postgres, trust). */
  url: (name: string) => string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Stops the server and removes its data directory. */
  destroy: () => Promise<void>;
}

/** Runs a PostgreSQL binary as the `postgres` user (initdb and postgres refuse to run as root). */
async function asPostgres(args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [cmd, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args;
  await run(cmd, rest, { timeout: 60_000 });
}

/**
 * A PostgreSQL server of the test's own (initdb into a temporary directory, a free loopback port),
 * so a test may stop and restart it; the shared server is never touched.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'mi-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  chmodSync(dir, 0o700);
  await asPostgres([
    'initdb',
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const pgCtl = (...args: string[]) => asPostgres(['pg_ctl', '-D', data, ...args]);
  const start = () =>
    pgCtl(
      '-w',
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`,
      'start',
    );
  const stop = () => pgCtl('-w', '-m', 'fast', 'stop');
  await start();
  let running = true;
  return {
    port,
    url: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    start: async () => {
      await start();
      running = true;
    },
    stop: async () => {
      await stop();
      running = false;
    },
    destroy: async () => {
      if (running) await stop().catch(() => undefined);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
