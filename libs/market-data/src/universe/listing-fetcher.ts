import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, redactUrl } from '@app/common';
import { readFile, stat } from 'node:fs/promises';
import { PROVIDER_USER_AGENT } from '../http/provider-http';
import { ListingError } from './listing.error';
import { LISTING_MAX_BYTES } from './listing-input';
import {
  parseBinanceExchangeInfo,
  parseBybitInstrumentsPage,
  parseCsvListing,
  parseJpxListing,
  type ListedInstrument,
  type Listing,
  type ListingSource,
  type RejectedInstrument,
} from './listing';

/** Most Bybit pages followed (1000 instruments each: Bybit lists about 600 linear contracts). */
export const LISTING_MAX_PAGES = 20;
const BYBIT_PAGE_SIZE = 1000;
/** Most bytes of an error answer read (for its message). */
const ERROR_BODY_BYTES = 64 * 1024;

export interface ListingFetchOptions {
  /** Read this local file instead of downloading (required for `csv`). */
  file?: string;
}

/**
 * Downloads (or reads from a local file) a listing and parses it:
 * - jpx: JPX_LISTING_URL (data_j.xls);
 * - binance: BINANCE_BASE_URL + /fapi/v1/exchangeInfo;
 * - bybit: BYBIT_BASE_URL + /v5/market/instruments-info?category=linear&limit=1000, following
 *   nextPageCursor (at most LISTING_MAX_PAGES pages; a file is one page);
 * - csv: only from a file (its asOf is today, UTC).
 * Each request has the PROVIDER_TIMEOUT_MS timeout and the LISTING_MAX_BYTES cap, like the
 * providers' requests (same User-Agent). Every failure is a ListingError: connection error,
 * timeout, 5xx and 429 → LISTING_UNREACHABLE (transient); other 4xx → LISTING_UNREACHABLE (not
 * transient); 404/410 or a missing file → LISTING_NOT_FOUND; the parsers' own codes otherwise.
 */
@Injectable()
export class ListingFetcher {
  private static readonly logger = new Logger('ListingFetcher');

  constructor(private readonly config: AppConfig) {}

  async fetch(source: ListingSource, opts: ListingFetchOptions = {}): Promise<Listing> {
    const { file } = opts;
    switch (source) {
      case 'jpx':
        return parseJpxListing(
          file
            ? await this.readLocal(source, file)
            : await this.download(source, this.config.jpxListingUrl),
        );
      case 'binance':
        return parseBinanceExchangeInfo(
          file
            ? await this.readLocal(source, file)
            : await this.download(
                source,
                `${base(this.config.binanceBaseUrl)}/fapi/v1/exchangeInfo`,
              ),
        );
      case 'bybit':
        return file ? this.bybitFile(file) : this.bybitPages();
      case 'csv':
        if (!file) {
          throw new ListingError(
            'LISTING_FILE_REQUIRED',
            source,
            'a CSV listing is read from a file: give its path (--file)',
          );
        }
        return parseCsvListing(await this.readLocal(source, file));
    }
  }

  private async bybitFile(file: string): Promise<Listing> {
    const page = parseBybitInstrumentsPage(await this.readLocal('bybit', file));
    return nonEmpty({
      source: 'bybit',
      asOf: page.asOf,
      instruments: page.instruments,
      rejected: page.rejected,
    });
  }

  private async bybitPages(): Promise<Listing> {
    const first = `${base(this.config.bybitBaseUrl)}/v5/market/instruments-info?category=linear&limit=${BYBIT_PAGE_SIZE}`;
    const bySymbol = new Map<string, ListedInstrument>();
    const rejected: RejectedInstrument[] = [];
    const cursors = new Set<string>();
    let asOf: string | null = null;
    let cursor: string | null = null;
    for (let page = 1; ; page += 1) {
      if (page > LISTING_MAX_PAGES) {
        throw new ListingError(
          'LISTING_TOO_LARGE',
          'bybit',
          `instruments-info has more than ${LISTING_MAX_PAGES} pages of ${BYBIT_PAGE_SIZE}`,
        );
      }
      const url: string = cursor === null ? first : `${first}&cursor=${encodeURIComponent(cursor)}`;
      const result = parseBybitInstrumentsPage(await this.download('bybit', url));
      asOf ??= result.asOf;
      rejected.push(...result.rejected);
      for (const instrument of result.instruments) {
        if (bySymbol.has(instrument.symbol)) {
          rejected.push({ symbol: instrument.symbol, reason: `listed again on page ${page}` });
        } else {
          bySymbol.set(instrument.symbol, instrument);
        }
      }
      cursor = result.nextCursor;
      if (cursor === null) break;
      if (cursors.has(cursor)) {
        throw new ListingError(
          'LISTING_CORRUPT',
          'bybit',
          `page ${page} gives a nextPageCursor already followed (${JSON.stringify(cursor.slice(0, 80))}): the pages loop`,
        );
      }
      cursors.add(cursor);
    }
    return nonEmpty({
      source: 'bybit',
      asOf: asOf ?? '',
      instruments: [...bySymbol.values()],
      rejected,
    });
  }

  /** GET `url` as bytes, within the timeout and the size cap. */
  private async download(source: ListingSource, url: string): Promise<Buffer> {
    const shown = redactUrl(url);
    const timeoutMs = this.config.providerTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const unreachable = (error: unknown, during: string): ListingError =>
      new ListingError(
        'LISTING_UNREACHABLE',
        source,
        timeout.aborted
          ? `GET ${shown}: no complete answer within ${timeoutMs} ms (PROVIDER_TIMEOUT_MS)`
          : `GET ${shown}: ${during} failed: ${describe(error)}`,
        { cause: error },
      );
    const started = Date.now();
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { 'User-Agent': PROVIDER_USER_AGENT, Accept: '*/*' },
        signal: timeout,
      });
    } catch (error) {
      throw unreachable(error, 'connection');
    }
    const { status } = response;
    if (status < 200 || status > 299) {
      const body = await readCapped(response, ERROR_BODY_BYTES).catch(() => null);
      const what =
        `GET ${shown}: HTTP ${status} ${snippet(body?.bytes.toString('utf8') ?? '')}`.trim();
      if (status === 404 || status === 410) {
        throw new ListingError('LISTING_NOT_FOUND', source, `${what} (is the URL still right?)`);
      }
      // 429/418 (rate limits) and 5xx pass; another refusal (401, 403, 451…) will not by itself.
      const transient = status === 429 || status === 418 || status >= 500;
      throw new ListingError('LISTING_UNREACHABLE', source, what, { transient });
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > LISTING_MAX_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge(source, shown, `${declared} bytes declared`);
    }
    let body: { bytes: Buffer; complete: boolean };
    try {
      body = await readCapped(response, LISTING_MAX_BYTES);
    } catch (error) {
      throw unreachable(error, 'reading the body');
    }
    if (!body.complete) {
      throw tooLarge(source, shown, `more than ${LISTING_MAX_BYTES} bytes received`);
    }
    const received = body.bytes.length;
    ListingFetcher.logger.debug(
      `GET ${shown}: HTTP ${status}, ${received} bytes in ${Date.now() - started} ms`,
    );
    return body.bytes;
  }

  /** A local listing file, within the size cap. */
  private async readLocal(source: ListingSource, file: string): Promise<Buffer> {
    try {
      const info = await stat(file);
      if (!info.isFile()) {
        throw new ListingError('LISTING_NOT_FOUND', source, `${file} is not a file`);
      }
      if (info.size > LISTING_MAX_BYTES) throw tooLarge(source, file, `${info.size} bytes`);
      return await readFile(file);
    } catch (error) {
      if (error instanceof ListingError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new ListingError('LISTING_NOT_FOUND', source, `no file ${file}`, { cause: error });
      }
      throw new ListingError(
        'LISTING_UNREACHABLE',
        source,
        `cannot read ${file}: ${describe(error)}`,
        {
          cause: error,
        },
      );
    }
  }
}

/** A Bybit listing of no instruments is LISTING_EMPTY. */
function nonEmpty(listing: Listing): Listing {
  if (listing.instruments.length === 0) {
    throw new ListingError(
      'LISTING_EMPTY',
      listing.source,
      'instruments-info lists no linear perpetual contract with status Trading',
    );
  }
  return listing;
}

/** Reads at most `cap` bytes of a body; `complete` is false (and the rest cancelled) past it. */
async function readCapped(
  response: Response,
  cap: number,
): Promise<{ bytes: Buffer; complete: boolean }> {
  if (!response.body) return { bytes: Buffer.alloc(0), complete: true };
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks), complete: true };
    received += value.byteLength;
    if (received > cap) {
      await reader.cancel().catch(() => undefined);
      return { bytes: Buffer.concat(chunks), complete: false };
    }
    chunks.push(Buffer.from(value));
  }
}

function tooLarge(source: ListingSource, where: string, what: string): ListingError {
  return new ListingError(
    'LISTING_TOO_LARGE',
    source,
    `${where}: ${what}, more than the ${LISTING_MAX_BYTES}-byte cap`,
  );
}

function base(url: string): string {
  return url.replace(/\/+$/, '');
}

/** `message: cause message`; duck-typed, since fetch's errors may come from another realm. */
function describe(error: unknown): string {
  const message = (e: unknown): string | null =>
    typeof e === 'object' && e !== null && typeof (e as Error).message === 'string'
      ? (e as Error).message
      : null;
  const own = message(error) ?? String(error);
  const cause = message((error as { cause?: unknown } | null)?.cause);
  return cause ? `${own}: ${cause}` : own;
}

/** The start of a body, for error messages (bodies can be large HTML pages). */
function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
