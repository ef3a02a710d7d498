import type { ProviderName } from '@app/common';
import type { Candle } from '../candle';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';
import { SymbolNotFoundError } from '../errors/symbol-not-found.error';
import { ProviderHttpClient, type ProviderResponse } from '../http/provider-http';
import { INTERVALS, intervalMs, nextInterval, type Interval } from '../interval';
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

/** BINANCE_BASE_URL (e.g. https://fapi.binance.com), PROVIDER_TIMEOUT_MS, a clock for tests. */
export type BinanceFuturesOptions = FuturesProviderOptions;

/** Binance's names of our intervals (klines). */
const KLINE_INTERVALS: Record<Interval, string> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '1d': '1d',
  '1wk': '1w',
  '1mo': '1M',
};

/** Open-interest periods Binance serves (5m 15m 30m 1h 2h 4h 6h 12h 1d) that are our intervals. */
const OPEN_INTEREST_PERIODS: Partial<Record<Interval, string>> = {
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '1d': '1d',
};

export const BINANCE_KLINES_LIMIT = 1500;
export const BINANCE_FUNDING_LIMIT = 1000;
export const BINANCE_OPEN_INTEREST_LIMIT = 500;
/** Binance keeps open-interest history for the last 30 days. */
export const BINANCE_OPEN_INTEREST_HISTORY_DAYS = 30;
/** Kept clear of the edge of that history (Binance checks against its own clock). */
export const BINANCE_HISTORY_MARGIN_MS = 3_600_000;
/** Binance's "Invalid symbol." error code. */
const INVALID_SYMBOL = -1121;
/** Guard against a server that never lets pagination end. */
const MAX_PAGES = 10_000;

/**
 * Binance USDⓈ-M futures (`/fapi/v1/klines`, `/fapi/v1/fundingRate`,
 * `/futures/data/openInterestHist`).
 *
 * - Ranges: our [from, to) is sent as startTime = from (0 when null: from the listing) and
 *   endTime = to − 1 (Binance's endTime is inclusive). Pages are fetched in time order: the next
 *   startTime is the last row's time plus one interval (klines) or plus 1 ms (funding), until
 *   an empty or short page or endTime. Open interest is asked in consecutive windows of 500
 *   periods (Binance does not document which end it keeps of a longer range).
 * - The newest kline may still be open (it is returned; a later fetch overwrites it).
 * - Open interest exists for the last 30 days only: `from` is clamped to now − 30 days + 1 h; a
 *   range that ends before that is an InvalidRequestError, as is an interval Binance has no period
 *   for (1m, 1wk, 1mo).
 * - No adjusted close (adjClose null) and no corporate actions.
 */
export class BinanceFuturesProvider implements MarketDataProvider {
  readonly name = 'binance' satisfies ProviderName;
  readonly intervals = INTERVALS;
  readonly dataTypes: readonly DataType[] = ['ohlcv', 'funding_rate', 'open_interest'];
  readonly candlesPerRequest = BINANCE_KLINES_LIMIT;
  private readonly baseUrl: string;
  private readonly http: ProviderHttpClient;

  constructor(private readonly options: BinanceFuturesOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.http = new ProviderHttpClient({ provider: this.name, timeoutMs: options.timeoutMs });
  }

  symbolProblem(symbol: string): string | null {
    return contractSymbolProblem(this.name, symbol, 20);
  }

  async fetchCandles(request: FetchCandlesRequest): Promise<CandleSeries> {
    const { symbol, interval } = request;
    this.checkSymbol(symbol);
    const endTime = request.to.getTime() - 1;
    const candles: Candle[] = [];
    let startTime = request.from?.getTime() ?? 0;
    for (let page = 0; startTime <= endTime; page += 1) {
      this.checkPages(page);
      const rows = await this.getArray(
        symbol,
        '/fapi/v1/klines',
        {
          symbol,
          interval: KLINE_INTERVALS[interval],
          startTime,
          endTime,
          limit: BINANCE_KLINES_LIMIT,
        },
        request.signal,
      );
      for (const row of rows) candles.push(parseKline(row));
      if (rows.length < BINANCE_KLINES_LIMIT) break;
      const last = candles[candles.length - 1].ts;
      const next = nextInterval(last, interval).getTime();
      if (next <= startTime) {
        throw new ProviderUnavailableError('binance: klines pages do not advance');
      }
      startTime = next;
    }
    return { candles, actions: [] };
  }

  async fetchFundingRates(request: FetchRangeRequest): Promise<FundingRate[]> {
    const { symbol } = request;
    this.checkSymbol(symbol);
    const endTime = request.to.getTime() - 1;
    const out: FundingRate[] = [];
    let startTime = request.from?.getTime() ?? 0;
    for (let page = 0; startTime <= endTime; page += 1) {
      this.checkPages(page);
      const rows = await this.getArray(
        symbol,
        '/fapi/v1/fundingRate',
        { symbol, startTime, endTime, limit: BINANCE_FUNDING_LIMIT },
        request.signal,
      );
      for (const row of rows) out.push(parseFunding(row));
      if (rows.length < BINANCE_FUNDING_LIMIT) break;
      const next = out[out.length - 1].ts.getTime() + 1;
      if (next <= startTime) {
        throw new ProviderUnavailableError('binance: funding pages do not advance');
      }
      startTime = next;
    }
    return out;
  }

  async fetchOpenInterest(request: FetchCandlesRequest): Promise<OpenInterest[]> {
    const { symbol, interval } = request;
    this.checkSymbol(symbol);
    const period = OPEN_INTEREST_PERIODS[interval];
    if (!period) {
      throw new InvalidRequestError(
        `binance: no open-interest period for interval ${interval}; ` +
          `one of ${Object.keys(OPEN_INTEREST_PERIODS).join(', ')}`,
      );
    }
    const now = (this.options.now?.() ?? new Date()).getTime();
    const oldest =
      now - BINANCE_OPEN_INTEREST_HISTORY_DAYS * 86_400_000 + BINANCE_HISTORY_MARGIN_MS;
    const endTime = Math.min(request.to.getTime(), now) - 1;
    if (request.to.getTime() <= oldest) {
      throw new InvalidRequestError(
        `binance keeps open interest for the last ${BINANCE_OPEN_INTEREST_HISTORY_DAYS} days only; ` +
          `the requested range ends at ${request.to.toISOString()}`,
      );
    }
    // Requested in windows of at most `limit` periods, so that every window fits in one answer
    // whichever end Binance would truncate an over-long range from.
    const byTs = new Map<number, OpenInterest>();
    const span = BINANCE_OPEN_INTEREST_LIMIT * intervalMs(interval);
    const first = Math.max(request.from?.getTime() ?? oldest, oldest);
    for (let startTime = first, page = 0; startTime <= endTime; startTime += span, page += 1) {
      this.checkPages(page);
      const windowEnd = Math.min(startTime + span - 1, endTime);
      const rows = await this.getArray(
        symbol,
        '/futures/data/openInterestHist',
        { symbol, period, startTime, endTime: windowEnd, limit: BINANCE_OPEN_INTEREST_LIMIT },
        request.signal,
      );
      for (const row of rows) {
        const point = parseOpenInterest(row);
        if (!byTs.has(point.ts.getTime())) byTs.set(point.ts.getTime(), point);
      }
    }
    return [...byTs.values()].sort((x, y) => x.ts.getTime() - y.ts.getTime());
  }

  private checkSymbol(symbol: string): void {
    assertSymbol(this.name, symbol, this.symbolProblem(symbol));
  }

  private checkPages(page: number): void {
    if (page >= MAX_PAGES) throw new ProviderUnavailableError('binance: too many pages');
  }

  private async getArray(
    symbol: string,
    path: string,
    query: Record<string, string | number>,
    signal: AbortSignal | undefined,
  ): Promise<unknown[]> {
    const response = await this.http.getJson(
      `${this.baseUrl}${path}?${queryString(query)}`,
      signal,
    );
    if (response.status >= 400) throw binanceError(symbol, response);
    if (!Array.isArray(response.json)) {
      throw new ProviderUnavailableError(
        `binance: malformed body from ${path}: expected an array, got ${response.text.slice(0, 200)}`,
      );
    }
    return response.json;
  }
}

/** A 4xx answer → SymbolNotFoundError for code -1121, else InvalidRequestError with Binance's msg. */
function binanceError(symbol: string, response: ProviderResponse): Error {
  const body =
    typeof response.json === 'object' && response.json !== null
      ? (response.json as { code?: unknown; msg?: unknown })
      : {};
  const msg = typeof body.msg === 'string' ? body.msg : response.text.slice(0, 200);
  if (body.code === INVALID_SYMBOL) return new SymbolNotFoundError(symbol, msg);
  const code = typeof body.code === 'number' ? ` ${body.code}` : '';
  return new InvalidRequestError(`binance: HTTP ${response.status}${code}: ${msg}`);
}

const malformed = (what: string, row: unknown) => malformedRow('binance', what, row);

/** [openTime, open, high, low, close, volume, closeTime, ...]; prices are strings. */
function parseKline(row: unknown): Candle {
  if (!Array.isArray(row) || row.length < 6 || typeof row[0] !== 'number') {
    throw malformed('kline', row);
  }
  return {
    ts: new Date(row[0]),
    open: Number(row[1]),
    high: Number(row[2]),
    low: Number(row[3]),
    close: Number(row[4]),
    adjClose: null,
    volume: Number(row[5]),
  };
}

function parseFunding(row: unknown): FundingRate {
  const r = row as { fundingTime?: unknown; fundingRate?: unknown; markPrice?: unknown } | null;
  const rate = optionalNumber(r?.fundingRate);
  if (typeof r?.fundingTime !== 'number' || rate === null) throw malformed('funding rate', row);
  return {
    ts: new Date(r.fundingTime),
    fundingRate: rate,
    markPrice: optionalNumber(r.markPrice),
  };
}

function parseOpenInterest(row: unknown): OpenInterest {
  const r = row as {
    timestamp?: unknown;
    sumOpenInterest?: unknown;
    sumOpenInterestValue?: unknown;
  } | null;
  if (typeof r?.timestamp !== 'number' || typeof r.sumOpenInterest !== 'string') {
    throw malformed('open interest', row);
  }
  return {
    ts: new Date(r.timestamp),
    openInterest: Number(r.sumOpenInterest),
    openInterestValue: optionalNumber(r.sumOpenInterestValue),
  };
}

/** "" / missing / not a number → null. */
function optionalNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
