/** Result of verifying one table (the per-table part of the JSON report). */
export interface TableVerification {
  source_rows: number;
  imported_rows: number;
  rejected_rows: number;
  /** source_rows = imported_rows + rejected_rows. */
  counts_match: boolean;
  /** Min/max of each primary-key column on both sides; null when the table has no key. */
  primary_key: {
    columns: string[];
    source_min: (string | null)[];
    source_max: (string | null)[];
    target_min: (string | null)[];
    target_max: (string | null)[];
    match: boolean;
  } | null;
  /** Rows of the target whose foreign key has no parent row. */
  orphan_rows: number;
  orphans: { constraint: string; rows: number }[];
  source_checksum: string;
  target_checksum: string;
  checksum_match: boolean;
  /** Columns the checksum covers. */
  compared_columns: string[];
  verified: boolean;
  /** Why the table is not verified, one line each. */
  problems: string[];
}
