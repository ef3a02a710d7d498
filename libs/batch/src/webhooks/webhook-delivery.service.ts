import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Metrics } from '@app/common';
import { BatchRepository, WebhookDeliveryRepository } from '@app/persistence';
import { toBatchView } from '../batch-view';
import { WebhookDeliveryError } from '../errors/webhook-delivery.error';
import { webhookBody } from './webhook-body';
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
 * answer is permanent, the row is marked failed first.
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
    let permanent = false;
    try {
      const res = await fetch(delivery.url, {
        method: 'POST',
        headers,
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhookTimeoutMs),
      });
      statusCode = res.status;
      await res.body?.cancel().catch(() => undefined); // the answer's body is not read
      if (res.status >= 200 && res.status < 300) {
        await this.deliveries.recordAttempt(delivery.id, {
          statusCode,
          error: null,
          delivered: true,
          failed: false,
        });
        metrics.webhookDeliveries.inc({ outcome: 'delivered' });
        this.logger.debug(
          `webhook ${delivery.id} delivered (HTTP ${res.status}, attempt ${attempt})`,
        );
        return { kind: 'delivered', statusCode };
      }
      permanent = isPermanentWebhookStatus(res.status);
      problem = `receiver answered HTTP ${res.status}`;
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      problem =
        e.name === 'TimeoutError'
          ? `no answer within ${this.config.webhookTimeoutMs} ms`
          : `${e.message}${e.cause?.code ? ` (${e.cause.code})` : e.cause?.message ? ` (${e.cause.message})` : ''}`;
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

/** Only the host of a URL is logged (paths of webhook URLs often carry tokens). */
function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '<invalid url>';
  }
}
