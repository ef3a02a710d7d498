import { Injectable, Logger } from '@nestjs/common';
import { AlertNotificationRepository } from '@app/persistence';
import { AlertNotificationQueue } from './alert-notification-queue';
import { AlertQueue } from './alert-queue';

/** Notifications looked at per pass. */
const PASS_LIMIT = 1000;
/** A notification younger than this is left to whoever created it (it enqueues after commit). */
const GRACE_MS = 5000;

/**
 * The alert side of the reconciler pass: the sweep's job scheduler and the queue's global
 * concurrency exist in Redis, and every open notification has a live job (the evaluator died
 * before enqueuing, Redis lost the job, a worker died between the job's end and the row's update).
 */
@Injectable()
export class AlertReconciler {
  private readonly logger = new Logger(AlertReconciler.name);

  constructor(
    private readonly queue: AlertQueue,
    private readonly notificationQueue: AlertNotificationQueue,
    private readonly notifications: AlertNotificationRepository,
  ) {}

  /** One pass; returns how many notification jobs it enqueued. */
  async reconcile(): Promise<number> {
    await this.queue.ensureSweep();
    const open = await this.notifications.openIds(GRACE_MS, PASS_LIMIT);
    if (open.length === 0) return 0;
    const added = await this.notificationQueue.ensureEnqueued(open);
    if (added.length > 0) {
      this.logger.warn(
        `re-enqueued ${added.length} alert notification(s) that had no job in Redis`,
      );
    }
    return added.length;
  }
}
