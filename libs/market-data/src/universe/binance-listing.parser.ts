/**
 * Binance USDⓈ-M futures `GET /fapi/v1/exchangeInfo` (test/fixtures/universe/README.md describes
 * the response and its quirks).
 */
import { contractSymbolProblem } from '../providers/futures-common';
import { ListingError } from './listing.error';
import { isObject, own, parseJsonBody, utcDay } from './listing-input';
import type { ListedInstrument, Listing, RejectedInstrument } from './listing';

/** Longest symbol BinanceFuturesProvider accepts. */
const BINANCE_SYMBOL_MAX = 20;

/**
 * The perpetual contracts Binance trades now: `contractType` PERPETUAL and `status` TRADING.
 * SETTLING (delisted, kept in the list with the delisting time as deliveryDate), PENDING_TRADING
 * and quarterly contracts (`BTCUSDT_241227`) are left out, so a sync marks a settled contract
 * delisted. deliveryDate is not read: a perpetual's is a "never" value in the year 2100, not always
 * the same instant. Each instrument: provider `binance`, exchange `BINANCE` (its trading calendar
 * is CRYPTO), asset class `perpetual`, name `<base>/<quote> perpetual`, currency = quoteAsset,
 * listedDate = onboardDate (UTC), no market segment or industry. asOf = serverTime (UTC). A
 * symbol the binance provider would refuse is listed in `rejected` instead.
 */
export function parseBinanceExchangeInfo(body: Buffer | string): Listing {
  const json = parseJsonBody('binance', body, 'exchangeInfo');
  if (isObject(json) && own(json, 'symbols') === undefined && own(json, 'msg') !== undefined) {
    throw new ListingError(
      'LISTING_NOT_A_LISTING',
      'binance',
      `Binance answered an error instead of exchangeInfo: ${JSON.stringify(own(json, 'code'))} ${String(own(json, 'msg')).slice(0, 200)}`,
    );
  }
  const symbols = isObject(json) ? own(json, 'symbols') : undefined;
  const serverTime = isObject(json) ? own(json, 'serverTime') : undefined;
  const asOf = typeof serverTime === 'number' ? utcDay(serverTime) : null;
  if (!Array.isArray(symbols) || asOf === null) {
    throw new ListingError(
      'LISTING_NOT_A_LISTING',
      'binance',
      'JSON without a `symbols` array and a numeric `serverTime`: not an exchangeInfo response',
    );
  }

  const instruments: ListedInstrument[] = [];
  const rejected: RejectedInstrument[] = [];
  const seen = new Set<string>();
  symbols.forEach((entry: unknown, index) => {
    if (!isObject(entry)) {
      throw new ListingError('LISTING_CORRUPT', 'binance', `symbols[${index}] is not an object`);
    }
    if (own(entry, 'contractType') !== 'PERPETUAL' || own(entry, 'status') !== 'TRADING') return;
    const symbol = own(entry, 'symbol');
    const base = own(entry, 'baseAsset');
    const quote = own(entry, 'quoteAsset');
    if (typeof symbol !== 'string' || typeof base !== 'string' || typeof quote !== 'string') {
      throw new ListingError(
        'LISTING_CORRUPT',
        'binance',
        `symbols[${index}] lacks symbol, baseAsset or quoteAsset: ${JSON.stringify(entry).slice(0, 200)}`,
      );
    }
    const problem = contractSymbolProblem('binance', symbol, BINANCE_SYMBOL_MAX);
    if (problem || seen.has(symbol)) {
      rejected.push({ symbol, reason: problem ?? 'listed twice' });
      return;
    }
    seen.add(symbol);
    const onboard = own(entry, 'onboardDate');
    instruments.push({
      provider: 'binance',
      symbol,
      name: `${base}/${quote} perpetual`,
      exchange: 'BINANCE',
      assetClass: 'perpetual',
      marketSegment: null,
      industryCode: null,
      industryName: null,
      currency: quote === '' ? null : quote,
      listedDate: typeof onboard === 'number' ? utcDay(onboard) : null,
    });
  });
  if (instruments.length === 0) {
    throw new ListingError(
      'LISTING_EMPTY',
      'binance',
      `exchangeInfo lists ${symbols.length} symbols but no perpetual contract with status TRADING`,
    );
  }
  return { source: 'binance', asOf, instruments, rejected };
}
