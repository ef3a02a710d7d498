import { Injectable } from '@nestjs/common';
import { CoverageCandidate, CoverageRepository, LedgerFetch, PresenceRow } from '@app/persistence';
import { addDays, formatDay, isCalendarDay, parseDay, yearOfDay } from '../calendars/calendar-day';
import { calendarFor } from '../calendars/calendar-registry';
import { exchangeOfName, exchangeOfSymbol } from '../calendars/exchange-of-symbol';
import { SessionCalendar } from '../calendars/session-calendar';
import {
  CALENDAR_FIRST_DAY,
  CALENDAR_LAST_DAY,
  Exchange,
  TradingCalendar,
} from '../calendars/trading-calendar';
import { SeriesQueryError } from '../series/series-query.error';
import { SeriesQueryService } from '../series/series-query.service';
import {
  columnOf,
  coverageCells,
  dayStart,
  SeriesCoverage,
  seriesCoverage,
  SessionDays,
  SessionRange,
  StoredDays,
} from './daily-coverage';
import { requestWindow } from './request-window';

/**
 * Symbols whose exchange none of our calendars fits (indices, FX, futures) are counted against
 * Monday to Friday, no holidays: the answer says `calendar: "weekdays"`.
 */
const WEEKDAYS: TradingCalendar = new SessionCalendar({
  exchange: 'NYSE', // never shown: `calendar` says "weekdays"
  timezone: 'UTC',
  weekendsClosed: true,
  holidays: () => [],
});

/** Largest heatmap (symbols × columns) one answer holds. */
export const MAX_MATRIX_CELLS = 2_000_000;

export type CoverageGranularity = 'day' | 'week';

/** The window of a coverage query: days (`YYYY-MM-DD`) or instants (their UTC date is taken). */
export interface CoverageWindow {
  from?: string;
  to?: string;
}

export interface CoverageListQuery extends CoverageWindow {
  interval: string;
  provider?: string;
  exchange?: string;
  market_segment?: string[];
  symbols?: string[];
  page: number;
  pageSize: number;
}

/** Calendar-aware coverage of one symbol's daily candles from one source. */
export interface SymbolCoverageView {
  source: string | null;
  symbol: string;
  interval: '1d';
  /** The exchange whose sessions are expected (null: none of ours fits; see `calendar`). */
  exchange: Exchange | null;
  /** `exchange`, or "weekdays" (Monday to Friday, no holidays) when no exchange fits. */
  calendar: string;
  /** The window counted (inclusive days). */
  from: string;
  to: string;
  /** First and last stored day (any time, not only in the window); null when none is stored. */
  first: string | null;
  last: string | null;
  expected_sessions: number;
  stored_sessions: number;
  missing_sessions: number;
  empty_fetched_sessions: number;
  missing: SessionRange[];
  empty_fetched: SessionRange[];
}

export interface CoverageListItem {
  symbol: string;
  source: string;
  exchange: Exchange | null;
  market_segment: string | null;
  from: string;
  to: string;
  expected_sessions: number;
  stored_sessions: number;
  missing_sessions: number;
  empty_fetched_sessions: number;
  first: string | null;
  last: string | null;
}

export interface CoverageListView {
  interval: '1d';
  from: string;
  to: string;
  items: CoverageListItem[];
  total: number;
  page: number;
  page_size: number;
}

export interface CoverageMatrixView {
  interval: '1d';
  granularity: CoverageGranularity;
  from: string;
  to: string;
  /** Column starts: days, or the Monday of each week. */
  days: string[];
  symbols: { symbol: string; source: string; exchange: Exchange | null }[];
  /** Per symbol, per column: [stored sessions, sessions expected of the source], or null (none). */
  cells: ([number, number] | null)[][];
  total: number;
  page: number;
  page_size: number;
}

/** A backfill's plan for one symbol: the ranges it lacks and how to ask for them. */
export interface BackfillItem {
  symbol: string;
  source: string;
  exchange: Exchange | null;
  missing_sessions: number;
  requests: number;
  ranges: SessionRange[];
  /** The instants each range is asked for (see requestWindow); not part of the API answer. */
  windows: { from: Date; to: Date }[];
}

export interface BackfillPlanQuery extends CoverageWindow {
  provider: string;
  symbols: readonly string[];
  /** Instead of `from`: the last N sessions (of each symbol's exchange) up to `to`. */
  sessions?: number;
  includeEmpty: boolean;
  /** Candles the provider answers per request, when it pages (e.g. Binance 1,500). */
  candlesPerRequest?: number;
}

export interface BackfillPlanView {
  from: string | null;
  to: string;
  sessions: number | null;
  include_empty: boolean;
  symbols: number;
  ranges: number;
  missing_sessions: number;
  requests: number;
  items: BackfillItem[];
}

/** A series with the calendar and window it is counted on. */
interface Counted {
  candidate: CoverageCandidate;
  exchange: Exchange | null;
  calendar: TradingCalendar;
  fromDay: number;
  toDay: number;
}

/**
 * Calendar-aware coverage of daily candles: which sessions of a series' exchange are stored,
 * which the provider answered empty (the fetch ledger), which are missing; listed per symbol,
 * as a heatmap, and as the plan of a backfill. Reads presence bitmaps (10 rows per symbol and
 * decade), the registry, and the ledger only over the ranges that lack candles.
 */
@Injectable()
export class CoverageService {
  constructor(
    private readonly repository: CoverageRepository,
    private readonly series: SeriesQueryService,
  ) {}

  /** `GET /api/symbols/:symbol/coverage` for daily candles. */
  async symbol(
    symbol: string,
    named: string | undefined,
    window: CoverageWindow,
    now = new Date(),
  ): Promise<SymbolCoverageView> {
    const source = await this.series.sourceOf('ohlcv', symbol, named, '1d');
    const range = parseWindow(window);
    const [candidate] =
      source === null ? [] : await this.repository.candidates(source, [symbol], true);
    const row: CoverageCandidate = candidate ?? bareCandidate(source ?? '', symbol);
    const presence = source === null ? [] : await this.repository.presence([row], 1970, null, true);
    const stored = new StoredDays(presence);
    const { exchange, calendar } = calendarOf(row);
    const toDay = this.lastDay(calendar, range.to, now, row);
    const firstStored = stored.first();
    const defaultFrom =
      firstStored ??
      (row.listedDate ? parseDay(row.listedDate)! : parseDay(addDays(formatDay(toDay), -364))!);
    const fromDay = listedFrom(row, range.from ?? defaultFrom);
    const counted: Counted = { candidate: row, exchange, calendar, fromDay, toDay };
    const [coverage] = await this.count([counted], [stored], true, false);
    return {
      source,
      symbol,
      interval: '1d',
      exchange,
      calendar: exchange ?? 'weekdays',
      from: formatDay(fromDay),
      to: formatDay(toDay),
      first: firstStored === null ? null : formatDay(firstStored),
      last: stored.last() === null ? null : formatDay(stored.last()!),
      expected_sessions: coverage.expected,
      stored_sessions: coverage.stored,
      missing_sessions: coverage.missingSessions,
      empty_fetched_sessions: coverage.emptySessions,
      missing: coverage.missing,
      empty_fetched: coverage.empty,
    };
  }

  /** `GET /api/coverage`: per series of the registry and the store, paged. */
  async list(query: CoverageListQuery, now = new Date()): Promise<CoverageListView> {
    const page = await this.page(query, now);
    const coverage = await this.count(page.counted, page.stored, true, false);
    return {
      interval: '1d',
      from: formatDay(page.fromDay),
      to: formatDay(page.toDay),
      items: page.counted.map((c, i) => ({
        symbol: c.candidate.symbol,
        source: c.candidate.source,
        exchange: c.exchange,
        market_segment: c.candidate.marketSegment,
        from: formatDay(c.fromDay),
        to: formatDay(c.toDay),
        expected_sessions: coverage[i].expected,
        stored_sessions: coverage[i].stored,
        missing_sessions: coverage[i].missingSessions,
        empty_fetched_sessions: coverage[i].emptySessions,
        first: dayOrNull(page.stored[i].first()),
        last: dayOrNull(page.stored[i].last()),
      })),
      total: page.total,
      page: query.page,
      page_size: query.pageSize,
    };
  }

  /** `GET /api/coverage?format=matrix`: the heatmap of a page of series. */
  async matrix(
    query: CoverageListQuery & { granularity?: CoverageGranularity },
    now = new Date(),
  ): Promise<CoverageMatrixView> {
    const page = await this.page(query, now);
    const granularity = query.granularity ?? (page.toDay - page.fromDay < 370 ? 'day' : 'week');
    const columns: number[] = [];
    for (let d = columnOf(page.fromDay, granularity); d <= page.toDay;) {
      columns.push(d);
      d += granularity === 'day' ? 1 : 7;
    }
    if (columns.length * Math.max(1, page.counted.length) > MAX_MATRIX_CELLS) {
      throw new SeriesQueryError(
        'LIMIT_TOO_LARGE',
        `the heatmap would hold ${columns.length} columns × ${page.counted.length} symbols > ${MAX_MATRIX_CELLS} cells; use granularity=week, a shorter range or a smaller page_size`,
        'page_size',
      );
    }
    const fetches = await this.fetchesOf(
      page.counted,
      withoutLedger(page.counted, page.stored),
      true,
    );
    return {
      interval: '1d',
      granularity,
      from: formatDay(page.fromDay),
      to: formatDay(page.toDay),
      days: columns.map(formatDay),
      symbols: page.counted.map((c) => ({
        symbol: c.candidate.symbol,
        source: c.candidate.source,
        exchange: c.exchange,
      })),
      cells: page.counted.map((c, i) =>
        coverageCells(
          sessionDays(c.calendar, page.fromDay, page.toDay),
          c.fromDay,
          c.toDay,
          page.stored[i],
          fetches[i],
          columns,
          granularity,
        ),
      ),
      total: page.total,
      page: query.page,
      page_size: query.pageSize,
    };
  }

  /**
   * What a backfill of `symbols` from `provider` would fetch: per symbol, its sessions in the
   * window that are neither stored nor (unless `includeEmpty`) answered empty before, as ranges of
   * consecutive sessions, each one provider request (or several when the provider pages). Read on
   * the primary: the batch it plans starts right after.
   */
  async plan(query: BackfillPlanQuery, now = new Date()): Promise<BackfillPlanView> {
    const range = parseWindow(query);
    if (query.sessions !== undefined && range.from !== undefined) {
      throw new SeriesQueryError('INVALID_RANGE', 'give either from or sessions, not both', 'from');
    }
    const known = new Map(
      (await this.repository.candidates(query.provider, query.symbols, false)).map((c) => [
        c.symbol,
        c,
      ]),
    );
    const counted: Counted[] = [];
    for (const symbol of query.symbols) {
      const row = known.get(symbol) ?? bareCandidate(query.provider, symbol);
      const { exchange, calendar } = calendarOf(row);
      const toDay = this.lastDay(calendar, range.to, now, row);
      let fromDay: number;
      if (query.sessions !== undefined) {
        const sessions = calendar.sessions(
          addDays(formatDay(toDay), -3 * query.sessions - 30),
          formatDay(toDay),
        );
        fromDay = parseDay(
          sessions[Math.max(0, sessions.length - query.sessions)] ?? formatDay(toDay + 1),
        )!;
      } else if (range.from !== undefined) {
        fromDay = range.from;
      } else {
        throw new SeriesQueryError('INVALID_RANGE', 'a backfill needs from (or sessions)', 'from');
      }
      counted.push({
        candidate: row,
        exchange,
        calendar,
        fromDay: listedFrom(row, fromDay),
        toDay,
      });
    }
    const minFrom = Math.min(...counted.map((c) => c.fromDay));
    const presence = await this.repository.presence(
      counted.map((c) => c.candidate),
      yearOfDay(minFrom),
      null,
      false,
    );
    const stored = storedOf(counted, presence);
    const coverage = await this.count(counted, stored, false, query.includeEmpty);
    const items: BackfillItem[] = [];
    counted.forEach((c, i) => {
      const ranges = coverage[i].missing;
      if (ranges.length === 0) return;
      const perRequest = query.candlesPerRequest;
      const requests = ranges.reduce(
        (n, r) =>
          n + (perRequest ? Math.ceil((parseDay(r.to)! - parseDay(r.from)! + 1) / perRequest) : 1),
        0,
      );
      items.push({
        symbol: c.candidate.symbol,
        source: c.candidate.source,
        exchange: c.exchange,
        missing_sessions: coverage[i].missingSessions,
        requests,
        ranges,
        windows: ranges.map((r) => requestWindow(r.from, r.to, c.calendar.timezone)),
      });
    });
    return {
      from: range.from === undefined ? null : formatDay(range.from),
      to: formatDay(Math.max(...counted.map((c) => c.toDay))),
      sessions: query.sessions ?? null,
      include_empty: query.includeEmpty,
      symbols: items.length,
      ranges: items.reduce((n, i) => n + i.ranges.length, 0),
      missing_sessions: items.reduce((n, i) => n + i.missing_sessions, 0),
      requests: items.reduce((n, i) => n + i.requests, 0),
      items,
    };
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The last day counted: the query's `to`, at most the last session of the exchange that has
   * ended (before today where the exchange is), and before the symbol's delisting.
   */
  private lastDay(
    calendar: TradingCalendar,
    to: number | undefined,
    now: Date,
    row: CoverageCandidate,
  ): number {
    const today = parseDay(calendar.localDay(now))!;
    let last = Math.min(to ?? today - 1, today - 1);
    if (row.delistedDate) last = Math.min(last, parseDay(row.delistedDate)! - 1);
    return last;
  }

  /** The filtered series of a list or matrix query, the page's slice and its presence. */
  private async page(query: CoverageListQuery, now: Date) {
    if (query.interval !== '1d') {
      throw new SeriesQueryError(
        'UNSUPPORTED_INTERVAL',
        `coverage is calendar-aware for daily candles (interval 1d) only, got ${query.interval}; for intraday series GET /api/symbols/:symbol/coverage reports gaps`,
        'interval',
      );
    }
    const range = parseWindow(query);
    const todayUtc = parseDay(now.toISOString().slice(0, 10))!;
    const toDay = Math.min(range.to ?? todayUtc - 1, todayUtc);
    const fromDay = range.from ?? toDay - 364;
    if (fromDay > toDay) {
      throw new SeriesQueryError('INVALID_RANGE', 'from must not be after to', 'from');
    }
    const wantExchange = query.exchange === undefined ? undefined : exchangeOfName(query.exchange);
    const segments = query.market_segment?.map((s) => s.toLowerCase());
    const all = (
      await this.repository.candidates(query.provider ?? null, query.symbols ?? null, true)
    ).filter((c) => {
      if (segments && !segments.includes((c.marketSegment ?? '').toLowerCase())) return false;
      if (query.exchange === undefined) return true;
      if (wantExchange) return calendarOf(c).exchange === wantExchange;
      return (c.exchange ?? '').toUpperCase() === query.exchange.toUpperCase();
    });
    const slice = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    const counted: Counted[] = slice.map((candidate) => {
      const { exchange, calendar } = calendarOf(candidate);
      return {
        candidate,
        exchange,
        calendar,
        fromDay: listedFrom(candidate, fromDay),
        toDay: this.lastDay(calendar, toDay, now, candidate),
      };
    });
    const presence = await this.repository.presence(
      counted.filter((c) => c.candidate.stored).map((c) => c.candidate),
      yearOfDay(fromDay),
      null,
      true,
    );
    return { counted, stored: storedOf(counted, presence), total: all.length, fromDay, toDay };
  }

  /** Coverage of each series, with the ledger read for the series that lack sessions. */
  private async count(
    counted: Counted[],
    stored: StoredDays[],
    replica: boolean,
    ignoreLedger: boolean,
  ): Promise<SeriesCoverage[]> {
    const unled = withoutLedger(counted, stored);
    if (ignoreLedger) return unled;
    const fetches = await this.fetchesOf(counted, unled, replica);
    // Without fetches over a series, its count without the ledger is the answer.
    return counted.map((c, i) =>
      fetches[i].length === 0
        ? unled[i]
        : seriesCoverage(
            sessionDays(c.calendar, c.fromDay, c.toDay),
            c.fromDay,
            c.toDay,
            stored[i],
            fetches[i],
          ),
    );
  }

  /**
   * The ledger's fetches over the span of each series' unstored sessions (`unled`: each series
   * counted without the ledger; none unstored: no read).
   */
  private async fetchesOf(
    counted: Counted[],
    unled: SeriesCoverage[],
    replica: boolean,
  ): Promise<LedgerFetch[][]> {
    const spans = counted.map((c, i) => {
      const { missing } = unled[i];
      if (missing.length === 0) return null;
      return {
        source: c.candidate.source,
        symbol: c.candidate.symbol,
        from: dayStart(parseDay(missing[0].from)!),
        to: dayStart(parseDay(missing[missing.length - 1].to)! + 1),
      };
    });
    const wanted = spans.filter((s): s is NonNullable<typeof s> => s !== null);
    return perSeries(counted, await this.repository.fetchesOver(wanted, replica));
  }
}

/** Each series counted without the ledger (every unstored session missing). */
function withoutLedger(counted: Counted[], stored: StoredDays[]): SeriesCoverage[] {
  return counted.map((c, i) =>
    seriesCoverage(sessionDays(c.calendar, c.fromDay, c.toDay), c.fromDay, c.toDay, stored[i], []),
  );
}

/** Sessions of a calendar over a window, shared by the series of one answer. */
const SESSION_CACHE = new Map<string, SessionDays>();
function sessionDays(calendar: TradingCalendar, fromDay: number, toDay: number): SessionDays {
  const key = `${calendar === WEEKDAYS ? 'weekdays' : calendar.exchange}|${fromDay}|${toDay}`;
  let days = SESSION_CACHE.get(key);
  if (!days) {
    days = new SessionDays(calendar, formatDay(fromDay), formatDay(toDay));
    if (SESSION_CACHE.size > 256) SESSION_CACHE.clear();
    SESSION_CACHE.set(key, days);
  }
  return days;
}

function calendarOf(row: CoverageCandidate): {
  exchange: Exchange | null;
  calendar: TradingCalendar;
} {
  const exchange = exchangeOfSymbol(row.symbol, row.source, row.exchange);
  return exchange === null
    ? { exchange: null, calendar: WEEKDAYS }
    : { exchange, calendar: calendarFor(exchange) };
}

/** The first day counted of a series: `from`, or its listing day when later. */
function listedFrom(row: CoverageCandidate, from: number): number {
  const listed = row.listedDate === null ? null : parseDay(row.listedDate);
  return listed !== null && listed > from ? listed : from;
}

function bareCandidate(source: string, symbol: string): CoverageCandidate {
  return {
    source,
    symbol,
    exchange: null,
    marketSegment: null,
    listedDate: null,
    delistedDate: null,
    active: false,
    stored: false,
  };
}

function storedOf(counted: Counted[], presence: PresenceRow[]): StoredDays[] {
  return perSeries(counted, presence).map((rows) => new StoredDays(rows));
}

/** Rows of (source, symbol) series handed out per counted series, in its order (none: []). */
function perSeries<R extends { source: string; symbol: string }>(
  counted: Counted[],
  rows: readonly R[],
): R[][] {
  const key = (source: string, symbol: string) => `${source}\u0000${symbol}`;
  const bySeries = new Map<string, R[]>();
  for (const r of rows) {
    const list = bySeries.get(key(r.source, r.symbol));
    if (list) list.push(r);
    else bySeries.set(key(r.source, r.symbol), [r]);
  }
  return counted.map((c) => bySeries.get(key(c.candidate.source, c.candidate.symbol)) ?? []);
}

const dayOrNull = (day: number | null): string | null => (day === null ? null : formatDay(day));

/** The window's days (undefined when not given); refuses what is not a day or an instant. */
function parseWindow(window: CoverageWindow): { from?: number; to?: number } {
  const day = (value: string | undefined, field: 'from' | 'to'): number | undefined => {
    if (value === undefined) return undefined;
    const text = isCalendarDay(value) ? value : asInstantDay(value);
    const n = text === null ? null : parseDay(text);
    if (n === null || text! < CALENDAR_FIRST_DAY || text! > CALENDAR_LAST_DAY) {
      throw new SeriesQueryError(
        'INVALID_RANGE',
        `${field} must be a date (YYYY-MM-DD) or an ISO 8601 instant from ${CALENDAR_FIRST_DAY} to ${CALENDAR_LAST_DAY}, got "${value.slice(0, 40)}"`,
        field,
      );
    }
    return n;
  };
  const from = day(window.from, 'from');
  const to = day(window.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new SeriesQueryError('INVALID_RANGE', 'from must not be after to', 'from');
  }
  return { from, to };
}

function asInstantDay(value: string): string | null {
  const t = Date.parse(value);
  return Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(value)
    ? null
    : new Date(t).toISOString().slice(0, 10);
}
