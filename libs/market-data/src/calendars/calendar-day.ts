/**
 * Calendar days as `YYYY-MM-DD` strings (the form the calendars take and give) and as day numbers
 * (days since 1970-01-01, what they compute with). A day has no time zone: it is a date of the
 * exchange's own calendar.
 */

const DAY_MS = 86_400_000;

/** Day number of a `YYYY-MM-DD` string that names a real date, or null. */
export function parseDay(day: string): number | null {
  // Read digit by digit (no regex match array): the calendars parse every day they are given.
  if (typeof day !== 'string' || day.length !== 10) return null;
  if (day.charCodeAt(4) !== DASH || day.charCodeAt(7) !== DASH) return null;
  const year = digits(day, 0, 4);
  const month = digits(day, 5, 7);
  const date = digits(day, 8, 10);
  if (year < 0 || month < 1 || month > 12 || date < 1) return null;
  if (date > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, date);
}

const DASH = 45;
const ZERO = 48;

/** The number written by `s[from..to)`, or -1 unless every character is a digit. */
function digits(s: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, date: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Whether `day` is a `YYYY-MM-DD` string naming a real date. */
export function isCalendarDay(day: string): boolean {
  return parseDay(day) !== null;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of 1 January of `year`. */
export function firstDayOfYear(year: number): number {
  return daysFromCivil(year, 1, 1);
}

/** The year a day number falls in. */
export function yearOfDay(dayNumber: number): number {
  const year = Math.floor(dayNumber / 365.2425) + 1970;
  if (firstDayOfYear(year) > dayNumber) return year - 1;
  return firstDayOfYear(year + 1) <= dayNumber ? year + 1 : year;
}

/** Day number of a date given by its parts (`month` 1-12). */
export function dayNumberOf(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / DAY_MS;
}

/** The `n`-th (1-based) `weekday` (0 Sunday … 6 Saturday) of a month, as a day number. */
export function nthWeekdayOf(year: number, month: number, weekday: number, n: number): number {
  const first = dayNumberOf(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

/** The last `weekday` (0 Sunday … 6 Saturday) of a month, as a day number. */
export function lastWeekdayOf(year: number, month: number, weekday: number): number {
  const last = dayNumberOf(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday. */
export function weekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** `YYYY-MM-DD` of the UTC date of an instant (e.g. a daily candle stamped at UTC midnight). */
export function utcDayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` `days` after (or before, when negative) `day`. */
export function addDays(day: string, days: number): string {
  const n = parseDay(day);
  if (n === null) throw new RangeError(`not a YYYY-MM-DD date: "${day}"`);
  return formatDay(n + days);
}

/** Formats instants as the `YYYY-MM-DD` date they fall on in one IANA time zone. */
export class ZonedDayFormatter {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timezone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }

  dayOf(instant: Date): string {
    const parts = this.format.formatToParts(instant);
    const part = (type: Intl.DateTimeFormatPartTypes) =>
      parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
  }
}
