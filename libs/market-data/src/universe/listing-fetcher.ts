import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { ListingError } from './listing.error';
import type { Listing, ListingSource } from './listing';

export interface ListingFetchOptions {
  /** Read this local file instead of downloading (required for `csv`). */
  file?: string;
}

/**
 * Downloads (or reads from a local file) a listing and parses it:
 * - jpx: JPX_LISTING_URL (data_j.xls);
 * - binance: BINANCE_BASE_URL + /fapi/v1/exchangeInfo;
 * - bybit: BYBIT_BASE_URL + /v5/market/instruments-info?category=linear, following cursor pages
 *   (at most LISTING_MAX_PAGES);
 * - csv: only from a file.
 * Every failure is a ListingError.
 */
@Injectable()
export class ListingFetcher {
  constructor(private readonly config: AppConfig) {}

  fetch(source: ListingSource, opts: ListingFetchOptions = {}): Promise<Listing> {
    void this.config;
    void opts;
    return Promise.reject(new ListingError('LISTING_UNREACHABLE', source, 'not implemented yet'));
  }
}
