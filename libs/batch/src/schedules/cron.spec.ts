import { BatchValidationError } from '../errors/batch-validation.error';
import { checkCron, checkTimezone, nextRun } from './cron';

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
    expect(() => checkTimezone('Etc/GMT-9')).not.toThrow();
    expect(() => checkTimezone('UTC')).not.toThrow();
    for (const offset of ['+09:00', '-05:00', '+0900']) {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: offset })).not.toThrow();
      expect(() => checkTimezone(offset)).toThrow(/not an IANA time zone/);
    }
  });
});
