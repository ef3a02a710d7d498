/**
 * The batch state machine: the one source of every batch and symbol status list and of the legal
 * transitions. The repository builds its conditional UPDATEs (`WHERE status IN (…)`, target
 * statuses) from these constants, and libs/batch re-exports them for the API, the CLI and the
 * tests. It lives in libs/persistence (and imports nothing) because persistence must not depend on
 * libs/batch, while libs/batch already depends on persistence.
 */

/**
 * Every status a batch may show (the API contract lists them all). `pending` and `stopping` are
 * reserved: no code path writes them today (a batch is inserted `running`; a stop is one
 * transaction), so no transition starts from them.
 */
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

/** Lifecycle of one symbol of a batch. */
export const DETAIL_STATUSES = [
  'pending',
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export type DetailStatus = (typeof DETAIL_STATUSES)[number];

/** A batch in one of these has ended: nothing more is fetched or counted for it. */
export const TERMINAL_BATCH_STATUSES = [
  'stopped',
  'completed',
  'completed_with_errors',
  'failed',
] as const satisfies readonly BatchStatus[];

/** The two endings of a batch whose every symbol reached an outcome. */
export const COMPLETED_BATCH_STATUSES = [
  'completed',
  'completed_with_errors',
] as const satisfies readonly BatchStatus[];

/** Symbols still to be worked on (their outcome can still be recorded). */
export const OPEN_DETAIL_STATUSES = [
  'pending',
  'queued',
  'running',
] as const satisfies readonly DetailStatus[];
export const TERMINAL_DETAIL_STATUSES = [
  'succeeded',
  'failed',
  'cancelled',
] as const satisfies readonly DetailStatus[];

/** The only batch status in which workers fetch symbols and the reconciler enqueues jobs. */
export const WORKING_BATCH_STATUS = 'running' satisfies BatchStatus;
/** Batch statuses in which a symbol's outcome is still recorded (a paused batch lets running jobs finish). */
export const RECORDING_BATCH_STATUSES = [
  'running',
  'paused',
] as const satisfies readonly BatchStatus[];

export type BatchAction = 'create' | 'pause' | 'resume' | 'stop' | 'fail' | 'complete' | 'retry';

export interface BatchTransition {
  readonly from: readonly BatchStatus[];
  readonly to: BatchStatus;
}

/**
 * The legal transitions of a batch. The repository applies each with a conditional UPDATE
 * (`WHERE status IN (from)`, `SET status = to`), so concurrent callers cannot break them.
 */
export const BATCH_TRANSITIONS = {
  /** Inserted running with its details queued, in one transaction. */
  create: { from: [], to: 'running' },
  /** Queued jobs are removed; running ones finish and are recorded. */
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  stop: { from: ['running', 'paused'], to: 'stopped' },
  /** The jobs could not be enqueued. */
  fail: { from: ['running', 'paused'], to: 'failed' },
  /**
   * Every symbol has an outcome: `completed`, or `completed_with_errors` when any failed
   * (see completionStatus). Only while outcomes are recorded.
   */
  complete: { from: RECORDING_BATCH_STATUSES, to: 'completed' },
  /** Failed symbols start a new round; a paused batch stays paused until resumed. */
  retry: { from: ['running', 'paused', 'completed_with_errors', 'failed'], to: 'running' },
} as const satisfies Record<BatchAction, BatchTransition>;

export function canTransition(from: string, action: BatchAction): boolean {
  return (BATCH_TRANSITIONS[action].from as readonly string[]).includes(from);
}

export function isTerminalBatchStatus(status: string): boolean {
  return (TERMINAL_BATCH_STATUSES as readonly string[]).includes(status);
}

/** The ending of a batch whose every symbol has an outcome. */
export function completionStatus(failed: number): (typeof COMPLETED_BATCH_STATUSES)[number] {
  return failed > 0 ? 'completed_with_errors' : 'completed';
}

/**
 * A status list as an SQL literal list, e.g. `('running','paused')`. Only for the constants of
 * this module (checked: lower-case words), never for input.
 */
export function sqlStatusList(statuses: readonly (BatchStatus | DetailStatus)[]): string {
  if (statuses.length === 0) throw new Error('an empty status list matches nothing');
  return `(${statuses.map(sqlStatus).join(',')})`;
}

/** One status as an SQL literal, e.g. `'running'`. */
export function sqlStatus(status: BatchStatus | DetailStatus): string {
  if (!/^[a-z_]+$/.test(status)) throw new Error(`not a status: ${status}`);
  return `'${status}'`;
}
