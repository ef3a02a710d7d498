import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/common';
import {
  BatchRepository,
  DetailKey,
  WebhookDeliveryRepository,
  WORKING_BATCH_STATUS,
} from '@app/persistence';
import { FetchQueues } from './queue/fetch-queues';
import { BatchService } from './batch.service';
import { ScheduleService } from './schedules/schedule.service';
import { AlertQueue } from './alerts/alert-queue';
import { WebhookQueue } from './webhooks/webhook-queue';

const PASS_LIMIT = 20_000;
/** Batches ended per pass whose ending was interrupted. */
const ENDING_PASS_LIMIT = 1000;
/** Webhook deliveries looked at per pass. */
const WEBHOOK_PASS_LIMIT = 1000;
/** A delivery younger than this is left to whoever ended its batch (it enqueues after commit). */
const WEBHOOK_GRACE_MS = 5000;

/**
 * Makes Redis agree with PostgreSQL: every open symbol of a running batch must have a live job.
 * Missing ones (Redis restarted or flushed, API died before enqueuing) are added; finished jobs of
 * symbols that are open again are replaced; the same for webhook deliveries still open (neither
 * delivered nor given up); the job scheduler of every schedule exists. PostgreSQL is the source
 * of truth.
 */
@Injectable()
export class BatchReconciler {
  private readonly logger = new Logger(BatchReconciler.name);

  constructor(
    private readonly batches: BatchRepository,
    private readonly service: BatchService,
    private readonly queues: FetchQueues,
    private readonly schedules: ScheduleService,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly webhooks: WebhookQueue,
    private readonly alerts: AlertQueue,
    private readonly config: AppConfig,
  ) {}

  /** One pass; returns how many jobs (fetch and webhook) it enqueued. Job schedulers first. */
  async reconcile(): Promise<number> {
    await this.schedules.restore();
    await this.reconcileEndings();
    return (await this.reconcileFetchJobs()) + (await this.reconcileWebhooks());
  }

  /**
   * Batches whose last outcome committed but whose ending did not (the process died between the
   * two transactions): ended now, exactly once, with their webhook deliveries. Returns how many.
   */
  async reconcileEndings(): Promise<number> {
    let ended = 0;
    for (const id of await this.batches.unfinishedBatchIds(ENDING_PASS_LIMIT)) {
      const result = await this.batches.finishIfDone(id);
      if (!result.ended) continue;
      ended += 1;
      this.logger.warn(`batch ${id}: every symbol had an outcome; ended it as ${result.status}`);
      await this.webhooks.notify(result.deliveryIds);
      await this.alerts.batchEnded(id);
    }
    return ended;
  }

  /**
   * Open deliveries without a live job: the process that ended the batch died before enqueuing,
   * Redis refused or lost the job, or a worker died between the job's end and the row's update.
   */
  async reconcileWebhooks(): Promise<number> {
    const open = await this.deliveries.openIds(WEBHOOK_GRACE_MS, WEBHOOK_PASS_LIMIT);
    if (open.length === 0) return 0;
    const added = await this.webhooks.ensureEnqueued(open);
    if (added.length > 0) {
      this.logger.warn(`re-enqueued ${added.length} webhook deliver(ies) that had no job in Redis`);
    }
    return added.length;
  }

  private async reconcileFetchJobs(): Promise<number> {
    const open = await this.batches.openDetailsOfActiveBatches(PASS_LIMIT);
    const byBatch = new Map<number, DetailKey[]>();
    for (const d of open) {
      const list = byBatch.get(d.batchId) ?? [];
      list.push(d);
      byBatch.set(d.batchId, list);
    }
    let added = 0;
    for (const [batchId, details] of byBatch) {
      const batch = await this.batches.findById(batchId);
      if (!batch || batch.status !== WORKING_BATCH_STATUS) continue;
      // Under a share lock on the batch row: a stop (or pause) that started after the read above
      // waits until these jobs are in Redis and then removes them; one that committed first
      // leaves the batch not running, and nothing is enqueued (issue 13, defect 7).
      const ids = await this.batches.whileRunning(
        batchId,
        details.map((d) => d.id),
        async (open, tx) => {
          const template = this.service.template(batch);
          // A queued or running symbol whose job completed a moment ago may have its outcome
          // still being written by that worker (write-behind): its job counts as live for
          // JOB_LOCK_MS, as a dead worker's active job does. A pending one (handed back by a
          // pause, never enqueued) has nobody writing for it.
          const pending = open.filter((d) => d.status === 'pending');
          const started = open.filter((d) => d.status !== 'pending');
          const enqueued: string[] = [];
          if (pending.length > 0)
            enqueued.push(...(await this.queues.ensureEnqueued(template, pending)));
          if (started.length > 0) {
            enqueued.push(
              ...(await this.queues.ensureEnqueued(template, started, this.config.jobLockMs)),
            );
          }
          await this.batches.markQueued(enqueued, tx);
          return enqueued;
        },
      );
      if (ids && ids.length > 0) {
        this.logger.warn(
          `batch ${batchId}: re-enqueued ${ids.length} symbol(s) that had no job in Redis`,
        );
      }
      added += ids?.length ?? 0;
    }
    return added;
  }
}
