/**
 * Listing readers: an exchange's list of instruments (JPX's 東証上場銘柄一覧 `data_j.xls`,
 * Binance USDⓈ-M `exchangeInfo`, Bybit v5 `instruments-info`, or a local CSV) turned into one
 * normalized list. The parsers (one file per source, re-exported here) are pure functions of the
 * bytes; ListingFetcher downloads. README "Universe listings" has the mapping rules.
 */
export const LISTING_SOURCES = ['jpx', 'binance', 'bybit', 'csv'] as const;
export type ListingSource = (typeof LISTING_SOURCES)[number];

export function isListingSource(value: unknown): value is ListingSource {
  return typeof value === 'string' && (LISTING_SOURCES as readonly string[]).includes(value);
}

/**
 * One instrument of a listing.
 *
 * assetClass values: `equity` (JPX stocks of every market, domestic and foreign), `etf` (JPX
 * ETF・ETN), `reit` (JPX REIT・ベンチャーファンド・カントリーファンド・インフラファンド), `other`
 * (JPX 出資証券, or an unknown JPX 市場・商品区分), `perpetual` (Binance and Bybit linear
 * perpetual futures); a CSV carries its own value.
 */
export interface ListedInstrument {
  /** Provider that serves its data: 'yahoo' for JPX, 'binance', 'bybit'; csv: its column. */
  provider: string;
  /** e.g. '7203.T', '130A.T', 'BTCUSDT'. */
  symbol: string;
  name: string | null;
  /** 'TSE' (JPX), 'BINANCE', 'BYBIT'; csv: its column. */
  exchange: string | null;
  assetClass: string | null;
  /** JPX: English name of 市場・商品区分 ('Prime', 'Standard', 'Growth', 'ETF/ETN', …). */
  marketSegment: string | null;
  /** JPX: 33業種コード zero-padded to 4 digits ('0050'); null where JPX writes '-'. */
  industryCode: string | null;
  /** JPX: 33業種区分 (Japanese, as published); null where JPX writes '-'. */
  industryName: string | null;
  /** 'JPY' (JPX); the quote asset for crypto ('USDT', 'USDC'). */
  currency: string | null;
  /** YYYY-MM-DD (Binance onboardDate, Bybit launchTime, UTC); null when unknown (JPX). */
  listedDate: string | null;
}

/** An instrument the exchange lists as trading that the listing leaves out, and why. */
export interface RejectedInstrument {
  symbol: string;
  reason: string;
}

export interface Listing {
  source: ListingSource;
  /** The listing's own date, YYYY-MM-DD (JPX 日付, Binance serverTime, Bybit time; UTC). */
  asOf: string;
  instruments: ListedInstrument[];
  /**
   * Binance/Bybit: trading perpetuals left out because the provider would refuse their symbol
   * (e.g. non-ASCII) or because the symbol came twice; absent or empty otherwise. Worth a log line.
   */
  rejected?: RejectedInstrument[];
}

export { parseJpxListing, JPX_MARKET_SEGMENTS } from './jpx-listing.parser';
export { parseBinanceExchangeInfo } from './binance-listing.parser';
export { parseBybitInstrumentsPage, type BybitInstrumentsPage } from './bybit-listing.parser';
export {
  parseCsvListing,
  CSV_LISTING_COLUMNS,
  CSV_LISTING_OPTIONAL_COLUMNS,
  CSV_LISTING_MAX_ROWS,
} from './csv-listing.parser';
export { LISTING_MAX_BYTES } from './listing-input';
