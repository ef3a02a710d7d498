import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/common';
import {
  DELIVER_WEBHOOK_JOB,
  DeliverWebhookJobData,
  WEBHOOK_QUEUE,
  webhookJobId,
  webhookJobOptions,
} from '../jobs/deliver-webhook.job';
import { finishedOrMissing } from '../queue/finished-or-missing';
import { logQueueErrors } from '../queue/queue-errors';

/**
 * Puts webhook deliveries on the `webhooks` queue. Whoever ends a batch calls `notify` right after
 * the commit that created the deliveries; it never throws: a delivery that could not be enqueued
 * stays open in PostgreSQL and the reconciler enqueues it.
 */
@Injectable()
export class WebhookQueue implements OnModuleInit {
  private readonly logger = new Logger(WebhookQueue.name);

  constructor(
    @InjectQueue(WEBHOOK_QUEUE) readonly queue: Queue<DeliverWebhookJobData>,
    private readonly config: AppConfig,
  ) {}

  /** Redis errors: at most one line every 10 s (health and the reconciler report the rest). */
  onModuleInit(): void {
    logQueueErrors(this.logger, [this.queue]);
  }

  /** Best effort: logs an enqueue error and leaves the rest to the reconciler. */
  async notify(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    try {
      await this.enqueue(deliveryIds);
    } catch (error) {
      this.logger.warn(
        `could not enqueue webhook deliveries ${deliveryIds.join(', ')} (the reconciler will): ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }

  /** Adds one job per delivery; an id that already has a job is left alone (deterministic ids). */
  async enqueue(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    const opts = webhookJobOptions({
      attempts: this.config.webhookAttempts,
      backoffMs: this.config.webhookBackoffMs,
    });
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: DELIVER_WEBHOOK_JOB,
        data: { deliveryId },
        opts: { ...opts, jobId: webhookJobId(deliveryId) },
      })),
    );
  }

  /**
   * Makes sure each open delivery has a live job: adds missing ones, replaces finished ones (the
   * process died between the job's end and the row's update). Returns the ids added.
   */
  async ensureEnqueued(deliveryIds: string[]): Promise<string[]> {
    const dead = await finishedOrMissing(this.queue, deliveryIds.map(webhookJobId));
    const missing = deliveryIds.filter((id) => dead.has(webhookJobId(id)));
    await this.enqueue(missing);
    return missing;
  }
}
