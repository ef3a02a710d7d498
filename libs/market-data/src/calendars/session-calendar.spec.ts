import { addDays, formatDay, parseDay } from './calendar-day';
import { CalendarRangeError } from './calendar-range.error';
import { calendarFor } from './calendar-registry';
import { SessionCalendar } from './session-calendar';
import { EXCHANGES } from './trading-calendar';

/** Every day of [from, to] that isSession accepts: the slow answer the fast ones must equal. */
function naive(exchange: string, from: string, to: string): string[] {
  const calendar = calendarFor(exchange);
  const out: string[] = [];
  for (let n = parseDay(from)!; n <= parseDay(to)!; n++) {
    if (calendar.isSession(formatDay(n))) out.push(formatDay(n));
  }
  return out;
}

/** A deterministic spread of ranges: within a year, across years, one day, long ones. */
function ranges(): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['2024-01-01', '2024-01-01'],
    ['2024-12-31', '2025-01-01'],
    ['2023-12-29', '2024-01-05'],
    ['1970-01-01', '1971-03-01'],
    ['2099-06-01', '2099-12-31'],
    ['2014-02-28', '2024-02-29'],
  ];
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let i = 0; i < 40; i++) {
    const start = formatDay(parseDay('1995-01-01')! + (next() % 12_000));
    out.push([start, addDays(start, next() % 900)]);
  }
  return out;
}

describe('SessionCalendar', () => {
  it.each(EXCHANGES.map((e) => [e]))(
    '%s: sessions, countSessions and closures agree with isSession day by day',
    (exchange) => {
      const calendar = calendarFor(exchange);
      for (const [from, to] of ranges()) {
        const expected = naive(exchange, from, to);
        expect({ from, to, sessions: calendar.sessions(from, to) }).toEqual({
          from,
          to,
          sessions: expected,
        });
        expect(calendar.countSessions(from, to)).toBe(expected.length);
        const open = new Set(expected);
        for (const c of calendar.closures(from, to)) {
          expect(open.has(c.day)).toBe(false);
          expect(c.day >= from && c.day <= to).toBe(true);
        }
      }
    },
  );

  it('steps to the next and previous session across holidays and years', () => {
    const tse = calendarFor('TSE');
    expect(tse.nextSession('2024-12-30')).toBe('2025-01-06');
    expect(tse.nextSession('2024-12-27')).toBe('2024-12-30');
    expect(tse.previousSession('2025-01-06')).toBe('2024-12-30');
    expect(tse.previousSession('2025-01-04')).toBe('2024-12-30');
    expect(tse.nextSession('2024-01-04', true)).toBe('2024-01-04');
    expect(tse.nextSession('2024-01-04')).toBe('2024-01-05');
    expect(tse.previousSession('2024-01-04', true)).toBe('2024-01-04');
    expect(tse.previousSession('2024-01-06', true)).toBe('2024-01-05');
    const nyse = calendarFor('NYSE');
    expect(nyse.nextSession('2025-01-08')).toBe('2025-01-10');
    expect(nyse.previousSession('2024-12-02')).toBe('2024-11-29');
  });

  it('answers null past the ends of the calendar window', () => {
    const crypto = calendarFor('CRYPTO');
    expect(crypto.nextSession('2099-12-31')).toBeNull();
    expect(crypto.nextSession('2099-12-31', true)).toBe('2099-12-31');
    expect(crypto.previousSession('1970-01-01')).toBeNull();
    // TSE's first session of 1970 is after the year-end closure.
    expect(calendarFor('TSE').previousSession('1970-01-05')).toBeNull();
    expect(calendarFor('TSE').nextSession('1970-01-01', true)).toBe('1970-01-05');
  });

  it('returns nothing for a range that ends before it starts', () => {
    const lse = calendarFor('LSE');
    expect(lse.sessions('2024-02-01', '2024-01-01')).toEqual([]);
    expect(lse.countSessions('2024-02-01', '2024-01-01')).toBe(0);
    expect(lse.closures('2024-02-01', '2024-01-01')).toEqual([]);
  });

  it('refuses days that are not dates or lie outside the window, naming the input', () => {
    const nyse = calendarFor('NYSE');
    const problem = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (e) {
        return e instanceof CalendarRangeError ? [e.field, e.message] : e;
      }
    };
    expect(problem(() => nyse.isSession('2024-02-30'))).toEqual([
      'day',
      'day must be a date as YYYY-MM-DD (e.g. 2024-01-31)',
    ]);
    expect(problem(() => nyse.sessions('2024-1-1', '2024-02-01'))).toEqual([
      'from',
      'from must be a date as YYYY-MM-DD (e.g. 2024-01-31)',
    ]);
    expect(problem(() => nyse.countSessions('2024-01-01', '2100-01-01'))).toEqual([
      'to',
      'to must lie between 1970-01-01 and 2099-12-31',
    ]);
    expect(problem(() => nyse.nextSession('1969-12-31'))).toEqual([
      'day',
      'day must lie between 1970-01-01 and 2099-12-31',
    ]);
  });

  it('gives sessions callers may change without touching the calendar', () => {
    const xetra = calendarFor('XETRA');
    const first = xetra.sessions('2024-01-01', '2024-01-31');
    first.splice(0, first.length, 'changed');
    expect(xetra.sessions('2024-01-01', '2024-01-31')[0]).toBe('2024-01-02');
    const closure = xetra.closures('2024-01-01', '2024-01-01')[0];
    closure.name = 'changed';
    expect(xetra.closures('2024-01-01', '2024-01-01')[0].name).toBe("New Year's Day");
  });

  it("tells the exchange's date of an instant", () => {
    const instant = new Date('2024-01-04T16:00:00Z');
    expect(calendarFor('TSE').localDay(instant)).toBe('2024-01-05');
    expect(calendarFor('NYSE').localDay(instant)).toBe('2024-01-04');
    expect(calendarFor('CRYPTO').localDay(new Date('2024-01-04T23:59:59Z'))).toBe('2024-01-04');
    expect(calendarFor('NYSE').localDay(new Date('2024-07-01T03:59:00Z'))).toBe('2024-06-30');
  });

  it('reads a holiday list only once per year and ignores days of other years', () => {
    const asked: number[] = [];
    const calendar = new SessionCalendar({
      exchange: 'NYSE',
      timezone: 'UTC',
      weekendsClosed: true,
      holidays: (year) => {
        asked.push(year);
        return [
          [`${year}-03-05`, 'rule'],
          [`${year + 1}-03-06`, 'next year'],
          ['not a day', 'junk'],
        ];
      },
    });
    expect(calendar.isSession('2024-03-05')).toBe(false);
    expect(calendar.isSession('2024-03-06')).toBe(true);
    expect(calendar.countSessions('2024-01-01', '2025-12-31')).toBe(262 - 1 + 261 - 1);
    expect(asked).toEqual([2024, 2025]);
  });
});
