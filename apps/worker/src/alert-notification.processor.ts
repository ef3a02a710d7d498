import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { LogContext } from '@app/common';
import {
  ALERT_NOTIFICATIONS_QUEUE,
  AlertDeliveryError,
  AlertNotificationService,
  DELIVER_ALERT_NOTIFICATION_JOB,
  DeliverAlertNotificationJobData,
  NotificationOutcome,
} from '@app/batch';

/** Why a payload cannot be a deliver-alert-notification job, or null. */
export function alertNotificationPayloadProblem(job: Pick<Job, 'name' | 'data'>): string | null {
  if (job.name !== DELIVER_ALERT_NOTIFICATION_JOB) return `unexpected job name "${job.name}"`;
  const d = job.data as Partial<DeliverAlertNotificationJobData> | null;
  if (!d || typeof d !== 'object') return 'payload is not an object';
  if (typeof d.notificationId !== 'string' || !/^\d{1,19}$/.test(d.notificationId)) {
    return 'notificationId must be a numeric string';
  }
  return null;
}

/**
 * Delivers alert notifications (Slack, e-mail, webhook) from their own queue: one call into
 * AlertNotificationService per attempt. A failed attempt propagates (BullMQ retries with
 * ALERT_BACKOFF_MS, exponential, jitter, up to ALERT_ATTEMPTS); a permanent one becomes
 * UnrecoverableError. A slow receiver or mail server never holds a fetch job.
 */
@Injectable()
@Processor(ALERT_NOTIFICATIONS_QUEUE, { concurrency: 4 })
export class AlertNotificationProcessor extends WorkerHost {
  constructor(private readonly notifications: AlertNotificationService) {
    super();
  }

  async process(job: Job<DeliverAlertNotificationJobData>): Promise<NotificationOutcome> {
    const problem = alertNotificationPayloadProblem(job);
    if (problem) throw new UnrecoverableError(`invalid job ${job.id}: ${problem}`);
    const attempt = job.attemptsMade + 1;
    return LogContext.run(
      { notification_id: job.data.notificationId, job_id: job.id, attempt },
      async () => {
        try {
          return await this.notifications.deliver(
            job.data.notificationId,
            attempt,
            attempt >= (job.opts.attempts ?? 1),
          );
        } catch (error) {
          if (error instanceof AlertDeliveryError && error.permanent) {
            throw new UnrecoverableError(error.message);
          }
          throw error;
        }
      },
    );
  }
}
