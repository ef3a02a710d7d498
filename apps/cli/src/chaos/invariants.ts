/** What the invariants are checked on: rows read from the run's own PostgreSQL and Redis. */
export interface BatchRow {
  id: number;
  status: string;
  total: number;
  processed: number;
  successful: number;
  failed: number;
}

export interface DetailRow {
  batchId: number;
  symbol: string;
  status: string;
  recordsInserted: number;
  /** Commit time of the row's last change (ms since the epoch), null when unknown. */
  committedAt: number | null;
}

/** Stored candles of one symbol (all intervals). */
export interface CandleCount {
  symbol: string;
  rows: number;
  /** Keys (symbol, interval, ts) stored more than once. */
  duplicateKeys: number;
  /** Latest commit time of its rows (ms), null when unknown or none. */
  lastCommitAt: number | null;
}

export interface QueueJob {
  batchId: number;
  symbol: string;
  /** waiting, delayed, prioritized, active, completed, failed, … */
  state: string;
  /** When the job was added (ms). */
  addedAt: number;
}

/** A stop that answered 200, and when its answer arrived. */
export interface StopReturn {
  batchId: number;
  returnedAt: number;
}

export interface InvariantInput {
  batches: BatchRow[];
  details: DetailRow[];
  candles: CandleCount[];
  jobs: QueueJob[];
  stops: StopReturn[];
}

export interface InvariantResult {
  name: string;
  ok: boolean;
  /** The first few violations, said plainly. */
  violations: string[];
}

const TERMINAL_BATCH = ['stopped', 'completed', 'completed_with_errors', 'failed'];
const TERMINAL_DETAIL = ['succeeded', 'failed', 'cancelled'];
const OPEN_JOB_STATES = ['waiting', 'wait', 'delayed', 'prioritized', 'active', 'paused'];
const MAX_LISTED = 5;

function result(name: string, violations: string[]): InvariantResult {
  return {
    name,
    ok: violations.length === 0,
    violations:
      violations.length > MAX_LISTED
        ? [...violations.slice(0, MAX_LISTED), `… and ${violations.length - MAX_LISTED} more`]
        : violations,
  };
}

/**
 * The data invariants of the resilience suite, on rows already read (pure: unit-tested on given
 * rows). Every batch must have settled before they are read.
 */
export function checkInvariants(input: InvariantInput): InvariantResult[] {
  const detailsOf = new Map<number, DetailRow[]>();
  for (const d of input.details) {
    const list = detailsOf.get(d.batchId) ?? [];
    list.push(d);
    detailsOf.set(d.batchId, list);
  }

  // Every batch ended, every symbol ended, exactly one row per (batch, symbol).
  const terminal: string[] = [];
  for (const b of input.batches) {
    if (!TERMINAL_BATCH.includes(b.status)) terminal.push(`batch ${b.id} is ${b.status}`);
  }
  const seen = new Set<string>();
  for (const d of input.details) {
    const key = `${d.batchId}/${d.symbol}`;
    if (seen.has(key)) terminal.push(`symbol ${key} has two rows`);
    seen.add(key);
    if (!TERMINAL_DETAIL.includes(d.status)) terminal.push(`symbol ${key} is ${d.status}`);
  }

  // Counters and progress equal the details.
  const counters: string[] = [];
  for (const b of input.batches) {
    const ds = detailsOf.get(b.id) ?? [];
    const succeeded = ds.filter((d) => d.status === 'succeeded').length;
    const failed = ds.filter((d) => d.status === 'failed').length;
    const cancelled = ds.filter((d) => d.status === 'cancelled').length;
    const wrong: string[] = [];
    if (ds.length !== b.total) wrong.push(`total ${b.total} but ${ds.length} symbols`);
    if (b.successful !== succeeded) wrong.push(`successful ${b.successful} but ${succeeded}`);
    if (b.failed !== failed) wrong.push(`failed ${b.failed} but ${failed}`);
    if (b.processed !== succeeded + failed) {
      wrong.push(`processed ${b.processed} but ${succeeded + failed} ended`);
    }
    if (b.status === 'completed' && (failed > 0 || cancelled > 0 || succeeded !== b.total)) {
      wrong.push(`completed with ${failed} failed, ${cancelled} cancelled`);
    }
    if (b.status === 'completed_with_errors' && (failed === 0 || cancelled > 0)) {
      wrong.push(`completed_with_errors with ${failed} failed, ${cancelled} cancelled`);
    }
    if (cancelled > 0 && !['stopped', 'failed'].includes(b.status)) {
      wrong.push(`${cancelled} cancelled symbols in a ${b.status} batch`);
    }
    if (wrong.length > 0) counters.push(`batch ${b.id} (${b.status}): ${wrong.join(', ')}`);
  }

  // Stored rows equal the sum of records_inserted, per symbol.
  const inserted = new Map<string, number>();
  for (const d of input.details) {
    inserted.set(d.symbol, (inserted.get(d.symbol) ?? 0) + d.recordsInserted);
  }
  const rows: string[] = [];
  const stored = new Map(input.candles.map((c) => [c.symbol, c]));
  for (const [symbol, n] of inserted) {
    const have = stored.get(symbol)?.rows ?? 0;
    if (have !== n) rows.push(`${symbol}: ${have} rows stored, records_inserted sums to ${n}`);
  }
  for (const c of input.candles) {
    if (!inserted.has(c.symbol) && c.rows > 0) {
      rows.push(`${c.symbol}: ${c.rows} rows stored for no symbol of a batch`);
    }
  }

  const duplicates = input.candles
    .filter((c) => c.duplicateKeys > 0)
    .map((c) => `${c.symbol}: ${c.duplicateKeys} keys stored twice`);

  // Nothing written or enqueued for a batch once its stop returned.
  const afterStop: string[] = [];
  const stopAt = new Map<number, number>();
  for (const s of input.stops) {
    stopAt.set(s.batchId, Math.min(s.returnedAt, stopAt.get(s.batchId) ?? Infinity));
  }
  for (const [batchId, at] of stopAt) {
    const ds = detailsOf.get(batchId) ?? [];
    for (const d of ds) {
      if (d.committedAt !== null && d.committedAt > at) {
        afterStop.push(
          `batch ${batchId}: symbol ${d.symbol} changed ${d.committedAt - at} ms after the stop returned`,
        );
      }
      const c = stored.get(d.symbol);
      if (c?.lastCommitAt != null && c.lastCommitAt > at) {
        afterStop.push(
          `batch ${batchId}: candles of ${d.symbol} written ${c.lastCommitAt - at} ms after the stop returned`,
        );
      }
    }
    for (const j of input.jobs.filter((j) => j.batchId === batchId)) {
      if (j.addedAt > at) {
        afterStop.push(
          `batch ${batchId}: job of ${j.symbol} enqueued ${j.addedAt - at} ms after the stop returned`,
        );
      } else if (OPEN_JOB_STATES.includes(j.state)) {
        afterStop.push(`batch ${batchId}: job of ${j.symbol} still ${j.state} after the stop`);
      }
    }
  }

  // No open job for a batch that ended.
  const orphans: string[] = [];
  const ended = new Set(
    input.batches.filter((b) => TERMINAL_BATCH.includes(b.status)).map((b) => b.id),
  );
  for (const j of input.jobs) {
    if (ended.has(j.batchId) && !stopAt.has(j.batchId) && OPEN_JOB_STATES.includes(j.state)) {
      orphans.push(`batch ${j.batchId} ended but the job of ${j.symbol} is ${j.state}`);
    }
  }

  return [
    result('every_detail_terminal_once', terminal),
    result('counters_equal_details', counters),
    result('rows_equal_records_inserted', rows),
    result('no_duplicate_keys', duplicates),
    result('nothing_after_stop', afterStop),
    result('no_open_job_for_ended_batch', orphans),
  ];
}
