import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { LogContext, Metrics } from '@app/common';
import {
  AlertEvaluator,
  AlertJobData,
  AlertQueue,
  ALERTS_QUEUE,
  ANOMALIES_RECORDED_JOB,
  AnomaliesRecordedJobData,
  BATCH_ENDED_JOB,
  BatchEndedJobData,
  EvaluationSummary,
  SWEEP_ALERTS_JOB,
} from '@app/batch';

/** Why a payload cannot be a job of the alerts queue, or null. */
export function alertJobProblem(job: Pick<Job, 'name' | 'data'>): string | null {
  const d = job.data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return 'payload is not an object';
  if (job.name === SWEEP_ALERTS_JOB) return null;
  if (job.name === BATCH_ENDED_JOB) {
    return Number.isInteger(d.batchId) ? null : 'batchId must be an integer';
  }
  if (job.name === ANOMALIES_RECORDED_JOB) {
    const series = d.series;
    const ok =
      Array.isArray(series) &&
      series.every(
        (s: unknown) =>
          typeof (s as { source?: unknown })?.source === 'string' &&
          typeof (s as { symbol?: unknown })?.symbol === 'string',
      );
    return ok ? null : 'series must be an array of {source, symbol}';
  }
  return `unexpected job name "${job.name}"`;
}

/**
 * Evaluates alert rules from the `alerts` queue: a batch that ended, anomalies recorded, or the
 * periodic sweep, one call into AlertEvaluator each. Concurrency 1 here and a global concurrency
 * of 1 on the queue (set at start and by every reconciler pass): one evaluator at a time across
 * every replica. A failed evaluation is retried by the queue (evaluation is idempotent).
 */
@Injectable()
@Processor(ALERTS_QUEUE, { concurrency: 1 })
export class AlertEvaluationProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlertEvaluationProcessor.name);

  constructor(
    private readonly evaluator: AlertEvaluator,
    private readonly queue: AlertQueue,
  ) {
    super();
  }

  /** The sweep's scheduler and the global concurrency, at once (the reconciler keeps them). */
  onApplicationBootstrap(): void {
    void this.queue
      .ensureSweep()
      .catch((error: unknown) =>
        this.logger.warn(
          `could not set up the alert sweep (the reconciler retries): ${
            error instanceof Error ? error.message : String(error)
          }`,
        ),
      );
  }

  async process(job: Job<AlertJobData>): Promise<EvaluationSummary> {
    const problem = alertJobProblem(job);
    if (problem) throw new UnrecoverableError(`invalid job ${job.id}: ${problem}`);
    const metrics = Metrics.get();
    return LogContext.run({ job_id: job.id, alert_trigger: job.name }, async () => {
      try {
        const summary =
          job.name === BATCH_ENDED_JOB
            ? await this.evaluator.batchEnded((job.data as BatchEndedJobData).batchId)
            : job.name === ANOMALIES_RECORDED_JOB
              ? await this.evaluator.anomaliesRecorded(
                  (job.data as AnomaliesRecordedJobData).series,
                )
              : await this.evaluator.sweep();
        metrics.alertEvaluations.inc({ trigger: job.name, outcome: 'ok' });
        return summary;
      } catch (error) {
        metrics.alertEvaluations.inc({ trigger: job.name, outcome: 'error' });
        this.logger.warn(
          `alert evaluation (${job.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        throw error;
      }
    });
  }
}
