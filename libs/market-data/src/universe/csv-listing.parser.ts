/**
 * A listing kept by hand (or exported from elsewhere) as CSV, read by `universe sync csv --file`.
 */
import { PROVIDER_NAMES, type ProviderName } from '@app/common';
import { CsvError, parse } from 'csv-parse/sync';
import { normaliseSymbol, symbolProblem } from '../providers/symbol-rules';
import { ListingError } from './listing.error';
import { bodyText, htmlPage, isIsoDate } from './listing-input';
import type { ListedInstrument, Listing } from './listing';

/** Columns every CSV listing has, in any order. */
export const CSV_LISTING_COLUMNS = [
  'symbol',
  'name',
  'exchange',
  'asset_class',
  'market_segment',
  'industry_code',
  'industry_name',
  'provider',
] as const;
/** Columns a CSV listing may add. */
export const CSV_LISTING_OPTIONAL_COLUMNS = ['currency', 'listed_date'] as const;
type CsvColumn =
  (typeof CSV_LISTING_COLUMNS)[number] | (typeof CSV_LISTING_OPTIONAL_COLUMNS)[number];

/** Most rows in one CSV listing. */
export const CSV_LISTING_MAX_ROWS = 200_000;
/** Longest value of a text column. */
const MAX_FIELD = 500;

/**
 * Parses a CSV listing (RFC 4180 via csv-parse: quoted fields, UTF-8, an optional BOM). The first
 * line is the header: the eight CSV_LISTING_COLUMNS in any order, optionally `currency` and
 * `listed_date` (YYYY-MM-DD); other columns are refused. Per row: `symbol` (the symbol grammar of
 * every provider, stored upper-case) and `provider` (one of PROVIDER_NAMES) are required, empty
 * cells are null, other values are kept as written (trimmed). A (provider, symbol) twice is an
 * error. `asOf` defaults to today (UTC); a malformed one is a RangeError.
 */
export function parseCsvListing(text: Buffer | string, asOf?: string): Listing {
  const day = asOf ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(day))
    throw new RangeError(`asOf must be a date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const content = bodyText('csv', text);
  const html = htmlPage(content);
  if (html)
    throw new ListingError('LISTING_NOT_A_LISTING', 'csv', `${html} instead of a CSV listing`);

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      info: true,
      trim: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
      to: CSV_LISTING_MAX_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const where =
      error instanceof CsvError && 'lines' in error ? ` (line ${String(error.lines)})` : '';
    throw new ListingError(
      'LISTING_CORRUPT',
      'csv',
      `not readable as CSV${where}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (records.length === 0) throw new ListingError('LISTING_EMPTY', 'csv', 'the file has no lines');
  if (records.length > CSV_LISTING_MAX_ROWS + 1) {
    throw new ListingError('LISTING_TOO_LARGE', 'csv', `more than ${CSV_LISTING_MAX_ROWS} rows`);
  }

  const header = records[0].record.map((h) => h.toLowerCase());
  const known = new Set<string>([...CSV_LISTING_COLUMNS, ...CSV_LISTING_OPTIONAL_COLUMNS]);
  const unknown = header.filter((h) => !known.has(h));
  const missing = CSV_LISTING_COLUMNS.filter((c) => !header.includes(c));
  const twice = header.filter((h, i) => header.indexOf(h) !== i);
  if (unknown.length > 0 || missing.length > 0 || twice.length > 0) {
    const problems = [
      missing.length > 0 ? `missing column(s) ${missing.join(', ')}` : null,
      unknown.length > 0
        ? `unknown column(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}`
        : null,
      twice.length > 0 ? `repeated column(s) ${twice.join(', ')}` : null,
    ].filter((p) => p !== null);
    throw new ListingError(
      'LISTING_NOT_A_LISTING',
      'csv',
      `the header line ${problems.join('; ')}; expected ${CSV_LISTING_COLUMNS.join(',')} (optionally ${CSV_LISTING_OPTIONAL_COLUMNS.join(', ')})`,
    );
  }
  const index = new Map<CsvColumn, number>();
  header.forEach((h, i) => index.set(h as CsvColumn, i));

  const instruments: ListedInstrument[] = [];
  const lineOf = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const fail = (problem: string): ListingError =>
      new ListingError('LISTING_CORRUPT', 'csv', `line ${line}: ${problem}`);
    const value = (column: CsvColumn): string | null => {
      const i = index.get(column);
      const cell = i === undefined ? '' : (record[i] ?? '');
      if (cell.length > MAX_FIELD) throw fail(`${column} is longer than ${MAX_FIELD} characters`);
      return cell === '' ? null : cell;
    };

    const rawSymbol = value('symbol');
    if (rawSymbol === null) throw fail('symbol is empty');
    const problem = symbolProblem(rawSymbol);
    if (problem) throw fail(`${problem}: ${JSON.stringify(rawSymbol)}`);
    const symbol = normaliseSymbol(rawSymbol);
    const provider = value('provider')?.toLowerCase() ?? null;
    if (provider === null || !(PROVIDER_NAMES as readonly string[]).includes(provider)) {
      throw fail(
        `provider ${JSON.stringify(provider ?? '')} is not one of ${PROVIDER_NAMES.join(', ')}`,
      );
    }
    const listedDate = value('listed_date');
    if (listedDate !== null && !isIsoDate(listedDate)) {
      throw fail(`listed_date ${JSON.stringify(listedDate)} is not a date YYYY-MM-DD`);
    }
    const id = `${provider}\u0000${symbol}`;
    const previous = lineOf.get(id);
    if (previous !== undefined)
      throw fail(`${provider} ${symbol} is listed again (first on line ${previous})`);
    lineOf.set(id, line);

    instruments.push({
      provider: provider as ProviderName,
      symbol,
      name: value('name'),
      exchange: value('exchange'),
      assetClass: value('asset_class'),
      marketSegment: value('market_segment'),
      industryCode: value('industry_code'),
      industryName: value('industry_name'),
      currency: value('currency'),
      listedDate,
    });
  }
  if (instruments.length === 0) {
    throw new ListingError('LISTING_EMPTY', 'csv', 'the file has a header but no rows');
  }
  return { source: 'csv', asOf: day, instruments };
}
