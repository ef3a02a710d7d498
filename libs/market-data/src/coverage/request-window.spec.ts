import { requestWindow, zonedDayStart } from './request-window';
import { parseDay } from '../calendars/calendar-day';

describe('requestWindow', () => {
  it('Tokyo: from local midnight (15:00 UTC the day before) to the local midnight after the last day', () => {
    expect(requestWindow('2025-01-06', '2025-01-10', 'Asia/Tokyo')).toEqual({
      from: new Date('2025-01-05T15:00:00Z'),
      to: new Date('2025-01-10T15:00:00Z'),
    });
  });

  it('New York: UTC midnight is earlier than local midnight, at both ends, across a DST change', () => {
    expect(requestWindow('2025-03-07', '2025-03-10', 'America/New_York')).toEqual({
      from: new Date('2025-03-07T00:00:00Z'),
      to: new Date('2025-03-11T00:00:00Z'),
    });
  });

  it('UTC: whole UTC days', () => {
    expect(requestWindow('2024-02-28', '2024-02-29', 'UTC')).toEqual({
      from: new Date('2024-02-28T00:00:00Z'),
      to: new Date('2024-03-01T00:00:00Z'),
    });
  });

  it('zonedDayStart follows daylight saving time', () => {
    expect(new Date(zonedDayStart(parseDay('2025-07-01')!, 'Europe/London')).toISOString()).toBe(
      '2025-06-30T23:00:00.000Z',
    );
    expect(new Date(zonedDayStart(parseDay('2025-01-01')!, 'Europe/London')).toISOString()).toBe(
      '2025-01-01T00:00:00.000Z',
    );
  });
});
