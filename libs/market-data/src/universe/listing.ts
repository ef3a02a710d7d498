/**
 * Listing readers: an exchange's list of instruments (JPX's 東証上場銘柄一覧 `data_j.xls`,
 * Binance USDⓈ-M `exchangeInfo`, Bybit v5 `instruments-info`, or a local CSV) turned into one
 * normalized list. Pure functions of the bytes: no I/O here (ListingFetcher downloads).
 */
import { ListingError } from './listing.error';

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

export interface Listing {
  source: ListingSource;
  /** The listing's own date, YYYY-MM-DD (JPX 日付, Binance serverTime, Bybit time; UTC). */
  asOf: string;
  instruments: ListedInstrument[];
}

/** Parses JPX's `data_j.xls` (BIFF8 in OLE2). */
export function parseJpxListing(file: Buffer): Listing {
  void file;
  throw new ListingError('LISTING_CORRUPT', 'jpx', 'not implemented yet');
}

/** Parses Binance USDⓈ-M `GET /fapi/v1/exchangeInfo`: PERPETUAL contracts with status TRADING. */
export function parseBinanceExchangeInfo(body: Buffer | string): Listing {
  void body;
  throw new ListingError('LISTING_CORRUPT', 'binance', 'not implemented yet');
}

/** Parses one page of Bybit v5 `GET /v5/market/instruments-info?category=linear`. */
export function parseBybitInstrumentsPage(body: Buffer | string): {
  instruments: ListedInstrument[];
  nextCursor: string | null;
  asOf: string;
} {
  void body;
  throw new ListingError('LISTING_CORRUPT', 'bybit', 'not implemented yet');
}

/**
 * Parses a CSV listing with the header
 * `symbol,name,exchange,asset_class,market_segment,industry_code,industry_name,provider`.
 * `asOf` defaults to today (UTC).
 */
export function parseCsvListing(text: Buffer | string, asOf?: string): Listing {
  void text;
  void asOf;
  throw new ListingError('LISTING_CORRUPT', 'csv', 'not implemented yet');
}
