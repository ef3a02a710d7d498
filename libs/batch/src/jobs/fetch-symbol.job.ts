import type { DataType, Interval } from '@app/market-data';
import { RetryPolicy, retryingJobOptions } from './retrying-job-options';

/** Queue of one provider: each provider gets its own queue, worker and rate limit. */
export function fetchQueueName(provider: string): string {
  return `fetch-${provider}`;
}

/** Job name inside a fetch queue (explicit kebab-case string, never a class name). */
export const FETCH_SYMBOL_JOB = 'fetch-symbol';

export type FetchMode = 'incremental' | 'full';

/** Payload of a fetch-symbol job: everything the worker needs without reading the batch. */
export interface FetchSymbolJobData {
  batchId: number;
  detailId: string;
  symbol: string;
  interval: Interval;
  provider: string;
  dataType: DataType;
  mode: FetchMode;
  /** ISO instants; null: from the last stored candle (incremental) or the provider's start (full). */
  from: string | null;
  to: string | null;
  /**
   * A backfill's job: only these ranges ([from, to) ISO instants, in order), one provider request
   * each, instead of from/to.
   */
  ranges?: [string, string][];
  /** Retry round of the symbol: 0 first, +1 per retry-failed. Part of the job id. */
  round: number;
  /** The batch's `job-<ms>` id: part of the job id, so ids stay unique across databases. */
  batchJobId: string;
}

/**
 * Job id of (batch, symbol, interval, round): `b<id>.<ms>-<interval>-r<round>-<symbol>`.
 * Deterministic, so enqueuing twice is a no-op; contains no ":" (BullMQ reserves it); the symbol is
 * URI-encoded so ids never collide. The batch's creation time (`job-<ms>`) is part of it: a
 * database that was reset (batch ids start at 1 again) never meets the finished jobs of an older
 * batch with the same numeric id in Redis, which would make addBulk silently skip the new ones.
 */
export function fetchJobId(
  batchId: number,
  batchJobId: string,
  symbol: string,
  interval: string,
  round: number,
): string {
  return `b${batchId}.${batchJobId.replace(/^job-/, '')}-${interval}-r${round}-${encodeURIComponent(symbol)}`;
}

/** Options of every fetch job (JOB_ATTEMPTS, JOB_BACKOFF_MS). */
export function fetchJobOptions(policy: RetryPolicy) {
  return retryingJobOptions(policy, {
    completed: { age: 3600, count: 5000 },
    failed: { age: 7 * 86_400, count: 20_000 },
  });
}
