import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, PROVIDER_NAMES } from '@app/common';
import { WEBHOOK_QUEUE } from '../jobs/deliver-webhook.job';
import { fetchQueueName } from '../jobs/fetch-symbol.job';
import { SCHEDULES_QUEUE } from '../jobs/run-schedule.job';
import { ScheduleQueue } from '../schedules/schedule-queue';
import { WebhookQueue } from '../webhooks/webhook-queue';
import { FetchQueues } from './fetch-queues';

/** Who uses the queues: producers fail fast when Redis is down, workers wait for it. */
export type QueueRole = 'producer' | 'worker';

/** BullMQ on REDIS_URL with QUEUE_PREFIX: one fetch queue per provider, the schedules queue and
 * the webhooks queue. */
@Module({})
export class BatchQueueModule {
  static forRoot(role: QueueRole): DynamicModule {
    return {
      module: BatchQueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            // Workers keep commands queued while Redis reconnects (BullMQ's requirement);
            // the API answers 503 at once instead of hanging (BullMQ: "failing fast").
            connection:
              role === 'worker'
                ? { url: config.redisUrl, maxRetriesPerRequest: null }
                : { url: config.redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false },
            prefix: config.queuePrefix,
          }),
        }),
        BullModule.registerQueue(
          ...PROVIDER_NAMES.map((p) => ({ name: fetchQueueName(p) })),
          {
            name: SCHEDULES_QUEUE,
          },
          {
            name: WEBHOOK_QUEUE,
          },
        ),
      ],
      providers: [FetchQueues, ScheduleQueue, WebhookQueue],
      exports: [FetchQueues, ScheduleQueue, WebhookQueue, BullModule],
    };
  }
}
