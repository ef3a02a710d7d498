/** Attempts of a job and the first retry delay (JOB_* or WEBHOOK_* variables). */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** How many finished jobs Redis keeps, and for how long (seconds). */
export interface JobRetention {
  completed: { age: number; count: number };
  failed: { age: number; count: number };
}

/** BullMQ options of a retried job: exponential backoff with jitter, bounded retention. */
export function retryingJobOptions(policy: RetryPolicy, retention: JobRetention) {
  return {
    attempts: policy.attempts,
    backoff: { type: 'exponential' as const, delay: policy.backoffMs, jitter: 0.5 },
    removeOnComplete: retention.completed,
    removeOnFail: retention.failed,
  };
}
