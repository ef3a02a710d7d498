import type { Writable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mappingDatabaseErrors } from './database-errors';

/**
 * One plain connection for the command line's tools (demo summary, bench measurements and
 * baselines), so that apps never import the driver: statements, a COPY FROM STDIN stream, end.
 * Errors are mapped like every repository's (database-errors.ts).
 */
export class SqlClient {
  private readonly client: Client;

  constructor(options: { connectionString: string; applicationName?: string }) {
    this.client = new Client({
      connectionString: options.connectionString,
      application_name: options.applicationName,
    });
  }

  /** Opens a client on `url`. */
  static async connect(url: string): Promise<SqlClient> {
    const client = new SqlClient({ connectionString: url });
    await client.connect();
    return client;
  }

  connect(): Promise<void> {
    return mappingDatabaseErrors(async () => {
      await this.client.connect();
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of ad-hoc statements
  query<T = any>(text: string, params: unknown[] = []): Promise<{ rows: T[]; rowCount: number }> {
    return mappingDatabaseErrors(async () => {
      const result = await this.client.query(text, params);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    });
  }

  /** A writable stream for `COPY … FROM STDIN` (text format). */
  copyFrom(sql: string): Writable {
    return this.client.query(copyFrom(sql));
  }

  end(): Promise<void> {
    return this.client.end();
  }
}
