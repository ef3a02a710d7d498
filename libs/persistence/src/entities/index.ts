import { AlertNotificationEntity } from './alert-notification.entity';
import { AlertRuleEntity } from './alert-rule.entity';
import { AlertEntity } from './alert.entity';
import { BatchExecutionDetailEntity } from './batch-execution-detail.entity';
import { BatchExecutionEntity } from './batch-execution.entity';
import { BatchScheduleEntity } from './batch-schedule.entity';
import { CorporateActionEntity } from './corporate-action.entity';
import { DailyPresenceEntity } from './daily-presence.entity';
import { DataAnomalyEntity } from './data-anomaly.entity';
import { FetchLedgerEntity } from './fetch-ledger.entity';
import { FundingRateEntity } from './funding-rate.entity';
import { OhlcvEntity } from './ohlcv.entity';
import { OpenInterestEntity } from './open-interest.entity';
import { SymbolEntity } from './symbol.entity';
import { UniverseSyncEntity } from './universe-sync.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';

export {
  AlertEntity,
  AlertNotificationEntity,
  AlertRuleEntity,
  BatchExecutionDetailEntity,
  BatchExecutionEntity,
  BatchScheduleEntity,
  CorporateActionEntity,
  DailyPresenceEntity,
  DataAnomalyEntity,
  FetchLedgerEntity,
  FundingRateEntity,
  OhlcvEntity,
  OpenInterestEntity,
  SymbolEntity,
  UniverseSyncEntity,
  WebhookDeliveryEntity,
};

/** Every entity of the schema: the DataSource, `migrate check` and `migrate generate` use this list. */
export const ENTITIES = [
  BatchExecutionEntity,
  BatchExecutionDetailEntity,
  BatchScheduleEntity,
  SymbolEntity,
  UniverseSyncEntity,
  OhlcvEntity,
  FundingRateEntity,
  OpenInterestEntity,
  CorporateActionEntity,
  WebhookDeliveryEntity,
  DataAnomalyEntity,
  AlertRuleEntity,
  AlertEntity,
  AlertNotificationEntity,
  FetchLedgerEntity,
  DailyPresenceEntity,
];
