import { dayNumberOf, formatDay, parseDay } from './calendar-day';
import { CalendarRangeError } from './calendar-range.error';
import { CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY } from './trading-calendar';

/** The longest range one calendar request may span, in years. */
export const MAX_CALENDAR_SPAN_YEARS = 20;

export interface CalendarRange {
  from: string;
  to: string;
}

function checked(day: string, field: string): number {
  const n = parseDay(day);
  if (n === null) {
    throw new CalendarRangeError(`${field} must be a date as YYYY-MM-DD (e.g. 2024-01-31)`, field);
  }
  if (day < CALENDAR_FIRST_DAY || day > CALENDAR_LAST_DAY) {
    throw new CalendarRangeError(
      `${field} must lie between ${CALENDAR_FIRST_DAY} and ${CALENDAR_LAST_DAY}`,
      field,
    );
  }
  return n;
}

/**
 * The inclusive range of a calendar request. Without `from` and `to`: the calendar year of
 * `today`; with only `from`: to the end of its year; with only `to`: from the start of its year.
 * Refuses (CalendarRangeError) a day that is not YYYY-MM-DD or lies outside the calendar window,
 * `to` before `from`, and a range longer than MAX_CALENDAR_SPAN_YEARS years.
 */
export function resolveCalendarRange(
  from: string | undefined,
  to: string | undefined,
  today: string,
): CalendarRange {
  if (from !== undefined) checked(from, 'from');
  if (to !== undefined) checked(to, 'to');
  const year = (from ?? to ?? today).slice(0, 4);
  const start = from ?? `${year}-01-01`;
  const end = to ?? `${year}-12-31`;
  const a = checked(start, 'from');
  const b = checked(end, 'to');
  if (b < a) throw new CalendarRangeError(`to (${end}) is before from (${start})`, 'to');
  const [y, m, d] = start.split('-').map(Number);
  const limit = dayNumberOf(y + MAX_CALENDAR_SPAN_YEARS, m, d) - 1;
  if (b > limit) {
    throw new CalendarRangeError(
      `the range may span at most ${MAX_CALENDAR_SPAN_YEARS} years: from ${start}, to must be ${formatDay(limit)} or earlier`,
      'to',
    );
  }
  return { from: start, to: end };
}
