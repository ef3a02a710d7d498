import { SqliteImportError } from './sqlite-import.error';

/** The SQLite file cannot be opened or read (not a database, corrupt, locked). */
export class SourceDatabaseError extends SqliteImportError {
  readonly exitCode = 1;
}
