import { DynamicModule, Module } from '@nestjs/common';
import { CoverageModule, MarketDataModule, UniverseModule } from '@app/market-data';
import { PersistenceModule } from '@app/persistence';
import { AlertEvaluator } from './alerts/alert-evaluator.service';
import { AlertNotificationService } from './alerts/alert-notification.service';
import { AlertReconciler } from './alerts/alert-reconciler.service';
import { AlertRuleService } from './alerts/alert-rule.service';
import { AlertService } from './alerts/alert.service';
import { AnomalyService } from './alerts/anomaly.service';
import { SmtpMailer } from './alerts/smtp-mailer';
import { AnomalyQueryService } from './anomalies/anomaly-query.service';
import { BackfillService } from './backfill/backfill.service';
import { BatchReconciler } from './batch-reconciler.service';
import { BatchService } from './batch.service';
import { MetricsController } from './metrics/metrics.controller';
import { OutcomeRecorder } from './outcomes/outcome-recorder';
import { TailReader } from './outcomes/tail-reader';
import { BatchQueueModule, QueueRole } from './queue/batch-queue.module';
import { ScheduleService } from './schedules/schedule.service';
import { SymbolFetchService } from './symbol-fetch.service';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';

/** Alert rules, evaluation, notifications and the anomaly door (alerts/). */
const ALERT_PROVIDERS = [
  AlertRuleService,
  AlertService,
  AlertEvaluator,
  AlertNotificationService,
  AlertReconciler,
  AnomalyService,
  SmtpMailer,
];

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
        CoverageModule,
        BatchQueueModule.forRoot(role),
      ],
      providers: [
        BatchService,
        SymbolFetchService,
        OutcomeRecorder,
        TailReader,
        BatchReconciler,
        ScheduleService,
        WebhookDeliveryService,
        AnomalyQueryService,
        BackfillService,
        ...ALERT_PROVIDERS,
      ],
      exports: [
        ...ALERT_PROVIDERS,
        BatchService,
        ScheduleService,
        SymbolFetchService,
        BatchReconciler,
        WebhookDeliveryService,
        AnomalyQueryService,
        BackfillService,
        BatchQueueModule,
        PersistenceModule,
        UniverseModule,
      ],
    };
  }
}
