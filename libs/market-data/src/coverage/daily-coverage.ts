import {
  firstDayOfYear,
  formatDay,
  parseDay,
  weekdayOf,
  yearOfDay,
} from '../calendars/calendar-day';
import type { TradingCalendar } from '../calendars/trading-calendar';

const DAY_MS = 86_400_000;

/** A presence bitmap row as persistence reads it (`days[n]` is '1' when day n+1 of `year` is stored). */
export interface PresenceYear {
  year: number;
  days: string;
}

/** A fetch of the ledger, as far as coverage needs it (instants; `requestedTo` exclusive). */
export interface LedgerFetchFacts {
  requestedFrom: Date | null;
  requestedTo: Date;
  rowsReturned: number;
  firstTs: Date | null;
  lastTs: Date | null;
  fetchedAt: Date;
}

/** Consecutive sessions (of the calendar: closed days in between do not break a range). */
export interface SessionRange {
  from: string;
  to: string;
  sessions: number;
}

/**
 * Which days of one daily series are stored: the presence bitmaps of its years. Day numbers are
 * days since 1970-01-01 (a daily candle's UTC date).
 */
export class StoredDays {
  private readonly years = new Map<number, string>();
  /** The year `has` looked up last, as [start, end) day numbers and its bits (none: undefined). */
  private start = 0;
  private end = 0;
  private bits: string | undefined;

  constructor(rows: Iterable<PresenceYear>) {
    for (const r of rows) this.years.set(r.year, r.days);
  }

  has(day: number): boolean {
    // Coverage walks the sessions in order: most calls fall in the year of the call before, and
    // skip the year arithmetic and the map lookup.
    if (day < this.start || day >= this.end) {
      const year = yearOfDay(day);
      this.start = firstDayOfYear(year);
      this.end = firstDayOfYear(year + 1);
      this.bits = this.years.get(year);
    }
    return this.bits !== undefined && this.bits.charCodeAt(day - this.start) === 49; // '1'
  }

  /** The first stored day, or null. */
  first(): number | null {
    const years = [...this.years.keys()].sort((a, b) => a - b);
    for (const y of years) {
      const i = this.years.get(y)!.indexOf('1');
      if (i >= 0) return firstDayOfYear(y) + i;
    }
    return null;
  }

  /** The last stored day, or null. */
  last(): number | null {
    const years = [...this.years.keys()].sort((a, b) => b - a);
    for (const y of years) {
      const i = this.years.get(y)!.lastIndexOf('1');
      if (i >= 0) return firstDayOfYear(y) + i;
    }
    return null;
  }
}

/**
 * Whether the ledger says the provider was asked for `day` and had nothing: a fetch asked for a
 * range holding the day's candle (stamped at UTC midnight), at least a day after the day began
 * (a fetch during or right after the session may be early), and returned no row, or none from
 * that day's side of its first or last row. Days between a fetch's first and last row are not
 * claimed: a stored candle deleted later is missing, not empty.
 */
export function answeredEmpty(fetches: readonly LedgerFetchFacts[], day: number): boolean {
  const ts = day * DAY_MS;
  for (const f of fetches) {
    if (f.requestedFrom !== null && ts < f.requestedFrom.getTime()) continue;
    if (ts >= f.requestedTo.getTime() || ts + DAY_MS > f.fetchedAt.getTime()) continue;
    if (f.rowsReturned === 0 || f.firstTs === null || f.lastTs === null) return true;
    if (ts < f.firstTs.getTime() || ts > f.lastTs.getTime()) return true;
  }
  return false;
}

/** The sessions of a calendar over a window, as day numbers, shared by the series of a page. */
export class SessionDays {
  readonly days: Int32Array;

  constructor(calendar: TradingCalendar, from: string, to: string) {
    const list = to < from ? [] : calendar.sessions(from, to);
    this.days = Int32Array.from(list, (d) => parseDay(d)!);
  }

  /** Index of the first session ≥ day. */
  lowerBound(day: number): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid] < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** What one series holds of the sessions of its window. */
export interface SeriesCoverage {
  expected: number;
  stored: number;
  /** Sessions neither stored nor answered empty, as ranges. */
  missing: SessionRange[];
  missingSessions: number;
  /** Sessions not stored that the provider answered empty, as ranges. */
  empty: SessionRange[];
  emptySessions: number;
}

/**
 * Coverage of one series over sessions [fromDay, toDay] (day numbers) of `sessions`: which are
 * stored, which the ledger says the provider had nothing for (`fetches`; none given: none), and
 * which are missing.
 */
export function seriesCoverage(
  sessions: SessionDays,
  fromDay: number,
  toDay: number,
  stored: StoredDays,
  fetches: readonly LedgerFetchFacts[],
): SeriesCoverage {
  const out: SeriesCoverage = {
    expected: 0,
    stored: 0,
    missing: [],
    missingSessions: 0,
    empty: [],
    emptySessions: 0,
  };
  let open: { list: SessionRange[]; range: SessionRange } | null = null;
  const close = () => {
    if (open) open.list.push(open.range);
    open = null;
  };
  for (let i = sessions.lowerBound(fromDay); i < sessions.days.length; i++) {
    const day = sessions.days[i];
    if (day > toDay) break;
    out.expected += 1;
    if (stored.has(day)) {
      out.stored += 1;
      close();
      continue;
    }
    const list = fetches.length > 0 && answeredEmpty(fetches, day) ? out.empty : out.missing;
    if (list === out.empty) out.emptySessions += 1;
    else out.missingSessions += 1;
    const current = open as { list: SessionRange[]; range: SessionRange } | null;
    if (current && current.list === list) {
      current.range.to = formatDay(day);
      current.range.sessions += 1;
    } else {
      close();
      open = { list, range: { from: formatDay(day), to: formatDay(day), sessions: 1 } };
    }
  }
  close();
  return out;
}

/** The column a day falls in: itself, or the Monday of its week. */
export function columnOf(day: number, granularity: 'day' | 'week'): number {
  return granularity === 'day' ? day : day - ((weekdayOf(day) + 6) % 7);
}

/**
 * The heatmap row of one series: per column of `columns` (day numbers of days or Mondays), the
 * stored sessions and the sessions expected of the source (sessions not answered empty), or null
 * when the column holds no session of the series' window.
 */
export function coverageCells(
  sessions: SessionDays,
  fromDay: number,
  toDay: number,
  stored: StoredDays,
  fetches: readonly LedgerFetchFacts[],
  columns: readonly number[],
  granularity: 'day' | 'week',
): ([number, number] | null)[] {
  const cells: ([number, number] | null)[] = columns.map(() => null);
  let c = 0;
  for (let i = sessions.lowerBound(fromDay); i < sessions.days.length; i++) {
    const day = sessions.days[i];
    if (day > toDay) break;
    const column = columnOf(day, granularity);
    while (c < columns.length - 1 && columns[c] < column) c += 1;
    if (columns[c] !== column) continue;
    const has = stored.has(day);
    if (!has && fetches.length > 0 && answeredEmpty(fetches, day)) {
      cells[c] ??= [0, 0];
      continue;
    }
    const cell = (cells[c] ??= [0, 0]);
    cell[1] += 1;
    if (has) cell[0] += 1;
  }
  return cells;
}

/** The instant of a day number: where its daily candle is stamped (UTC midnight). */
export const dayStart = (day: number): Date => new Date(day * DAY_MS);
