import type { BatchExecutionDetailEntity } from '../entities/batch-execution-detail.entity';
import type { BatchExecutionEntity } from '../entities/batch-execution.entity';

/**
 * A batch as the repository reads it: the entity's columns (one row type per table, declared once
 * by the entity that `migrate check` compares with the schema), without its relations.
 * `webhookUrls` is never shown: the targets may carry tokens.
 */
export type BatchRecord = Omit<BatchExecutionEntity, 'schedule' | 'details'>;

/** A symbol of a batch as read: the entity's columns without its relation. */
export type DetailRecord = Omit<BatchExecutionDetailEntity, 'batch'>;

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
