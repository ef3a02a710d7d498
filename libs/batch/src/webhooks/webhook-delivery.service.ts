import { Injectable, Logger } from '@nestjs/common';
import {
  AppConfig,
  Metrics,
  NonPublicAddressError,
  postOutbound,
  UndeliverableUrlError,
} from '@app/common';
import { BatchRepository, WebhookDeliveryRepository } from '@app/persistence';
import { toBatchView } from '../batch-view';
import { WebhookDeliveryError } from '../errors/webhook-delivery.error';
import { webhookBody } from './webhook-body';
import { webhookPolicy } from './webhook-host';
import { BATCH_ENDED_EVENT, WEBHOOK_HEADERS, webhookSignature } from './webhook-signature';

export type WebhookOutcome =
  { kind: 'delivered'; statusCode: number } | { kind: 'skipped'; reason: string };

export const WEBHOOK_USER_AGENT = 'market-ingest-webhooks';

/** A receiver's answer that no retry can change: a 4xx other than 408 (timeout) and 429 (slow down). */
export function isPermanentWebhookStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * Makes one attempt of one webhook delivery: POST the body (fixed at the first attempt, so every
 * retry sends the same bytes and signature), record the result on the row. A failure throws
 * WebhookDeliveryError so the queue retries with backoff; on the last attempt, or when the
 * answer is permanent, the row is marked failed first. The target is checked on every attempt
 * (postOutbound): a literal non-public address, or a name resolving to one, is refused before
 * connecting unless WEBHOOK_ALLOW_PRIVATE or WEBHOOK_ALLOWED_HOSTS allows it — permanently.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly batches: BatchRepository,
  ) {}

  async deliver(
    deliveryId: string,
    attempt: number,
    lastAttempt: boolean,
  ): Promise<WebhookOutcome> {
    const metrics = Metrics.get();
    const delivery = await this.deliveries.findById(deliveryId);
    const skip = (reason: string): WebhookOutcome => {
      metrics.webhookDeliveries.inc({ outcome: 'skipped' });
      return { kind: 'skipped', reason };
    };
    if (!delivery) return skip('delivery gone');
    if (delivery.deliveredAt) return skip('already delivered');
    if (delivery.failedAt) return skip('already given up');

    let payload = delivery.payload;
    if (payload === null) {
      const batch = await this.batches.findById(delivery.batchExecutionId);
      if (!batch) return skip('batch gone');
      payload = await this.deliveries.fixPayload(
        delivery.id,
        webhookBody(delivery, toBatchView(batch), new Date()),
      );
    }

    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': WEBHOOK_USER_AGENT,
      [WEBHOOK_HEADERS.event]: delivery.event || BATCH_ENDED_EVENT,
      [WEBHOOK_HEADERS.delivery]: delivery.id,
    };
    if (this.config.webhookSecret !== '') {
      headers[WEBHOOK_HEADERS.signature] = webhookSignature(this.config.webhookSecret, payload);
    }

    let statusCode: number | null = null;
    let problem: string;
    let permanent: boolean;
    try {
      const res = await postOutbound(delivery.url, {
        headers,
        body: payload,
        timeoutMs: this.config.webhookTimeoutMs,
        policy: webhookPolicy(this.config),
        field: 'the webhook URL',
      });
      statusCode = res.statusCode;
      if (statusCode >= 200 && statusCode < 300) {
        await this.deliveries.recordAttempt(delivery.id, {
          statusCode,
          error: null,
          delivered: true,
          failed: false,
        });
        metrics.webhookDeliveries.inc({ outcome: 'delivered' });
        this.logger.debug(
          `webhook ${delivery.id} delivered (HTTP ${statusCode}, attempt ${attempt})`,
        );
        return { kind: 'delivered', statusCode };
      }
      permanent = isPermanentWebhookStatus(statusCode);
      problem = `receiver answered HTTP ${statusCode}`;
    } catch (error) {
      // A refused target (stored before the check existed, or a name that resolves to a
      // non-public address) is permanent: no retry can change it.
      permanent = isRefusedTarget(error);
      problem = error instanceof Error ? error.message : String(error);
    }

    const failed = permanent || lastAttempt;
    await this.deliveries.recordAttempt(delivery.id, {
      statusCode,
      error: problem,
      delivered: false,
      failed,
    });
    metrics.webhookDeliveries.inc({ outcome: failed ? 'failed' : 'retried' });
    const host = safeHost(delivery.url);
    this.logger.warn(
      `webhook ${delivery.id} to ${host} attempt ${attempt} failed: ${problem}${
        failed ? (permanent ? ' (permanent: given up)' : ' (last attempt: given up)') : ''
      }`,
    );
    throw new WebhookDeliveryError(`webhook ${delivery.id} to ${host}: ${problem}`, permanent);
  }
}

/** The target was refused before any connection: not an allowed URL, or a non-public address. */
function isRefusedTarget(error: unknown): boolean {
  return (
    error instanceof UndeliverableUrlError ||
    error instanceof NonPublicAddressError ||
    (error as { code?: unknown } | null)?.code === 'ENONPUBLIC'
  );
}

/** Only the host of a URL is logged (paths of webhook URLs often carry tokens). */
function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '<invalid url>';
  }
}
