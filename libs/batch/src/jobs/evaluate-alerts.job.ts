/**
 * Queue of alert evaluation. The worker consumes it with a global concurrency of 1 (set in Redis,
 * so for every replica together): exactly one evaluator runs at a time, whether it evaluates an
 * event (a batch that ended, anomalies recorded) or the periodic sweep.
 */
export const ALERTS_QUEUE = 'alerts';

/** A batch ended (completed, completed_with_errors, failed, stopped): batch-kind rules. */
export const BATCH_ENDED_JOB = 'batch-ended';
/** Ingest recorded new anomalies: data_anomaly rules for those series. */
export const ANOMALIES_RECORDED_JOB = 'anomalies-recorded';
/** The periodic sweep of every rule (ALERT_SWEEP_INTERVAL_MS), made by a job scheduler. */
export const SWEEP_ALERTS_JOB = 'sweep';

/** Id of the job scheduler that makes the sweeps (one for the deployment). */
export const ALERT_SWEEP_SCHEDULER_ID = 'alert-sweep';

export interface BatchEndedJobData {
  batchId: number;
}

export interface AnomaliesRecordedJobData {
  series: { source: string; symbol: string }[];
}

export type SweepAlertsJobData = Record<string, never>;

export type AlertJobData = BatchEndedJobData | AnomaliesRecordedJobData | SweepAlertsJobData;

/** Evaluation is idempotent (state-based): a retry re-evaluates; finished jobs are not kept long. */
export const ALERT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 2000, jitter: 0.5 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 86_400, count: 1000 },
};
