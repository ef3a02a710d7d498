/** Lifecycle of a batch. Terminal: stopped, completed, completed_with_errors, failed. */
export const BATCH_STATUSES = [
  'pending',
  'running',
  'paused',
  'stopping',
  'stopped',
  'completed',
  'completed_with_errors',
  'failed',
] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** Lifecycle of one symbol of a batch. Terminal: succeeded, failed, cancelled. */
export const DETAIL_STATUSES = [
  'pending',
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export type DetailStatus = (typeof DETAIL_STATUSES)[number];

export const TERMINAL_BATCH_STATUSES: readonly BatchStatus[] = [
  'stopped',
  'completed',
  'completed_with_errors',
  'failed',
];
export const TERMINAL_DETAIL_STATUSES: readonly DetailStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
];
export const OPEN_DETAIL_STATUSES: readonly DetailStatus[] = ['pending', 'queued', 'running'];

export type BatchAction = 'start' | 'pause' | 'resume' | 'stop' | 'complete' | 'fail' | 'retry';

/**
 * The legal transitions of a batch. The database applies them with conditional UPDATEs
 * (`WHERE status IN (…from)`), so concurrent callers cannot break them.
 */
export const BATCH_TRANSITIONS: Record<
  BatchAction,
  { from: readonly BatchStatus[]; to: BatchStatus | 'computed' }
> = {
  start: { from: ['pending'], to: 'running' },
  pause: { from: ['pending', 'running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  stop: { from: ['pending', 'running', 'paused', 'stopping'], to: 'stopped' },
  /** processed = total: completed, or completed_with_errors when any symbol failed. */
  complete: { from: ['running', 'paused'], to: 'computed' },
  fail: { from: ['pending', 'running', 'paused'], to: 'failed' },
  /** Failed symbols start a new round; a paused batch stays paused until resumed. */
  retry: { from: ['running', 'paused', 'completed_with_errors', 'failed'], to: 'running' },
};

export function canTransition(from: BatchStatus, action: BatchAction): boolean {
  return BATCH_TRANSITIONS[action].from.includes(from);
}

export function isTerminalBatchStatus(status: string): boolean {
  return (TERMINAL_BATCH_STATUSES as readonly string[]).includes(status);
}
