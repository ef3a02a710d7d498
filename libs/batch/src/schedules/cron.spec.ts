import { BatchValidationError } from '../errors/batch-validation.error';
import { checkCron, checkCronPeriod, checkTimezone, nextRun, shortestGapMs } from './cron';

describe('schedule cron expressions and time zones', () => {
  it('accepts 5 and 6 fields and aliases', () => {
    for (const cron of ['30 15 * * 1-5', '*/2 * * * * *', '@daily', '0 9 * * MON-FRI']) {
      expect(() => checkCron(cron, 'UTC')).not.toThrow();
    }
  });

  it.each([
    ['* * *', 'expected 5 fields'],
    ['* * * * * * *', 'expected 5 fields'],
    ['61 * * * *', '61'],
    ['0 0 31 2 *', 'cron "0 0 31 2 *"'],
    ['@sometimes', 'expected 5 fields'],
  ])('refuses %s with INVALID_CRON naming the problem', (cron, needle) => {
    let caught: unknown;
    try {
      checkCron(cron, 'UTC');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BatchValidationError);
    expect((caught as BatchValidationError).code).toBe('INVALID_CRON');
    expect((caught as BatchValidationError).details).toEqual({ field: 'cron' });
    expect((caught as Error).message).toContain(needle);
  });

  it('reads the expression in the time zone', () => {
    const after = new Date('2026-12-04T00:00:00Z');
    // 15:30 in Tokyo (UTC+9, no DST) is 06:30 UTC.
    expect(nextRun('30 15 * * *', 'Asia/Tokyo', after)?.toISOString()).toBe(
      '2026-12-04T06:30:00.000Z',
    );
    // 09:30 in New York in July (EDT, UTC-4) is 13:30 UTC.
    expect(
      nextRun('30 9 * * *', 'America/New_York', new Date('2026-07-01T00:00:00Z'))?.toISOString(),
    ).toBe('2026-07-01T13:30:00.000Z');
  });

  it('refuses unknown time zones', () => {
    expect(() => checkTimezone('Asia/Tokyo')).not.toThrow();
    expect(() => checkTimezone('Mars/Olympus')).toThrow(/not an IANA time zone/);
  });

  describe('SCHEDULE_MIN_INTERVAL_S', () => {
    const after = new Date('2026-12-04T00:00:00Z');
    const refusal = (cron: string, min: number, timezone = 'UTC'): BatchValidationError | null => {
      try {
        checkCronPeriod(cron, timezone, min, after);
        return null;
      } catch (error) {
        if (error instanceof BatchValidationError) return error;
        throw error;
      }
    };

    it('measures the shortest gap between consecutive ticks, not the first one only', () => {
      expect(shortestGapMs('* * * * * *', 'UTC', after)).toBe(1000);
      expect(shortestGapMs('*/2 * * * * *', 'UTC', after)).toBe(2000);
      expect(shortestGapMs('* * * * *', 'UTC', after)).toBe(60_000);
      // Two ticks a second apart, then 59 s of quiet: the 1 s gap decides.
      expect(shortestGapMs('0,1 * * * * *', 'UTC', after)).toBe(1000);
      // 23:59 then 00:00 the next day: a gap that only the day boundary shows.
      expect(shortestGapMs('0,59 0,23 * * *', 'UTC', after)).toBe(60_000);
      // A tick every four years: two ticks are enough, without walking 64 of them.
      expect(shortestGapMs('0 0 29 2 *', 'UTC', after)).toBeGreaterThan(3 * 365 * 86_400_000);
    });

    it.each([
      ['* * * * * *', 60],
      ['*/30 * * * * *', 60],
      ['0,1 * * * * *', 60],
      ['*/5 * * * *', 600],
      ['0,59 0,23 * * *', 3600],
    ])('refuses %s below %i s with SCHEDULE_TOO_FREQUENT naming the minimum', (cron, min) => {
      const error = refusal(cron, min);
      expect(error?.code).toBe('SCHEDULE_TOO_FREQUENT');
      expect(error?.details).toEqual({
        field: 'cron',
        min_interval_s: min,
        shortest_gap_s: expect.any(Number),
      });
      expect(error?.details.shortest_gap_s).toBeLessThan(min);
      expect(error?.message).toContain(`at most once every ${min} s (SCHEDULE_MIN_INTERVAL_S)`);
    });

    it.each([
      ['* * * * *', 60],
      ['*/2 * * * * *', 2],
      ['30 15 * * 1-5', 60],
      ['@hourly', 3600],
      ['@daily', 60],
      ['0 0 29 2 *', 60],
    ])('accepts %s at a minimum of %i s', (cron, min) => {
      expect(refusal(cron, min)).toBeNull();
    });
  });
});
