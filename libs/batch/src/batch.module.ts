import { DynamicModule, Module } from '@nestjs/common';
import { MarketDataModule, UniverseModule } from '@app/market-data';
import { PersistenceModule } from '@app/persistence';
import { BatchReconciler } from './batch-reconciler.service';
import { BatchService } from './batch.service';
import { MetricsController } from './metrics/metrics.controller';
import { OutcomeRecorder } from './outcomes/outcome-recorder';
import { BatchQueueModule, QueueRole } from './queue/batch-queue.module';
import { ScheduleService } from './schedules/schedule.service';
import { SymbolFetchService } from './symbol-fetch.service';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';

/** Batches over PostgreSQL and BullMQ (and GET /metrics); imported by the API and the worker. */
@Module({})
export class BatchModule {
  static forRoot(role: QueueRole): DynamicModule {
    return {
      module: BatchModule,
      controllers: [MetricsController],
      imports: [
        PersistenceModule,
        MarketDataModule,
        UniverseModule,
        BatchQueueModule.forRoot(role),
      ],
      providers: [
        BatchService,
        SymbolFetchService,
        OutcomeRecorder,
        BatchReconciler,
        ScheduleService,
        WebhookDeliveryService,
      ],
      exports: [
        BatchService,
        ScheduleService,
        SymbolFetchService,
        BatchReconciler,
        WebhookDeliveryService,
        BatchQueueModule,
        PersistenceModule,
        UniverseModule,
      ],
    };
  }
}
