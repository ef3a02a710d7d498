/** A batch as stored (snake_case columns mapped to camelCase). */
export interface BatchRecord {
  id: number;
  jobId: string;
  batchType: string;
  status: string;
  interval: string;
  provider: string;
  params: Record<string, unknown>;
  totalStocks: number;
  processedStocks: number;
  successfulStocks: number;
  failedStocks: number;
  startTime: Date | null;
  endTime: Date | null;
  errorMessage: string | null;
  createdAt: Date;
  scheduleId: number | null;
  scheduledFor: Date | null;
  /** Webhook targets notified when the batch ends (never shown: they may carry tokens). */
  webhookUrls: string[];
}

export interface DetailRecord {
  id: string;
  batchExecutionId: number;
  stockCode: string;
  status: string;
  attempts: number;
  retryRound: number;
  startTime: Date | null;
  endTime: Date | null;
  errorMessage: string | null;
  recordsInserted: number;
  rejectedRecords: number;
  createdAt: Date;
}

/** The (detail, symbol, round) triple a job is made from. */
export interface DetailKey {
  id: string;
  stockCode: string;
  retryRound: number;
}

export const BATCH_COLUMNS = `id, job_id AS "jobId", batch_type AS "batchType", status, interval, provider, params,
  total_stocks AS "totalStocks", processed_stocks AS "processedStocks",
  successful_stocks AS "successfulStocks", failed_stocks AS "failedStocks",
  start_time AS "startTime", end_time AS "endTime", error_message AS "errorMessage",
  created_at AS "createdAt", schedule_id AS "scheduleId", scheduled_for AS "scheduledFor",
  webhook_urls AS "webhookUrls"`;

export const DETAIL_COLUMNS = `id::text AS id, batch_execution_id AS "batchExecutionId", stock_code AS "stockCode",
  status, attempts, retry_round AS "retryRound", start_time AS "startTime", end_time AS "endTime",
  error_message AS "errorMessage", records_inserted AS "recordsInserted",
  rejected_records AS "rejectedRecords", created_at AS "createdAt"`;
