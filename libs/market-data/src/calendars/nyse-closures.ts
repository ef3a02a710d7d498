import { getHolidays } from 'nyse-holidays';

/**
 * New York Stock Exchange non-trading days besides weekends.
 *
 * Sources:
 * - `nyse-holidays` (MIT): NYSE's holiday rules by year, not a table, so it has no horizon: New
 *   Year's Day, Martin Luther King Jr. Day (from 1998), Washington's Birthday, Good Friday,
 *   Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day, Thanksgiving, Christmas;
 *   a Sunday holiday is observed on Monday, a Saturday one on Friday unless that Friday is in
 *   another month (so New Year's Day on a Saturday closes nothing, NYSE Rule 7.2). Also the
 *   historical ones (Election Day until 1980, …).
 * - NYSE_SPECIAL_CLOSURES: unscheduled full-day closures (national days of mourning, storms,
 *   9/11), which no rule gives. Sources: NYSE's announcements and its history of closings, as
 *   also listed by exchange_calendars (XNYS) and pandas_market_calendars. Edit this table when
 *   NYSE announces one.
 */
export const NYSE_SPECIAL_CLOSURES: ReadonlyArray<readonly [string, string]> = [
  ['1972-12-28', 'National day of mourning: President Truman'],
  ['1973-01-25', 'National day of mourning: President Johnson'],
  ['1977-07-14', 'New York City blackout'],
  ['1985-09-27', 'Hurricane Gloria'],
  ['1994-04-27', 'National day of mourning: President Nixon'],
  ['2001-09-11', 'September 11 attacks'],
  ['2001-09-12', 'September 11 attacks'],
  ['2001-09-13', 'September 11 attacks'],
  ['2001-09-14', 'September 11 attacks'],
  ['2004-06-11', 'National day of mourning: President Reagan'],
  ['2007-01-02', 'National day of mourning: President Ford'],
  ['2012-10-29', 'Hurricane Sandy'],
  ['2012-10-30', 'Hurricane Sandy'],
  ['2018-12-05', 'National day of mourning: President George H. W. Bush'],
  ['2025-01-09', 'National day of mourning: President Carter'],
];

/** NYSE closures of `year`. */
export function nyseClosures(year: number): Array<readonly [string, string]> {
  const days: Array<readonly [string, string]> = [];
  // A holiday of one year may be observed in the one before (a Saturday 1 January observed on
  // 31 December, as NYSE did before 1959): ask both neighbours, keep this year's days.
  for (const y of [year - 1, year, year + 1]) {
    for (const h of getHolidays(y)) {
      if (h.dateString.startsWith(`${year}-`)) days.push([h.dateString, h.name]);
    }
  }
  days.push(...NYSE_SPECIAL_CLOSURES.filter(([day]) => day.startsWith(`${year}-`)));
  return days;
}
