import {
  firstDayOfYear,
  formatDay,
  parseDay,
  weekdayOf,
  yearOfDay,
  ZonedDayFormatter,
} from './calendar-day';
import { CalendarRangeError } from './calendar-range.error';
import {
  CALENDAR_FIRST_DAY,
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_DAY,
  CALENDAR_LAST_YEAR,
  Closure,
  Exchange,
  TradingCalendar,
} from './trading-calendar';

const FIRST = firstDayOfYear(CALENDAR_FIRST_YEAR);
const LAST = firstDayOfYear(CALENDAR_LAST_YEAR + 1) - 1;

/**
 * The days an exchange is closed in one year besides weekends, as `[YYYY-MM-DD, name]` pairs.
 * Days of other years and repeated days are ignored (the first name given for a day is kept).
 */
export type HolidaysOfYear = (year: number) => Iterable<readonly [string, string]>;

export interface SessionCalendarRules {
  exchange: Exchange;
  timezone: string;
  /** Whether Saturdays and Sundays are closed (false: the exchange trades every day). */
  weekendsClosed: boolean;
  holidays: HolidaysOfYear;
}

/** One year, computed once: its sessions and, per day, how many sessions came before it. */
interface YearTable {
  /** Day number of 1 January. */
  first: number;
  sessions: string[];
  /** before[i]: sessions among the year's first i days (length: days in the year + 1). */
  before: Uint16Array;
  /** Closed weekdays, in order. */
  closures: Closure[];
}

/**
 * A TradingCalendar from weekend and holiday rules. Each year's table is built on first use
 * (a few hundred microseconds) and kept; the calendar window bounds the cache to 130 years.
 */
export class SessionCalendar implements TradingCalendar {
  readonly exchange: Exchange;
  readonly timezone: string;
  private readonly years = new Map<number, YearTable>();
  private readonly zoned: ZonedDayFormatter;

  constructor(private readonly rules: SessionCalendarRules) {
    this.exchange = rules.exchange;
    this.timezone = rules.timezone;
    this.zoned = new ZonedDayFormatter(rules.timezone);
  }

  isSession(day: string): boolean {
    const n = dayNumber(day, 'day');
    const t = this.table(yearOfDay(n));
    const i = n - t.first;
    return t.before[i + 1] > t.before[i];
  }

  sessions(from: string, to: string): string[] {
    const a = dayNumber(from, 'from');
    const b = dayNumber(to, 'to');
    if (b < a) return [];
    const first = yearOfDay(a);
    const last = yearOfDay(b);
    // Two passes over the year tables (cheap): count, then copy into an array of that size.
    const out = new Array<string>(this.count(a, b, first, last));
    let at = 0;
    for (let year = first; year <= last; year++) {
      const t = this.table(year);
      const lo = a > t.first ? t.before[a - t.first] : 0;
      const hi = year === last ? t.before[b - t.first + 1] : t.sessions.length;
      for (let k = lo; k < hi; k++) out[at++] = t.sessions[k];
    }
    return out;
  }

  countSessions(from: string, to: string): number {
    const a = dayNumber(from, 'from');
    const b = dayNumber(to, 'to');
    return b < a ? 0 : this.count(a, b, yearOfDay(a), yearOfDay(b));
  }

  nextSession(day: string, inclusive = false): string | null {
    let start = dayNumber(day, 'day') + (inclusive ? 0 : 1);
    while (start <= LAST) {
      const t = this.table(yearOfDay(start));
      const k = t.before[start - t.first];
      if (k < t.sessions.length) return t.sessions[k];
      start = t.first + t.before.length - 1; // 1 January of the next year
    }
    return null;
  }

  previousSession(day: string, inclusive = false): string | null {
    let end = dayNumber(day, 'day') - (inclusive ? 0 : 1);
    while (end >= FIRST) {
      const t = this.table(yearOfDay(end));
      const k = t.before[end - t.first + 1];
      if (k > 0) return t.sessions[k - 1];
      end = t.first - 1; // 31 December of the year before
    }
    return null;
  }

  closures(from: string, to: string): Closure[] {
    const a = dayNumber(from, 'from');
    const b = dayNumber(to, 'to');
    const out: Closure[] = [];
    if (b < a) return out;
    const fromDay = formatDay(a);
    const toDay = formatDay(b);
    for (let year = yearOfDay(a); year <= yearOfDay(b); year++) {
      for (const c of this.table(year).closures) {
        if (c.day >= fromDay && c.day <= toDay) out.push({ ...c });
      }
    }
    return out;
  }

  localDay(instant: Date): string {
    return this.zoned.dayOf(instant);
  }

  /** Sessions in [a, b] (day numbers, a ≤ b, of the years first..last). */
  private count(a: number, b: number, first: number, last: number): number {
    let count = 0;
    for (let year = first; year <= last; year++) {
      const t = this.table(year);
      const lo = a > t.first ? t.before[a - t.first] : 0;
      const hi = year === last ? t.before[b - t.first + 1] : t.sessions.length;
      count += hi - lo;
    }
    return count;
  }

  private table(year: number): YearTable {
    let t = this.years.get(year);
    if (t === undefined) {
      t = this.build(year);
      this.years.set(year, t);
    }
    return t;
  }

  private build(year: number): YearTable {
    const first = firstDayOfYear(year);
    const length = firstDayOfYear(year + 1) - first;
    const closed = new Map<number, string>();
    for (const [day, name] of this.rules.holidays(year)) {
      const n = parseDay(day);
      if (n !== null && n >= first && n < first + length && !closed.has(n)) closed.set(n, name);
    }
    const sessions: string[] = [];
    const closures: Closure[] = [];
    const before = new Uint16Array(length + 1);
    for (let i = 0; i < length; i++) {
      const n = first + i;
      const weekday = weekdayOf(n);
      const weekend = weekday === 0 || weekday === 6;
      const holiday = closed.get(n);
      if (weekend && this.rules.weekendsClosed) {
        // closed, and not a closure worth naming
      } else if (holiday !== undefined) {
        if (!weekend) closures.push({ day: formatDay(n), name: holiday });
      } else {
        sessions.push(formatDay(n));
      }
      before[i + 1] = sessions.length;
    }
    return { first, sessions, before, closures };
  }
}

/** Day number of `day`, checked: a real date inside the calendar window. */
function dayNumber(day: string, field: string): number {
  const n = typeof day === 'string' ? parseDay(day) : null;
  if (n === null) {
    throw new CalendarRangeError(`${field} must be a date as YYYY-MM-DD (e.g. 2024-01-31)`, field);
  }
  if (n < FIRST || n > LAST) {
    throw new CalendarRangeError(
      `${field} must lie between ${CALENDAR_FIRST_DAY} and ${CALENDAR_LAST_DAY}`,
      field,
    );
  }
  return n;
}
