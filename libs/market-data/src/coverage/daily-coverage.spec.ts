import { firstDayOfYear, formatDay, parseDay } from '../calendars/calendar-day';
import { calendarFor } from '../calendars/calendar-registry';
import {
  answeredEmpty,
  columnOf,
  coverageCells,
  LedgerFetchFacts,
  seriesCoverage,
  SessionDays,
  StoredDays,
} from './daily-coverage';

const day = (d: string) => parseDay(d)!;
const at = (d: string) => new Date(`${d}T00:00:00Z`);

/** A presence row of `year` with the given days set. */
function presence(year: number, days: string[]) {
  const bits = Array.from({ length: 366 }, () => '0');
  for (const d of days) bits[day(d) - firstDayOfYear(year)] = '1';
  return { year, days: bits.join('') };
}

describe('StoredDays', () => {
  const stored = new StoredDays([
    presence(2024, ['2024-12-30', '2024-02-29']),
    presence(2025, ['2025-01-06']),
  ]);
  it('reads the bit of a day, leap days and year ends included', () => {
    expect(stored.has(day('2024-02-29'))).toBe(true);
    expect(stored.has(day('2024-03-01'))).toBe(false);
    expect(stored.has(day('2024-12-30'))).toBe(true);
    expect(stored.has(day('2025-01-06'))).toBe(true);
    expect(stored.has(day('2026-01-06'))).toBe(false);
  });
  it('knows its first and last day', () => {
    expect(formatDay(stored.first()!)).toBe('2024-02-29');
    expect(formatDay(stored.last()!)).toBe('2025-01-06');
    expect(new StoredDays([]).first()).toBeNull();
  });
});

describe('answeredEmpty', () => {
  const fetch = (f: Partial<LedgerFetchFacts>): LedgerFetchFacts => ({
    requestedFrom: at('2025-01-01'),
    requestedTo: at('2025-02-01'),
    rowsReturned: 10,
    firstTs: at('2025-01-10'),
    lastTs: at('2025-01-20'),
    fetchedAt: at('2025-03-01'),
    ...f,
  });
  it('claims the days before the first and after the last row of a range asked for', () => {
    expect(answeredEmpty([fetch({})], day('2025-01-09'))).toBe(true);
    expect(answeredEmpty([fetch({})], day('2025-01-21'))).toBe(true);
    expect(answeredEmpty([fetch({})], day('2025-01-31'))).toBe(true);
  });
  it('never the days between the first and last row, nor outside the range', () => {
    expect(answeredEmpty([fetch({})], day('2025-01-15'))).toBe(false);
    expect(answeredEmpty([fetch({})], day('2024-12-31'))).toBe(false);
    expect(answeredEmpty([fetch({})], day('2025-02-01'))).toBe(false);
  });
  it('a fetch that returned nothing claims its whole range; a full fetch starts at the beginning', () => {
    const none = fetch({ rowsReturned: 0, firstTs: null, lastTs: null });
    expect(answeredEmpty([none], day('2025-01-15'))).toBe(true);
    expect(answeredEmpty([fetch({ requestedFrom: null })], day('1990-01-01'))).toBe(true);
  });
  it('not a day that had not ended a day before the fetch', () => {
    // A fetch on the evening of the 21st may be before that day's candle exists.
    const early = fetch({ fetchedAt: new Date('2025-01-21T20:00:00Z') });
    expect(answeredEmpty([early], day('2025-01-21'))).toBe(false);
    expect(answeredEmpty([fetch({ fetchedAt: at('2025-01-22') })], day('2025-01-21'))).toBe(true);
  });
});

describe('seriesCoverage and coverageCells (TSE)', () => {
  const tse = calendarFor('TSE');
  const sessions = new SessionDays(tse, '2024-12-23', '2025-01-17');
  const all = tse.sessions('2024-12-23', '2025-01-17');

  it('groups missing sessions into ranges of consecutive sessions, across closures', () => {
    const stored = new StoredDays([
      presence(
        2024,
        all.filter((d) => d < '2024-12-27'),
      ),
      presence(
        2025,
        all.filter((d) => d > '2025-01-07' && d.startsWith('2025')),
      ),
    ]);
    const c = seriesCoverage(sessions, day('2024-12-23'), day('2025-01-17'), stored, []);
    expect(c).toMatchObject({ expected: all.length, stored: all.length - 4, missingSessions: 4 });
    expect(c.missing).toEqual([{ from: '2024-12-27', to: '2025-01-07', sessions: 4 }]);
  });

  it('splits missing from answered empty', () => {
    const stored = new StoredDays([]);
    const empty: LedgerFetchFacts = {
      requestedFrom: at('2025-01-08'),
      requestedTo: at('2025-01-20'),
      rowsReturned: 0,
      firstTs: null,
      lastTs: null,
      fetchedAt: at('2025-02-01'),
    };
    const c = seriesCoverage(sessions, day('2025-01-06'), day('2025-01-17'), stored, [empty]);
    expect(c.missing).toEqual([{ from: '2025-01-06', to: '2025-01-07', sessions: 2 }]);
    expect(c.empty).toEqual([{ from: '2025-01-08', to: '2025-01-17', sessions: 7 }]);
  });

  it('weekly cells count stored and expected sessions per Monday', () => {
    expect(formatDay(columnOf(day('2025-01-05'), 'week'))).toBe('2024-12-30');
    const stored = new StoredDays([
      presence(2024, ['2024-12-23', '2024-12-30']),
      presence(2025, []),
    ]);
    const columns = ['2024-12-23', '2024-12-30', '2025-01-06', '2025-01-13'].map(day);
    const cells = coverageCells(
      sessions,
      day('2024-12-23'),
      day('2025-01-17'),
      stored,
      [],
      columns,
      'week',
    );
    // 30 December is the only session of its week; 13 January (Coming of Age Day) is closed.
    expect(cells).toEqual([
      [1, 5],
      [1, 1],
      [0, 5],
      [0, 4],
    ]);
  });
});
