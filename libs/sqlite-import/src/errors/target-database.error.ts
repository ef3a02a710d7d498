import { SqliteImportError } from './sqlite-import.error';

/** PostgreSQL refused something that is not about one row (DDL, connection, permissions…). */
export class TargetDatabaseError extends SqliteImportError {
  readonly exitCode = 1;
}
