import type { BatchExecutionDetailEntity } from '../entities/batch-execution-detail.entity';
import type { BatchExecutionEntity } from '../entities/batch-execution.entity';
import { sqlStatus, sqlStatusList, TERMINAL_BATCH_STATUSES } from '../domain/batch-lifecycle';

const TERMINAL = sqlStatusList(TERMINAL_BATCH_STATUSES);
const SUCCEEDED = sqlStatus('succeeded');
const FAILED = sqlStatus('failed');

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

/**
 * Columns of a batch as stored. The counters are written when the batch ends (and by retry); while
 * it runs they are not kept up to date: see BATCH_FROM / BATCH_COLUMNS for the exact ones.
 */
export const BATCH_STORED_COLUMNS = `id, job_id AS "jobId", batch_type AS "batchType", status, interval, provider, params,
  total_stocks AS "totalStocks", processed_stocks AS "processedStocks",
  successful_stocks AS "successfulStocks", failed_stocks AS "failedStocks",
  start_time AS "startTime", end_time AS "endTime", error_message AS "errorMessage",
  created_at AS "createdAt", schedule_id AS "scheduleId", scheduled_for AS "scheduledFor",
  webhook_urls AS "webhookUrls"`;

/**
 * A batch with exact progress: no row is updated by every symbol's outcome (that row would
 * serialise a batch's outcomes), so while a batch is not terminal its counters are counted from
 * its details (two index-only ranges of batch_execution_details_batch_status_idx); a terminal
 * batch's stored counters were written by the transaction that ended it. Use as
 * `SELECT ${BATCH_COLUMNS} FROM ${BATCH_FROM} WHERE …` (`b` is batch_executions).
 */
export const BATCH_FROM = `batch_executions b
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE d.status = ${SUCCEEDED})::int AS ok,
           count(*) FILTER (WHERE d.status = ${FAILED})::int AS ko
    FROM batch_execution_details d
    WHERE d.batch_execution_id = b.id AND d.status IN (${SUCCEEDED},${FAILED})
      AND b.status NOT IN ${TERMINAL}
  ) c ON true`;

export const BATCH_COLUMNS = `b.id, b.job_id AS "jobId", b.batch_type AS "batchType",
  b.status, b.interval, b.provider, b.params, b.total_stocks AS "totalStocks",
  CASE WHEN b.status IN ${TERMINAL} THEN b.processed_stocks ELSE c.ok + c.ko END AS "processedStocks",
  CASE WHEN b.status IN ${TERMINAL} THEN b.successful_stocks ELSE c.ok END AS "successfulStocks",
  CASE WHEN b.status IN ${TERMINAL} THEN b.failed_stocks ELSE c.ko END AS "failedStocks",
  b.start_time AS "startTime", b.end_time AS "endTime", b.error_message AS "errorMessage",
  b.created_at AS "createdAt", b.schedule_id AS "scheduleId", b.scheduled_for AS "scheduledFor",
  b.webhook_urls AS "webhookUrls"`;

/**
 * One batch by id: BatchRepository.findById (the status route, prepared) and the bench's bare
 * status server run this same text, as a named statement both.
 */
export const BATCH_BY_ID_SQL = `SELECT ${BATCH_COLUMNS} FROM ${BATCH_FROM} WHERE b.id = $1`;

export const DETAIL_COLUMNS = `id::text AS id, batch_execution_id AS "batchExecutionId", stock_code AS "stockCode",
  status, attempts, retry_round AS "retryRound", start_time AS "startTime", end_time AS "endTime",
  error_message AS "errorMessage", records_inserted AS "recordsInserted",
  rejected_records AS "rejectedRecords", refetch, created_at AS "createdAt"`;
