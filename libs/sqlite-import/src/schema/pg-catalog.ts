/** What the importer reads from the target PostgreSQL schema. */

export interface PgColumn {
  name: string;
  /** `format_type()` spelling: `bigint`, `character varying(40)`, `timestamp with time zone`… */
  type: string;
  notNull: boolean;
  /** Has a default, an identity or is generated: may be left out of COPY. */
  hasDefault: boolean;
  generated: boolean;
}

export interface PgForeignKey {
  name: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

export interface PgTable {
  name: string;
  columns: PgColumn[];
  primaryKey: string[];
  /** Column sets of every unique index without predicate or expression (primary key included). */
  uniqueKeys: string[][];
  foreignKeys: PgForeignKey[];
}
