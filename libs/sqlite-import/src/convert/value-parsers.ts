import { ValueConversionError } from '../errors/value-conversion.error';
import { daysFromCivil } from './civil-time';
import { canonicalDecimal } from './decimal-text';
import { TimestampParser } from './timestamp-parser';

/**
 * SQLite values (null is handled by the callers) read as what a PostgreSQL column of one kind
 * holds. Every function throws {@link ValueConversionError} for a value that does not fit.
 */

export const INT_RANGE = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-9223372036854775808n, 9223372036854775807n],
} as const;

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const NUMBER_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const SPECIAL_FLOAT: Record<string, number> = {
  inf: Infinity,
  infinity: Infinity,
  '+inf': Infinity,
  '+infinity': Infinity,
  '-inf': -Infinity,
  '-infinity': -Infinity,
  nan: NaN,
};
const TRUE_TEXT = new Set(['1', 't', 'true', 'y', 'yes', 'on']);
const FALSE_TEXT = new Set(['0', 'f', 'false', 'n', 'no', 'off']);
const UUID_TEXT =
  /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;
const DATE_ONLY = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;
const NUL = '\u0000';
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function fail(reason: string): never {
  throw new ValueConversionError(reason);
}

export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** An integer within the range of `kind`. */
export function parseInteger(v: unknown, kind: keyof typeof INT_RANGE): bigint {
  let n: bigint;
  if (typeof v === 'bigint') n = v;
  else if (typeof v === 'number') {
    if (!Number.isInteger(v)) fail('not an integer');
    n = BigInt(v);
  } else if (typeof v === 'string') {
    if (!INTEGER_TEXT.test(v)) fail('not an integer');
    n = BigInt(v.trim());
  } else return fail('binary value in an integer column');
  const [min, max] = INT_RANGE[kind];
  if (n < min || n > max) fail(`integer out of range for ${kind}`);
  return n;
}

/** A floating-point number (`single`: must fit a 4-byte real). */
export function parseFloat(v: unknown, single: boolean): number {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'bigint') n = Number(v);
  else if (typeof v === 'string') {
    if (NUMBER_TEXT.test(v)) n = Number(v);
    else {
      const special = SPECIAL_FLOAT[v.trim().toLowerCase()];
      if (special === undefined) fail('not a number');
      n = special;
    }
  } else return fail('binary value in a floating-point column');
  if (single && Number.isFinite(n) && !Number.isFinite(Math.fround(n))) {
    fail('number out of range for real');
  }
  return n;
}

/** A decimal number in its shortest plain form (see canonicalDecimal). */
export function parseNumeric(v: unknown): string {
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail('not a finite number');
    return canonicalDecimal(String(v))!;
  }
  if (typeof v === 'string') return canonicalDecimal(v) ?? fail('not a number');
  return fail('binary value in a numeric column');
}

function checkedText(s: string, maxLength: number | undefined): string {
  if (s.includes(NUL)) fail('text contains a NUL character, which PostgreSQL cannot store');
  if (maxLength !== undefined && s.length > maxLength) {
    const length = [...s].length;
    if (length > maxLength) fail(`text longer than varchar(${maxLength}) (${length} characters)`);
  }
  return s;
}

/** Text (numbers as written by SQLite's own text conversion, UTF-8 bytes decoded). */
export function parseText(v: unknown, maxLength?: number): string {
  if (typeof v === 'string') return checkedText(v, maxLength);
  if (typeof v === 'number' || typeof v === 'bigint') return checkedText(String(v), maxLength);
  if (v instanceof Uint8Array) {
    let s: string;
    try {
      s = utf8.decode(v);
    } catch {
      return fail('binary value that is not UTF-8 text in a text column');
    }
    return checkedText(s, maxLength);
  }
  return fail('unsupported value');
}

/** 0/1 and the usual words for true and false. */
export function parseBool(v: unknown): boolean {
  if (typeof v === 'bigint' || typeof v === 'number') {
    if (v == 0) return false;
    if (v == 1) return true;
    return fail('not a boolean (expected 0 or 1)');
  }
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (TRUE_TEXT.has(t)) return true;
    if (FALSE_TEXT.has(t)) return false;
    return fail('not a boolean');
  }
  return fail('binary value in a boolean column');
}

/** JSON text, checked (`binary`: for jsonb, which cannot hold \u0000). */
export function parseJson(v: unknown, binary: boolean): string {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v !== 'string') return fail('binary value in a JSON column');
  try {
    JSON.parse(v);
  } catch {
    return fail('invalid JSON');
  }
  if (binary && v.includes('\\u0000')) fail('JSON contains \\u0000, which jsonb cannot store');
  if (v.includes(NUL)) fail('text contains a NUL character, which PostgreSQL cannot store');
  return v;
}

/** Bytes: blobs as they are, text as its UTF-8 bytes. */
export function parseBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  return fail('number in a binary column');
}

/** A UUID as 32 lower-case hex digits (from text in any usual spelling, or 16 bytes). */
export function parseUuid(v: unknown): string {
  if (typeof v === 'string') {
    const m = UUID_TEXT.exec(v.trim());
    if (m) return m.slice(1).join('').toLowerCase();
  } else if (v instanceof Uint8Array && v.byteLength === 16) return hexOf(v);
  return fail('not a UUID');
}

/** Days since 1970-01-01 of a date (date-only text as written, anything else via `p` and its zone). */
export function parseDate(v: unknown, p: TimestampParser): number {
  if (typeof v === 'string') {
    const m = DATE_ONLY.exec(v);
    if (m) {
      p.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`); // validates the day
      return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
    }
  }
  const i = p.parse(v);
  return Math.floor((i.sec + p.offsetAt(i.sec)) / 86400);
}
