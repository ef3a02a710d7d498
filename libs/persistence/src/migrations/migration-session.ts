import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../data-source-options';
import { PolicySettings, syncPolicies } from '../timescale/timescale.sql';
import { MigrationRunner, MigrationRunnerOptions } from './migration-runner';

export interface MigrationSession {
  runner: MigrationRunner;
  /** Brings TimescaleDB's compression/retention policies to `settings`; returns the changes. */
  syncPolicies: (settings: PolicySettings) => Promise<string[]>;
}

/**
 * Opens a small DataSource for the migration commands, hands it over as a MigrationRunner, and
 * closes it: the command line never holds a DataSource or a QueryRunner itself.
 */
export async function withMigrationSession<T>(
  options: MigrationRunnerOptions & { databaseUrl: string; poolSize?: number },
  work: (session: MigrationSession) => Promise<T>,
): Promise<T> {
  const ds = new DataSource({
    ...buildDataSourceOptions({
      databaseUrl: options.databaseUrl,
      poolSize: options.poolSize ?? 1,
      applicationName: 'market-ingest-migrate',
    }),
    logging: false, // failures are reported once, by the command, with their cause
  });
  await ds.initialize();
  try {
    const runner = new MigrationRunner(ds, { timescaledb: options.timescaledb, log: options.log });
    return await work({
      runner,
      syncPolicies: async (settings) => {
        const qr = ds.createQueryRunner();
        try {
          return await syncPolicies(qr, settings);
        } finally {
          await qr.release();
        }
      },
    });
  } finally {
    await ds.destroy();
  }
}

/** Writes an empty migration file (no database needed); returns its path. */
export function createEmptyMigration(name: string, dir: string): Promise<string> {
  return new MigrationRunner(new DataSource({ type: 'postgres' })).create(name, dir);
}
