import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/** Folder of the migration classes: `migrations/` in the source tree, `dist/migrations/` when built. */
export const MIGRATIONS_DIR = join(__dirname, '..', '..', '..', 'migrations');

/** TypeORM's own migration table layout and name, so TypeORM's CLI stays usable beside ours. */
export const MIGRATIONS_TABLE = 'migrations';

export interface PersistenceOptions {
  databaseUrl: string;
  /**
   * A streaming replica: the read repository asks for `slave` query runners, which TypeORM serves
   * from it; everything else (default mode `master`) stays on the primary.
   */
  readUrl?: string;
  /** Pool size; 1 for servers that take one connection at a time (PGlite socket). */
  poolSize?: number;
  applicationName?: string;
  /** Folder of migrations, for tools and tests that bring their own. */
  migrationsDir?: string;
}

/** The one DataSource definition of the project: apps, the migration CLI and tests build on it. */
export function buildDataSourceOptions(options: PersistenceOptions): DataSourceOptions {
  const applicationName = options.applicationName ?? 'market-ingest';
  const target = options.readUrl
    ? {
        replication: {
          master: { url: options.databaseUrl, applicationName },
          slaves: [{ url: options.readUrl, applicationName: `${applicationName}-read` }],
          defaultMode: 'master' as const,
        },
      }
    : { url: options.databaseUrl };
  return {
    type: 'postgres',
    ...target,
    entities: ENTITIES,
    migrations: [join(options.migrationsDir ?? MIGRATIONS_DIR, '[0-9]*-*.{js,ts}')],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    extra: {
      max: options.poolSize ?? 10,
      // Per pool (primary / replica) when replicated, in the credentials above.
      ...(options.readUrl ? {} : { application_name: applicationName }),
      connectionTimeoutMillis: 10_000,
    },
  };
}

/** A database URL fit for logs: the password is replaced. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}
