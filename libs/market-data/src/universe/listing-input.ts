/**
 * Checks shared by the listing parsers: the size cap, empty input, an HTML page where a file was
 * expected, JSON that does not parse, and dates.
 */
import { ListingError } from './listing.error';
import type { ListingSource } from './listing';

/** Largest listing accepted, downloaded or read (JPX's data_j.xls is about 0.8 MB). */
export const LISTING_MAX_BYTES = 32 * 1024 * 1024;

/** Throws LISTING_TOO_LARGE or LISTING_EMPTY for input past the cap or of no bytes. */
export function checkSize(source: ListingSource, bytes: number): void {
  if (bytes > LISTING_MAX_BYTES) {
    throw new ListingError(
      'LISTING_TOO_LARGE',
      source,
      `${bytes} bytes, more than the ${LISTING_MAX_BYTES}-byte cap`,
    );
  }
  if (bytes === 0) throw new ListingError('LISTING_EMPTY', source, 'the file is empty (0 bytes)');
}

/** Text of a body (UTF-8, without a byte-order mark), after the size checks. */
export function bodyText(source: ListingSource, body: Buffer | string): string {
  checkSize(source, typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  const text = typeof body === 'string' ? body : body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * When `start` (the beginning of a body) is an HTML page, its description for an error message
 * (`an HTML page titled "…"`); otherwise null. Error pages, login walls and a moved file's
 * landing page all come back as HTML with status 200.
 */
export function htmlPage(start: string): string | null {
  const head = start.slice(0, 4096).replace(/^\uFEFF/, '');
  if (!/^\s*</.test(head) || !/<(!doctype\s+html|html|head|body|title|meta)\b/i.test(head)) {
    return null;
  }
  const title = /<title[^>]*>([^<]*)/i.exec(head)?.[1].replace(/\s+/g, ' ').trim();
  return title ? `an HTML page titled ${JSON.stringify(title.slice(0, 120))}` : 'an HTML page';
}

/** Parses a JSON listing body: HTML → LISTING_NOT_A_LISTING, invalid JSON → LISTING_CORRUPT. */
export function parseJsonBody(source: ListingSource, body: Buffer | string, what: string): unknown {
  const text = bodyText(source, body);
  const html = htmlPage(text);
  if (html) throw new ListingError('LISTING_NOT_A_LISTING', source, `${html} instead of ${what}`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ListingError(
      'LISTING_CORRUPT',
      source,
      `${what} is not valid JSON (truncated or damaged): ${(error as Error).message}`,
      { cause: error },
    );
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value's own property (never one inherited from Object.prototype, e.g. `constructor`). */
export function own(value: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** YYYY-MM-DD (UTC) of a time in ms; null when not a finite time between 1970 and 9999. */
export function utcDay(ms: number): string | null {
  if (!Number.isFinite(ms) || ms < 0 || ms >= 253_402_300_800_000) return null;
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for an existing calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return utcDay(ms) === text;
}
