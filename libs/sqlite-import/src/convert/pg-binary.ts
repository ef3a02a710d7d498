import { formatDate, formatInstant, formatWallClock } from './civil-time';
import { ColumnKind } from './column-kind';

/**
 * PostgreSQL's binary COPY format and the send/receive formats of the types the importer writes:
 * big-endian integers and IEEE floats, timestamps as microseconds and dates as days since
 * 2000-01-01, numeric as base-10000 digits, jsonb as a version byte and text.
 */

export const COPY_BINARY_HEADER = Buffer.concat([
  Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
  Buffer.alloc(8), // flags, header extension length
]);
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** 2000-01-01T00:00:00Z in seconds since 1970, and in days. */
export const PG_EPOCH_SEC = 946684800;
export const PG_EPOCH_DAYS = 10957;

const TWO_32 = 4294967296;

/** Writes a whole number as int64 big-endian (bigint, or a safe-integer number). */
export function writeInt64(buf: Buffer, off: number, v: bigint | number): void {
  if (typeof v === 'bigint') {
    if (v > 9007199254740991n || v < -9007199254740991n) {
      buf.writeBigInt64BE(v, off);
      return;
    }
    v = Number(v);
  }
  const hi = Math.floor(v / TWO_32);
  buf.writeInt32BE(hi, off);
  buf.writeUInt32BE(v - hi * TWO_32, off + 4);
}

/** Microseconds since 2000-01-01 of an instant, as int64. */
export function writeTimestamp(buf: Buffer, off: number, sec: number, usec: number): void {
  const s = sec - PG_EPOCH_SEC;
  if (Math.abs(s) < 9_000_000_000) writeInt64(buf, off, s * 1_000_000 + usec);
  else buf.writeBigInt64BE(BigInt(s) * 1_000_000n + BigInt(usec), off);
}

/** numeric_send's layout of a decimal in canonical form (see canonicalDecimal). */
export function encodeNumeric(decimal: string): Buffer {
  const negative = decimal.startsWith('-');
  const body = negative ? decimal.slice(1) : decimal;
  const point = body.indexOf('.');
  const intPart = point < 0 ? body : body.slice(0, point);
  const fracPart = point < 0 ? '' : body.slice(point + 1);
  const ip = intPart.replace(/^0+/, '');
  const intPadded = '0'.repeat((4 - (ip.length % 4)) % 4) + ip;
  const fracPadded = fracPart + '0'.repeat((4 - (fracPart.length % 4)) % 4);
  const all = intPadded + fracPadded;
  let digits: number[] = [];
  for (let i = 0; i < all.length; i += 4) digits.push(Number(all.slice(i, i + 4)));
  let weight = intPadded.length / 4 - 1;
  let lead = 0;
  while (lead < digits.length && digits[lead] === 0) lead += 1;
  digits = digits.slice(lead);
  weight -= lead;
  while (digits.length > 0 && digits[digits.length - 1] === 0) digits.pop();
  const zero = digits.length === 0;
  const out = Buffer.alloc(8 + digits.length * 2);
  out.writeInt16BE(digits.length, 0);
  out.writeInt16BE(zero ? 0 : weight, 2);
  out.writeUInt16BE(negative && !zero ? 0x4000 : 0, 4);
  out.writeInt16BE(fracPart.length, 6);
  digits.forEach((d, i) => out.writeInt16BE(d, 8 + i * 2));
  return out;
}

/** The decimal text of a numeric_send value. */
export function decodeNumeric(b: Buffer): string {
  const ndigits = b.readInt16BE(0);
  const weight = b.readInt16BE(2);
  const sign = b.readUInt16BE(4);
  const dscale = b.readInt16BE(6);
  if (sign === 0xc000) return 'NaN';
  if (sign === 0xd000) return 'Infinity';
  if (sign === 0xf000) return '-Infinity';
  let intText = '';
  let fracText = '';
  for (let i = 0; i <= Math.max(weight, ndigits - 1); i += 1) {
    const d = i < ndigits ? b.readInt16BE(8 + i * 2) : 0;
    const text = String(d).padStart(4, '0');
    if (i <= weight) intText += text;
    else fracText += text;
  }
  if (weight < 0) fracText = '0000'.repeat(-weight - 1) + fracText;
  intText = intText.replace(/^0+/, '') || '0';
  fracText = fracText.padEnd(dscale, '0').slice(0, dscale);
  const text = fracText ? `${intText}.${fracText}` : intText;
  return sign === 0x4000 ? `-${text}` : text;
}

/** A value of `kind` in send format, as text for people (primary-key ranges, reject details). */
export function displayBinary(kind: ColumnKind, b: Buffer): string {
  switch (kind) {
    case 'int2':
      return String(b.readInt16BE(0));
    case 'int4':
      return String(b.readInt32BE(0));
    case 'int8':
      return String(b.readBigInt64BE(0));
    case 'float4':
      return String(b.readFloatBE(0));
    case 'float8':
      return String(b.readDoubleBE(0));
    case 'bool':
      return b[0] ? 't' : 'f';
    case 'timestamptz':
    case 'timestamp': {
      const micros = b.readBigInt64BE(0);
      const sec = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
      const usec = Number(micros - sec * 1_000_000n);
      const s = Number(sec) + PG_EPOCH_SEC;
      return kind === 'timestamptz' ? formatInstant({ sec: s, usec }) : formatWallClock(s, usec);
    }
    case 'date':
      return formatDate(b.readInt32BE(0) + PG_EPOCH_DAYS);
    case 'numeric':
      return decodeNumeric(b);
    case 'uuid': {
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    case 'bytea':
      return `\\x${b.toString('hex')}`;
    case 'jsonb':
      return b.subarray(1).toString('utf8');
    default:
      return b.toString('utf8');
  }
}
