import { SqliteImportError } from './sqlite-import.error';

/** Options, mapping file or tables that cannot work (unknown table, bad value, missing file…). */
export class ImportUsageError extends SqliteImportError {
  readonly exitCode = 2;
}
