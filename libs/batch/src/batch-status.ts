/**
 * The batch state machine is defined once, in libs/persistence (its conditional UPDATEs are built
 * from it, and persistence cannot import this lib); libs/batch and its users read it from here.
 */
export {
  BATCH_STATUSES,
  BATCH_TRANSITIONS,
  canTransition,
  COMPLETED_BATCH_STATUSES,
  DETAIL_STATUSES,
  isTerminalBatchStatus,
  OPEN_DETAIL_STATUSES,
  RECORDING_BATCH_STATUSES,
  TERMINAL_BATCH_STATUSES,
  TERMINAL_DETAIL_STATUSES,
  WORKING_BATCH_STATUS,
} from '@app/persistence';
export type { BatchAction, BatchStatus, BatchTransition, DetailStatus } from '@app/persistence';
