import { DynamicModule, Module } from '@nestjs/common';
import { BatchModule } from '@app/batch';
import { AppConfig, AppConfigModule, LoggingModule, ShutdownLogger } from '@app/common';
import { HealthModule } from '@app/persistence';
import { AlertEvaluationProcessor } from './alert-evaluation.processor';
import { AlertNotificationProcessor } from './alert-notification.processor';
import { fetchProcessorFor } from './fetch-symbol.processor';
import { ReconcilerService } from './reconciler.service';
import { ScheduleTickProcessor } from './schedule-tick.processor';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'worker'),
        BatchModule.forRoot('worker'),
        HealthModule,
      ],
      providers: [
        ShutdownLogger,
        ReconcilerService,
        ScheduleTickProcessor,
        WebhookDeliveryProcessor,
        AlertEvaluationProcessor,
        AlertNotificationProcessor,
        // WORKER_PROVIDERS: the provider queues this worker takes fetch jobs from (all by default).
        ...config.workerProviders.map((p) => fetchProcessorFor(p, config)),
      ],
    };
  }
}
