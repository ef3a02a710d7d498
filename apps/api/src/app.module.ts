import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { BatchModule } from '@app/batch';
import { AppConfig, AppConfigModule, LoggingModule, ShutdownLogger } from '@app/common';
import { HealthModule, PersistenceModule } from '@app/persistence';
import { AlertRulesController } from './alerts/alert-rules.controller';
import { AlertsController } from './alerts/alerts.controller';
import { AnomaliesController } from './anomalies/anomalies.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { SessionStore } from './auth/session.store';
import { BatchEventsService } from './batches/batch-events.service';
import { BatchWatchService } from './batches/batch-watch.service';
import { BatchesController } from './batches/batches.controller';
import { BackfillController } from './backfill/backfill.controller';
import { BulkController } from './bulk/bulk.controller';
import { CalendarsController } from './calendars/calendars.controller';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { ApiValidationPipe } from './http/api-validation.pipe';
import { OhlcvModule } from './ohlcv/ohlcv.module';
import { CoverageApiModule } from './coverage/coverage.module';
import { SchedulesController } from './schedules/schedules.controller';
import { SessionController } from './session/session.controller';
import { SymbolsController } from './symbols/symbols.controller';
import { ApiKeyThrottlerGuard } from './throttle/api-key-throttler.guard';
import { RedisThrottlerStorage } from './throttle/redis-throttler.storage';
import { UniverseController } from './universe/universe.controller';

/** Window of API_RATE_LIMIT. */
const RATE_LIMIT_WINDOW_MS = 60_000;

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    // API_RATE_LIMIT=0: no limiter at all. Guards run in this order: key check, then the limit.
    const throttled = config.apiRateLimit > 0;
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'api'),
        PersistenceModule,
        HealthModule,
        BatchModule.forRoot('producer'),
        OhlcvModule,
        CoverageApiModule,
        ...(throttled
          ? [
              ThrottlerModule.forRoot({
                throttlers: [{ ttl: RATE_LIMIT_WINDOW_MS, limit: config.apiRateLimit }],
                // One count per key across every API replica (Redis), this process's if Redis is down.
                storage: new RedisThrottlerStorage(config),
              }),
            ]
          : []),
      ],
      controllers: [
        SessionController,
        BulkController,
        BackfillController,
        BatchesController,
        SchedulesController,
        CalendarsController,
        AlertRulesController,
        AlertsController,
        AnomaliesController,
        SymbolsController,
        UniverseController,
      ],
      providers: [
        ShutdownLogger,
        BatchEventsService,
        BatchWatchService,
        SessionStore,
        // Also the exception filter's: an unknown /api route answers 401 before 404.
        ApiKeyGuard,
        { provide: APP_GUARD, useExisting: ApiKeyGuard },
        ...(throttled ? [{ provide: APP_GUARD, useClass: ApiKeyThrottlerGuard }] : []),
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
