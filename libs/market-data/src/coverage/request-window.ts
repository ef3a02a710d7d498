import { parseDay } from '../calendars/calendar-day';

const DAY_MS = 86_400_000;

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using it. */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timezone: string): Intl.DateTimeFormat {
  let format = FORMATTERS.get(timezone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (FORMATTERS.size < 100) FORMATTERS.set(timezone, format);
  }
  return format;
}

/** Milliseconds `timezone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, timezone: string): number {
  if (timezone === 'UTC') return 0;
  const parts = formatterOf(timezone).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return local - Math.floor(instant / 1000) * 1000;
}

/** The instant `day` (a day number) begins in `timezone`. */
export function zonedDayStart(day: number, timezone: string): number {
  const utc = day * DAY_MS;
  let guess = utc - offsetAt(utc, timezone);
  // Once more at the guess: the offset may differ there (a DST change near midnight).
  guess = utc - offsetAt(guess, timezone);
  return guess;
}

/**
 * Where a request for the daily candle of `day` starts: the earlier of the day's start in UTC and
 * in `timezone`. Providers stamp a daily bar at the session's local midnight or open (Tokyo:
 * 15:00 UTC the day before) and we store it at UTC midnight of its local date; from this instant
 * both stamps of the day are inside and neither of the day before.
 */
export function earliestDayStart(day: number, timezone: string): Date {
  return new Date(Math.min(day * DAY_MS, zonedDayStart(day, timezone)));
}

/**
 * The instants to ask a provider for the daily candles of sessions `from`..`to` (`YYYY-MM-DD`,
 * inclusive) of an exchange in `timezone`: from the earlier of the first day's start in UTC and in
 * the exchange's zone, to the earlier of the next day's. Providers stamp a daily bar at the
 * session's local midnight or open (Tokyo: 15:00 UTC the day before) and we store it at UTC
 * midnight of its local date, so the range holds both stamps of every asked day and neither of the
 * day after.
 */
export function requestWindow(
  from: string,
  to: string,
  timezone: string,
): { from: Date; to: Date } {
  const first = parseDay(from);
  const last = parseDay(to);
  if (first === null || last === null) throw new RangeError(`not a day range: ${from}..${to}`);
  return { from: earliestDayStart(first, timezone), to: earliestDayStart(last + 1, timezone) };
}
