import { ValueConversionError } from '../errors/value-conversion.error';
import { formatInstant } from './civil-time';
import { assertTimeZone, TimestampParser } from './timestamp-parser';

const utc = new TimestampParser();
const iso = (v: unknown, p = utc): string => formatInstant(p.parse(v));
const reason = (v: unknown, p = utc): string => {
  try {
    p.parse(v);
  } catch (error) {
    if (error instanceof ValueConversionError) return error.reason;
    throw error;
  }
  return 'accepted';
};

describe('TimestampParser', () => {
  it('reads ISO 8601 text with T, Z, offsets and fractions', () => {
    expect(iso('2023-01-15T08:30:00Z')).toBe('2023-01-15T08:30:00.000000Z');
    expect(iso('2023-02-01T09:00:00.123456+02:00')).toBe('2023-02-01T07:00:00.123456Z');
    expect(iso('2023-02-01T09:00:00-0530')).toBe('2023-02-01T14:30:00.000000Z');
    expect(iso('2023-02-01T09:00:00+09')).toBe('2023-02-01T00:00:00.000000Z');
    expect(iso('2023-02-01T09:00:00.5Z')).toBe('2023-02-01T09:00:00.500000Z');
  });

  it('reads space-separated text (SQLite datetime()), without seconds, and date-only text', () => {
    expect(iso('2023-06-02 13:14:15')).toBe('2023-06-02T13:14:15.000000Z');
    expect(iso('2023-06-02 13:14:15.5')).toBe('2023-06-02T13:14:15.500000Z');
    expect(iso('2023-04-01 10:00')).toBe('2023-04-01T10:00:00.000000Z');
    expect(iso('2023-03-01')).toBe('2023-03-01T00:00:00.000000Z');
    expect(iso('2023/03/01 01:02:03')).toBe('2023-03-01T01:02:03.000000Z');
  });

  it('rounds fractions beyond microseconds like PostgreSQL', () => {
    expect(iso('2023-01-01T00:00:00.1234565Z')).toBe('2023-01-01T00:00:00.123457Z');
    expect(iso('2023-01-01T23:59:59.9999999Z')).toBe('2023-01-02T00:00:00.000000Z');
  });

  it('tells unix seconds, milliseconds and microseconds apart by size', () => {
    expect(iso(1700000000)).toBe('2023-11-14T22:13:20.000000Z');
    expect(iso(1700000000n)).toBe('2023-11-14T22:13:20.000000Z');
    expect(iso(1700000000.25)).toBe('2023-11-14T22:13:20.250000Z');
    expect(iso(1700000000123)).toBe('2023-11-14T22:13:20.123000Z');
    expect(iso(1700000000123456n)).toBe('2023-11-14T22:13:20.123456Z');
    expect(iso('1700000000')).toBe('2023-11-14T22:13:20.000000Z');
    expect(iso(0)).toBe('1970-01-01T00:00:00.000000Z');
    expect(iso(-86400)).toBe('1969-12-31T00:00:00.000000Z');
  });

  it('uses the unit it is given', () => {
    expect(iso(1000, new TimestampParser('UTC', 'ms'))).toBe('1970-01-01T00:00:01.000000Z');
    expect(reason(1700000000123, new TimestampParser('UTC', 's'))).toBe(
      'date/time out of range (years 1-9999)',
    );
  });

  it('rejects impossible dates and times', () => {
    expect(reason('2023-02-30 10:00:00')).toBe('impossible date/time');
    expect(reason('2023-02-29')).toBe('impossible date/time');
    expect(reason('2024-02-29')).toBe('accepted');
    expect(reason('2023-13-01')).toBe('impossible date/time');
    expect(reason('2023-01-01 24:00:00')).toBe('impossible date/time');
    expect(reason('2023-01-01 10:60')).toBe('impossible date/time');
    expect(reason('2023-01-01T10:00:00+16:00')).toBe('impossible time zone offset');
    expect(reason('yesterday')).toBe('not a date/time');
    expect(reason('')).toBe('not a date/time');
    expect(reason(new Uint8Array([1]))).toBe('binary value in a timestamp column');
    expect(reason(1e20)).toBe('epoch value out of range');
    expect(reason('0000-01-01')).toBe('impossible date/time');
  });

  it('reads text without offset in --timezone, across daylight saving time', () => {
    const tokyo = new TimestampParser('Asia/Tokyo');
    expect(iso('2023-06-01 09:00:00', tokyo)).toBe('2023-06-01T00:00:00.000000Z');
    expect(iso('2023-06-01 09:00:00Z', tokyo)).toBe('2023-06-01T09:00:00.000000Z');
    expect(iso(1700000000, tokyo)).toBe('2023-11-14T22:13:20.000000Z'); // epochs are UTC
    const ny = new TimestampParser('America/New_York');
    expect(iso('2023-01-15 12:00:00', ny)).toBe('2023-01-15T17:00:00.000000Z');
    expect(iso('2023-07-15 12:00:00', ny)).toBe('2023-07-15T16:00:00.000000Z');
    expect(iso('2023-03-12 03:30:00', ny)).toBe('2023-03-12T07:30:00.000000Z');
    const fixed = new TimestampParser('+05:30');
    expect(iso('2023-01-01 05:30', fixed)).toBe('2023-01-01T00:00:00.000000Z');
  });

  it('refuses unknown zones', () => {
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(/unknown time zone/);
    expect(() => assertTimeZone('Europe/Paris')).not.toThrow();
  });
});
