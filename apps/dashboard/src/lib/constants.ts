import type { Batch, StartBatchBody } from '../api/client';

/** Exhaustive: compiles only when `List` names every member of the API's union `Union`. */
type Exhaustive<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [
  never,
]
  ? List
  : never;

type IntervalName = StartBatchBody['interval'];
type ProviderName = NonNullable<StartBatchBody['provider']>;
type ModeName = NonNullable<StartBatchBody['mode']>;

const intervals = ['1m', '5m', '15m', '30m', '1h', '1d', '1wk', '1mo'] as const;
const providers = ['synthetic', 'yahoo', 'binance', 'bybit', 'csv'] as const;
const modes = ['incremental', 'full'] as const;

// The lists the forms offer, checked against the generated API types both ways: a value the API
// drops no longer compiles here, and one it adds must be listed.
export const INTERVALS: Exhaustive<IntervalName, typeof intervals> = intervals;
export const PROVIDERS: Exhaustive<ProviderName, typeof providers> = providers;
export const MODES: Exhaustive<ModeName, typeof modes> = modes;

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
export type DetailStatus = 'pending' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const DETAIL_STATUSES: readonly DetailStatus[] = [
  'pending',
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
];

const TERMINAL = new Set(['stopped', 'completed', 'completed_with_errors', 'failed']);

export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

export type { Batch, IntervalName, ModeName, ProviderName };
