import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/common';
import { buildDataSourceOptions } from './data-source-options';
import { NestTypeOrmLogger } from './typeorm-logger';
import { Database } from './database/transaction';
import { AlertNotificationRepository } from './repositories/alert-notification.repository';
import { AlertRuleRepository } from './repositories/alert-rule.repository';
import { AlertSignalsRepository } from './repositories/alert-signals.repository';
import { AlertRepository } from './repositories/alert.repository';
import { AnomalyRepository } from './repositories/anomaly.repository';
import { BatchRepository } from './repositories/batch.repository';
import { CoverageRepository } from './repositories/coverage.repository';
import { MarketSeriesRepository } from './repositories/market-series.repository';
import { OhlcvQueryRepository } from './repositories/ohlcv-query.repository';
import { OhlcvRepository } from './repositories/ohlcv.repository';
import { ScheduleRepository } from './repositories/schedule.repository';
import { SymbolRepository } from './repositories/symbol.repository';
import { WebhookDeliveryRepository } from './repositories/webhook-delivery.repository';

const REPOSITORIES = [
  Database,
  BatchRepository,
  OhlcvRepository,
  OhlcvQueryRepository,
  MarketSeriesRepository,
  SymbolRepository,
  ScheduleRepository,
  WebhookDeliveryRepository,
  AnomalyRepository,
  AlertRuleRepository,
  AlertRepository,
  AlertNotificationRepository,
  AlertSignalsRepository,
  CoverageRepository,
];

/** Connects the app to PostgreSQL (never synchronizes: the schema belongs to migrations). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({
          databaseUrl: config.databaseUrl,
          readUrl: config.databaseReadUrl || undefined,
          poolSize: config.databasePoolSize,
        }),
        // Through the app logger (JSON lines), not TypeORM's console output.
        logger: new NestTypeOrmLogger(),
        retryAttempts: 0,
      }),
    }),
  ],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class PersistenceModule {}
