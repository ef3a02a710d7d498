import { formatDate, formatInstant, formatWallClock } from './civil-time';
import { ColumnKind } from './column-kind';
import { TimestampParser } from './timestamp-parser';
import {
  hexOf,
  parseBool,
  parseBytes,
  parseDate,
  parseFloat,
  parseInteger,
  parseJson,
  parseNumeric,
  parseText,
  parseUuid,
} from './value-parsers';

/** A SQLite value (null, bigint, number, string or bytes) → the text COPY sends, or null. */
export type ValueConverter = (value: unknown) => string | null;

export interface ConverterOptions {
  timestamps: TimestampParser;
  /** varchar(n): longest value in characters. */
  maxLength?: number;
  /** Values replaced before conversion (mapping file `values`), keyed by their text. */
  values?: ReadonlyMap<string, unknown>;
}

function base(kind: ColumnKind, o: ConverterOptions): (v: unknown) => string {
  const p = o.timestamps;
  switch (kind) {
    case 'int2':
    case 'int4':
    case 'int8':
      return (v) => String(parseInteger(v, kind));
    case 'float4':
      return (v) => String(parseFloat(v, true));
    case 'float8':
      return (v) => String(parseFloat(v, false));
    case 'numeric':
      return parseNumeric;
    case 'text':
      return (v) => parseText(v, o.maxLength);
    case 'bool':
      return (v) => (parseBool(v) ? 't' : 'f');
    case 'timestamptz':
      return (v) => formatInstant(p.parse(v));
    case 'timestamp':
      return (v) => {
        const i = p.parse(v);
        return formatWallClock(i.sec + p.offsetAt(i.sec), i.usec);
      };
    case 'date':
      return (v) => formatDate(parseDate(v, p));
    case 'json':
      return (v) => parseJson(v, false);
    case 'jsonb':
      return (v) => parseJson(v, true);
    case 'bytea':
      return (v) => `\\x${hexOf(parseBytes(v))}`;
    case 'uuid':
      return (v) => {
        const h = parseUuid(v);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      };
    case 'other':
      return (v) => (v instanceof Uint8Array ? `\\x${hexOf(v)}` : parseText(v));
  }
}

/** Replaces values first when the mapping file says so. */
export function withValueMap<T extends (v: unknown, ...rest: never[]) => unknown>(
  convert: T,
  values: ReadonlyMap<string, unknown> | undefined,
): T {
  if (!values || values.size === 0) return convert;
  return ((v: unknown, ...rest: never[]) => {
    if (v !== null && !(v instanceof Uint8Array)) {
      const key = String(v);
      if (values.has(key)) return convert(values.get(key) ?? null, ...rest);
    }
    return convert(v, ...rest);
  }) as T;
}

/** The text converter of one column: SQLite value → COPY text field, or ValueConversionError. */
export function buildConverter(kind: ColumnKind, options: ConverterOptions): ValueConverter {
  const convert = base(kind, options);
  return withValueMap((v: unknown) => (v === null ? null : convert(v)), options.values);
}
