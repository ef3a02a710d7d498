/** A migration name, number or keyword that matches nothing (or more than one migration). */
export class MigrationTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationTargetError';
  }
}

/** A migration failed; its transaction was rolled back and the schema is where `cause` left it. */
export class MigrationFailedError extends Error {
  constructor(
    readonly migration: string,
    options: { cause: unknown },
  ) {
    super(
      `migration ${migration} failed: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`,
      options,
    );
    this.name = 'MigrationFailedError';
  }
}
