import { firstDayOfYear, parseDay } from '../calendars/calendar-day';
import { StoredDays } from './daily-coverage';

/** A bitmap of 366 days with the days of `set` (0-based day of year) stored. */
function bits(set: (i: number) => boolean): string {
  return Array.from({ length: 366 }, (_, i) => (set(i) ? '1' : '0')).join('');
}

describe('StoredDays.has', () => {
  // 2023 and 2024 (a leap year) stored in patterns, 2025 absent, 2026 stored from day 10.
  const rows = [
    { year: 2023, days: bits((i) => i % 3 !== 0) },
    { year: 2024, days: bits((i) => i % 5 < 3) },
    { year: 2026, days: bits((i) => i >= 9 && i < 365) },
  ];
  const byYear = new Map(rows.map((r) => [r.year, r.days]));
  /** What the bitmaps say, looked up from scratch for every day. */
  const reference = (day: number): boolean => {
    for (let y = 2022; y <= 2027; y += 1) {
      if (day >= firstDayOfYear(y) && day < firstDayOfYear(y + 1)) {
        return byYear.get(y)?.[day - firstDayOfYear(y)] === '1';
      }
    }
    return false;
  };
  const from = parseDay('2022-12-01')!;
  const to = parseDay('2027-01-31')!;

  it('agrees with the bitmaps day by day, in order (across year ends, a leap day, a missing year)', () => {
    const stored = new StoredDays(rows);
    for (let d = from; d <= to; d += 1) expect([d, stored.has(d)]).toEqual([d, reference(d)]);
    expect(stored.has(parseDay('2024-02-29')!)).toBe(reference(parseDay('2024-02-29')!));
    expect(stored.has(parseDay('2024-12-31')!)).toBe(reference(parseDay('2024-12-31')!));
  });

  it('agrees in any order (backwards, and jumping between years)', () => {
    const stored = new StoredDays(rows);
    for (let d = to; d >= from; d -= 1) expect([d, stored.has(d)]).toEqual([d, reference(d)]);
    for (let k = 0; k < 2000; k += 1) {
      const d = from + ((k * 7919) % (to - from + 1));
      expect([d, stored.has(d)]).toEqual([d, reference(d)]);
    }
  });

  it('first and last stored days', () => {
    const stored = new StoredDays(rows);
    expect(stored.first()).toBe(parseDay('2023-01-02'));
    expect(stored.last()).toBe(parseDay('2026-12-31'));
    expect(new StoredDays([]).first()).toBeNull();
    expect(new StoredDays([]).has(parseDay('2024-01-01')!)).toBe(false);
  });
});
