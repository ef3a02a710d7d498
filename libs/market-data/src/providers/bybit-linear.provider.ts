import type { ProviderName } from '@app/common';
import type { Candle } from '../candle';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';
import { RateLimitedError } from '../errors/rate-limited.error';
import { SymbolNotFoundError } from '../errors/symbol-not-found.error';
import { ProviderHttpClient } from '../http/provider-http';
import { INTERVALS, intervalMs, type Interval } from '../interval';
import type {
  CandleSeries,
  DataType,
  FetchCandlesRequest,
  FetchRangeRequest,
  FundingRate,
  MarketDataProvider,
  OpenInterest,
} from '../provider';
import {
  assertSymbol,
  contractSymbolProblem,
  FuturesProviderOptions,
  malformedRow,
  queryString,
} from './futures-common';

/** BYBIT_BASE_URL (e.g. https://api.bybit.com), PROVIDER_TIMEOUT_MS, a clock for tests. */
export type BybitLinearOptions = FuturesProviderOptions;

/** Bybit's names of our intervals (kline `interval`). */
const KLINE_INTERVALS: Record<Interval, string> = {
  '1m': '1',
  '5m': '5',
  '15m': '15',
  '30m': '30',
  '1h': '60',
  '1d': 'D',
  '1wk': 'W',
  '1mo': 'M',
};

/** Open-interest `intervalTime` values Bybit serves (5min … 1d) that are our intervals. */
const OPEN_INTEREST_PERIODS: Partial<Record<Interval, string>> = {
  '5m': '5min',
  '15m': '15min',
  '30m': '30min',
  '1h': '1h',
  '1d': '1d',
};

export const BYBIT_KLINE_LIMIT = 1000;
export const BYBIT_FUNDING_LIMIT = 200;
export const BYBIT_OPEN_INTEREST_LIMIT = 200;
/** The shortest funding period Bybit uses (1 h): a window of 200 h holds at most 200 rows. */
const FUNDING_MIN_PERIOD_MS = 3_600_000;
/** Guard against a range that never ends. */
const MAX_PAGES = 10_000;
/** Bybit's "too many visits" retCode, and the wait used for it. */
const TOO_MANY_VISITS = 10006;
const RATE_LIMIT_WAIT_MS = 5000;

/**
 * Bybit v5, USDT perpetuals (`category=linear`): `/v5/market/kline`, `/v5/market/funding/history`,
 * `/v5/market/open-interest`.
 *
 * - Bybit answers newest first and every number is a string. Our [from, to) is read backwards
 *   in windows [start, end] (both inclusive for Bybit) that hold at most `limit` rows, so no
 *   answer is ever cut short whichever end Bybit would trim. With `from` null the walk goes back
 *   until a window comes back empty (before the listing).
 * - Errors come as HTTP 200 with `retCode` ≠ 0: an unknown symbol (retCode 10001 naming the
 *   symbol) is permanent (SymbolNotFoundError), 10006 "too many visits" waits (RateLimitedError),
 *   other codes are InvalidRequestError with Bybit's `retMsg`.
 * - The newest kline may still be open (it is returned; a later fetch overwrites it).
 * - No adjusted close and no corporate actions.
 */
export class BybitLinearProvider implements MarketDataProvider {
  readonly name = 'bybit' satisfies ProviderName;
  readonly intervals = INTERVALS;
  readonly dataTypes: readonly DataType[] = ['ohlcv', 'funding_rate', 'open_interest'];
  readonly candlesPerRequest = BYBIT_KLINE_LIMIT;
  private readonly baseUrl: string;
  private readonly http: ProviderHttpClient;

  constructor(private readonly options: BybitLinearOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.http = new ProviderHttpClient({ provider: this.name, timeoutMs: options.timeoutMs });
  }

  symbolProblem(symbol: string): string | null {
    return contractSymbolProblem(this.name, symbol, 25);
  }

  async fetchCandles(request: FetchCandlesRequest): Promise<CandleSeries> {
    const { symbol, interval } = request;
    this.checkSymbol(symbol);
    const rows = await this.backwards(
      request,
      BYBIT_KLINE_LIMIT * intervalMs(interval),
      async (start, end) =>
        (
          await this.list(
            symbol,
            '/v5/market/kline',
            {
              category: 'linear',
              symbol,
              interval: KLINE_INTERVALS[interval],
              start,
              end,
              limit: BYBIT_KLINE_LIMIT,
            },
            request.signal,
          )
        ).map(parseKline),
    );
    return { candles: rows, actions: [] };
  }

  async fetchFundingRates(request: FetchRangeRequest): Promise<FundingRate[]> {
    const { symbol } = request;
    this.checkSymbol(symbol);
    return this.backwards(
      request,
      BYBIT_FUNDING_LIMIT * FUNDING_MIN_PERIOD_MS,
      async (startTime, endTime) =>
        (
          await this.list(
            symbol,
            '/v5/market/funding/history',
            { category: 'linear', symbol, startTime, endTime, limit: BYBIT_FUNDING_LIMIT },
            request.signal,
          )
        ).map(parseFunding),
    );
  }

  async fetchOpenInterest(request: FetchCandlesRequest): Promise<OpenInterest[]> {
    const { symbol, interval } = request;
    this.checkSymbol(symbol);
    const intervalTime = OPEN_INTEREST_PERIODS[interval];
    if (!intervalTime) {
      throw new InvalidRequestError(
        `bybit: no open-interest period for interval ${interval}; ` +
          `one of ${Object.keys(OPEN_INTEREST_PERIODS).join(', ')}`,
      );
    }
    return this.backwards(
      request,
      BYBIT_OPEN_INTEREST_LIMIT * intervalMs(interval),
      async (startTime, endTime) =>
        (
          await this.list(
            symbol,
            '/v5/market/open-interest',
            {
              category: 'linear',
              symbol,
              intervalTime,
              startTime,
              endTime,
              limit: BYBIT_OPEN_INTEREST_LIMIT,
            },
            request.signal,
          )
        ).map(parseOpenInterest),
    );
  }

  /**
   * Reads [from, to) backwards in windows of `spanMs`, oldest row first in the result, rows
   * outside the range and repeated timestamps dropped.
   */
  private async backwards<T extends { ts: Date }>(
    request: FetchRangeRequest,
    spanMs: number,
    fetchWindow: (start: number, end: number) => Promise<T[]>,
  ): Promise<T[]> {
    const from = request.from?.getTime() ?? null;
    const now = (this.options.now?.() ?? new Date()).getTime();
    // Nothing starts after now: the newest (open) candle starts at or before it.
    let end = Math.min(request.to.getTime(), now + 1) - 1;
    const byTs = new Map<number, T>();
    for (let page = 0; from === null || end >= from; page += 1) {
      if (page >= MAX_PAGES) throw new ProviderUnavailableError('bybit: too many pages');
      const start = from === null ? end - spanMs + 1 : Math.max(from, end - spanMs + 1);
      let inside = 0;
      for (const row of await fetchWindow(start, end)) {
        const t = row.ts.getTime();
        if (t < start || t > end) continue;
        inside += 1;
        if (!byTs.has(t)) byTs.set(t, row);
      }
      if (inside === 0 && from === null) break;
      end = start - 1;
    }
    return [...byTs.values()].sort((x, y) => x.ts.getTime() - y.ts.getTime());
  }

  private checkSymbol(symbol: string): void {
    assertSymbol(this.name, symbol, this.symbolProblem(symbol));
  }

  /** GET `path`, checks Bybit's envelope and returns `result.list`. */
  private async list(
    symbol: string,
    path: string,
    query: Record<string, string | number>,
    signal: AbortSignal | undefined,
  ): Promise<unknown[]> {
    const response = await this.http.getJson(
      `${this.baseUrl}${path}?${queryString(query)}`,
      signal,
    );
    const body = (
      typeof response.json === 'object' && response.json !== null ? response.json : {}
    ) as { retCode?: unknown; retMsg?: unknown; result?: { list?: unknown } };
    const retMsg = typeof body.retMsg === 'string' ? body.retMsg : response.text.slice(0, 200);
    if (response.status >= 400 || (typeof body.retCode === 'number' && body.retCode !== 0)) {
      throw bybitError(symbol, response.status, body.retCode, retMsg);
    }
    if (body.retCode !== 0 || !Array.isArray(body.result?.list)) {
      throw new ProviderUnavailableError(
        `bybit: malformed body from ${path}: ${response.text.slice(0, 200)}`,
      );
    }
    return body.result.list;
  }
}

function bybitError(symbol: string, status: number, retCode: unknown, retMsg: string): Error {
  if (retCode === TOO_MANY_VISITS) {
    return new RateLimitedError(RATE_LIMIT_WAIT_MS, `bybit: ${retMsg}`);
  }
  if (retCode === 10001 && /symbol/i.test(retMsg)) return new SymbolNotFoundError(symbol, retMsg);
  const code = typeof retCode === 'number' ? ` retCode ${retCode}` : '';
  return new InvalidRequestError(`bybit: HTTP ${status}${code}: ${retMsg}`);
}

const malformed = (what: string, row: unknown) => malformedRow('bybit', what, row);

/** A millisecond timestamp sent as a string (or a number). */
function msOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

/** [startTime, open, high, low, close, volume, turnover], all strings. */
function parseKline(row: unknown): Candle {
  const ts = Array.isArray(row) && row.length >= 6 ? msOf(row[0]) : null;
  if (ts === null) throw malformed('kline', row);
  const r = row as unknown[];
  return {
    ts: new Date(ts),
    open: Number(r[1]),
    high: Number(r[2]),
    low: Number(r[3]),
    close: Number(r[4]),
    adjClose: null,
    volume: Number(r[5]),
  };
}

function parseFunding(row: unknown): FundingRate {
  const r = row as { fundingRateTimestamp?: unknown; fundingRate?: unknown } | null;
  const ts = msOf(r?.fundingRateTimestamp);
  const rate = typeof r?.fundingRate === 'string' ? Number(r.fundingRate) : NaN;
  if (ts === null || !Number.isFinite(rate)) throw malformed('funding rate', row);
  return { ts: new Date(ts), fundingRate: rate, markPrice: null };
}

function parseOpenInterest(row: unknown): OpenInterest {
  const r = row as { timestamp?: unknown; openInterest?: unknown } | null;
  const ts = msOf(r?.timestamp);
  const value = typeof r?.openInterest === 'string' ? Number(r.openInterest) : NaN;
  if (ts === null || !Number.isFinite(value)) throw malformed('open interest', row);
  return { ts: new Date(ts), openInterest: value, openInterestValue: null };
}
