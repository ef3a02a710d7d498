/** What the importer reads from a SQLite file's schema. */

export interface SqliteColumn {
  name: string;
  /** Declared type as written (`VARCHAR(40)`, `DATETIME`, `` for none). */
  declaredType: string;
  notNull: boolean;
  /** SQL text of the DEFAULT clause, or null. */
  defaultSql: string | null;
  /** Position in the primary key (1-based), 0 when not part of it. */
  pkOrdinal: number;
  /** Declared with a CHECK that allows only 0 and 1 (a boolean stored as an integer). */
  booleanCheck: boolean;
  /** Storage classes found in the data (`typeof()`), only read for columns without a type. */
  observedTypes?: string[];
}

export interface SqliteForeignKey {
  table: string;
  from: string[];
  /** Referenced columns; null entries mean "the parent's primary key". */
  to: (string | null)[];
  onUpdate: string;
  onDelete: string;
}

export interface SqliteIndexColumn {
  /** Null for an expression. */
  name: string | null;
  desc: boolean;
}

export interface SqliteIndex {
  name: string;
  unique: boolean;
  /** `c`: CREATE INDEX, `u`: UNIQUE constraint, `pk`: PRIMARY KEY. */
  origin: string;
  partial: boolean;
  columns: SqliteIndexColumn[];
}

export interface SqliteTable {
  name: string;
  sql: string;
  withoutRowid: boolean;
  columns: SqliteColumn[];
  /** Primary key columns in key order; empty when the table has none (rowid only). */
  primaryKey: string[];
  foreignKeys: SqliteForeignKey[];
  indexes: SqliteIndex[];
  rowCount: number;
  /** Generated columns, which are not imported (PostgreSQL computes its own if recreated). */
  generatedColumns: string[];
  /** How to select the rowid (`rowid`, `oid`, `_rowid_`), null when no name is free or none exists. */
  rowidName: string | null;
  /** The INTEGER PRIMARY KEY column that is the rowid, if any. */
  rowidAlias: string | null;
  /** AUTOINCREMENT's high-water mark (sqlite_sequence), which may exceed the largest id. */
  autoincrementSeq: number | null;
}

export interface SqliteSchema {
  tables: SqliteTable[];
  /** Tables that cannot be imported (virtual tables, SQLite internals) and why. */
  unsupported: { name: string; reason: string }[];
}
