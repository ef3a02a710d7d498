import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig, PROVIDER_NAMES } from '@app/common';
import { fetchQueueName } from '../jobs/fetch-symbol.job';
import { FetchQueues } from './fetch-queues';

/** BullMQ on REDIS_URL with QUEUE_PREFIX, and one fetch queue per provider. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueue(...PROVIDER_NAMES.map((p) => ({ name: fetchQueueName(p) }))),
  ],
  providers: [FetchQueues],
  exports: [FetchQueues, BullModule],
})
export class BatchQueueModule {}
