import type { ProviderName } from '@app/common';
import type { Candle } from './candle';
import type { Interval } from './interval';

export type DataType = 'ohlcv' | 'funding_rate' | 'open_interest';
export const DATA_TYPES: readonly DataType[] = ['ohlcv', 'funding_rate', 'open_interest'];

export interface FetchRangeRequest {
  symbol: string;
  /** Inclusive start; null: as far back as the provider has. */
  from: Date | null;
  /** Exclusive end. */
  to: Date;
  /** 1 on the first try of this symbol. */
  attempt: number;
  signal?: AbortSignal;
}

export interface FetchCandlesRequest extends FetchRangeRequest {
  interval: Interval;
}

/** A split or a dividend, as reported with a provider's candles. */
export interface CorporateAction {
  ts: Date;
  type: 'split' | 'dividend';
  /** Dividend per share (null for splits). */
  amount: number | null;
  /** Split ratio numerator:denominator (null for dividends). */
  numerator: number | null;
  denominator: number | null;
}

export interface CandleSeries {
  candles: Candle[];
  actions: CorporateAction[];
}

export interface FundingRate {
  ts: Date;
  fundingRate: number;
  markPrice: number | null;
}

export interface OpenInterest {
  ts: Date;
  openInterest: number;
  openInterestValue: number | null;
}

/** A source of market data. Converts to our types; never swallows errors (throws MarketDataError). */
export interface MarketDataProvider {
  /** One of PROVIDER_NAMES (@app/common): the one list of provider names. */
  readonly name: ProviderName;
  readonly intervals: readonly Interval[];
  readonly dataTypes: readonly DataType[];
  /**
   * Candles one request answers at most, when the provider pages a range (a backfill plan counts
   * its requests with it); absent: a range is one request whatever its length.
   */
  readonly candlesPerRequest?: number;
  /** Why `symbol` is not a valid symbol for this provider, or null when it is. */
  symbolProblem(symbol: string): string | null;
  fetchCandles(request: FetchCandlesRequest): Promise<CandleSeries>;
  fetchFundingRates?(request: FetchRangeRequest): Promise<FundingRate[]>;
  /** Open interest sampled per `interval`. */
  fetchOpenInterest?(request: FetchCandlesRequest): Promise<OpenInterest[]>;
}
