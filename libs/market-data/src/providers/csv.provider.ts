import type { ProviderName } from '@app/common';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Candle } from '../candle';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';
import { SymbolNotFoundError } from '../errors/symbol-not-found.error';
import { INTERVALS } from '../interval';
import type { CandleSeries, DataType, FetchCandlesRequest, MarketDataProvider } from '../provider';
import { tickerProblem } from './symbol-rules';

export interface CsvProviderOptions {
  /** CSV_DATA_DIR: one `<SYMBOL>.csv` (or `<symbol>.csv`) per symbol. */
  dataDir: string;
}

/** A line of the file that could not be read as a candle. */
export interface CsvRejectedRow {
  /** 1-based line number in the file. */
  line: number;
  reason: string;
}

/**
 * What CsvProvider.fetchCandles returns: a CandleSeries plus the rows it skipped. `rejected` is
 * their count (add it to the quality step's rejected count); `rejectedRows` lists the first
 * CSV_REJECTED_ROWS_KEPT of them with their reasons, for logs.
 */
export interface CsvCandleSeries extends CandleSeries {
  rejected: number;
  rejectedRows: CsvRejectedRow[];
}

export const CSV_REJECTED_ROWS_KEPT = 100;

type Column = 'date' | 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume';
const REQUIRED: readonly Column[] = ['date', 'open', 'high', 'low', 'close', 'volume'];
/** Header names (lower case, without spaces, `_` and `-`) → column. */
const HEADER_NAMES: Record<string, Column> = {
  date: 'date',
  timestamp: 'date',
  time: 'date',
  datetime: 'date',
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  adjclose: 'adjClose',
  volume: 'volume',
};

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;
const UNIX = /^\d{1,16}(\.\d+)?$/;
/** Unix times at or above this are milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const UNIX_MS_THRESHOLD = 1e11;

/**
 * Candles from local CSV files, `${CSV_DATA_DIR}/<SYMBOL>.csv` (or the lower-case name).
 *
 * - Header: Yahoo's download format `Date,Open,High,Low,Close,Adj Close,Volume`, or
 *   `date|timestamp|time|datetime, open, high, low, close, volume` (+ optional `adj_close`) in any
 *   case and order. Comma-separated, no quoted commas (surrounding double quotes are stripped).
 *   A header without these columns is an InvalidRequestError (the file can never be read).
 * - Dates: `YYYY-MM-DD` (UTC midnight), ISO date-times (`2024-01-02T09:30:00Z`, offsets; no zone
 *   means UTC; a space may replace the `T`), or unix seconds / milliseconds (≥ 1e11 → ms).
 * - Rows whose fields do not parse (Yahoo's `null` rows, wrong field count, bad dates, a repeated
 *   timestamp) are skipped and counted in `rejected`; rows whose date parses but falls outside
 *   [from, to) are left out silently. OHLC consistency is the quality step's job.
 * - The interval is not checked: a file holds one series, returned as the candles of whatever
 *   interval is requested (keep one file per symbol at the interval you load it with).
 * - A missing file is a SymbolNotFoundError.
 */
export class CsvProvider implements MarketDataProvider {
  readonly name = 'csv' satisfies ProviderName;
  readonly intervals = INTERVALS;
  readonly dataTypes: readonly DataType[] = ['ohlcv'];

  constructor(private readonly options: CsvProviderOptions) {}

  symbolProblem(symbol: string): string | null {
    const problem = tickerProblem(symbol);
    if (problem) return problem;
    if (symbol.includes('..')) return 'symbol contains ".."';
    return null;
  }

  async fetchCandles(request: FetchCandlesRequest): Promise<CsvCandleSeries> {
    const { symbol } = request;
    const problem = this.symbolProblem(symbol);
    if (problem) throw new InvalidRequestError(`csv: ${problem}: ${JSON.stringify(symbol)}`);
    const text = await this.read(symbol);
    return parseCsv(text, `${symbol}.csv`, request.from, request.to);
  }

  private async read(symbol: string): Promise<string> {
    const dir = path.resolve(this.options.dataDir);
    for (const name of new Set([`${symbol}.csv`, `${symbol.toLowerCase()}.csv`])) {
      const file = path.resolve(dir, name);
      if (path.dirname(file) !== dir) {
        throw new InvalidRequestError(`csv: symbol ${JSON.stringify(symbol)} escapes ${dir}`);
      }
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new ProviderUnavailableError(`csv: cannot read ${file}: ${String(error)}`, {
          cause: error,
        });
      }
    }
    throw new SymbolNotFoundError(symbol, `no ${symbol}.csv in ${dir}`);
  }
}

/** Parses a whole CSV file; exported for tests. */
export function parseCsv(
  text: string,
  fileName: string,
  from: Date | null,
  to: Date,
): CsvCandleSeries {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new InvalidRequestError(`csv: ${fileName} is empty (no header)`);
  const header = splitFields(lines[headerIndex]);
  const at = new Map<Column, number>();
  header.forEach((name, i) => {
    const column = HEADER_NAMES[name.toLowerCase().replace(/[\s_-]/g, '')];
    if (column && !at.has(column)) at.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !at.has(c));
  if (missing.length > 0) {
    throw new InvalidRequestError(
      `csv: ${fileName} header lacks ${missing.join(', ')} ` +
        `(expected Date,Open,High,Low,Close,Adj Close,Volume or date,open,high,low,close,volume)`,
    );
  }

  const lo = from?.getTime() ?? -Infinity;
  const hi = to.getTime();
  const candles: Candle[] = [];
  const seen = new Map<number, number>();
  const rejectedRows: CsvRejectedRow[] = [];
  let rejected = 0;
  const reject = (line: number, reason: string): void => {
    rejected += 1;
    if (rejectedRows.length < CSV_REJECTED_ROWS_KEPT) rejectedRows.push({ line, reason });
  };

  for (let i = headerIndex + 1; i < lines.length; i += 1) {
    const line = i + 1;
    if (lines[i].trim() === '') continue;
    const fields = splitFields(lines[i]);
    if (fields.length !== header.length) {
      reject(line, `expected ${header.length} fields, got ${fields.length}`);
      continue;
    }
    const field = (c: Column): string => fields[at.get(c)!];
    const ts = parseDate(field('date'));
    if (ts === null) {
      reject(line, `unreadable date ${JSON.stringify(field('date'))}`);
      continue;
    }
    if (ts < lo || ts >= hi) continue;
    const values: Partial<Record<Column, number>> = {};
    let bad: string | null = null;
    for (const c of ['open', 'high', 'low', 'close', 'volume'] as const) {
      const raw = field(c);
      if (!NUMBER.test(raw)) {
        bad = `${c} is not a number: ${JSON.stringify(raw)}`;
        break;
      }
      values[c] = Number(raw);
    }
    let adjClose: number | null = null;
    if (!bad && at.has('adjClose')) {
      const raw = field('adjClose');
      if (raw !== '' && !NUMBER.test(raw))
        bad = `adj close is not a number: ${JSON.stringify(raw)}`;
      else if (raw !== '') adjClose = Number(raw);
    }
    if (bad) {
      reject(line, bad);
      continue;
    }
    const firstLine = seen.get(ts);
    if (firstLine !== undefined) {
      reject(line, `repeats the timestamp of line ${firstLine}`);
      continue;
    }
    seen.set(ts, line);
    candles.push({
      ts: new Date(ts),
      open: values.open!,
      high: values.high!,
      low: values.low!,
      close: values.close!,
      adjClose,
      volume: values.volume!,
    });
  }
  candles.sort((a, b) => a.ts.getTime() - b.ts.getTime());
  return { candles, actions: [], rejected, rejectedRows };
}

function splitFields(line: string): string[] {
  return line.split(',').map((f) =>
    f
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

/** Epoch ms of a CSV date field, or null. */
function parseDate(raw: string): number | null {
  const day = DATE_ONLY.exec(raw);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const ms = Date.UTC(y, m - 1, d);
    const check = new Date(ms);
    const valid =
      check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
    return valid ? ms : null;
  }
  const dateTime = DATE_TIME.exec(raw);
  if (dateTime) {
    const zone = (dateTime[3] ?? 'Z').toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const dateMs = parseDate(dateTime[1]);
    const ms = Date.parse(`${dateTime[1]}T${dateTime[2]}${zone}`);
    return dateMs === null || Number.isNaN(ms) ? null : ms;
  }
  if (UNIX.test(raw)) {
    const n = Number(raw);
    return Math.round(n >= UNIX_MS_THRESHOLD ? n : n * 1000);
  }
  return null;
}
