import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { AppConfig, PROVIDER_NAMES, queueKeyPrefix } from '@app/common';
import { AlertNotificationQueue } from '../alerts/alert-notification-queue';
import { AlertQueue } from '../alerts/alert-queue';
import { ALERT_NOTIFICATIONS_QUEUE } from '../jobs/deliver-alert-notification.job';
import { WEBHOOK_QUEUE } from '../jobs/deliver-webhook.job';
import { ALERTS_QUEUE } from '../jobs/evaluate-alerts.job';
import { fetchQueueName } from '../jobs/fetch-symbol.job';
import { SCHEDULES_QUEUE } from '../jobs/run-schedule.job';
import { ScheduleQueue } from '../schedules/schedule-queue';
import { WebhookQueue } from '../webhooks/webhook-queue';
import { FetchQueues } from './fetch-queues';
import { QueueConnection, QueueRole } from './queue-connection';

export type { QueueRole } from './queue-connection';

/** The process's one queue connection, made for its role. */
@Module({})
class QueueConnectionModule {
  static forRole(role: QueueRole): DynamicModule {
    return {
      module: QueueConnectionModule,
      imports: [DiscoveryModule],
      providers: [
        {
          provide: QueueConnection,
          inject: [AppConfig, DiscoveryService],
          useFactory: (config: AppConfig, discovery: DiscoveryService) =>
            new QueueConnection(config, role, discovery),
        },
      ],
      exports: [QueueConnection],
    };
  }
}

/**
 * BullMQ on Redis (REDIS_URL, or REDIS_CLUSTER_NODES with the prefix as a hash tag) under
 * QUEUE_PREFIX: one fetch queue per provider, the schedules and webhooks queues, and the alerts
 * and alert-notifications queues.
 * Workers keep commands queued while Redis reconnects (BullMQ's requirement); the API's
 * commands are bounded by REDIS_TIMEOUT_MS and fail at once while Redis is away.
 */
@Module({})
export class BatchQueueModule {
  static forRoot(role: QueueRole): DynamicModule {
    return {
      module: BatchQueueModule,
      imports: [
        BullModule.forRootAsync({
          imports: [QueueConnectionModule.forRole(role)],
          inject: [AppConfig, QueueConnection],
          useFactory: (config: AppConfig, connection: QueueConnection) => ({
            connection: connection.client,
            prefix: queueKeyPrefix(config),
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
          { name: ALERTS_QUEUE },
          { name: ALERT_NOTIFICATIONS_QUEUE },
        ),
      ],
      providers: [FetchQueues, ScheduleQueue, WebhookQueue, AlertQueue, AlertNotificationQueue],
      exports: [
        FetchQueues,
        ScheduleQueue,
        WebhookQueue,
        AlertQueue,
        AlertNotificationQueue,
        BullModule,
      ],
    };
  }
}
