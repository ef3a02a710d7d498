import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/common';
import {
  ALERT_NOTIFICATIONS_QUEUE,
  alertNotificationJobId,
  alertNotificationJobOptions,
  DELIVER_ALERT_NOTIFICATION_JOB,
  DeliverAlertNotificationJobData,
} from '../jobs/deliver-alert-notification.job';
import { finishedOrMissing } from '../queue/finished-or-missing';
import { logQueueErrors } from '../queue/queue-errors';

/**
 * Puts alert notifications (outbox rows) on the `alert-notifications` queue, after the commit
 * that created them. `notify` never throws: a row that could not be enqueued stays open in
 * PostgreSQL and the reconciler enqueues it.
 */
@Injectable()
export class AlertNotificationQueue implements OnModuleInit {
  private readonly logger = new Logger(AlertNotificationQueue.name);

  constructor(
    @InjectQueue(ALERT_NOTIFICATIONS_QUEUE)
    readonly queue: Queue<DeliverAlertNotificationJobData>,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    logQueueErrors(this.logger, [this.queue]);
  }

  async notify(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.enqueue(ids);
    } catch (error) {
      this.logger.warn(
        `could not enqueue alert notifications ${ids.join(', ')} (the reconciler will): ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }

  /** One job per notification; an id that already has a job is left alone. */
  async enqueue(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const opts = alertNotificationJobOptions({
      attempts: this.config.alertAttempts,
      backoffMs: this.config.alertBackoffMs,
    });
    await this.queue.addBulk(
      ids.map((notificationId) => ({
        name: DELIVER_ALERT_NOTIFICATION_JOB,
        data: { notificationId },
        opts: { ...opts, jobId: alertNotificationJobId(notificationId) },
      })),
    );
  }

  /** Adds the missing jobs of open notifications (and replaces finished ones); returns them. */
  async ensureEnqueued(ids: string[]): Promise<string[]> {
    const dead = await finishedOrMissing(this.queue, ids.map(alertNotificationJobId));
    const missing = ids.filter((id) => dead.has(alertNotificationJobId(id)));
    await this.enqueue(missing);
    return missing;
  }
}
