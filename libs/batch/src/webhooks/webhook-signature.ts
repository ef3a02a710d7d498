import { createHmac } from 'node:crypto';

/** Header names of a webhook POST. */
export const WEBHOOK_HEADERS = {
  event: 'X-Market-Ingest-Event',
  delivery: 'X-Market-Ingest-Delivery',
  signature: 'X-Market-Ingest-Signature',
} as const;

/** The event every delivery carries today. */
export const BATCH_ENDED_EVENT = 'batch.ended';

/**
 * `sha256=<hex HMAC-SHA256 of the raw body with the secret>` (GitHub's format): a receiver
 * recomputes it over the bytes it received and compares in constant time.
 */
export function webhookSignature(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
