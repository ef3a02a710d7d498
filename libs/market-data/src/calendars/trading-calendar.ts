/** The exchanges with a trading calendar (`GET /api/calendars/:exchange`). */
export const EXCHANGES = ['TSE', 'NYSE', 'LSE', 'XETRA', 'CRYPTO'] as const;
export type Exchange = (typeof EXCHANGES)[number];

export function isExchange(value: string): value is Exchange {
  return (EXCHANGES as readonly string[]).includes(value);
}

/** IANA time zone of each exchange: the zone its session dates are dates of. */
export const EXCHANGE_TIMEZONES: Readonly<Record<Exchange, string>> = {
  TSE: 'Asia/Tokyo',
  NYSE: 'America/New_York',
  LSE: 'Europe/London',
  XETRA: 'Europe/Berlin',
  CRYPTO: 'UTC',
};

/**
 * Years the calendars answer for. Before 1970 no holiday source used here has data (and the
 * exchanges still traded on Saturdays); after 2099 the Japanese equinox formula is not defined.
 */
export const CALENDAR_FIRST_YEAR = 1970;
export const CALENDAR_LAST_YEAR = 2099;
export const CALENDAR_FIRST_DAY = `${CALENDAR_FIRST_YEAR}-01-01`;
export const CALENDAR_LAST_DAY = `${CALENDAR_LAST_YEAR}-12-31`;

/** A weekday on which an exchange does not trade, and why. */
export interface Closure {
  day: string;
  name: string;
}

/**
 * The trading days (sessions) of one exchange. Days are `YYYY-MM-DD` dates of the exchange's own
 * time zone; ranges are inclusive at both ends. Every method refuses a day that is not a real date
 * or lies outside CALENDAR_FIRST_DAY..CALENDAR_LAST_DAY (CalendarRangeError). Answers come from
 * per-year tables computed once and kept: after the first call for a year, `isSession` is O(1),
 * `countSessions` O(years) and `sessions` O(years + result).
 */
export interface TradingCalendar {
  readonly exchange: Exchange;
  /** IANA time zone of the exchange. */
  readonly timezone: string;
  /** Whether the exchange trades on `day`. */
  isSession(day: string): boolean;
  /** The sessions in [from, to], in order (a new array the caller may keep or change). */
  sessions(from: string, to: string): string[];
  /** How many sessions lie in [from, to] (0 when to < from). */
  countSessions(from: string, to: string): number;
  /** The first session after `day` (on or after with `inclusive`); null past CALENDAR_LAST_DAY. */
  nextSession(day: string, inclusive?: boolean): string | null;
  /** The last session before `day` (on or before with `inclusive`); null before CALENDAR_FIRST_DAY. */
  previousSession(day: string, inclusive?: boolean): string | null;
  /** Weekdays in [from, to] on which the exchange is closed, with the holiday's name. */
  closures(from: string, to: string): Closure[];
  /** The exchange's date at `instant` (e.g. "today" where the exchange is). */
  localDay(instant: Date): string;
}
