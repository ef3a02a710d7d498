import type { BatchRecord, DetailRecord, SeriesRefetch } from '@app/persistence';

/**
 * A batch as the API shows it (snake_case, the Phase-1 status shape), without the HTTP envelope:
 * the API adds `success: true` to its answers.
 */
export interface BatchView {
  job_id: string;
  batch_db_id: number;
  batch_type: string;
  status: string;
  interval: string;
  provider: string;
  params: Record<string, unknown>;
  progress: {
    total: number;
    processed: number;
    successful: number;
    failed: number;
    percent: number;
  };
  start_time: string | null;
  end_time: string | null;
  error_message: string | null;
  created_at: string;
  /** The schedule that started it and the tick it was started for (null for client batches). */
  schedule_id: number | null;
  scheduled_for: string | null;
}

export interface DetailView {
  id: number;
  symbol: string;
  status: string;
  attempts: number;
  retry_round: number;
  records_inserted: number;
  rejected_records: number;
  start_time: string | null;
  end_time: string | null;
  error_message: string | null;
  /** Set when the symbol's stored history was fetched again in full: why and what changed. */
  refetch: SeriesRefetch | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toBatchView(b: BatchRecord): BatchView {
  const percent =
    b.totalStocks === 0 ? 100 : Math.floor((b.processedStocks / b.totalStocks) * 1000) / 10;
  return {
    job_id: b.jobId,
    batch_db_id: b.id,
    batch_type: b.batchType,
    status: b.status,
    interval: b.interval,
    provider: b.provider,
    params: shownParams(b.params),
    progress: {
      total: b.totalStocks,
      processed: b.processedStocks,
      successful: b.successfulStocks,
      failed: b.failedStocks,
      percent,
    },
    start_time: iso(b.startTime),
    end_time: iso(b.endTime),
    error_message: b.errorMessage,
    created_at: iso(b.createdAt) as string,
    schedule_id: b.scheduleId,
    scheduled_for: iso(b.scheduledFor),
  };
}

/**
 * The params a batch shows: all but a backfill's request windows per symbol
 * (`params.backfill.windows`, what its jobs are given: up to MAX_SYMBOLS_PER_BATCH entries, which
 * every status poll would otherwise carry); the plan's counts stay.
 */
function shownParams(params: Record<string, unknown>): Record<string, unknown> {
  const backfill = params.backfill as { windows?: unknown } | undefined;
  if (backfill?.windows === undefined) return params;
  const { windows: _windows, ...plan } = backfill;
  return { ...params, backfill: plan };
}

/**
 * A batch as the history list shows it: `params.universe_symbols` (up to MAX_SYMBOLS_PER_BATCH
 * symbols of a universe batch) is replaced by its count, `universe_count`, so that a page of
 * history stays small; the batch's own routes show the list.
 */
export function toBatchListView(b: BatchRecord): BatchView {
  const view = toBatchView(b);
  const { universe_symbols: symbols, ...params } = view.params;
  if (!Array.isArray(symbols)) return view;
  return { ...view, params: { ...params, universe_count: symbols.length } };
}

export function toDetailView(d: DetailRecord): DetailView {
  return {
    id: Number(d.id),
    symbol: d.stockCode,
    status: d.status,
    attempts: d.attempts,
    retry_round: d.retryRound,
    records_inserted: d.recordsInserted,
    rejected_records: d.rejectedRecords,
    start_time: iso(d.startTime),
    end_time: iso(d.endTime),
    error_message: d.errorMessage,
    refetch: d.refetch,
  };
}
