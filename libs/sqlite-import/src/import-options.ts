/**
 * What `--source` defaults to: the rows came through this importer from a SQLite file, and which
 * provider produced them is not known.
 */
export const DEFAULT_SERIES_SOURCE = 'sqlite';

/** Progress and log lines of a running import, for the command line to show. */
export type ImportEvent =
  | { type: 'log'; message: string }
  | { type: 'table-start'; table: string; rows: number }
  | { type: 'progress'; table: string; done: number; total: number }
  | {
      type: 'table-done';
      table: string;
      read: number;
      imported: number;
      rejected: number;
      seconds: number;
    };

/** Everything `import-sqlite` takes. */
export interface ImportOptions {
  /** The SQLite file. */
  file: string;
  databaseUrl: string;
  /** How the report names the database (e.g. the URL without its password). */
  databaseLabel?: string;
  /** Target schema; default `public`. */
  schema?: string;
  /** Only these source tables. */
  tables?: string[];
  /** Not these source tables. */
  exclude?: string[];
  /** Mapping file: load into existing tables with renames and casts. */
  mapFile?: string;
  /** Rows per COPY; default 5000. */
  batchSize?: number;
  /** Print the plan, write nothing. */
  dryRun?: boolean;
  /** JSON Lines file of rejected rows (written on import, read with verifyOnly). */
  rejectFile?: string;
  /** Rejected rows allowed before the run fails; default 0. */
  maxRejects?: number;
  /** JSON report file. */
  reportFile?: string;
  /** Only verify an earlier import. */
  verifyOnly?: boolean;
  /** Empty existing target tables first. */
  truncate?: boolean;
  /** Zone of timestamps written without offset; default UTC. */
  timezone?: string;
  /**
   * Loads into an existing table whose `source` column is NOT NULL without a default and fed by
   * no SQLite column or mapping entry (this project's time-series tables and corporate_actions,
   * keyed by the provider that produced the rows) fill it with this; default
   * {@link DEFAULT_SERIES_SOURCE}.
   */
  seriesSource?: string;
  onEvent?: (event: ImportEvent) => void;
}
