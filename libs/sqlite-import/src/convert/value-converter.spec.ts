import { ValueConversionError } from '../errors/value-conversion.error';
import { ColumnKind } from './column-kind';
import { TimestampParser } from './timestamp-parser';
import { buildConverter } from './value-converter';

const convert = (kind: ColumnKind, v: unknown, extra: { maxLength?: number } = {}): string | null =>
  buildConverter(kind, { timestamps: new TimestampParser(), ...extra })(v);
const reason = (kind: ColumnKind, v: unknown, extra: { maxLength?: number } = {}): string => {
  try {
    convert(kind, v, extra);
    return 'accepted';
  } catch (error) {
    if (error instanceof ValueConversionError) return error.reason;
    throw error;
  }
};

describe('text converters (COPY text, used for target types without a binary format)', () => {
  it('keeps NULL', () => {
    for (const kind of ['int8', 'text', 'bool', 'timestamptz', 'jsonb'] as const) {
      expect(convert(kind, null)).toBeNull();
    }
  });

  it('integers: bigints, integral numbers and integer text; ranges per type', () => {
    expect(convert('int8', 9223372036854775807n)).toBe('9223372036854775807');
    expect(convert('int8', 42)).toBe('42');
    expect(convert('int8', ' -7 ')).toBe('-7');
    expect(reason('int8', 'three')).toBe('not an integer');
    expect(reason('int8', 1.5)).toBe('not an integer');
    expect(reason('int4', 2147483648n)).toBe('integer out of range for int4');
    expect(reason('int2', 40000)).toBe('integer out of range for int2');
    expect(reason('int8', new Uint8Array([1]))).toBe('binary value in an integer column');
  });

  it('floats and numerics', () => {
    expect(convert('float8', 0.1)).toBe('0.1');
    expect(convert('float8', '1e3')).toBe('1000');
    expect(convert('float8', 'Infinity')).toBe('Infinity');
    expect(reason('float8', 'abc')).toBe('not a number');
    expect(reason('float4', 1e300)).toBe('number out of range for real');
    expect(convert('numeric', 1e-7)).toBe('0.0000001');
    expect(convert('numeric', '10.500')).toBe('10.5');
    expect(convert('numeric', 12345678901234567890n)).toBe('12345678901234567890');
    expect(reason('numeric', 'ten')).toBe('not a number');
  });

  it('booleans: 0/1 and the usual words', () => {
    expect(convert('bool', 1n)).toBe('t');
    expect(convert('bool', 0)).toBe('f');
    expect(convert('bool', 'TRUE')).toBe('t');
    expect(convert('bool', 'no')).toBe('f');
    expect(reason('bool', 2)).toBe('not a boolean (expected 0 or 1)');
    expect(reason('bool', 'maybe')).toBe('not a boolean');
  });

  it('text: numbers as text, UTF-8 blobs, NUL and varchar length refused', () => {
    expect(convert('text', 12)).toBe('12');
    expect(convert('text', new TextEncoder().encode('héllo'))).toBe('héllo');
    expect(reason('text', new Uint8Array([0xff, 0xfe]))).toMatch(/not UTF-8/);
    expect(reason('text', 'a\u0000b')).toMatch(/NUL/);
    expect(convert('text', 'ééé', { maxLength: 3 })).toBe('ééé');
    expect(reason('text', '😀😀😀😀', { maxLength: 3 })).toBe(
      'text longer than varchar(3) (4 characters)',
    );
  });

  it('json, bytea, uuid, dates', () => {
    expect(convert('jsonb', '{"a": 1}')).toBe('{"a": 1}');
    expect(reason('jsonb', '{a: 1}')).toBe('invalid JSON');
    expect(reason('jsonb', '"\\u0000"')).toMatch(/jsonb cannot store/);
    expect(convert('json', '"\\u0000"')).toBe('"\\u0000"');
    expect(convert('bytea', new Uint8Array([0, 255]))).toBe('\\x00ff');
    expect(convert('bytea', 'AB')).toBe('\\x4142');
    expect(convert('uuid', '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}')).toBe(
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    );
    expect(reason('uuid', 'nope')).toBe('not a UUID');
    expect(convert('date', '2024-02-29')).toBe('2024-02-29');
    expect(convert('date', '2024-02-29 23:00:00')).toBe('2024-02-29');
    expect(reason('date', '2023-02-29')).toBe('impossible date/time');
    expect(convert('timestamptz', '2024-01-01 00:00:00')).toBe('2024-01-01T00:00:00.000000Z');
    expect(convert('timestamp', '2024-01-01T10:00:00+02:00')).toBe('2024-01-01T08:00:00.000000');
  });

  it('replaces values from the mapping file before converting', () => {
    const c = buildConverter('text', {
      timestamps: new TimestampParser(),
      values: new Map<string, unknown>([
        ['1D', '1d'],
        ['none', null],
      ]),
    });
    expect(c('1D')).toBe('1d');
    expect(c('none')).toBeNull();
    expect(c('1h')).toBe('1h');
  });
});
