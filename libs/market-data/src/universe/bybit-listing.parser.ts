/**
 * Bybit v5 `GET /v5/market/instruments-info?category=linear`, one page (cursor paging; see
 * test/fixtures/universe/README.md for the response and its quirks).
 */
import { contractSymbolProblem } from '../providers/futures-common';
import { ListingError } from './listing.error';
import { isObject, own, parseJsonBody, utcDay } from './listing-input';
import type { ListedInstrument, RejectedInstrument } from './listing';

/** Longest symbol BybitLinearProvider accepts. */
const BYBIT_SYMBOL_MAX = 25;

/** Bybit retCodes that mean "try again later" (server busy, timeout, rate limits). */
const TRANSIENT_RET_CODES = new Set([10000, 10006, 10016, 10018]);

export interface BybitInstrumentsPage {
  instruments: ListedInstrument[];
  /** The cursor of the next page; null on the last page (empty or missing nextPageCursor). */
  nextCursor: string | null;
  /** `time` of the response (UTC). */
  asOf: string;
  /** Trading perpetuals whose symbol the bybit provider would refuse. */
  rejected: RejectedInstrument[];
}

/**
 * The linear perpetuals Bybit trades now: `contractType` LinearPerpetual and `status` Trading
 * (USDT and USDC perpetuals; LinearFutures and PreLaunch/Delivering/Closed are left out). Each:
 * provider `bybit`, exchange `BYBIT` (calendar CRYPTO), asset class `perpetual`, name
 * `<base>/<quote> perpetual`, currency = quoteCoin, listedDate = launchTime (UTC). An empty page
 * is not an error here (ListingFetcher checks the whole listing).
 */
export function parseBybitInstrumentsPage(body: Buffer | string): BybitInstrumentsPage {
  const json = parseJsonBody('bybit', body, 'instruments-info');
  const root = isObject(json) ? json : {};
  const retCode = own(root, 'retCode');
  if (typeof retCode === 'number' && retCode !== 0) {
    const message = `Bybit answered retCode ${retCode} ${String(own(root, 'retMsg')).slice(0, 200)}`;
    throw new ListingError(
      TRANSIENT_RET_CODES.has(retCode) ? 'LISTING_UNREACHABLE' : 'LISTING_NOT_A_LISTING',
      'bybit',
      message,
    );
  }
  const result = own(root, 'result');
  const list = isObject(result) ? own(result, 'list') : undefined;
  const time = own(root, 'time');
  const asOf = typeof time === 'number' ? utcDay(time) : null;
  if (retCode !== 0 || !Array.isArray(list) || asOf === null) {
    throw new ListingError(
      'LISTING_NOT_A_LISTING',
      'bybit',
      'JSON without retCode 0, a `result.list` array and a numeric `time`: not an instruments-info response',
    );
  }
  const cursor = isObject(result) ? own(result, 'nextPageCursor') : undefined;
  if (cursor !== undefined && cursor !== null && typeof cursor !== 'string') {
    throw new ListingError('LISTING_CORRUPT', 'bybit', 'result.nextPageCursor is not a string');
  }

  const instruments: ListedInstrument[] = [];
  const rejected: RejectedInstrument[] = [];
  list.forEach((entry: unknown, index) => {
    if (!isObject(entry)) {
      throw new ListingError('LISTING_CORRUPT', 'bybit', `result.list[${index}] is not an object`);
    }
    if (own(entry, 'contractType') !== 'LinearPerpetual' || own(entry, 'status') !== 'Trading') {
      return;
    }
    const symbol = own(entry, 'symbol');
    const base = own(entry, 'baseCoin');
    const quote = own(entry, 'quoteCoin');
    if (typeof symbol !== 'string' || typeof base !== 'string' || typeof quote !== 'string') {
      throw new ListingError(
        'LISTING_CORRUPT',
        'bybit',
        `result.list[${index}] lacks symbol, baseCoin or quoteCoin: ${JSON.stringify(entry).slice(0, 200)}`,
      );
    }
    const problem = contractSymbolProblem('bybit', symbol, BYBIT_SYMBOL_MAX);
    if (problem) {
      rejected.push({ symbol, reason: problem });
      return;
    }
    const launch = own(entry, 'launchTime');
    const launchMs = typeof launch === 'string' && /^\d{1,15}$/.test(launch) ? Number(launch) : 0;
    instruments.push({
      provider: 'bybit',
      symbol,
      name: `${base}/${quote} perpetual`,
      exchange: 'BYBIT',
      assetClass: 'perpetual',
      marketSegment: null,
      industryCode: null,
      industryName: null,
      currency: quote === '' ? null : quote,
      listedDate: launchMs > 0 ? utcDay(launchMs) : null,
    });
  });
  return {
    instruments,
    nextCursor: typeof cursor === 'string' && cursor !== '' ? cursor : null,
    asOf,
    rejected,
  };
}
