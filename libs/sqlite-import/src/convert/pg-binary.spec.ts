import { BinaryRowWriter } from './binary-row-writer';
import { decodeNumeric, displayBinary, encodeNumeric, writeInt64 } from './pg-binary';

function int8(v: bigint | number): Buffer {
  const b = Buffer.alloc(8);
  writeInt64(b, 0, v);
  return b;
}

describe('PostgreSQL binary formats', () => {
  it('writes int64 from numbers and bigints alike', () => {
    for (const v of [
      0,
      1,
      -1,
      2 ** 32,
      -(2 ** 32) - 5,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
    ]) {
      expect(int8(v).readBigInt64BE()).toBe(BigInt(v));
      expect(int8(BigInt(v)).equals(int8(v))).toBe(true);
    }
    expect(int8(9223372036854775807n).readBigInt64BE()).toBe(9223372036854775807n);
  });

  it('encodes numeric like numeric_send (base-10000 digits, weight, sign, dscale)', () => {
    const n = encodeNumeric('12345.6');
    expect([n.readInt16BE(0), n.readInt16BE(2), n.readUInt16BE(4), n.readInt16BE(6)]).toEqual([
      3, 1, 0, 1,
    ]);
    expect([n.readInt16BE(8), n.readInt16BE(10), n.readInt16BE(12)]).toEqual([1, 2345, 6000]);
    const small = encodeNumeric('-0.0001');
    expect([
      small.readInt16BE(0),
      small.readInt16BE(2),
      small.readUInt16BE(4),
      small.readInt16BE(6),
    ]).toEqual([1, -1, 0x4000, 4]);
    expect(encodeNumeric('0')).toEqual(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]));
    for (const d of [
      '0',
      '1',
      '-1',
      '10000',
      '0.5',
      '1234.5678',
      '-98765432109876543210.000001',
      '0.0000001',
    ]) {
      expect(decodeNumeric(encodeNumeric(d))).toBe(d);
    }
  });

  it('shows values for people', () => {
    expect(displayBinary('int8', int8(-42))).toBe('-42');
    const ts = Buffer.alloc(8);
    ts.writeBigInt64BE(0n);
    expect(displayBinary('timestamptz', ts)).toBe('2000-01-01T00:00:00.000000Z');
    ts.writeBigInt64BE(-1n);
    expect(displayBinary('timestamptz', ts)).toBe('1999-12-31T23:59:59.999999Z');
    const date = Buffer.alloc(4);
    date.writeInt32BE(-1);
    expect(displayBinary('date', date)).toBe('1999-12-31');
    expect(displayBinary('uuid', Buffer.from('a0eebc999c0b4ef8bb6d6bb9bd380a11', 'hex'))).toBe(
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    );
  });

  it('lays out a binary COPY stream: header, rows, trailer', () => {
    const w = new BinaryRowWriter(3);
    w.header();
    w.beginRow();
    w.int8(1n);
    w.null();
    w.text('é');
    const row = w.endRow();
    w.trailer();
    const data = w.take()!;
    expect(data.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
    expect(row.toString('hex')).toBe(
      '0003' + '00000008' + '0000000000000001' + 'ffffffff' + '00000002' + 'c3a9',
    );
    expect(w.fieldStarts).toEqual([2, 14, 18, 24]);
    expect(data.subarray(19, 19 + row.length).equals(row)).toBe(true);
    expect(data.subarray(-2).toString('hex')).toBe('ffff');
  });

  it('keeps rows whole across chunks and drops an aborted row', () => {
    const w = new BinaryRowWriter(1);
    const rows: Buffer[] = [];
    for (let i = 0; i < 3000; i += 1) {
      w.beginRow();
      if (i === 5) {
        w.text('x'.repeat(100));
        w.abortRow();
        continue;
      }
      w.text(`row ${i} ${'y'.repeat(i % 50)}`);
      rows.push(Buffer.from(w.endRow()));
    }
    expect(Buffer.concat([w.take()!]).equals(Buffer.concat(rows))).toBe(true);
    expect(w.take()).toBeNull();
  });
});
