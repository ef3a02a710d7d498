import { dayNumberOf, formatDay } from './calendar-day';
import { easterSunday } from './easter';

/**
 * Xetra (Deutsche Börse, Frankfurt) non-trading days besides weekends.
 *
 * A rule table written here: Xetra's days are not Germany's public holidays (it trades on
 * Ascension, Whit Monday, Corpus Christi and German Unity Day, and closes on 24 and 31 December,
 * which are not holidays), so no holiday package answers them. Source: Deutsche Börse's yearly
 * "Trading calendar" (Handelskalender) for Xetra, cross-checked with exchange_calendars' XETR and
 * its session data. Deutsche Börse publishes the next year's calendar each autumn: compare it
 * with these rules and add any change to XETRA_SPECIAL_CLOSURES (or a rule's years).
 *
 * Rules: New Year's Day, Good Friday, Easter Monday, Labour Day (1 May), Christmas Eve, Christmas
 * Day, Boxing Day, New Year's Eve, never moved when on a weekend. Also closed on Whit Monday in
 * 2007 and 2015–2021 and on German Unity Day (3 October) 2014–2021; open on both since 2022.
 */
export const XETRA_SPECIAL_CLOSURES: ReadonlyArray<readonly [string, string]> = [
  ['2007-05-28', 'Whit Monday'],
  ['2017-10-31', 'Reformation Day (500th anniversary)'],
];

const WHIT_MONDAY_CLOSED = { from: 2015, to: 2021 };
const UNITY_DAY_CLOSED = { from: 2014, to: 2021 };

/** Xetra closures of `year`. */
export function xetraClosures(year: number): Array<readonly [string, string]> {
  const easter = easterSunday(year);
  const fixed = (month: number, date: number) => formatDay(dayNumberOf(year, month, date));
  const days: Array<readonly [string, string]> = [
    [fixed(1, 1), "New Year's Day"],
    [formatDay(easter - 2), 'Good Friday'],
    [formatDay(easter + 1), 'Easter Monday'],
    [fixed(5, 1), 'Labour Day'],
    [fixed(12, 24), 'Christmas Eve'],
    [fixed(12, 25), 'Christmas Day'],
    [fixed(12, 26), 'Boxing Day'],
    [fixed(12, 31), "New Year's Eve"],
  ];
  if (year >= WHIT_MONDAY_CLOSED.from && year <= WHIT_MONDAY_CLOSED.to) {
    days.push([formatDay(easter + 50), 'Whit Monday']);
  }
  if (year >= UNITY_DAY_CLOSED.from && year <= UNITY_DAY_CLOSED.to) {
    days.push([fixed(10, 3), 'German Unity Day']);
  }
  days.push(...XETRA_SPECIAL_CLOSURES.filter(([day]) => day.startsWith(`${year}-`)));
  return days;
}
