import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { statementName } from '../database/transaction';
import { BATCH_BY_ID_SQL, BatchRecord } from '../repositories/batch-rows';

/**
 * The baseline of the bench's `status` scenario: the least a server can do to answer
 * `GET /api/bulk/status/:id` — node:http and a pg pool, no framework, no auth, no logging — with
 * the same prepared statement as BatchRepository.findById and the same JSON (`render` is the API's view
 * function, passed in by the bench). It lives in persistence because it is the one bench piece
 * that talks to PostgreSQL through the driver itself.
 */
export interface BareStatusServer {
  url: string;
  close: () => Promise<void>;
}

export async function startBareStatusServer(options: {
  databaseUrl: string;
  poolSize: number;
  /** 0: any free port. */
  port?: number;
  render: (row: BatchRecord) => unknown;
  /**
   * As the API does (true): a named prepared statement. False: a plain parameterised query,
   * parsed and planned at every request (the API's mode before it prepared this statement).
   */
  prepared?: boolean;
}): Promise<BareStatusServer> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  const route = /^\/api\/bulk\/status\/(\d+)$/;
  // The same named prepared statement as the API's (Database.prepared).
  const statement = statementName(BATCH_BY_ID_SQL);
  const server = createServer((req, res) => {
    const id = route.exec(req.url ?? '')?.[1];
    if (req.method !== 'GET' || !id) {
      res.writeHead(404).end();
      return;
    }
    pool
      .query<BatchRecord>({
        name: options.prepared === false ? undefined : statement,
        text: BATCH_BY_ID_SQL,
        values: [Number(id)],
      })
      .then(({ rows }) => {
        if (!rows[0]) {
          res.writeHead(404).end();
          return;
        }
        const body = JSON.stringify(options.render(rows[0]));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
      })
      .catch(() => res.writeHead(503).end());
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await pool.end();
    },
  };
}
