import { easter } from 'date-easter';
import { dayNumberOf } from './calendar-day';

/** Day number of (Gregorian, Western) Easter Sunday of `year`, from `date-easter`. */
export function easterSunday(year: number): number {
  const e = easter(year);
  return dayNumberOf(e.year, e.month, e.day);
}
