import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/common';
import {
  ALERT_JOB_OPTIONS,
  ALERT_SWEEP_SCHEDULER_ID,
  AlertJobData,
  ALERTS_QUEUE,
  ANOMALIES_RECORDED_JOB,
  BATCH_ENDED_JOB,
  SWEEP_ALERTS_JOB,
} from '../jobs/evaluate-alerts.job';
import { logQueueErrors } from '../queue/queue-errors';
import { within } from '../queue/within';

/** Series one anomalies-recorded job names at most (more go in several jobs). */
const SERIES_PER_JOB = 1000;

/**
 * The `alerts` queue: events for the evaluator (a batch ended, anomalies recorded) and the sweep's
 * job scheduler. Event methods never throw: an event that could not be enqueued is caught up by
 * the next sweep, which re-evaluates recent batch endings and anomalies, so ingestion never waits
 * for or fails on alerting.
 */
@Injectable()
export class AlertQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AlertQueue.name);
  /** Adds still running after bestEffort stopped waiting for them. */
  private readonly late = new Set<Promise<unknown>>();

  constructor(
    @InjectQueue(ALERTS_QUEUE) readonly queue: Queue<AlertJobData>,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    logQueueErrors(this.logger, [this.queue]);
  }

  /**
   * A shutdown waits (a little) for the adds that outlived their REDIS_TIMEOUT_MS, so none lands
   * after the process (or a test's clean-up) considers the queue done.
   */
  async onModuleDestroy(): Promise<void> {
    if (this.late.size === 0) return;
    await within(5_000, 'late alert events', Promise.allSettled([...this.late])).catch(
      () => undefined,
    );
  }

  /** A batch ended: evaluate the batch-kind rules for it. Best effort. */
  async batchEnded(batchId: number): Promise<void> {
    await this.bestEffort(`batch ${batchId} ended`, () =>
      this.queue.add(BATCH_ENDED_JOB, { batchId }, ALERT_JOB_OPTIONS),
    );
  }

  /** New anomalies of these series were recorded: evaluate data_anomaly rules. Best effort. */
  async anomaliesRecorded(series: { source: string; symbol: string }[]): Promise<void> {
    const unique = [...new Map(series.map((s) => [`${s.source}:${s.symbol}`, s])).values()];
    for (let i = 0; i < unique.length; i += SERIES_PER_JOB) {
      const part = unique.slice(i, i + SERIES_PER_JOB);
      await this.bestEffort(`${part.length} series with new anomalies`, () =>
        this.queue.add(ANOMALIES_RECORDED_JOB, { series: part }, ALERT_JOB_OPTIONS),
      );
    }
  }

  /**
   * What makes evaluation single across replicas and periodic: a global concurrency of 1 on the
   * queue (kept in Redis, so it holds for every worker) and the sweep's job scheduler every
   * ALERT_SWEEP_INTERVAL_MS. Idempotent; the worker calls it at start and on every reconciler
   * pass (a flushed Redis loses both).
   */
  async ensureSweep(): Promise<void> {
    await this.queue.setGlobalConcurrency(1);
    await this.queue.upsertJobScheduler(
      ALERT_SWEEP_SCHEDULER_ID,
      { every: this.config.alertSweepIntervalMs },
      { name: SWEEP_ALERTS_JOB, data: {}, opts: ALERT_JOB_OPTIONS },
    );
  }

  /**
   * Enqueues, waiting at most REDIS_TIMEOUT_MS (a worker's connection queues commands while Redis
   * is away): the batch's ending is never held up by alerting.
   */
  private async bestEffort(what: string, add: () => Promise<unknown>): Promise<void> {
    const adding = add();
    this.late.add(adding);
    void adding.catch(() => undefined).finally(() => this.late.delete(adding));
    try {
      await within(this.config.redisTimeoutMs, `alert event (${what})`, adding);
    } catch (error) {
      this.logger.warn(
        `could not enqueue alert evaluation (${what}); the next sweep catches up: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
}
