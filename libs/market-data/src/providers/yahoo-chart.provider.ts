import type { ProviderName } from '@app/common';
import type { Candle } from '../candle';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';
import { SymbolNotFoundError } from '../errors/symbol-not-found.error';
import { ProviderHttpClient, type ProviderResponse } from '../http/provider-http';
import { INTERVALS, type Interval, isIntraday } from '../interval';
import type {
  CandleSeries,
  CorporateAction,
  DataType,
  FetchCandlesRequest,
  MarketDataProvider,
} from '../provider';
import { tickerProblem } from './symbol-rules';

export interface YahooChartOptions {
  /** YAHOO_BASE_URL, e.g. https://query2.finance.yahoo.com */
  baseUrl: string;
  /** PROVIDER_TIMEOUT_MS */
  timeoutMs: number;
  /** Clock, for tests. */
  now?: () => Date;
}

const DAY_MS = 86_400_000;

/** Yahoo's names of our intervals. */
const YAHOO_INTERVALS: Record<Interval, string> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '60m',
  '1d': '1d',
  '1wk': '1wk',
  '1mo': '1mo',
};

interface IntradayLimit {
  /** How far back Yahoo keeps candles of this interval. */
  historyDays: number;
  /** Longest range of one request. */
  windowDays: number;
}

/**
 * Yahoo's intraday limits: 1m exists for the last 30 days and is served at most 7 days per
 * request; 5m/15m/30m for the last 60 days; 60m for the last 730 days. Daily and longer: no limit.
 */
export const YAHOO_INTRADAY_LIMITS: Partial<Record<Interval, IntradayLimit>> = {
  '1m': { historyDays: 30, windowDays: 7 },
  '5m': { historyDays: 60, windowDays: 60 },
  '15m': { historyDays: 60, windowDays: 60 },
  '30m': { historyDays: 60, windowDays: 60 },
  '1h': { historyDays: 730, windowDays: 730 },
};

/**
 * Kept clear of the edge of Yahoo's intraday history: Yahoo checks the range against its own
 * clock when the request arrives, so a start exactly `historyDays` ago may already be too old.
 */
export const YAHOO_HISTORY_MARGIN_MS = 3_600_000;

const NOT_FOUND_DESCRIPTION = /no data found, symbol may be delisted/i;
const INVALID_REQUEST_DESCRIPTION =
  /invalid|range|not available|not supported|must be within|days worth|startdate|enddate|period1|period2/i;

/** One request to the chart API. */
export interface YahooWindow {
  /** Unix seconds. */
  period1: number;
  /** Unix seconds. */
  period2: number;
}

/**
 * Yahoo Finance v8 chart API (`/v8/finance/chart/{symbol}`): candles, dividends and splits.
 *
 * - Ranges: daily and longer are one request (`from` null → period1 = 0, Yahoo's whole history).
 *   Intraday ranges are clamped to what Yahoo keeps (see YAHOO_INTRADAY_LIMITS, minus
 *   YAHOO_HISTORY_MARGIN_MS; `from` null → that oldest allowed start) and to now, then split into
 *   consecutive windows fetched one after the other; a range entirely older than the history is an
 *   InvalidRequestError. Candles of all windows are merged, de-duplicated by time and sorted.
 * - Candles are passed through as Yahoo stamps them (daily bars of US equities at the session
 *   open, 13:30/14:30 UTC; a bar stamped exactly at period2 can be included, as in the BTC-USD
 *   recording). Range filtering is the quality step's job (checkCandleQuality).
 * - Entries with a null open/high/low/close are skipped; a null volume counts as 0.
 */
export class YahooChartProvider implements MarketDataProvider {
  readonly name = 'yahoo' satisfies ProviderName;
  readonly intervals = INTERVALS;
  readonly dataTypes: readonly DataType[] = ['ohlcv'];
  private readonly baseUrl: string;
  private readonly http: ProviderHttpClient;

  constructor(private readonly options: YahooChartOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.http = new ProviderHttpClient({ provider: this.name, timeoutMs: options.timeoutMs });
  }

  symbolProblem(symbol: string): string | null {
    return tickerProblem(symbol);
  }

  /** The requests that fetchCandles issues for this range, in order. */
  windows(interval: Interval, from: Date | null, to: Date): YahooWindow[] {
    const limit = YAHOO_INTRADAY_LIMITS[interval];
    if (!limit) {
      return [
        { period1: from ? toSeconds(from.getTime()) : 0, period2: toSecondsUp(to.getTime()) },
      ];
    }
    const now = (this.options.now?.() ?? new Date()).getTime();
    const oldest = now - limit.historyDays * DAY_MS + YAHOO_HISTORY_MARGIN_MS;
    const start = Math.max(from?.getTime() ?? oldest, oldest);
    const end = Math.min(to.getTime(), now);
    if (end <= start) {
      if (to.getTime() <= oldest) {
        throw new InvalidRequestError(
          `yahoo keeps ${interval} candles for the last ${limit.historyDays} days only; ` +
            `the requested range ends at ${to.toISOString()}`,
        );
      }
      return [];
    }
    const out: YahooWindow[] = [];
    const step = limit.windowDays * DAY_MS;
    for (let ws = start; ws < end; ws += step) {
      out.push({ period1: toSeconds(ws), period2: toSecondsUp(Math.min(ws + step, end)) });
    }
    return out;
  }

  async fetchCandles(request: FetchCandlesRequest): Promise<CandleSeries> {
    const { symbol, interval } = request;
    const problem = this.symbolProblem(symbol);
    if (problem) throw new InvalidRequestError(`yahoo: ${problem}: ${JSON.stringify(symbol)}`);
    const byTs = new Map<number, Candle>();
    const actions = new Map<string, CorporateAction>();
    for (const window of this.windows(interval, request.from, request.to)) {
      const url =
        `${this.baseUrl}/v8/finance/chart/${encodeURIComponent(symbol)}` +
        `?period1=${window.period1}&period2=${window.period2}` +
        `&interval=${YAHOO_INTERVALS[interval]}&events=${encodeURIComponent('div|split')}`;
      const response = await this.http.getJson(url, request.signal);
      const series = parseChart(symbol, response, !isIntraday(interval));
      for (const candle of series.candles) {
        if (!byTs.has(candle.ts.getTime())) byTs.set(candle.ts.getTime(), candle);
      }
      for (const action of series.actions) {
        actions.set(`${action.type}@${action.ts.getTime()}`, action);
      }
    }
    return {
      candles: [...byTs.values()].sort((a, b) => a.ts.getTime() - b.ts.getTime()),
      actions: [...actions.values()].sort((a, b) => a.ts.getTime() - b.ts.getTime()),
    };
  }
}

/**
 * One chart response → our types, or the error it stands for. Daily and longer candles (and
 * events) are stamped at UTC midnight of their exchange-local date: Yahoo stamps them at the
 * session open (13:30 UTC for New York) and stamps today's unfinished bar at the current time,
 * which would otherwise store a second row for the same day.
 */
function parseChart(symbol: string, response: ProviderResponse, daily = false): CandleSeries {
  const chart = record(record(response.json)?.chart);
  const error = record(chart?.error);
  if (response.status === 404 || error) {
    const description =
      typeof error?.description === 'string'
        ? error.description
        : `HTTP ${response.status} ${response.text.slice(0, 200)}`;
    if (response.status === 404 || NOT_FOUND_DESCRIPTION.test(description)) {
      throw new SymbolNotFoundError(symbol, description);
    }
    if (INVALID_REQUEST_DESCRIPTION.test(description)) {
      throw new InvalidRequestError(`yahoo: ${description}`);
    }
    throw new ProviderUnavailableError(`yahoo: HTTP ${response.status}: ${description}`);
  }
  if (response.status >= 400) {
    throw new InvalidRequestError(
      `yahoo: HTTP ${response.status} ${response.text.slice(0, 200)}`.trim(),
    );
  }
  const results = chart?.result;
  if (!Array.isArray(results)) {
    throw new ProviderUnavailableError('yahoo: malformed body: no chart.result');
  }
  const result = record(results[0]);
  if (!result) return { candles: [], actions: [] };

  const timestamps = Array.isArray(result.timestamp) ? result.timestamp : [];
  const indicators = record(result.indicators);
  const quote = record(first(indicators?.quote)) ?? {};
  const adjclose = record(first(indicators?.adjclose))?.adjclose;
  const column = (values: unknown, i: number): number | null => {
    if (!Array.isArray(values)) return null;
    const v: unknown = values[i];
    return typeof v === 'number' ? v : null;
  };
  const gmtoffset = record(result.meta)?.gmtoffset;
  const offset = typeof gmtoffset === 'number' ? gmtoffset : 0;
  const stamp = (t: number): Date => (daily ? localDate(t, offset) : new Date(t * 1000));
  const candles: Candle[] = [];
  for (let i = 0; i < timestamps.length; i += 1) {
    const t: unknown = timestamps[i];
    if (typeof t !== 'number') continue;
    const open = column(quote.open, i);
    const high = column(quote.high, i);
    const low = column(quote.low, i);
    const close = column(quote.close, i);
    if (open === null || high === null || low === null || close === null) continue;
    candles.push({
      ts: stamp(t),
      open,
      high,
      low,
      close,
      adjClose: column(adjclose, i),
      volume: column(quote.volume, i) ?? 0,
    });
  }
  return { candles, actions: parseEvents(record(result.events), stamp) };
}

/** UTC midnight of the local date of unix time `t` at `offsetSeconds` from UTC. */
function localDate(t: number, offsetSeconds: number): Date {
  const local = new Date((t + offsetSeconds) * 1000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

function parseEvents(
  events: Record<string, unknown> | null,
  stamp: (t: number) => Date,
): CorporateAction[] {
  const out: CorporateAction[] = [];
  for (const value of Object.values(record(events?.dividends) ?? {})) {
    const dividend = record(value);
    if (typeof dividend?.date !== 'number' || typeof dividend.amount !== 'number') continue;
    out.push({
      ts: stamp(dividend.date),
      type: 'dividend',
      amount: dividend.amount,
      numerator: null,
      denominator: null,
    });
  }
  for (const value of Object.values(record(events?.splits) ?? {})) {
    const split = record(value);
    if (
      typeof split?.date !== 'number' ||
      typeof split.numerator !== 'number' ||
      typeof split.denominator !== 'number'
    ) {
      continue;
    }
    out.push({
      ts: stamp(split.date),
      type: 'split',
      amount: null,
      numerator: split.numerator,
      denominator: split.denominator,
    });
  }
  return out.sort((a, b) => a.ts.getTime() - b.ts.getTime());
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}

function toSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function toSecondsUp(ms: number): number {
  return Math.ceil(ms / 1000);
}
