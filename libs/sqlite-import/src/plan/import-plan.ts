import { ColumnKind } from '../convert/column-kind';
import { EpochUnit } from '../convert/timestamp-parser';

/** One target column of a planned table and where its values come from. */
export interface PlannedColumn {
  target: string;
  /** Source column, or null when the values come from a SQLite expression (mapping `sql`). */
  source: string | null;
  /** SQLite expression selected for this column. */
  sourceExpr: string;
  /** Declared SQLite type ('' when none or an expression). */
  sqliteType: string;
  /** PostgreSQL type as created or found. */
  pgType: string;
  /** How values are converted. */
  kind: ColumnKind;
  maxLength?: number;
  /** NULL is refused (NOT NULL without a default that COPY would use). */
  notNull: boolean;
  /** How the content checksum compares the column; null when it is not compared. */
  compareKind: ColumnKind | null;
  unit: EpochUnit;
  timezone: string;
  values?: Record<string, string | number | boolean | null>;
  /** Why this type, for the plan. */
  rule: string;
}

export interface PlannedForeignKey {
  name: string;
  /** Target columns of the child table. */
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface PlannedTable {
  source: string;
  target: string;
  /** `create`: the importer creates the table; `existing`: it loads into the table that is there. */
  action: 'create' | 'existing';
  columns: PlannedColumn[];
  /** Target primary key columns that are loaded (for min/max), in key order. */
  primaryKey: string[];
  /** Source columns that identify a row in the reject file; empty: the rowid does. */
  sourceKey: string[];
  /** Name to select the SQLite rowid by; null for WITHOUT ROWID tables. */
  rowidName: string | null;
  /** Source column that is the rowid (INTEGER PRIMARY KEY), read instead of the rowid. */
  rowidAlias: string | null;
  /** Lowest value for the sequence of the target's identity column (SQLite AUTOINCREMENT's mark). */
  sequenceFloor: number | null;
  sourceRows: number;
  /** Foreign keys of the target table whose parent is in the target schema (checked for orphans). */
  foreignKeys: PlannedForeignKey[];
  /** CREATE TABLE and unique indexes, run before loading. */
  createSql: string[];
  /** ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY, run after every table is created. */
  foreignKeySql: string[];
  /** Non-unique indexes, created after loading. */
  postLoadSql: string[];
  /** Tables this one references (other than itself). */
  dependsOn: string[];
  selfReferencing: boolean;
  /** Part of a foreign-key cycle with other tables. */
  cyclic: boolean;
}

export interface ImportPlan {
  sourcePath: string;
  schema: string;
  /** True when the schema does not exist yet. */
  createSchema: boolean;
  /** Tables in load order. */
  tables: PlannedTable[];
  skipped: { table: string; rows: number; reason: string }[];
  cycles: string[][];
  warnings: string[];
}
