import { CalendarRangeError } from './calendar-range.error';
import { resolveCalendarRange } from './calendar-range';

const problem = (from: string | undefined, to: string | undefined) => {
  try {
    return resolveCalendarRange(from, to, '2026-12-05');
  } catch (e) {
    return e instanceof CalendarRangeError ? { field: e.field, message: e.message } : e;
  }
};

describe('resolveCalendarRange', () => {
  it('defaults to the year of today, of from, or of to', () => {
    expect(problem(undefined, undefined)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(problem('2024-03-01', undefined)).toEqual({ from: '2024-03-01', to: '2024-12-31' });
    expect(problem(undefined, '2023-06-30')).toEqual({ from: '2023-01-01', to: '2023-06-30' });
    expect(problem('2024-01-04', '2024-01-04')).toEqual({ from: '2024-01-04', to: '2024-01-04' });
  });

  it('allows 20 years and not a day more', () => {
    expect(problem('2005-01-01', '2024-12-31')).toEqual({ from: '2005-01-01', to: '2024-12-31' });
    expect(problem('2005-01-01', '2025-01-01')).toEqual({
      field: 'to',
      message:
        'the range may span at most 20 years: from 2005-01-01, to must be 2024-12-31 or earlier',
    });
    expect(problem('2004-02-29', '2024-02-29')).toMatchObject({ field: 'to' });
    expect(problem('2004-02-29', '2024-02-28')).toEqual({ from: '2004-02-29', to: '2024-02-28' });
  });

  it('refuses bad dates, a reversed range and days outside the window, naming the field', () => {
    expect(problem('2024-02-01', '2024-01-31')).toEqual({
      field: 'to',
      message: 'to (2024-01-31) is before from (2024-02-01)',
    });
    expect(problem('2024-02-30', undefined)).toEqual({
      field: 'from',
      message: 'from must be a date as YYYY-MM-DD (e.g. 2024-01-31)',
    });
    expect(problem(undefined, 'yesterday')).toMatchObject({ field: 'to' });
    expect(problem('1969-12-31', '1970-01-05')).toEqual({
      field: 'from',
      message: 'from must lie between 1970-01-01 and 2099-12-31',
    });
    expect(problem(undefined, '2100-01-01')).toMatchObject({ field: 'to' });
  });
});
