import { dayNumberOf, formatDay, lastWeekdayOf, nthWeekdayOf, weekdayOf } from './calendar-day';
import { easterSunday } from './easter';

/**
 * London Stock Exchange non-trading days besides weekends: the bank holidays of England and Wales
 * (Banking and Financial Dealings Act 1971 and royal proclamations), which LSE follows.
 *
 * A rule table written here, not a package: the maintained package with England's bank holidays,
 * `date-holidays`, gets 2002 and 2012 wrong (the Spring bank holiday moved for the Golden and
 * Diamond Jubilees) and lacks 2011-04-29 and 1999-12-31, and it brings ~45 MB of dependencies.
 * Sources: GOV.UK "UK bank holidays" (gov.uk/bank-holidays, from 2012), the proclamations in The
 * Gazette for the one-off days, cross-checked with QuantLib's UnitedKingdom::Exchange and
 * exchange_calendars' XLON. When a proclamation moves or adds a bank holiday (they are announced
 * months ahead), add it to LSE_MOVED_BANK_HOLIDAYS or LSE_SPECIAL_CLOSURES.
 *
 * Rules: New Year's Day (from 1974; on a weekend, the Monday after); Good Friday; Easter Monday;
 * Early May bank holiday, the first Monday of May (from 1978); Spring bank holiday, the last
 * Monday of May; Summer bank holiday, the last Monday of August; Christmas Day and Boxing Day
 * (on a weekend, the next weekdays: 27 and 28 December).
 */

/** Regular bank holidays moved by proclamation: year → the day instead of the rule's. */
export const LSE_MOVED_BANK_HOLIDAYS: Readonly<{
  earlyMay: Readonly<Record<number, string>>;
  spring: Readonly<Record<number, string>>;
}> = {
  // VE Day anniversaries (50th, 75th).
  earlyMay: { 1995: '1995-05-08', 2020: '2020-05-08' },
  // Jubilees: Silver, Golden, Diamond, Platinum.
  spring: { 1977: '1977-06-06', 2002: '2002-06-03', 2012: '2012-06-04', 2022: '2022-06-02' },
};

/** One-off bank holidays. */
export const LSE_SPECIAL_CLOSURES: ReadonlyArray<readonly [string, string]> = [
  ['1977-06-07', 'Silver Jubilee of Elizabeth II'],
  ['1981-07-29', 'Wedding of the Prince of Wales'],
  ['1999-12-31', 'Millennium'],
  ['2002-06-04', 'Golden Jubilee of Elizabeth II'],
  ['2011-04-29', 'Wedding of Prince William'],
  ['2012-06-05', 'Diamond Jubilee of Elizabeth II'],
  ['2022-06-03', 'Platinum Jubilee of Elizabeth II'],
  ['2022-09-19', 'State funeral of Queen Elizabeth II'],
  ['2023-05-08', 'Coronation of King Charles III'],
];

const MONDAY = 1;
const SATURDAY = 6;
const SUNDAY = 0;

/** LSE closures of `year`. */
export function lseClosures(year: number): Array<readonly [string, string]> {
  const days: Array<readonly [string, string]> = [];
  const add = (n: number, name: string) => days.push([formatDay(n), name]);

  if (year >= 1974) {
    const newYear = dayNumberOf(year, 1, 1);
    const w = weekdayOf(newYear);
    add(newYear + (w === SATURDAY ? 2 : w === SUNDAY ? 1 : 0), "New Year's Day");
  }
  const easter = easterSunday(year);
  add(easter - 2, 'Good Friday');
  add(easter + 1, 'Easter Monday');
  if (year >= 1978) {
    const moved = LSE_MOVED_BANK_HOLIDAYS.earlyMay[year];
    days.push([moved ?? formatDay(nthWeekdayOf(year, 5, MONDAY, 1)), 'Early May bank holiday']);
  }
  const spring = LSE_MOVED_BANK_HOLIDAYS.spring[year];
  days.push([spring ?? formatDay(lastWeekdayOf(year, 5, MONDAY)), 'Spring bank holiday']);
  add(lastWeekdayOf(year, 8, MONDAY), 'Summer bank holiday');

  const christmas = dayNumberOf(year, 12, 25);
  const w = weekdayOf(christmas);
  add(christmas, 'Christmas Day');
  add(christmas + 1, 'Boxing Day');
  // Saturday 25th: Monday 27th and Tuesday 28th. Sunday 25th: Boxing Day on Monday 26th and
  // Christmas on Tuesday 27th. Friday 25th: Boxing Day on Monday 28th.
  if (w === SATURDAY || w === SUNDAY) add(christmas + 2, 'Christmas Day (substitute day)');
  if (w === SATURDAY || w === 5) add(christmas + 3, 'Boxing Day (substitute day)');

  days.push(...LSE_SPECIAL_CLOSURES.filter(([day]) => day.startsWith(`${year}-`)));
  return days;
}
