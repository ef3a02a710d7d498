/** Answer of `POST /api/bulk/start` (202): the Phase-1 shape plus the symbol counts. */
export interface StartBatchResponse {
  success: true;
  job_id: string;
  batch_db_id: number;
  status: 'accepted';
  total_symbols: number;
  duplicates_removed: string[];
}
