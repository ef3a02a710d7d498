import {
  addDays,
  firstDayOfYear,
  formatDay,
  isCalendarDay,
  lastWeekdayOf,
  nthWeekdayOf,
  parseDay,
  utcDayOf,
  weekdayOf,
  yearOfDay,
  ZonedDayFormatter,
} from './calendar-day';

describe('calendar days', () => {
  it('reads YYYY-MM-DD dates that exist, and nothing else', () => {
    expect(parseDay('1970-01-01')).toBe(0);
    expect(parseDay('2024-02-29')).toBe(19782);
    expect(['2024-02-29', '2000-02-29', '2099-12-31'].map(isCalendarDay)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      [
        '2023-02-29',
        '1900-02-29',
        '2024-04-31',
        '2024-13-01',
        '2024-00-10',
        '2024-1-01',
        '20240101',
        '2024-01-01T00:00:00Z',
        ' 2024-01-01',
        '',
      ].map(isCalendarDay),
    ).toEqual(Array(10).fill(false));
  });

  it('formats, steps and tells weekdays', () => {
    expect(formatDay(19782)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(() => addDays('2024-02-30', 1)).toThrow('not a YYYY-MM-DD date');
    expect(weekdayOf(parseDay('1970-01-01')!)).toBe(4);
    expect(weekdayOf(parseDay('2024-01-01')!)).toBe(1);
    expect(weekdayOf(parseDay('1969-12-28')!)).toBe(0);
    expect(formatDay(nthWeekdayOf(2024, 1, 1, 2))).toBe('2024-01-08');
    expect(formatDay(nthWeekdayOf(2024, 11, 4, 4))).toBe('2024-11-28');
    expect(formatDay(nthWeekdayOf(2024, 5, 1, 1))).toBe('2024-05-06');
    expect(formatDay(lastWeekdayOf(2024, 5, 1))).toBe('2024-05-27');
    expect(formatDay(lastWeekdayOf(2021, 5, 1))).toBe('2021-05-31');
    expect(formatDay(lastWeekdayOf(2024, 12, 2))).toBe('2024-12-31');
    expect(utcDayOf(new Date('2024-03-10T23:59:59.999Z'))).toBe('2024-03-10');
  });

  it('tells the date of an instant in a time zone, across DST changes', () => {
    const ny = new ZonedDayFormatter('America/New_York');
    expect(ny.dayOf(new Date('2024-03-10T04:59:00Z'))).toBe('2024-03-09');
    expect(ny.dayOf(new Date('2024-03-10T05:00:00Z'))).toBe('2024-03-10');
    expect(ny.dayOf(new Date('2024-11-03T03:59:00Z'))).toBe('2024-11-02');
    expect(new ZonedDayFormatter('Asia/Tokyo').dayOf(new Date('2024-12-31T15:00:00Z'))).toBe(
      '2025-01-01',
    );
  });
});

describe('day numbers', () => {
  it('agree with Date for every day from 1969 to 2101 (years, weekdays, formatting)', () => {
    const wrong: string[] = [];
    for (let n = -365; n <= 47_847; n++) {
      const date = new Date(n * 86_400_000);
      const day = date.toISOString().slice(0, 10);
      if (
        parseDay(day) !== n ||
        formatDay(n) !== day ||
        yearOfDay(n) !== date.getUTCFullYear() ||
        weekdayOf(n) !== date.getUTCDay()
      ) {
        wrong.push(day);
      }
    }
    expect(wrong).toEqual([]);
    expect(firstDayOfYear(2024)).toBe(parseDay('2024-01-01'));
  });
});
