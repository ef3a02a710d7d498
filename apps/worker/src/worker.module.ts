import { DynamicModule, Module } from '@nestjs/common';
import { BatchModule } from '@app/batch';
import {
  AppConfig,
  AppConfigModule,
  LoggingModule,
  PROVIDER_NAMES,
  ShutdownLogger,
} from '@app/common';
import { HealthModule } from '@app/persistence';
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
        ...PROVIDER_NAMES.map((p) => fetchProcessorFor(p, config)),
      ],
    };
  }
}
