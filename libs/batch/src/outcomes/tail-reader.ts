import { Injectable } from '@nestjs/common';
import { GroupCommit } from '@app/common';
import { CandleRow, OhlcvRepository } from '@app/persistence';

/** Most series one tail statement reads. */
const MAX_GROUP = 64;

/** The newest `limit` candles of a series (before `before` when given). */
export interface TailRequest {
  source: string;
  symbol: string;
  interval: string;
  limit: number;
  before: Date | null;
}

/**
 * OhlcvRepository.tail, grouped: the tails asked for while the previous read runs go together into
 * the next statement (OhlcvRepository.tails), as the begins and outcomes of the jobs do
 * (OutcomeRecorder). A lone job is read at once. Reads the primary: a tail is read right before
 * the job writes after it.
 */
@Injectable()
export class TailReader {
  private readonly reads: GroupCommit<TailRequest, CandleRow[]>;

  constructor(ohlcv: OhlcvRepository) {
    this.reads = new GroupCommit(
      async (requests) =>
        (await ohlcv.tails(requests)).map((value) => ({ status: 'fulfilled' as const, value })),
      { maxItems: MAX_GROUP, maxInFlight: 1 },
    );
  }

  /** The newest `limit` candles of the series (before `before` when given), newest first. */
  tail(
    source: string,
    symbol: string,
    interval: string,
    limit: number,
    before: Date | null = null,
  ): Promise<CandleRow[]> {
    return this.reads.submit({ source, symbol, interval, limit, before });
  }
}
