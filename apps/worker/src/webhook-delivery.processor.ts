import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { AppConfig, LogContext } from '@app/common';
import {
  DELIVER_WEBHOOK_JOB,
  DeliverWebhookJobData,
  WEBHOOK_QUEUE,
  WebhookDeliveryError,
  WebhookDeliveryService,
  WebhookOutcome,
} from '@app/batch';

/** Why a payload cannot be a deliver-webhook job, or null. */
export function webhookPayloadProblem(job: Pick<Job, 'name' | 'data'>): string | null {
  if (job.name !== DELIVER_WEBHOOK_JOB) return `unexpected job name "${job.name}"`;
  const d = job.data as Partial<DeliverWebhookJobData> | null;
  if (!d || typeof d !== 'object') return 'payload is not an object';
  if (typeof d.deliveryId !== 'string' || !/^\d{1,19}$/.test(d.deliveryId))
    return 'deliveryId must be a numeric string';
  return null;
}

/**
 * Delivers webhooks from the `webhooks` queue: one call into WebhookDeliveryService per attempt.
 * A failed POST propagates (BullMQ retries with WEBHOOK_BACKOFF_MS, exponential, jitter); a
 * permanent one becomes UnrecoverableError. Its own queue and concurrency: a slow or dead receiver
 * never holds a fetch job.
 */
@Injectable()
@Processor(WEBHOOK_QUEUE, { concurrency: 4 })
export class WebhookDeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: WebhookDeliveryService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    if (this.config.webhookUrl !== '' && this.config.webhookSecret === '') {
      this.logger.warn(
        'WEBHOOK_URL is set without WEBHOOK_SECRET: webhook deliveries are sent unsigned',
      );
    }
  }

  async process(job: Job<DeliverWebhookJobData>): Promise<WebhookOutcome> {
    const problem = webhookPayloadProblem(job);
    if (problem) throw new UnrecoverableError(`invalid job ${job.id}: ${problem}`);
    const attempt = job.attemptsMade + 1;
    return LogContext.run(
      { delivery_id: job.data.deliveryId, job_id: job.id, attempt },
      async () => {
        try {
          return await this.deliveries.deliver(
            job.data.deliveryId,
            attempt,
            attempt >= (job.opts.attempts ?? 1),
          );
        } catch (error) {
          if (error instanceof WebhookDeliveryError && error.permanent) {
            throw new UnrecoverableError(error.message);
          }
          throw error;
        }
      },
    );
  }
}
