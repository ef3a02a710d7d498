import { SourceDatabaseError } from '../errors/source-database.error';

type NodeSqlite = typeof import('node:sqlite');

/**
 * Node's built-in SQLite module, loaded when first needed so that the rest of the command line
 * still starts on a Node without it (node:sqlite is unflagged from Node 22.13/23.4; we run 24).
 */
export function nodeSqlite(): NodeSqlite {
  const m = process.getBuiltinModule('node:sqlite') as NodeSqlite | undefined;
  if (!m) {
    throw new SourceDatabaseError(
      `node:sqlite is not available in Node ${process.version}: run on Node 24 (the project's node devDependency)`,
    );
  }
  return m;
}
