import { RetryPolicy, retryingJobOptions } from './retrying-job-options';

/** Queue of webhook deliveries: separate from the fetch queues, so a slow receiver never delays a batch. */
export const WEBHOOK_QUEUE = 'webhooks';

/** Job name inside the webhooks queue (explicit kebab-case string, never a class name). */
export const DELIVER_WEBHOOK_JOB = 'deliver-webhook';

/** Payload of a deliver-webhook job: the row of webhook_deliveries holds everything else. */
export interface DeliverWebhookJobData {
  deliveryId: string;
}

/** Job id of a delivery: deterministic, so adding it twice (committer, reconciler) is a no-op. */
export function webhookJobId(deliveryId: string): string {
  return `wh-${deliveryId}`;
}

/** Options of every delivery job (WEBHOOK_ATTEMPTS, WEBHOOK_BACKOFF_MS). */
export function webhookJobOptions(policy: RetryPolicy) {
  return retryingJobOptions(policy, {
    completed: { age: 3600, count: 1000 },
    failed: { age: 7 * 86_400, count: 5000 },
  });
}
