import { Injectable } from '@nestjs/common';
import { OhlcvQueryRepository, RangeQuery } from '@app/persistence';
import { INTERVALS, Interval, intervalMs } from '../interval';
import { SeriesQueryError } from './series-query.error';

/** Largest JSON page; CSV streams page by page and takes any limit up to MAX_CSV_ROWS. */
export const MAX_SERIES_PAGE = 50_000;
export const MAX_CSV_ROWS = 100_000_000;
/** Rows of a JSON page when the query names no limit. */
export const DEFAULT_SERIES_PAGE = 1000;
/** Rows read per round trip while streaming CSV (keyset), so memory stays flat. */
const CSV_PAGE = 5000;

export const SERIES_FORMATS = ['json', 'csv'] as const;
export type SeriesFormat = (typeof SERIES_FORMATS)[number];

/** The stored time series, each with its columns (CSV order; `ts` first). */
export const SERIES = {
  ohlcv: ['ts', 'open', 'high', 'low', 'close', 'adj_close', 'volume'],
  funding: ['ts', 'funding_rate', 'mark_price'],
  open_interest: ['ts', 'open_interest', 'open_interest_value'],
} as const;
export type SeriesKind = keyof typeof SERIES;

/** A query of one series of one symbol, as parsed from the request (strings are ISO instants). */
export interface SeriesQuery {
  kind: SeriesKind;
  /**
   * The provider whose series is read (already checked against the source grammar and
   * normalised); absent: the only source holding the symbol (see {@link SeriesQueryService.sourceOf}).
   */
  source?: string;
  /** Already checked against the symbol grammar and normalised. */
  symbol: string;
  interval: Interval;
  from?: string;
  to?: string;
  /** `next_cursor` of the previous page: rows strictly after it. */
  cursor?: string;
  limit?: number;
  /** Candles only: resample into this coarser interval. */
  bucket?: Interval;
  format: SeriesFormat;
}

/** One stored row: `ts` as ISO 8601, the kind's columns as numbers (null when absent). */
export type SeriesRow = { ts: string } & Record<string, number | string | null>;

/**
 * One page of a series (keyset): `next_cursor` is null on the last page. `interval` for candles
 * and open interest, `bucket` for candles (null when not resampled). `source` is the series'
 * provider, null when the query named none and no source holds the symbol (an empty page).
 */
export interface SeriesPage {
  source: string | null;
  symbol: string;
  interval?: Interval;
  bucket?: Interval | null;
  count: number;
  items: SeriesRow[];
  next_cursor: string | null;
}

/** A whole range as CSV: the file name and its lines (header first), produced page by page. */
export interface SeriesCsv {
  filename: string;
  lines: AsyncIterable<string>;
}

export interface CoverageView {
  /** null when the query named no source and no source holds the symbol's candles. */
  source: string | null;
  symbol: string;
  intervals: {
    interval: string;
    first: string;
    last: string;
    candles: number;
    gaps: { after: string; before: string; missing_ms: number }[];
  }[];
}

type StoredRow = { ts: Date } & Record<string, unknown>;

const iso = (d: Date | string): string => new Date(d).toISOString();

/**
 * The read side of stored market data: the rules of a series query (source, range, page size,
 * bucket), keyset paging and CSV streaming. The API only parses the request and shapes the answer.
 */
@Injectable()
export class SeriesQueryService {
  constructor(private readonly repository: OhlcvQueryRepository) {}

  /**
   * The source a query reads: the one it names, else the only source holding the series (candles
   * and open interest: the symbol at the query's interval; funding: the symbol), else null (none
   * holds it: the answer is empty, as for any symbol without rows). Several: throws
   * SeriesQueryError AMBIGUOUS_SOURCE naming them, since two providers' prices of one symbol
   * differ and picking one silently would hide which the client got.
   */
  async sourceOf(
    kind: SeriesKind,
    symbol: string,
    named?: string,
    interval?: Interval,
  ): Promise<string | null> {
    if (named !== undefined) return named;
    const held = await this.repository.sources(
      kind,
      symbol,
      kind === 'funding' ? undefined : interval,
    );
    if (held.length > 1) {
      throw new SeriesQueryError(
        'AMBIGUOUS_SOURCE',
        `${symbol} is stored from several sources (${held.join(', ')}): name one with source=`,
        'source',
        held,
      );
    }
    return held[0] ?? null;
  }

  /** Checks the query's rules; throws SeriesQueryError naming the broken one. */
  check(q: SeriesQuery): Omit<RangeQuery, 'source'> {
    const from = q.from === undefined ? undefined : new Date(q.from);
    const to = q.to === undefined ? undefined : new Date(q.to);
    if (from && to && from.getTime() >= to.getTime()) {
      throw new SeriesQueryError('INVALID_RANGE', 'from must be before to', 'from');
    }
    if (q.format === 'json' && (q.limit ?? 0) > MAX_SERIES_PAGE) {
      throw new SeriesQueryError(
        'LIMIT_TOO_LARGE',
        `limit must be at most ${MAX_SERIES_PAGE} for JSON (use cursor to page, or format=csv)`,
        'limit',
      );
    }
    if (q.bucket !== undefined) {
      const coarser = INTERVALS.filter((i) => intervalMs(i) > intervalMs(q.interval));
      if (q.kind !== 'ohlcv' || !coarser.includes(q.bucket)) {
        throw new SeriesQueryError(
          'INVALID_BUCKET',
          q.kind !== 'ohlcv'
            ? 'bucket resamples candles only'
            : `bucket must be coarser than interval ${q.interval}: one of ${coarser.join(', ')}`,
          'bucket',
        );
      }
    }
    return {
      symbol: q.symbol,
      interval: q.interval,
      from,
      to,
      after: q.cursor === undefined ? undefined : new Date(q.cursor),
      limit: q.limit ?? (q.format === 'csv' ? MAX_CSV_ROWS : DEFAULT_SERIES_PAGE),
    };
  }

  /** One page of the series (JSON). */
  async page(q: SeriesQuery): Promise<SeriesPage> {
    const { range, source } = await this.prepare(q);
    const rows = source === null ? [] : await this.read(q, { ...range, source });
    return {
      source,
      symbol: q.symbol,
      ...(q.kind === 'funding' ? {} : { interval: q.interval }),
      ...(q.kind === 'ohlcv' ? { bucket: q.bucket ?? null } : {}),
      count: rows.length,
      items: rows.map((r) => toRow(q.kind, r)),
      next_cursor: rows.length === range.limit ? iso(rows[rows.length - 1].ts) : null,
    };
  }

  /**
   * The whole range as CSV lines; the rules and the source are settled before it returns, so
   * before the first line is produced (a refused query never starts a 200 answer).
   */
  async csv(q: SeriesQuery): Promise<SeriesCsv> {
    const { range, source } = await this.prepare(q);
    const columns = SERIES[q.kind];
    const suffix =
      q.kind === 'ohlcv'
        ? (q.bucket ?? q.interval)
        : q.kind === 'funding'
          ? 'funding'
          : 'open-interest';
    return source === null
      ? { filename: `${q.symbol}-${suffix}.csv`, lines: this.csvLines(q, null, columns) }
      : {
          filename: `${q.symbol}-${source}-${suffix}.csv`,
          lines: this.csvLines(q, { ...range, source }, columns),
        };
  }

  /** Rules checked first (a bad range is refused whatever is stored), then the source. */
  private async prepare(
    q: SeriesQuery,
  ): Promise<{ range: Omit<RangeQuery, 'source'>; source: string | null }> {
    const range = this.check(q);
    return { range, source: await this.sourceOf(q.kind, q.symbol, q.source, q.interval) };
  }

  /** The header, then the rows page by page; only the header when no source holds the symbol. */
  private async *csvLines(
    q: SeriesQuery,
    range: RangeQuery | null,
    columns: readonly string[],
  ): AsyncIterable<string> {
    yield `${columns.join(',')}\n`;
    if (range === null) return;
    let remaining = range.limit;
    let after = range.after;
    while (remaining > 0) {
      const rows = await this.read(q, { ...range, after, limit: Math.min(CSV_PAGE, remaining) });
      if (rows.length === 0) return;
      const text = rows
        .map((r) => columns.map((c) => (c === 'ts' ? iso(r.ts) : String(r[c] ?? ''))).join(','))
        .join('\n');
      yield `${text}\n`;
      remaining -= rows.length;
      after = new Date(rows[rows.length - 1].ts);
      if (rows.length < CSV_PAGE) return;
    }
  }

  /** Per stored interval of a source's candles of a symbol: first and last candle, count, and gaps. */
  async coverage(symbol: string, named?: string): Promise<CoverageView> {
    const source = await this.sourceOf('ohlcv', symbol, named);
    const intervals = source === null ? [] : await this.repository.coverage(source, symbol);
    return {
      source,
      symbol,
      intervals: intervals.map((c) => ({
        interval: c.interval,
        first: iso(c.first),
        last: iso(c.last),
        candles: c.candles,
        gaps: c.gaps.map((g) => ({
          after: iso(g.after),
          before: iso(g.before),
          missing_ms: g.missing_ms,
        })),
      })),
    };
  }

  private async read(q: SeriesQuery, range: RangeQuery): Promise<StoredRow[]> {
    switch (q.kind) {
      case 'ohlcv':
        return q.bucket === undefined
          ? this.repository.range(range)
          : this.repository.resample({ ...range, bucket: q.bucket });
      case 'funding':
        return this.repository.fundingRates(range);
      case 'open_interest':
        return this.repository.openInterest(range);
    }
  }
}

function toRow(kind: SeriesKind, r: StoredRow): SeriesRow {
  const row: SeriesRow = { ts: iso(r.ts) };
  for (const c of SERIES[kind]) {
    if (c === 'ts') continue;
    const v = r[c];
    row[c] = v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v);
  }
  return row;
}
