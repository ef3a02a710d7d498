/** One line of the reject file (JSON Lines): a source row that was not imported, and why. */
export interface RejectRecord {
  /** Source (SQLite) table. */
  table: string;
  target_table: string;
  /** Source primary key as {column: value}; null when the table has none (see source_rowid). */
  primary_key: Record<string, unknown> | null;
  /** SQLite rowid; null for WITHOUT ROWID tables. */
  source_rowid: number | null;
  /** Column at fault when known (source name for conversion errors, target name otherwise). */
  column: string | null;
  reason: string;
  /** The offending source value (conversion errors). */
  value?: unknown;
  /** PostgreSQL's DETAIL (constraint errors). */
  detail?: string;
  /** PostgreSQL's SQLSTATE (constraint errors). */
  sqlstate?: string;
  /** `convert`: refused before COPY; `load`: refused by PostgreSQL; `foreign-key`: parent row never came. */
  stage: 'convert' | 'load' | 'foreign-key';
}
