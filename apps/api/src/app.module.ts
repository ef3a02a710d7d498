import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { BatchModule } from '@app/batch';
import { AppConfig, AppConfigModule, ShutdownLogger } from '@app/common';
import { HealthModule, PersistenceModule } from '@app/persistence';
import { ApiKeyGuard } from './auth/api-key.guard';
import { BatchEventsService } from './batches/batch-events.service';
import { BatchesController } from './batches/batches.controller';
import { BulkController } from './bulk/bulk.controller';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { ApiValidationPipe } from './http/api-validation.pipe';
import { OhlcvModule } from './ohlcv/ohlcv.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        PersistenceModule,
        HealthModule,
        BatchModule.forRoot('producer'),
        OhlcvModule,
      ],
      controllers: [BulkController, BatchesController],
      providers: [
        ShutdownLogger,
        BatchEventsService,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
