/** Base of every error of the SQLite import. */
export abstract class SqliteImportError extends Error {
  /** Process exit code the command line uses for this error (2: bad usage, 1: failure). */
  abstract readonly exitCode: 1 | 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
