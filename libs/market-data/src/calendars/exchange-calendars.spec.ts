import { getHolidaysOf } from 'japanese-holidays';
import { calendarFor } from './calendar-registry';
import { holidayJpLastYear, japaneseHolidays } from './tse-closures';

const HOLIDAY_JP_LAST_YEAR = holidayJpLastYear();

const closedDays = (exchange: string, year: number) =>
  calendarFor(exchange)
    .closures(`${year}-01-01`, `${year}-12-31`)
    .map((c) => c.day);

/** Asserts each day's state, naming the day in a failure. */
function expectDays(exchange: string, closed: string[], open: string[]): void {
  const calendar = calendarFor(exchange);
  const actual = [...closed, ...open].map((day) => [day, calendar.isSession(day)]);
  const expected = [...closed.map((d) => [d, false]), ...open.map((d) => [d, true])];
  expect(actual).toEqual(expected);
}

describe('TSE calendar', () => {
  it('is closed 31 Dec – 3 Jan, on national holidays and their substitutes, open otherwise', () => {
    expectDays(
      'TSE',
      [
        '2024-01-01',
        '2024-01-02',
        '2024-01-03',
        '2024-02-12', // National Foundation Day (11th, a Sunday) substitute
        '2024-05-06', // Children's Day (5th, a Sunday) substitute
        '2024-12-31',
        '2025-01-13', // Coming of Age Day
        '2019-04-30', // the 2019 accession holidays
        '2019-05-01',
        '2019-05-02',
        '2020-07-24', // Sports Day moved for the Olympics
        '2021-07-23',
        '2020-10-01', // arrowhead failure: no trading all day
        '2024-01-06', // a Saturday
      ],
      ['2024-01-04', '2024-02-13', '2024-12-30', '2020-10-12', '2021-10-11', '2020-10-02'],
    );
  });

  it('lists the weekday closures of 2024 exactly (245 sessions)', () => {
    expect(closedDays('TSE', 2024)).toEqual([
      '2024-01-01',
      '2024-01-02',
      '2024-01-03',
      '2024-01-08',
      '2024-02-12',
      '2024-02-23',
      '2024-03-20',
      '2024-04-29',
      '2024-05-03',
      '2024-05-06',
      '2024-07-15',
      '2024-08-12',
      '2024-09-16',
      '2024-09-23',
      '2024-10-14',
      '2024-11-04',
      '2024-12-31',
    ]);
    expect(calendarFor('TSE').countSessions('2024-01-01', '2024-12-31')).toBe(245);
  });

  it('keeps a holiday its own name on a year-end day', () => {
    expect(calendarFor('TSE').closures('2024-01-01', '2024-01-03')).toEqual([
      { day: '2024-01-01', name: "New Year's Day" },
      { day: '2024-01-02', name: 'Year-end closure (31 Dec – 3 Jan)' },
      { day: '2024-01-03', name: 'Year-end closure (31 Dec – 3 Jan)' },
    ]);
  });

  it('answers past the holiday table by rule (japanese-holidays)', () => {
    expect(HOLIDAY_JP_LAST_YEAR).toBeGreaterThanOrEqual(2050);
    const year = HOLIDAY_JP_LAST_YEAR + 1;
    const days = japaneseHolidays(year).map(([day]) => day);
    expect(days.length).toBeGreaterThanOrEqual(15);
    expect(days).toContain(`${year}-01-01`);
    expect(days).toContain(`${year}-11-03`);
    // 2051: 1 January is a Sunday (the 2nd is its substitute), Coming of Age Day on the 9th.
    if (year === 2051) expectDays('TSE', ['2051-01-02', '2051-01-09'], ['2051-01-04']);
  });

  it('holiday_jp and japanese-holidays agree on every holiday of the table (1970 on)', () => {
    // When a bumped package disagrees with the other, a holiday changed in one only: find out
    // which is right before releasing the bump.
    const differences: string[] = [];
    for (let year = 1970; year <= HOLIDAY_JP_LAST_YEAR; year++) {
      const table = new Set(japaneseHolidays(year).map(([day]) => day));
      const rules = new Set(
        getHolidaysOf(year, true).map(
          (h) => `${year}-${String(h.month).padStart(2, '0')}-${String(h.date).padStart(2, '0')}`,
        ),
      );
      for (const day of table) if (!rules.has(day)) differences.push(`${day} only in holiday_jp`);
      for (const day of rules) if (!table.has(day)) differences.push(`${day} only by rule`);
    }
    expect(differences).toEqual([]);
  });
});

describe('NYSE calendar', () => {
  it('is closed on its holidays and special closures, open otherwise', () => {
    expectDays(
      'NYSE',
      [
        '2024-07-04',
        '2024-11-28', // Thanksgiving
        '2024-03-29', // Good Friday
        '2024-06-19', // Juneteenth (since 2022)
        '2022-06-20', // Juneteenth on a Sunday, observed Monday
        '2025-01-09', // day of mourning, President Carter
        '2018-12-05', // day of mourning, President George H. W. Bush
        '2012-10-29', // Hurricane Sandy
        '2012-10-30',
        '2001-09-11',
        '2001-09-14',
        '2026-07-03', // Independence Day on a Saturday, observed Friday
        '2027-12-24', // Christmas on a Saturday, observed Friday
      ],
      [
        '2024-11-29', // the day after Thanksgiving trades (early close)
        '2021-06-18', // Juneteenth not yet an NYSE holiday
        '2024-10-14', // Columbus Day: banks close, NYSE trades
        '2024-11-11', // Veterans Day
        '2021-12-31', // New Year's Day 2022 on a Saturday: not observed on Friday
        '2001-09-17',
      ],
    );
  });

  it('lists the weekday closures of 2024–2027 exactly', () => {
    expect(closedDays('NYSE', 2024)).toEqual([
      '2024-01-01',
      '2024-01-15',
      '2024-02-19',
      '2024-03-29',
      '2024-05-27',
      '2024-06-19',
      '2024-07-04',
      '2024-09-02',
      '2024-11-28',
      '2024-12-25',
    ]);
    expect(closedDays('NYSE', 2025)).toEqual([
      '2025-01-01',
      '2025-01-09',
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ]);
    expect(closedDays('NYSE', 2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ]);
    expect(closedDays('NYSE', 2027)).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-03-26',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-11-25',
      '2027-12-24',
    ]);
    const nyse = calendarFor('NYSE');
    expect(
      [2022, 2023, 2024, 2025].map((y) => nyse.countSessions(`${y}-01-01`, `${y}-12-31`)),
    ).toEqual([251, 250, 252, 250]);
  });
});

describe('LSE calendar', () => {
  it('is closed on the bank holidays of England, their substitutes and the one-off ones', () => {
    expectDays(
      'LSE',
      [
        '2024-12-25',
        '2024-12-26',
        '2024-08-26', // Summer bank holiday
        '2024-03-29', // Good Friday
        '2024-04-01', // Easter Monday
        '2022-06-02', // Spring bank holiday moved for the Platinum Jubilee
        '2022-06-03', // Platinum Jubilee
        '2022-09-19', // State funeral of Queen Elizabeth II
        '2023-05-08', // Coronation of King Charles III
        '2020-05-08', // Early May bank holiday moved to VE Day
        '2011-04-29', // Royal wedding
        '2012-06-04',
        '2012-06-05',
        '2002-06-03',
        '2002-06-04',
        '1999-12-31', // Millennium
        '2021-12-27', // Christmas on a Saturday: Monday and Tuesday
        '2021-12-28',
        '2023-01-02', // New Year's Day on a Sunday: Monday
      ],
      [
        '2020-05-04', // the first Monday of May 2020 traded
        '2022-05-30', // the last Monday of May 2022 traded
        '2012-05-28',
        '2024-12-24', // Christmas Eve: early close only
        '2024-12-31',
      ],
    );
  });

  it('lists the weekday closures of 2020, 2022, 2024 and 2027 exactly', () => {
    expect(closedDays('LSE', 2020)).toEqual([
      '2020-01-01',
      '2020-04-10',
      '2020-04-13',
      '2020-05-08',
      '2020-05-25',
      '2020-08-31',
      '2020-12-25',
      '2020-12-28',
    ]);
    expect(closedDays('LSE', 2022)).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
    expect(closedDays('LSE', 2024)).toEqual([
      '2024-01-01',
      '2024-03-29',
      '2024-04-01',
      '2024-05-06',
      '2024-05-27',
      '2024-08-26',
      '2024-12-25',
      '2024-12-26',
    ]);
    expect(closedDays('LSE', 2027)).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-27',
      '2027-12-28',
    ]);
  });
});

describe('XETRA calendar', () => {
  it("is closed on Deutsche Börse's days, open on German holidays it trades on", () => {
    expectDays(
      'XETRA',
      [
        '2024-01-01',
        '2024-03-29',
        '2024-04-01',
        '2024-05-01',
        '2024-12-24',
        '2024-12-25',
        '2024-12-26',
        '2024-12-31',
        '2017-10-31', // Reformation Day, 500th anniversary
        '2021-05-24', // Whit Monday, closed 2015–2021
        '2019-10-03', // German Unity Day, closed 2014–2021
      ],
      [
        '2024-10-03', // German Unity Day: Xetra trades (since 2022)
        '2024-05-20', // Whit Monday
        '2024-05-09', // Ascension Day
        '2024-05-30', // Corpus Christi
        '2022-06-06',
        '2013-10-03',
        '2024-12-23',
        '2025-01-02',
      ],
    );
    expect(closedDays('XETRA', 2024)).toEqual([
      '2024-01-01',
      '2024-03-29',
      '2024-04-01',
      '2024-05-01',
      '2024-12-24',
      '2024-12-25',
      '2024-12-26',
      '2024-12-31',
    ]);
  });
});

describe('CRYPTO calendar', () => {
  it('trades every day, weekends and holidays included', () => {
    expectDays(
      'CRYPTO',
      [],
      ['2024-01-01', '2024-01-06', '2024-01-07', '2024-12-25', '2024-02-29'],
    );
    const crypto = calendarFor('CRYPTO');
    expect(crypto.countSessions('2024-01-01', '2024-12-31')).toBe(366);
    expect(crypto.countSessions('2023-01-01', '2023-12-31')).toBe(365);
    expect(crypto.closures('2024-01-01', '2024-12-31')).toEqual([]);
    expect(crypto.nextSession('2024-12-31')).toBe('2025-01-01');
  });
});

describe('calendarFor', () => {
  it('gives each exchange its time zone, in any case, and refuses others naming the known ones', () => {
    expect(
      ['TSE', 'nyse', 'Lse', 'XETRA', 'crypto'].map((e) => {
        const c = calendarFor(e);
        return [c.exchange, c.timezone];
      }),
    ).toEqual([
      ['TSE', 'Asia/Tokyo'],
      ['NYSE', 'America/New_York'],
      ['LSE', 'Europe/London'],
      ['XETRA', 'Europe/Berlin'],
      ['CRYPTO', 'UTC'],
    ]);
    expect(calendarFor('tse')).toBe(calendarFor('TSE'));
    expect(() => calendarFor('NASDAQ')).toThrow(
      'no trading calendar for exchange "NASDAQ"; supported: TSE, NYSE, LSE, XETRA, CRYPTO',
    );
  });
});
