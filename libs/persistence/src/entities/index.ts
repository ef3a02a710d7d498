import { BatchExecutionDetailEntity } from './batch-execution-detail.entity';
import { BatchExecutionEntity } from './batch-execution.entity';
import { BatchScheduleEntity } from './batch-schedule.entity';
import { CorporateActionEntity } from './corporate-action.entity';
import { FundingRateEntity } from './funding-rate.entity';
import { OhlcvEntity } from './ohlcv.entity';
import { OpenInterestEntity } from './open-interest.entity';
import { SymbolEntity } from './symbol.entity';
import { UniverseSyncEntity } from './universe-sync.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';

export {
  BatchExecutionDetailEntity,
  BatchExecutionEntity,
  BatchScheduleEntity,
  CorporateActionEntity,
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
];
