import { ValueConversionError } from '../errors/value-conversion.error';
import { daysFromCivil, daysInMonth, Instant } from './civil-time';

/** How numbers in a timestamp column are read: seconds, milliseconds, microseconds, or by size. */
export type EpochUnit = 's' | 'ms' | 'us' | 'auto';
export const EPOCH_UNITS: readonly EpochUnit[] = ['s', 'ms', 'us', 'auto'];

const TEXT_TIMESTAMP =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** First and last second the importer accepts: years 0001–9999 (PostgreSQL takes more, JS less). */
const MIN_SEC = daysFromCivil(1, 1, 1) * 86400;
const MAX_SEC = daysFromCivil(10000, 1, 1) * 86400 - 1;

/** Absolute epoch values below these bounds are read as seconds, then milliseconds, then µs. */
const AUTO_SECONDS_BELOW = 1e11; // 1e11 s is year 5138; 1e11 ms is 1973-03-03
const AUTO_MILLIS_BELOW = 1e14; // 1e14 ms is year 5138
const AUTO_MICROS_BELOW = 1e17;

function fixedOffsetSeconds(zone: string): number | null {
  if (zone === 'UTC' || zone === 'Z' || zone === 'GMT' || zone === 'Etc/UTC') return 0;
  const m = FIXED_OFFSET.exec(zone);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
}

function zoneSuffixSeconds(zone: string): number {
  if (zone === 'Z' || zone === 'z' || zone === 'UTC' || zone === 'GMT') return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return 0; // unreachable: TEXT_TIMESTAMP only lets the forms above through
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
}

/** Throws when `zone` is neither an IANA time zone name nor a ±HH:MM offset. */
export function assertTimeZone(zone: string): void {
  if (fixedOffsetSeconds(zone) !== null) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new RangeError(
      `unknown time zone "${zone}" (use an IANA name such as Asia/Tokyo, or +09:00)`,
    );
  }
}

/**
 * Reads the values SQLite tools store in date/time columns — ISO 8601 text (`T` or space,
 * optional fraction and offset), date-only text, and unix time as a number or numeric text —
 * into an {@link Instant}. Text without an offset is wall-clock time in `timeZone`.
 */
export class TimestampParser {
  private readonly fixedOffset: number | null;
  private readonly formatter: Intl.DateTimeFormat | null;
  private readonly offsetCache = new Map<number, number>();

  constructor(
    readonly timeZone = 'UTC',
    readonly unit: EpochUnit = 'auto',
  ) {
    assertTimeZone(timeZone);
    this.fixedOffset = fixedOffsetSeconds(timeZone);
    this.formatter =
      this.fixedOffset === null
        ? new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
            era: 'short',
          })
        : null;
  }

  /** The instant a SQLite value stands for; throws {@link ValueConversionError} when none. */
  parse(value: unknown): Instant {
    if (typeof value === 'number') return this.fromEpoch(value);
    if (typeof value === 'bigint') {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) throw new ValueConversionError('epoch value out of range');
      return this.fromEpoch(n);
    }
    if (typeof value === 'string') return this.parseText(value);
    throw new ValueConversionError('binary value in a timestamp column');
  }

  /** Offset of `timeZone` from UTC, in seconds, at the instant `utcSec`. */
  offsetAt(utcSec: number): number {
    if (this.fixedOffset !== null) return this.fixedOffset;
    const bucket = Math.floor(utcSec / 900);
    const cached = this.offsetCache.get(bucket);
    if (cached !== undefined) return cached;
    const parts = this.formatter!.formatToParts(new Date(bucket * 900 * 1000));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    const era = parts.find((p) => p.type === 'era')?.value;
    const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
    const local =
      daysFromCivil(year, get('month'), get('day')) * 86400 +
      get('hour') * 3600 +
      get('minute') * 60 +
      get('second');
    const offset = local - bucket * 900;
    if (this.offsetCache.size > 100_000) this.offsetCache.clear();
    this.offsetCache.set(bucket, offset);
    return offset;
  }

  private localToUtc(localSec: number): number {
    if (this.fixedOffset !== null) return localSec - this.fixedOffset;
    const first = localSec - this.offsetAt(localSec);
    return localSec - this.offsetAt(first);
  }

  private parseText(raw: string): Instant {
    const text = raw.trim();
    if (NUMERIC_TEXT.test(text)) return this.fromEpoch(Number(text));
    const m = TEXT_TIMESTAMP.exec(text);
    if (!m) throw new ValueConversionError('not a date/time');
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    if (
      y < 1 ||
      mo < 1 ||
      mo > 12 ||
      d < 1 ||
      d > daysInMonth(y, mo) ||
      h > 23 ||
      mi > 59 ||
      s > 59
    ) {
      throw new ValueConversionError('impossible date/time');
    }
    let usec = 0;
    const fraction = m[7];
    if (fraction) {
      usec =
        fraction.length <= 6
          ? Number(fraction.padEnd(6, '0'))
          : Math.round(Number(`0.${fraction}`) * 1e6);
    }
    const local = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    let sec: number;
    const zone = m[8];
    if (zone === undefined) sec = this.localToUtc(local);
    else {
      const offset = zoneSuffixSeconds(zone);
      if (Math.abs(offset) > 15 * 3600 + 59 * 60) {
        throw new ValueConversionError('impossible time zone offset');
      }
      sec = local - offset;
    }
    return this.checked(sec, usec);
  }

  private fromEpoch(n: number): Instant {
    if (!Number.isFinite(n)) throw new ValueConversionError('not a date/time');
    const abs = Math.abs(n);
    const unit =
      this.unit !== 'auto'
        ? this.unit
        : abs < AUTO_SECONDS_BELOW
          ? 's'
          : abs < AUTO_MILLIS_BELOW
            ? 'ms'
            : abs < AUTO_MICROS_BELOW
              ? 'us'
              : null;
    if (unit === null) throw new ValueConversionError('epoch value out of range');
    const perSecond = unit === 's' ? 1 : unit === 'ms' ? 1000 : 1_000_000;
    const sec = Math.floor(n / perSecond);
    const usec = Math.round((n - sec * perSecond) * (1_000_000 / perSecond));
    return this.checked(sec, usec);
  }

  private checked(sec: number, usec: number): Instant {
    if (usec >= 1_000_000) {
      sec += 1;
      usec -= 1_000_000;
    }
    if (sec < MIN_SEC || sec > MAX_SEC) {
      throw new ValueConversionError('date/time out of range (years 1-9999)');
    }
    return { sec, usec };
  }
}
