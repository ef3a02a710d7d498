import { Injectable, Logger } from '@nestjs/common';
import { MarketDataError, ProviderRegistry, RateLimitedError } from '@app/market-data';
import { BatchRepository, OhlcvRepository } from '@app/persistence';
import type { FetchSymbolJobData } from './jobs/fetch-symbol.job';

export type SymbolOutcome =
  | {
      kind: 'stored';
      records: number;
      candles: number;
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
    private readonly providers: ProviderRegistry,
  ) {}

  async run(job: FetchSymbolJobData, ctx: AttemptContext): Promise<SymbolOutcome> {
    const begin = await this.batches.beginSymbol(job.detailId);
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
      let from = job.from ? new Date(job.from) : null;
      if (job.mode === 'incremental') {
        // From the newest stored candle, which is fetched again so that a partial one is corrected.
        const last = await this.ohlcv.lastTs(job.symbol, job.interval);
        if (last && (!from || last.getTime() > from.getTime())) from = last;
      }
      const { candles } =
        from && from.getTime() >= to.getTime()
          ? { candles: [] }
          : await provider.fetchCandles({
              symbol: job.symbol,
              interval: job.interval,
              from,
              to,
              attempt: ctx.attempt,
            });
      const result = await this.batches.recordSuccess(job.batchId, job.detailId, (qr) =>
        this.ohlcv.upsert(qr, job.symbol, job.interval, candles),
      );
      return {
        kind: 'stored',
        records: result.recordsInserted,
        candles: candles.length,
        counted: result.counted,
        batchStatus: result.batchStatus,
      };
    } catch (error) {
      const permanent = error instanceof MarketDataError && error.permanent;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof RateLimitedError) throw error; // waits without spending an attempt
      if (permanent || ctx.lastAttempt) {
        const recorded = await this.batches.recordFailure(job.batchId, job.detailId, message);
        if (permanent)
          return { kind: 'failed', permanent: true, message, counted: recorded.counted };
      }
      throw error;
    }
  }
}
