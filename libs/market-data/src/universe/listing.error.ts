import type { ListingSource } from './listing';

/**
 * Why a listing could not be read:
 * - LISTING_UNREACHABLE: connection error, timeout, 5xx, 429 or another refusal (403…) from the
 *   listing's host;
 * - LISTING_NOT_FOUND: HTTP 404 (or another 4xx), or a local file that does not exist;
 * - LISTING_NOT_A_LISTING: something else came back (an HTML page instead of the .xls, JSON of
 *   another shape, a CSV without the required header, a workbook without the expected columns);
 * - LISTING_CORRUPT: the right kind of file, but truncated or damaged (a cut .xls, invalid JSON, a
 *   row whose values cannot be read);
 * - LISTING_EMPTY: a well-formed listing with no instrument in it;
 * - LISTING_TOO_LARGE: larger than LISTING_MAX_BYTES, or more Bybit pages than LISTING_MAX_PAGES;
 * - LISTING_FILE_REQUIRED: the `csv` source was asked for without a file.
 */
export const LISTING_ERROR_CODES = [
  'LISTING_UNREACHABLE',
  'LISTING_NOT_FOUND',
  'LISTING_NOT_A_LISTING',
  'LISTING_CORRUPT',
  'LISTING_EMPTY',
  'LISTING_TOO_LARGE',
  'LISTING_FILE_REQUIRED',
] as const;
export type ListingErrorCode = (typeof LISTING_ERROR_CODES)[number];

/**
 * A listing (JPX data_j.xls, Binance exchangeInfo, Bybit instruments-info, a CSV) that could not
 * be fetched or read. The message names the source and the problem. `transient`: worth retrying
 * as is (connection errors, timeouts, 5xx, 429; by default every LISTING_UNREACHABLE); the others
 * need a different URL or file.
 */
export class ListingError extends Error {
  readonly transient: boolean;

  constructor(
    readonly code: ListingErrorCode,
    readonly source: ListingSource,
    message: string,
    options?: { cause?: unknown; transient?: boolean },
  ) {
    super(message.startsWith(`${source} listing`) ? message : `${source} listing: ${message}`, {
      cause: options?.cause,
    });
    this.name = 'ListingError';
    this.transient = options?.transient ?? code === 'LISTING_UNREACHABLE';
  }
}
