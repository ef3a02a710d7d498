import { RejectRecord } from '../load/reject-record';
import { TableVerification } from '../verify/table-verification';

/** One table in the JSON report. */
export interface TableReport extends Partial<TableVerification> {
  source_table: string;
  target_table: string | null;
  /** `imported`, `verified` (--verify-only) or `skipped`. */
  status: 'imported' | 'verified' | 'skipped';
  /** For skipped tables. */
  reason?: string;
  /** `create`: table created by the import; `existing`: loaded into a table that was there. */
  action?: 'create' | 'existing';
  source_rows: number;
  imported_rows: number;
  rejected_rows: number;
  checksum_match: boolean;
  verified: boolean;
  /** Reading, converting and copying (with retries of rows that waited for a parent). */
  load_seconds?: number;
  /** source_rows / load_seconds. */
  rows_per_s?: number;
  verify_seconds?: number;
}

/** The JSON report (`--report`). */
export interface ImportReport {
  mode: 'import' | 'verify-only';
  source: string;
  target: { database: string; schema: string };
  started_at: string;
  finished_at: string;
  seconds: number;
  /** Verification passed and rejects ≤ max_rejects: the exit code is 0. */
  ok: boolean;
  /** Why not ok, one line each. */
  failures: string[];
  max_rejects: number;
  totals: {
    tables: number;
    verified_tables: number;
    source_rows: number;
    imported_rows: number;
    rejected_rows: number;
  };
  tables: TableReport[];
  warnings: string[];
  reject_file: string | null;
  /** The first rejected rows. */
  sample_rejects: RejectRecord[];
}
