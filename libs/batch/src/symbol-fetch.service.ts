import { Injectable, Logger } from '@nestjs/common';
import {
  checkCandleQuality,
  MarketDataError,
  MarketDataProvider,
  ProviderRegistry,
  RateLimitedError,
} from '@app/market-data';
import { Metrics } from '@app/common';
import {
  BatchRepository,
  FetchRecord,
  MarketSeriesRepository,
  OhlcvRepository,
  OutcomeInput,
  Tx,
} from '@app/persistence';
import type { FetchSymbolJobData } from './jobs/fetch-symbol.job';
import { OutcomeRecorder } from './outcomes/outcome-recorder';
import { WebhookQueue } from './webhooks/webhook-queue';

export type SymbolOutcome =
  | {
      kind: 'stored';
      records: number;
      received: number;
      rejected: number;
      counted: boolean;
      batchStatus: string | null;
    }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; permanent: boolean; message: string; counted: boolean };

export interface AttemptContext {
  /** 1-based attempt of this job. */
  attempt: number;
  /** No retry follows a failure of this attempt. */
  lastAttempt: boolean;
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
  ) {}

  async run(job: FetchSymbolJobData, ctx: AttemptContext): Promise<SymbolOutcome> {
    const begin = await this.recorder.begin(job.detailId);
    if (!begin.run) {
      if (begin.batchStatus === 'paused' && begin.detailStatus !== null) {
        await this.batches.releaseSymbol(job.detailId);
        return { kind: 'skipped', reason: 'batch paused' };
      }
      return {
        kind: 'skipped',
        reason: `batch ${begin.batchStatus ?? 'gone'}, symbol ${begin.detailStatus ?? 'gone'}`,
      };
    }
    try {
      const provider = this.providers.get(job.provider);
      const to = job.to ? new Date(job.to) : new Date();
      const from = await this.startOf(job);
      // Nothing to ask (incremental and already up to date): no fetch, so no ledger row.
      const fetched =
        from && from.getTime() >= to.getTime()
          ? { received: 0, rejected: 0, ledger: [] }
          : await this.fetch(provider, job, from, to, ctx.attempt);
      const result = await this.recorder.record({
        batchId: job.batchId,
        detailId: job.detailId,
        status: 'succeeded',
        message: null,
        candles: fetched.candles,
        write: fetched.write,
        rejected: fetched.rejected,
        lockKey: `${job.dataType}|${job.provider}|${job.symbol}|${job.interval}`,
        fetched: fetched.ledger,
      });
      // Set only when this outcome ended the batch (the deliveries were created in its commit).
      await this.webhooks.notify(result.deliveryIds);
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
    } catch (error) {
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
        if (permanent)
          return { kind: 'failed', permanent: true, message, counted: recorded.counted };
      }
      throw error;
    }
  }

  /**
   * Where the fetch starts: `from` of the batch, or (incremental) the newest stored row when it is
   * later, which is fetched again so that a partial candle is corrected.
   */
  private async startOf(job: FetchSymbolJobData): Promise<Date | null> {
    const from = job.from ? new Date(job.from) : null;
    if (job.mode !== 'incremental') return from;
    const last =
      job.dataType === 'funding_rate'
        ? await this.series.lastTs('funding_rate_data', job.provider, job.symbol)
        : job.dataType === 'open_interest'
          ? await this.series.lastTs('open_interest_data', job.provider, job.symbol, job.interval)
          : await this.ohlcv.lastTs(job.provider, job.symbol, job.interval);
    return last && (!from || last.getTime() > from.getTime()) ? last : from;
  }

  /** Fetches the job's data type; returns what the outcome stores with it. */
  private async fetch(
    provider: MarketDataProvider,
    job: FetchSymbolJobData,
    from: Date | null,
    to: Date,
    attempt: number,
  ): Promise<{
    received: number;
    rejected: number;
    candles?: OutcomeInput['candles'];
    write?: (tx: Tx) => Promise<number>;
    ledger: FetchRecord[];
  }> {
    const request = { symbol: job.symbol, interval: job.interval, from, to, attempt };
    /** The ledger row of this fetch: the range asked for and the rows kept of the answer. */
    const ledger = (rows: readonly { ts: Date }[]): FetchRecord[] => [
      {
        source: job.provider,
        symbol: job.symbol,
        interval: job.interval,
        dataType: job.dataType,
        from,
        to,
        rows: rows.length,
        firstTs: firstTsOf(rows),
        lastTs: lastTsOf(rows),
      },
    ];
    this.logger.debug(
      `fetching ${job.dataType} ${job.interval} from ${from?.toISOString() ?? 'the start'} to ${to.toISOString()} (${job.mode})`,
    );
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
    if (job.dataType === 'open_interest') {
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
      received: series.candles.length,
      rejected: quality.rejected.length + skipped,
      // The rows' source is the job's provider (their key: another provider's never overwrite them).
      candles: {
        source: job.provider,
        symbol: job.symbol,
        interval: job.interval,
        rows: quality.valid,
      },
      // records_inserted counts candles; corporate actions ride along in the same transaction.
      write:
        series.actions.length > 0
          ? async (tx) => {
              await this.series.upsertActions(tx, job.provider, job.symbol, series.actions);
              return 0;
            }
          : undefined,
      ledger: ledger(quality.valid),
    };
  }
}

/** Earliest `ts` of rows in any order (providers answer in order, but nothing relies on it). */
function firstTsOf(rows: readonly { ts: Date }[]): Date | null {
  let first: Date | null = null;
  for (const r of rows) if (first === null || r.ts.getTime() < first.getTime()) first = r.ts;
  return first;
}

function lastTsOf(rows: readonly { ts: Date }[]): Date | null {
  let last: Date | null = null;
  for (const r of rows) if (last === null || r.ts.getTime() > last.getTime()) last = r.ts;
  return last;
}
