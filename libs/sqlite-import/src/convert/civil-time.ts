/**
 * Calendar arithmetic on the proleptic Gregorian calendar without `Date` (which maps years 0–99
 * to 19xx and has millisecond precision only). Algorithms from Howard Hinnant's date library.
 */

/** An instant: whole seconds since 1970-01-01T00:00:00Z and microseconds within the second. */
export interface Instant {
  sec: number;
  usec: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1];
}

/** Days since 1970-01-01 of a civil date (month 1–12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** `YYYY-MM-DD` of a day count. */
export function formatDate(days: number): string {
  const { y, m, d } = civilFromDays(days);
  return `${pad(y, 4)}-${pad2(m)}-${pad2(d)}`;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => pad2(i));
let memoDays = NaN;
let memoDate = '';

/** `YYYY-MM-DDTHH:MM:SS.ffffff` (wall clock of `sec` seconds since the epoch, no zone). */
export function formatWallClock(sec: number, usec: number): string {
  const days = Math.floor(sec / 86400);
  if (days !== memoDays) {
    memoDate = formatDate(days); // consecutive rows mostly share the day
    memoDays = days;
  }
  const rest = sec - days * 86400;
  const h = Math.floor(rest / 3600);
  const mi = Math.floor((rest - h * 3600) / 60);
  const s = rest - h * 3600 - mi * 60;
  const fraction = usec === 0 ? '000000' : pad(usec, 6);
  return `${memoDate}T${TWO_DIGITS[h]}:${TWO_DIGITS[mi]}:${TWO_DIGITS[s]}.${fraction}`;
}

/** ISO 8601 in UTC with microseconds: the form the importer sends and compares timestamps in. */
export function formatInstant(i: Instant): string {
  return `${formatWallClock(i.sec, i.usec)}Z`;
}
