import { Injectable, Logger } from '@nestjs/common';
import {
  calendarFor,
  CandleSeries,
  checkCandleQuality,
  detectSeriesAnomalies,
  exchangeOfSymbol,
  MarketDataError,
  MarketDataProvider,
  overlapDisagreement,
  ProviderRegistry,
  ProviderUnavailableError,
  RateLimitedError,
  SeriesAnomaly,
  earliestDayStart,
} from '@app/market-data';
import { AppConfig, Metrics } from '@app/common';
import {
  AnomalyRecord,
  BatchRepository,
  OutcomeResult,
  FetchRecord,
  CandleRow,
  MarketSeriesRepository,
  OhlcvRepository,
  OutcomeInput,
  RefetchReason,
  RefetchRequest,
  RefetchSplit,
  Tx,
} from '@app/persistence';
import { AlertQueue } from './alerts/alert-queue';
import { AnomalyService } from './alerts/anomaly.service';
import type { FetchSymbolJobData } from './jobs/fetch-symbol.job';
import { OutcomeRecorder, PendingOutcome } from './outcomes/outcome-recorder';
import { TailReader, TailRequest } from './outcomes/tail-reader';
import { WebhookQueue } from './webhooks/webhook-queue';

const DAY_MS = 86_400_000;

export type SymbolOutcome =
  | {
      kind: 'stored';
      records: number;
      received: number;
      rejected: number;
      counted: boolean;
      batchStatus: string | null;
    }
  /** Handed over to be written after the job (write-behind): not committed yet. */
  | { kind: 'handed'; received: number; rejected: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; permanent: boolean; message: string; counted: boolean };

/** What a fetch hands to its outcome. */
interface Fetched {
  received: number;
  rejected: number;
  candles?: OutcomeInput['candles'];
  write?: (tx: Tx) => Promise<number>;
  refetch?: RefetchRequest;
  /**
   * Findings about the candles, stored with the outcome; or how to find them given the stored
   * candles before the fetch's start, read with the outcome's write (OutcomeContext).
   */
  anomalies?: SeriesAnomaly[] | DeferredAnomalies;
  /** The ledger rows of the fetches made (none when there was nothing to ask). */
  ledger: FetchRecord[];
}

/** Anomaly detection that needs the stored candles before a fetch's start. */
interface DeferredAnomalies {
  read: TailRequest;
  detect(stored: CandleRow[]): SeriesAnomaly[];
}

/** A provider's candles after the quality checks. */
interface CheckedCandles {
  series: CandleSeries;
  valid: CandleRow[];
  rejected: number;
  /** The fetch as the ledger records it. */
  ledger: FetchRecord;
  /** A backfill's requests, one ledger row each (ledger is the first). */
  ledgers?: FetchRecord[];
}

export interface AttemptContext {
  /** 1-based attempt of this job. */
  attempt: number;
  /** No retry follows a failure of this attempt. */
  lastAttempt: boolean;
  /**
   * The job may end before its outcome commits (OutcomeRecorder.handOver): a success then
   * answers `handed`. Off, `run` answers once the outcome committed.
   */
  writeBehind?: boolean;
}

/**
 * Fetches one symbol of a batch and records its outcome exactly once. Errors that a retry may
 * fix are re-thrown (after recording the failure on the last attempt); permanent ones are
 * recorded and returned as `failed` with permanent = true.
 */
@Injectable()
export class SymbolFetchService {
  private readonly logger = new Logger(SymbolFetchService.name);

  constructor(
    private readonly batches: BatchRepository,
    private readonly ohlcv: OhlcvRepository,
    private readonly series: MarketSeriesRepository,
    private readonly providers: ProviderRegistry,
    private readonly webhooks: WebhookQueue,
    private readonly recorder: OutcomeRecorder,
    private readonly tails: TailReader,
    private readonly config: AppConfig,
    private readonly alerts: AlertQueue,
    private readonly anomalies: AnomalyService,
  ) {}

  /**
   * The symbol's begin is submitted first and the fetch runs while it is flushed: a fetch quicker
   * than the flush takes the begin back and its outcome begins the symbol itself (one statement,
   * recorded only while the batch runs); a slower one finds its begin done. Either way nothing is
   * stored unless the batch runs and the symbol is open; the cost is that a job picked up just
   * before a stop or pause may still make its provider request (at most the jobs in flight).
   */
  async run(job: FetchSymbolJobData, ctx: AttemptContext): Promise<SymbolOutcome> {
    const begin = this.recorder.begin(job.detailId);
    let begun = false;
    try {
      const provider = this.providers.get(job.provider);
      const to = job.to ? new Date(job.to) : new Date();
      const fetched =
        job.dataType === 'ohlcv'
          ? await this.fetchCandles(provider, job, to, ctx.attempt)
          : await this.fetchSeries(provider, job, to, ctx.attempt);
      const findings = this.withAnomalies(job, fetched);
      const folded = begin.withdraw();
      if (!folded) {
        const started = await begin.result();
        if (!started.run) return this.skip(job, started);
      }
      begun = true;
      const outcome: PendingOutcome = {
        batchId: job.batchId,
        detailId: job.detailId,
        status: 'succeeded',
        message: null,
        begin: folded,
        candles: fetched.candles,
        write: findings.write,
        context: findings.context,
        refetch: fetched.refetch,
        rejected: fetched.rejected,
        lockKey: `${job.dataType}|${job.provider}|${job.symbol}|${job.interval}`,
        fetched: fetched.ledger,
      };
      const settle = (result: OutcomeResult) =>
        this.afterCommit(job, fetched, folded, findings.recorded, result);
      if (ctx.writeBehind && (await this.recorder.handOver(outcome, settle))) {
        return { kind: 'handed', received: fetched.received, rejected: fetched.rejected };
      }
      return await settle(await this.recorder.record(outcome));
    } catch (error) {
      if (!begun) {
        // The fetch failed: whether the failure counts depends on the begin, as before a fetch.
        const started = begin.withdraw()
          ? await this.recorder.begin(job.detailId).result()
          : await begin.result();
        if (!started.run) return this.skip(job, started);
      }
      const permanent = error instanceof MarketDataError && error.permanent;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof RateLimitedError) throw error; // waits without spending an attempt
      if (permanent || ctx.lastAttempt) {
        const recorded = await this.recorder.record({
          batchId: job.batchId,
          detailId: job.detailId,
          status: 'failed',
          message,
          rejected: 0,
        });
        await this.webhooks.notify(recorded.deliveryIds);
        if (recorded.batchStatus !== null) await this.alerts.batchEnded(job.batchId);
        if (permanent)
          return { kind: 'failed', permanent: true, message, counted: recorded.counted };
      }
      throw error;
    }
  }

  /**
   * What follows a success's commit: a symbol begun by its outcome that did not count was not
   * the job's to run (skip); otherwise the webhook deliveries of an ending, the new findings, the
   * ending's alerts and the metrics.
   */
  private async afterCommit(
    job: FetchSymbolJobData,
    fetched: Fetched,
    folded: boolean,
    recorded: () => AnomalyRecord[],
    result: OutcomeResult,
  ): Promise<SymbolOutcome> {
    if (folded && !result.counted) {
      return this.skip(job, await this.batches.symbolState(job.detailId));
    }
    this.logger.debug(
      result.counted
        ? `outcome stored: ${result.recordsInserted} record(s) written of ${fetched.received} received`
        : 'outcome not counted: the symbol had ended',
    );
    // Set only when this outcome ended the batch (the deliveries were created in its commit).
    await this.webhooks.notify(result.deliveryIds);
    if (result.counted) await this.anomalies.announce(recorded());
    if (result.batchStatus !== null) await this.alerts.batchEnded(job.batchId);
    if (result.counted) {
      const metrics = Metrics.get();
      metrics.rowsUpserted.inc({ data_type: job.dataType }, result.recordsInserted);
      if (fetched.rejected > 0)
        metrics.rowsRejected.inc({ provider: job.provider }, fetched.rejected);
    }
    return {
      kind: 'stored',
      records: result.recordsInserted,
      received: fetched.received,
      rejected: fetched.rejected,
      counted: result.counted,
      batchStatus: result.batchStatus,
    };
  }

  /** A job that may not work: its batch is not running or its symbol ended (paused: handed back). */
  private async skip(
    job: FetchSymbolJobData,
    state: { batchStatus: string | null; detailStatus: string | null },
  ): Promise<SymbolOutcome> {
    if (state.batchStatus === 'paused' && state.detailStatus !== null) {
      await this.batches.releaseSymbol(job.detailId);
      return { kind: 'skipped', reason: 'batch paused' };
    }
    return {
      kind: 'skipped',
      reason: `batch ${state.batchStatus ?? 'gone'}, symbol ${state.detailStatus ?? 'gone'}`,
    };
  }

  /**
   * Funding rates and open interest: from `from` of the batch, or (incremental) the newest stored
   * row when it is later, which is fetched again.
   */
  private async fetchSeries(
    provider: MarketDataProvider,
    job: FetchSymbolJobData,
    to: Date,
    attempt: number,
  ): Promise<Fetched> {
    let from = job.from ? new Date(job.from) : null;
    if (job.mode === 'incremental') {
      const last =
        job.dataType === 'funding_rate'
          ? await this.series.lastTs('funding_rate_data', job.provider, job.symbol)
          : await this.series.lastTs('open_interest_data', job.provider, job.symbol, job.interval);
      if (last && (!from || last.getTime() > from.getTime())) from = last;
    }
    // Nothing to ask (incremental and already up to date): no fetch, so no ledger row.
    if (from && from.getTime() >= to.getTime()) return { received: 0, rejected: 0, ledger: [] };
    const request = { symbol: job.symbol, interval: job.interval, from, to, attempt };
    this.logFetch(job, from, to);
    const ledger = (rows: readonly { ts: Date }[]) => [ledgerRecord(job, from, to, rows)];
    if (job.dataType === 'funding_rate') {
      if (!provider.fetchFundingRates) throw new Error(`${provider.name} serves no funding rates`);
      const rows = (await provider.fetchFundingRates(request)).filter(
        (r) => Number.isFinite(r.fundingRate) && (!from || r.ts >= from) && r.ts < to,
      );
      return {
        received: rows.length,
        rejected: 0,
        write: (qr) => this.series.upsertFunding(qr, job.provider, job.symbol, rows),
        ledger: ledger(rows),
      };
    }
    if (!provider.fetchOpenInterest) throw new Error(`${provider.name} serves no open interest`);
    const rows = (await provider.fetchOpenInterest(request)).filter(
      (r) =>
        Number.isFinite(r.openInterest) &&
        r.openInterest >= 0 &&
        (!from || r.ts >= from) &&
        r.ts < to,
    );
    return {
      received: rows.length,
      rejected: 0,
      write: (qr) =>
        this.series.upsertOpenInterest(qr, job.provider, job.symbol, job.interval, rows),
      ledger: ledger(rows),
    };
  }

  /**
   * Candles. One statement reads the newest stored candles (incremental: the start, which is
   * fetched again — the overlap candle — and the context of anomaly detection; with a `from`, the
   * candles before it). The stored history is fetched again in full, in this job, when a split
   * reached us that the stored history does not reflect (dated after its first candle, and not
   * known at the series' last full fetch: not stored in corporate_actions, or dated after that
   * fetch — a split is stored only with a history on its basis) or when the re-fetched
   * overlap candle disagrees with the stored one beyond rounding; the outcome then replaces the
   * series (OhlcvRepository.rebase) and the detail's `refetch` says why. Without a split in the
   * response nothing more is read than before: the check of the overlap is in memory.
   */
  private async fetchCandles(
    provider: MarketDataProvider,
    job: FetchSymbolJobData,
    to: Date,
    attempt: number,
  ): Promise<Fetched> {
    const ranges = job.ranges?.map(([f, t]) => [new Date(f), new Date(t)] as const) ?? null;
    const jobFrom = ranges ? ranges[0][0] : job.from ? new Date(job.from) : null;
    const incremental = job.mode === 'incremental' && !ranges;
    const contextSize = this.config.anomalyZeroVolumeRun + 1;
    // Incremental: read before the fetch (its start). From a date: the candles before it are only
    // anomaly context, read with the outcome's write (OutcomeContext).
    const tail = incremental
      ? await this.tails.tail(job.provider, job.symbol, job.interval, contextSize, null)
      : [];
    const newest = incremental ? (tail[0] ?? null) : null;
    const from = newest && (!jobFrom || newest.ts > jobFrom) ? newest.ts : jobFrom;
    // Nothing to ask (incremental and already up to date): no fetch, so no ledger row.
    if (from && from.getTime() >= to.getTime()) return { received: 0, rejected: 0, ledger: [] };

    let fetched = ranges
      ? await this.requestRanges(provider, job, ranges, attempt)
      : await this.requestCandles(provider, job, from, to, attempt);
    const ledger = fetched.ledgers ?? [fetched.ledger];
    let received = fetched.series.candles.length;
    let rejected = fetched.rejected;
    const overlap = newest && from && newest.ts.getTime() === from.getTime() ? newest : null;
    const why = await this.refetchNeeded(job, fetched, overlap);
    let refetch: RefetchRequest | undefined;
    if (why) {
      this.logger.log(`${job.symbol}: fetching the whole history again: ${why.message}`);
      // This fetch already was the whole history (no start, up to now): it is the refetch.
      refetch = { ...why, to };
      if (from !== null || job.to !== null) {
        // The whole history: up to now at least, also when the batch's range ended earlier.
        refetch.to = new Date(Math.max(to.getTime(), Date.now()));
        fetched = await this.requestCandles(provider, job, null, refetch.to, attempt);
        // The ledger's full fetch (requested_from NULL): what the split check reads next time.
        ledger.push(fetched.ledger);
        received += fetched.series.candles.length;
        rejected += fetched.rejected;
      }
      if (fetched.valid.length === 0) {
        // Replacing a stored history by nothing is never right: let the job try again.
        throw new ProviderUnavailableError(
          `${provider.name}: the full re-fetch of ${job.symbol} (${why.message}) returned no candle`,
        );
      }
    }
    const actions = fetched.series.actions;
    const firstFetched = fetched.valid[0]?.ts.getTime() ?? Infinity;
    const valid = fetched.valid;
    // `stored`: the newest stored candles, newest first.
    const detect = (stored: CandleRow[]) =>
      detectSeriesAnomalies({
        interval: job.interval,
        before: stored.filter((c) => c.ts.getTime() < firstFetched).reverse(),
        candles: valid,
        actions,
        calendar: this.calendarOf(job),
        asOf: new Date(Math.min(to.getTime(), Date.now())),
        thresholds: {
          jumpRatio: this.config.anomalyJumpRatio,
          zeroVolumeRun: this.config.anomalyZeroVolumeRun,
          staleSessions: this.config.staleSessions,
        },
      });
    return {
      received,
      rejected,
      // The rows' source is the job's provider (their key: another provider's never overwrite them).
      candles: {
        source: job.provider,
        symbol: job.symbol,
        interval: job.interval,
        rows: fetched.valid,
      },
      // records_inserted counts candles; corporate actions ride along in the same transaction.
      write:
        actions.length > 0
          ? async (tx) => {
              await this.series.upsertActions(tx, job.provider, job.symbol, actions);
              return 0;
            }
          : undefined,
      refetch,
      ledger,
      // A backfill's ranges are holes between stored candles: a jump across a hole is no finding.
      // A whole history fetched again has no stored context worth reading.
      anomalies:
        ranges && !refetch
          ? []
          : jobFrom && !incremental && !refetch
            ? {
                read: {
                  source: job.provider,
                  symbol: job.symbol,
                  interval: job.interval,
                  limit: contextSize,
                  before: jobFrom,
                },
                detect,
              }
            : detect(refetch ? [] : tail),
    };
  }

  /** The provider's candles of [from, to) and those that pass the quality checks. */
  private async requestCandles(
    provider: MarketDataProvider,
    job: FetchSymbolJobData,
    from: Date | null,
    to: Date,
    attempt: number,
  ): Promise<CheckedCandles> {
    from = this.localDayStart(job, from);
    this.logFetch(job, from, to);
    const request = { symbol: job.symbol, interval: job.interval, from, to, attempt };
    const series = await provider.fetchCandles(request);
    const quality = checkCandleQuality(series.candles, { from, to });
    // Rows the provider's own parser skipped (e.g. unparsable CSV lines) count as rejected too.
    const skipped = (series as { rejected?: number }).rejected ?? 0;
    const outOfRange = quality.rejected.filter((r) => r.code === 'outside_range').length;
    if (quality.rejected.length > outOfRange) {
      this.logger.warn(
        `${job.symbol}: ${quality.rejected.length - outOfRange} candle(s) rejected, e.g. ${quality.rejected.find((r) => r.code !== 'outside_range')?.reason}`,
      );
    }
    return {
      series,
      valid: quality.valid,
      rejected: quality.rejected.length + skipped,
      ledger: ledgerRecord(job, from, to, quality.valid),
    };
  }

  /**
   * A backfill's ranges, one request each, in order: their candles (each time once), their
   * corporate actions, and one ledger row per request (what makes a range the provider answered
   * empty not planned again).
   */
  private async requestRanges(
    provider: MarketDataProvider,
    job: FetchSymbolJobData,
    ranges: readonly (readonly [Date, Date])[],
    attempt: number,
  ): Promise<CheckedCandles> {
    const candles = new Map<number, CandleSeries['candles'][number]>();
    const valid = new Map<number, CandleRow>();
    const actions = new Map<string, CandleSeries['actions'][number]>();
    const ledgers: FetchRecord[] = [];
    let rejected = 0;
    for (const [from, to] of ranges) {
      const part = await this.requestCandles(provider, job, from, to, attempt);
      for (const c of part.series.candles) candles.set(c.ts.getTime(), c);
      for (const c of part.valid) valid.set(c.ts.getTime(), c);
      for (const a of part.series.actions) actions.set(`${a.type}|${a.ts.getTime()}`, a);
      rejected += part.rejected;
      ledgers.push(part.ledger);
    }
    const byTime = <T extends { ts: Date }>(a: T, b: T) => a.ts.getTime() - b.ts.getTime();
    return {
      series: { candles: [...candles.values()].sort(byTime), actions: [...actions.values()] },
      valid: [...valid.values()].sort(byTime),
      rejected,
      ledger: ledgers[0],
      ledgers,
    };
  }

  /**
   * Why the stored history must be fetched again in full, or null. `overlap` is the stored
   * candle this fetch started at (incremental), compared in memory with its new copy; splits in
   * the response cost one statement (MarketSeriesRepository.splitState), only then.
   */
  private async refetchNeeded(
    job: FetchSymbolJobData,
    fetched: CheckedCandles,
    overlap: CandleRow | null,
  ): Promise<Omit<RefetchRequest, 'to'> | null> {
    const reasons: RefetchReason[] = [];
    const messages: string[] = [];
    let fresh: RefetchSplit[] = [];
    const splits = fetched.series.actions.flatMap((a) =>
      a.type === 'split' && (a.numerator ?? 0) > 0 && (a.denominator ?? 0) > 0
        ? [{ ts: a.ts, numerator: a.numerator!, denominator: a.denominator! }]
        : [],
    );
    if (splits.length > 0) {
      const state = await this.series.splitState(
        job.provider,
        job.symbol,
        job.interval,
        splits.map((a) => a.ts),
      );
      // Reflected by the stored history: reported before (stored) and dated before the series'
      // last full fetch (whose answer was on the basis of every split effective by then).
      const stored = new Set(state.known.map((t) => t.getTime()));
      const fullAt = state.lastFullFetch?.getTime() ?? -Infinity;
      const first = state.firstTs?.getTime() ?? Infinity;
      fresh = splits.filter(
        (a) => a.ts.getTime() > first && !(stored.has(a.ts.getTime()) && a.ts.getTime() < fullAt),
      );
      if (fresh.length > 0) {
        reasons.push('new_split');
        messages.push(
          fresh
            .map(
              (a) =>
                `a ${a.numerator}:${a.denominator} split on ${a.ts.toISOString().slice(0, 10)} the stored history (from ${new Date(first).toISOString().slice(0, 10)}) does not reflect`,
            )
            .join('; '),
        );
      }
    }
    if (overlap) {
      const again = fetched.valid.find((c) => c.ts.getTime() === overlap.ts.getTime());
      const disagreement = again ? overlapDisagreement(overlap, again) : null;
      if (disagreement) {
        reasons.push('overlap_mismatch');
        messages.push(`the overlap candle changed: ${disagreement}`);
      }
    }
    if (reasons.length === 0) return null;
    return { reasons, message: messages.join('; '), splits: fresh };
  }

  /**
   * The fetch's `write`, which also stores its anomaly findings in the outcome's transaction when
   * there are any: a candle and its flag commit together (visible when the batch has ended, gone
   * with the candles when the outcome does not count), and a finding stored before is not stored
   * again. Without findings (the common case) the outcome is unchanged, so it may still take the
   * group's one statement. Findings that need the stored candles before the fetch are made when
   * those are read, with the group's write (`context`). `recorded` answers the new findings, to
   * announce after the commit.
   */
  private withAnomalies(
    job: FetchSymbolJobData,
    fetched: Fetched,
  ): {
    write: Fetched['write'];
    context?: PendingOutcome['context'];
    recorded: () => AnomalyRecord[];
  } {
    let recorded: AnomalyRecord[] = [];
    const withFindings = (found: SeriesAnomaly[]): Fetched['write'] => {
      // Assigned, not added to: a group that fails is recorded again item by item.
      recorded = [];
      if (found.length === 0) return fetched.write;
      const rows = found.map((a) => ({
        source: job.provider,
        symbol: job.symbol,
        interval: job.interval,
        kind: a.kind,
        ts: a.ts,
        batchExecutionId: job.batchId,
        details: a.details,
      }));
      return async (tx) => {
        const written = fetched.write ? await fetched.write(tx) : 0;
        recorded = await this.anomalies.record(rows, tx);
        return written;
      };
    };
    const found = fetched.anomalies ?? [];
    const recordedNow = () => recorded;
    if (Array.isArray(found)) return { write: withFindings(found), recorded: recordedNow };
    return {
      write: fetched.write,
      context: { read: found.read, apply: (stored) => withFindings(found.detect(stored)) },
      recorded: recordedNow,
    };
  }

  /**
   * A daily fetch from a UTC midnight (a batch's `from` day, the newest stored candle) starts
   * where that day starts at the symbol's exchange when that is earlier (Tokyo: 15:00 UTC the
   * day before): a provider that stamps a daily bar at local midnight then returns the day asked
   * for, which we store at that UTC midnight. Other starts (a backfill's, already at the local
   * day's start) are left as they are.
   */
  private localDayStart(job: FetchSymbolJobData, from: Date | null): Date | null {
    if (from === null || job.interval !== '1d' || from.getTime() % DAY_MS !== 0) return from;
    const calendar = this.calendarOf(job);
    if (!calendar) return from;
    return earliestDayStart(from.getTime() / DAY_MS, calendar.timezone);
  }

  /** The exchange calendar of the job's symbol, or null when none of ours fits. */
  private calendarOf(job: FetchSymbolJobData) {
    const exchange = exchangeOfSymbol(job.symbol, job.provider);
    return exchange ? calendarFor(exchange) : null;
  }

  private logFetch(job: FetchSymbolJobData, from: Date | null, to: Date): void {
    this.logger.debug(
      `fetching ${job.dataType} ${job.interval} from ${from?.toISOString() ?? 'the start'} to ${to.toISOString()} (${job.mode})`,
    );
  }
}

/** The ledger row of one fetch: the range asked for and the rows kept of the answer. */
function ledgerRecord(
  job: FetchSymbolJobData,
  from: Date | null,
  to: Date,
  rows: readonly { ts: Date }[],
): FetchRecord {
  let first: Date | null = null;
  let last: Date | null = null;
  // Providers answer in order, but nothing relies on it.
  for (const r of rows) {
    if (first === null || r.ts.getTime() < first.getTime()) first = r.ts;
    if (last === null || r.ts.getTime() > last.getTime()) last = r.ts;
  }
  return {
    source: job.provider,
    symbol: job.symbol,
    interval: job.interval,
    dataType: job.dataType,
    from,
    to,
    rows: rows.length,
    firstTs: first,
    lastTs: last,
  };
}
