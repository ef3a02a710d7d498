import { RetryPolicy, retryingJobOptions } from './retrying-job-options';

/** Queue of alert notifications (Slack, e-mail, webhook): apart from fetches and batch webhooks. */
export const ALERT_NOTIFICATIONS_QUEUE = 'alert-notifications';

/** Job name inside the alert-notifications queue. */
export const DELIVER_ALERT_NOTIFICATION_JOB = 'deliver-alert-notification';

/** Payload: the row of alert_notifications holds everything else. */
export interface DeliverAlertNotificationJobData {
  notificationId: string;
}

/** Deterministic job id: the committer and the reconciler adding it twice make one job. */
export function alertNotificationJobId(notificationId: string): string {
  return `an-${notificationId}`;
}

/** Options of every notification job (ALERT_ATTEMPTS, ALERT_BACKOFF_MS). */
export function alertNotificationJobOptions(policy: RetryPolicy) {
  return retryingJobOptions(policy, {
    completed: { age: 3600, count: 1000 },
    failed: { age: 7 * 86_400, count: 5000 },
  });
}
