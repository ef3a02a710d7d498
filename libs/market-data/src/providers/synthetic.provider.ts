import type { ProviderName } from '@app/common';
import type { Candle } from '../candle';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';
import { RateLimitedError } from '../errors/rate-limited.error';
import { SymbolNotFoundError } from '../errors/symbol-not-found.error';
import { floorToInterval, INTERVALS, Interval, isIntraday, nextInterval } from '../interval';
import type { CandleSeries, DataType, FetchCandlesRequest, MarketDataProvider } from '../provider';

export interface SyntheticOptions {
  /** Delay of every fetch, in ms (simulates a provider's response time). */
  latencyMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

/** First candle the synthetic provider "has" per interval kind (its history for mode=full). */
const DAILY_HISTORY_START = Date.UTC(2015, 0, 1);
const INTRADAY_HISTORY_DAYS = 7;

/** 32-bit FNV-1a. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic uniform number in [0, 1) for (seed, n). */
function unit(seed: number, n: number): number {
  let x = (seed ^ Math.imul(n | 0, 0x9e3779b1) ^ Math.floor(n / 4294967296)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

/**
 * Deterministic candles for any symbol: the same (symbol, interval, ts) always gives the same
 * candle, whatever range is asked. Faults are injected by symbol name, for tests and demos:
 * - a symbol containing `NOTFOUND` is unknown (permanent SymbolNotFoundError);
 * - `FLAKY<n>` fails with ProviderUnavailableError on its first n attempts;
 * - `RATELIMIT<n>` answers RateLimitedError (retry after n ms) on its first attempt.
 */
export class SyntheticProvider implements MarketDataProvider {
  readonly name = 'synthetic' satisfies ProviderName;
  readonly intervals = INTERVALS;
  readonly dataTypes: readonly DataType[] = ['ohlcv'];

  constructor(private readonly options: SyntheticOptions = {}) {}

  symbolProblem(symbol: string): string | null {
    return /^[A-Z0-9^][A-Z0-9._=^-]{0,31}$/.test(symbol)
      ? null
      : 'synthetic symbols are 1-32 characters: A-Z, 0-9 and . _ = ^ - (upper case)';
  }

  async fetchCandles(request: FetchCandlesRequest): Promise<CandleSeries> {
    const { symbol, interval, attempt } = request;
    if (this.options.latencyMs) await delay(this.options.latencyMs, request.signal);
    if (symbol.includes('NOTFOUND')) {
      throw new SymbolNotFoundError(symbol, 'No data found, symbol may be delisted');
    }
    const flaky = /FLAKY(\d+)/.exec(symbol);
    if (flaky && attempt <= Number(flaky[1])) {
      throw new ProviderUnavailableError(`synthetic 503 on attempt ${attempt} of ${symbol}`);
    }
    const limited = /RATELIMIT(\d+)/.exec(symbol);
    if (limited && attempt <= 1) throw new RateLimitedError(Number(limited[1]));
    return { candles: this.candles(symbol, interval, request.from, request.to), actions: [] };
  }

  /** The candles with open time in [from, to), never in the future. */
  candles(symbol: string, interval: Interval, from: Date | null, to: Date): Candle[] {
    const now = this.options.now?.() ?? new Date();
    const start = from ?? this.historyStart(interval, now);
    const end = Math.min(to.getTime(), now.getTime());
    const seed = hash(`${symbol}|${interval}`);
    const base = 10 + (hash(symbol) % 990);
    const out: Candle[] = [];
    let ts = floorToInterval(start, interval);
    if (ts.getTime() < start.getTime()) ts = nextInterval(ts, interval);
    for (; ts.getTime() < end; ts = nextInterval(ts, interval)) {
      const n = Math.floor(ts.getTime() / 60_000);
      const price = (k: number): number =>
        base * (1 + 0.25 * Math.sin(k / 5000 + (seed % 628) / 100) + 0.02 * (unit(seed, k) - 0.5));
      const open = round(price(n));
      const close = round(price(n + 1));
      const high = round(Math.max(open, close) * (1 + 0.01 * unit(seed ^ 1, n)));
      const low = round(Math.min(open, close) * (1 - 0.01 * unit(seed ^ 2, n)));
      const volume = Math.floor(1000 + 1_000_000 * unit(seed ^ 3, n));
      out.push({ ts, open, high, low, close, adjClose: close, volume });
    }
    return out;
  }

  private historyStart(interval: Interval, now: Date): Date {
    if (!isIntraday(interval)) return new Date(DAILY_HISTORY_START);
    return new Date(now.getTime() - INTRADAY_HISTORY_DAYS * 86_400_000);
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new ProviderUnavailableError('aborted'));
    });
  });
}
