import type { Candle } from './candle';
import type { Interval } from './interval';

export type DataType = 'ohlcv' | 'funding_rate' | 'open_interest';

export interface FetchCandlesRequest {
  symbol: string;
  interval: Interval;
  /** Inclusive start; null: as far back as the provider has. */
  from: Date | null;
  /** Exclusive end. */
  to: Date;
  /** 1 on the first try of this symbol. */
  attempt: number;
  signal?: AbortSignal;
}

/** A source of market data. Converts to our types; never swallows errors (throws MarketDataError). */
export interface MarketDataProvider {
  readonly name: string;
  readonly intervals: readonly Interval[];
  readonly dataTypes: readonly DataType[];
  /** Why `symbol` is not a valid symbol for this provider, or null when it is. */
  symbolProblem(symbol: string): string | null;
  fetchCandles(request: FetchCandlesRequest): Promise<Candle[]>;
}
