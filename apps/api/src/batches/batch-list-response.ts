import type { BatchView, DetailView } from '@app/batch';

/** Answer of `GET /api/batches`. */
export interface BatchListResponse {
  success: true;
  items: BatchView[];
  total: number;
  page: number;
  page_size: number;
}

/** Answer of `GET /api/batches/:id/details`. */
export interface BatchDetailsResponse {
  success: true;
  batch_db_id: number;
  job_id: string;
  items: DetailView[];
  total: number;
  page: number;
  page_size: number;
}
