import { BinaryRowWriter } from './binary-row-writer';
import { ColumnKind } from './column-kind';
import { encodeNumeric, PG_EPOCH_DAYS } from './pg-binary';
import { ConverterOptions, withValueMap } from './value-converter';
import {
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

/** Writes one SQLite value as the next field of a binary COPY row; throws ValueConversionError. */
export type BinaryConverter = (value: unknown, w: BinaryRowWriter) => void;

/** Kinds the binary COPY format can carry (all but `other`, whose receive format is unknown). */
export function hasBinaryFormat(kind: ColumnKind): boolean {
  return kind !== 'other';
}

function base(kind: ColumnKind, o: ConverterOptions): (v: unknown, w: BinaryRowWriter) => void {
  const p = o.timestamps;
  switch (kind) {
    case 'int2':
      return (v, w) => w.int2(Number(parseInteger(v, 'int2')));
    case 'int4':
      return (v, w) => w.int4(Number(parseInteger(v, 'int4')));
    case 'int8':
      return (v, w) => w.int8(typeof v === 'bigint' ? v : parseInteger(v, 'int8'));
    case 'float4':
      return (v, w) => w.float4(parseFloat(v, true));
    case 'float8':
      return (v, w) => w.float8(typeof v === 'number' ? v : parseFloat(v, false));
    case 'numeric':
      return (v, w) => w.bytes(encodeNumeric(parseNumeric(v)));
    case 'text':
      return (v, w) =>
        w.text(
          typeof v === 'string' && o.maxLength === undefined && !v.includes('\u0000')
            ? v
            : parseText(v, o.maxLength),
        );
    case 'bool':
      return (v, w) => w.bool(parseBool(v));
    case 'timestamptz':
      return (v, w) => {
        const i = p.parse(v);
        w.timestamp(i.sec, i.usec);
      };
    case 'timestamp':
      return (v, w) => {
        const i = p.parse(v);
        w.timestamp(i.sec + p.offsetAt(i.sec), i.usec);
      };
    case 'date':
      return (v, w) => w.int4(parseDate(v, p) - PG_EPOCH_DAYS);
    case 'json':
      return (v, w) => w.text(parseJson(v, false));
    case 'jsonb':
      return (v, w) => w.text(parseJson(v, true), 1);
    case 'bytea':
      return (v, w) => w.bytes(parseBytes(v));
    case 'uuid':
      return (v, w) => w.bytes(Buffer.from(parseUuid(v), 'hex'));
    case 'other':
      throw new Error('no binary format for kind "other"');
  }
}

/** The binary converter of one column (NULL written as such). */
export function buildBinaryConverter(kind: ColumnKind, options: ConverterOptions): BinaryConverter {
  const convert = base(kind, options);
  return withValueMap((v: unknown, w: BinaryRowWriter) => {
    if (v === null) w.null();
    else convert(v, w);
  }, options.values);
}
