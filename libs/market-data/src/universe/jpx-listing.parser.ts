/**
 * JPX's list of TSE-listed issues (東証上場銘柄一覧, `data_j.xls`): a legacy BIFF8 workbook, one
 * sheet, header 日付, コード, 銘柄名, 市場・商品区分, 33業種コード, 33業種区分, 17業種コード, 17業種区分,
 * 規模コード, 規模区分 (test/fixtures/universe/README.md describes the file and its quirks).
 */
import { tickerProblem } from '../providers/symbol-rules';
import { ListingError } from './listing.error';
import { checkSize, htmlPage, isIsoDate } from './listing-input';
import type { ListedInstrument, Listing } from './listing';
import { XlsReadError } from './xls-read.error';
import { readXlsSheet, type XlsCell } from './xls-sheet';

/**
 * 市場・商品区分 → market_segment and asset_class. Domestic and foreign stocks of a market are two
 * segments: `Prime` is プライム（内国株式） only (JPX's own counts of the Prime market's domestic
 * stocks); the foreign ones are `Prime (Foreign)` etc., so select both to get both. Keys are
 * compared after NFKC normalization without white space, so full- and half-width forms match.
 * A value not listed here is kept as published, with asset class `other`.
 */
export const JPX_MARKET_SEGMENTS: Readonly<
  Record<string, { marketSegment: string; assetClass: string }>
> = {
  'プライム（内国株式）': { marketSegment: 'Prime', assetClass: 'equity' },
  'スタンダード（内国株式）': { marketSegment: 'Standard', assetClass: 'equity' },
  'グロース（内国株式）': { marketSegment: 'Growth', assetClass: 'equity' },
  'プライム（外国株式）': { marketSegment: 'Prime (Foreign)', assetClass: 'equity' },
  'スタンダード（外国株式）': { marketSegment: 'Standard (Foreign)', assetClass: 'equity' },
  'グロース（外国株式）': { marketSegment: 'Growth (Foreign)', assetClass: 'equity' },
  'PRO Market': { marketSegment: 'PRO Market', assetClass: 'equity' },
  'ETF・ETN': { marketSegment: 'ETF/ETN', assetClass: 'etf' },
  'REIT・ベンチャーファンド・カントリーファンド・インフラファンド': {
    marketSegment: 'REIT/Fund',
    assetClass: 'reit',
  },
  出資証券: { marketSegment: 'Equity Contribution', assetClass: 'other' },
};

const SEGMENTS = new Map(
  Object.entries(JPX_MARKET_SEGMENTS).map(([japanese, mapped]) => [key(japanese), mapped]),
);

/** The columns read, by their header text. */
const COLUMNS = {
  date: '日付',
  code: 'コード',
  name: '銘柄名',
  segment: '市場・商品区分',
  industryCode: '33業種コード',
  industryName: '33業種区分',
} as const;
type Column = keyof typeof COLUMNS;

/** Columns read from the sheet (JPX has 10; room for more without reading a crafted 256). */
const JPX_MAX_COLUMNS = 64;

/** A 4-character code of digits and capital letters (`7203`, `130A`), or a 5-digit one. */
const CODE = /^(?:[0-9][0-9A-Z]{3}|[0-9]{5})$/;

/**
 * Parses data_j.xls into instruments of provider `yahoo`: symbol `<code>.T`, exchange `TSE`,
 * currency `JPY`, market segment and asset class from JPX_MARKET_SEGMENTS, industry from
 * 33業種コード (zero-padded to 4 digits, `0050`) and 33業種区分 (`-` → null), name as published
 * (full-width letters and U+3000 kept). asOf is 日付 (the latest if rows differ).
 */
export function parseJpxListing(file: Buffer): Listing {
  checkSize('jpx', file.length);
  let rows: XlsCell[][];
  let sheetName: string;
  try {
    ({ rows, name: sheetName } = readXlsSheet(file, { maxColumns: JPX_MAX_COLUMNS }));
  } catch (error) {
    if (!(error instanceof XlsReadError)) {
      // The reader checks every length; anything else it throws still means a damaged file.
      throw new ListingError('LISTING_CORRUPT', 'jpx', `data_j.xls: ${String(error)}`, {
        cause: error,
      });
    }
    if (error.kind === 'not-xls') throw notXls(file, error);
    const code = error.kind === 'corrupt' ? 'LISTING_CORRUPT' : 'LISTING_NOT_A_LISTING';
    throw new ListingError(code, 'jpx', `data_j.xls: ${error.message}`, { cause: error });
  }

  const header = rows[0] ?? [];
  const at = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const index = header.findIndex(
      (cell) => typeof cell === 'string' && key(cell) === key(COLUMNS[column]),
    );
    if (index < 0) missing.push(COLUMNS[column]);
    at[column] = index;
  }
  if (missing.length > 0) {
    throw new ListingError(
      'LISTING_NOT_A_LISTING',
      'jpx',
      `sheet ${JSON.stringify(sheetName)} is not JPX's list of listed issues: its first row lacks the column(s) ${missing.join(', ')}`,
    );
  }

  const instruments: ListedInstrument[] = [];
  const rowOfCode = new Map<string, number>();
  let asOf: string | null = null;
  for (let r = 1; r < rows.length; r += 1) {
    const row = rows[r];
    if (row.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''))) {
      continue;
    }
    const line = r + 1;
    const fail = (problem: string): ListingError =>
      new ListingError('LISTING_CORRUPT', 'jpx', `data_j.xls row ${line}: ${problem}`);
    const cell = (column: Column): XlsCell => row[at[column]] ?? null;

    const code = readCode(cell('code'));
    if (code === null) throw fail(`コード ${shown(cell('code'))} is not a listing code`);
    const previous = rowOfCode.get(code);
    if (previous !== undefined)
      throw fail(`コード ${code} appears again (first on row ${previous})`);
    rowOfCode.set(code, line);
    const symbol = `${code}.T`;
    const symbolProblem = tickerProblem(symbol);
    if (symbolProblem) throw fail(`${symbol}: ${symbolProblem}`);

    const date = readDate(cell('date'));
    if (date === null) throw fail(`日付 ${shown(cell('date'))} is not a date written YYYYMMDD`);
    if (asOf === null || date > asOf) asOf = date;

    const segmentText = text(cell('segment'));
    if (segmentText === null) throw fail('市場・商品区分 is empty');
    const segment = SEGMENTS.get(key(segmentText)) ?? {
      marketSegment: segmentText,
      assetClass: 'other',
    };

    const industryCode = readIndustryCode(cell('industryCode'));
    if (industryCode === undefined) {
      throw fail(`33業種コード ${shown(cell('industryCode'))} is neither a number nor "-"`);
    }
    const industryName = text(cell('industryName'));

    instruments.push({
      provider: 'yahoo',
      symbol,
      name: text(cell('name')),
      exchange: 'TSE',
      assetClass: segment.assetClass,
      marketSegment: segment.marketSegment,
      industryCode,
      industryName: industryName === '-' ? null : industryName,
      currency: 'JPY',
      listedDate: null,
    });
  }
  if (instruments.length === 0 || asOf === null) {
    throw new ListingError(
      'LISTING_EMPTY',
      'jpx',
      `data_j.xls sheet ${JSON.stringify(sheetName)} has a header but no rows`,
    );
  }
  return { source: 'jpx', asOf, instruments };
}

/** What the bytes are instead of an .xls, for LISTING_NOT_A_LISTING. */
function notXls(file: Buffer, cause: XlsReadError): ListingError {
  const start = file.subarray(0, 4096).toString('utf8');
  const what =
    htmlPage(start) ??
    (file[0] === 0x50 && file[1] === 0x4b
      ? 'a ZIP file (an .xlsx?), not the legacy .xls'
      : `not an .xls file (${cause.message}; it starts with ${JSON.stringify(start.slice(0, 40))})`);
  return new ListingError('LISTING_NOT_A_LISTING', 'jpx', `${what} instead of data_j.xls`, {
    cause,
  });
}

/** Header and segment comparison key: NFKC, no white space. */
function key(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '');
}

function text(cell: XlsCell): string | null {
  if (cell === null || typeof cell === 'boolean') return null;
  const value = typeof cell === 'number' ? String(cell) : cell.trim();
  return value === '' ? null : value;
}

function shown(cell: XlsCell): string {
  return JSON.stringify(cell);
}

/** コード: a numeric cell (`1301.0`) or a text cell (`130A`). */
function readCode(cell: XlsCell): string | null {
  let code: string;
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell <= 0) return null;
    code = String(cell);
  } else if (typeof cell === 'string') {
    code = cell.normalize('NFKC').trim().toUpperCase();
  } else {
    return null;
  }
  return CODE.test(code) ? code : null;
}

/** 日付: the number (or text) YYYYMMDD → YYYY-MM-DD. */
function readDate(cell: XlsCell): string | null {
  const digits =
    typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? cell.trim() : '';
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (!match) return null;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(date) ? date : null;
}

/** 33業種コード: a number (50.0) → '0050'; `-` or empty → null; anything else → undefined. */
function readIndustryCode(cell: XlsCell): string | null | undefined {
  if (cell === null) return null;
  let digits: string;
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell < 0 || cell > 9999) return undefined;
    digits = String(cell);
  } else if (typeof cell === 'string') {
    const value = cell.normalize('NFKC').trim();
    if (value === '-' || value === '') return null;
    if (!/^\d{1,4}$/.test(value)) return undefined;
    digits = value;
  } else {
    return undefined;
  }
  return digits.padStart(4, '0');
}
