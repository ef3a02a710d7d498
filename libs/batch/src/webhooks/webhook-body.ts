import type { BatchView } from '../batch-view';
import { BATCH_ENDED_EVENT } from './webhook-signature';

/** What a receiver gets: the batch as GET /api/bulk/status/:id shows it, with the ending status. */
export interface WebhookBody {
  event: typeof BATCH_ENDED_EVENT;
  delivery_id: string;
  batch: BatchView;
  sent_at: string;
}

/**
 * The JSON body of a delivery. `status` is the one the batch ended with (the batch may have been
 * re-opened since by retry-failed); the caller stores the text at the first attempt and retries
 * send those same bytes.
 */
export function webhookBody(
  delivery: { id: string; batchStatus: string },
  batch: BatchView,
  sentAt: Date,
): string {
  const body: WebhookBody = {
    event: BATCH_ENDED_EVENT,
    delivery_id: delivery.id,
    batch: { ...batch, status: delivery.batchStatus },
    sent_at: sentAt.toISOString(),
  };
  return JSON.stringify(body);
}
