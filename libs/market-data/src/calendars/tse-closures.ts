import holidayJp from '@holiday-jp/holiday_jp';
import { getHolidaysOf } from 'japanese-holidays';

/**
 * Tokyo Stock Exchange (JPX) non-trading days besides weekends: Japanese national holidays
 * (国民の祝日, their substitute days 振替休日 and the days between two holidays 国民の休日) and the
 * year-end closure 31 December – 3 January (the non-business days of TSE's Business Regulations).
 *
 * Sources:
 * - `@holiday-jp/holiday_jp` (MIT): the holiday_jp project's table (holidays.yml, kept from the
 *   Cabinet Office's list 内閣府「国民の祝日について」), 1970 through its last year (2050 in 2.5.1),
 *   one-off holidays included (1989-02-24, 1990-11-12, 1993-06-09, 2019-04-30..05-02,
 *   2019-10-22, the moved Olympic holidays of 2020 and 2021).
 * - `japanese-holidays` (MIT) for years after that table: the same holiday law computed by rule,
 *   equinoxes by the standard formula. It agrees with the table on every day 1970–2050.
 * - TSE_SPECIAL_CLOSURES: days the market was closed for another reason.
 */

/** Full-day closures that are not holidays (edit this table when one happens). */
export const TSE_SPECIAL_CLOSURES: ReadonlyArray<readonly [string, string]> = [
  ['2020-10-01', 'Trading halted all day (arrowhead system failure)'],
];

const YEAR_END = 'Year-end closure (31 Dec – 3 Jan)';

interface HolidayJpEntry {
  name_en: string;
}

/** holiday_jp's table by year, indexed on first use. */
let table: Map<number, Array<readonly [string, string]>> | undefined;

function holidayTable(): Map<number, Array<readonly [string, string]>> {
  if (table !== undefined) return table;
  table = new Map();
  const entries = holidayJp.holidays as unknown as Record<string, HolidayJpEntry>;
  for (const [day, entry] of Object.entries(entries)) {
    const year = Number(day.slice(0, 4));
    let days = table.get(year);
    if (days === undefined) table.set(year, (days = []));
    days.push([day, entry.name_en]);
  }
  return table;
}

/** The last year holiday_jp's table covers; later years come from japanese-holidays' rules. */
export function holidayJpLastYear(): number {
  return Math.max(...holidayTable().keys());
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Japanese national holidays of `year`: holiday_jp's table, else japanese-holidays' rules. */
export function japaneseHolidays(year: number): Array<readonly [string, string]> {
  const listed = holidayTable().get(year);
  if (listed !== undefined || year <= holidayJpLastYear()) return listed ?? [];
  return getHolidaysOf(year, true).map((h) => [`${year}-${pad(h.month)}-${pad(h.date)}`, h.name]);
}

/** TSE closures of `year` (holidays first, so a holiday keeps its own name). */
export function tseClosures(year: number): Array<readonly [string, string]> {
  return [
    ...japaneseHolidays(year),
    [`${year}-01-01`, YEAR_END],
    [`${year}-01-02`, YEAR_END],
    [`${year}-01-03`, YEAR_END],
    [`${year}-12-31`, YEAR_END],
    ...TSE_SPECIAL_CLOSURES.filter(([day]) => day.startsWith(`${year}-`)),
  ];
}
