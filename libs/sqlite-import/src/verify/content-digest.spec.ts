import { BinaryRowWriter } from '../convert/binary-row-writer';
import { ColumnKind } from '../convert/column-kind';
import { ContentDigest } from './content-digest';
import { RowHasher } from './row-hasher';

type Value = number | string | null;

/** A one-key-column digest of rows (key, name) written as binary COPY tuples. */
function digest(rows: [Value, string | null][], kind: ColumnKind = 'int8'): ContentDigest {
  const d = new ContentDigest([{ index: 0, kind }]);
  const h = new RowHasher();
  for (const [key, name] of rows) {
    const w = new BinaryRowWriter(2);
    w.beginRow();
    if (key === null) w.null();
    else if (kind === 'int8') w.int8(key as number);
    else if (kind === 'float8') w.float8(key as number);
    else w.text(String(key));
    if (name === null) w.null();
    else w.text(name);
    const row = w.endRow();
    const s = w.fieldStarts;
    h.begin();
    h.bytes(row, s[0], s[2]);
    h.end();
    d.add(h.h1, h.h2, row, [key === null ? -1 : s[0] + 4, s[1]]);
  }
  return d;
}

describe('ContentDigest', () => {
  const rows: [Value, string | null][] = [
    [3, 'c'],
    [-1, null],
    [10, 'a'],
    [2, ''],
  ];

  it('does not depend on row order', () => {
    expect(digest(rows).checksum).toBe(digest([...rows].reverse()).checksum);
    expect(digest(rows).checksum).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with any value, NULL versus empty text, and duplicated rows', () => {
    const base = digest(rows).checksum;
    expect(
      digest([
        [3, 'c'],
        [-1, null],
        [10, 'b'],
        [2, ''],
      ]).checksum,
    ).not.toBe(base);
    expect(
      digest([
        [3, 'c'],
        [-1, ''],
        [10, 'a'],
        [2, ''],
      ]).checksum,
    ).not.toBe(base);
    expect(digest([...rows, [3, 'c']]).checksum).not.toBe(base);
  });

  it('keeps the primary-key range: signed integers, floats, text in code point order', () => {
    const ints = digest([
      [2 ** 40, 'x'],
      [-(2 ** 40), 'x'],
      [0, 'x'],
      [null, 'x'],
      [-1, 'x'],
    ]);
    expect([ints.rows, ints.min, ints.max]).toEqual([5, ['-1099511627776'], ['1099511627776']]);
    const floats = digest(
      [
        [-0.5, 'x'],
        [-1e10, 'x'],
        [2.5, 'x'],
        [Infinity, 'x'],
      ],
      'float8',
    );
    expect([floats.min, floats.max]).toEqual([['-10000000000'], ['Infinity']]);
    const text = digest(
      [
        ['b', 'x'],
        ['B', 'x'],
        ['é', 'x'],
        ['😀', 'x'],
        ['\uffff', 'x'],
      ],
      'text',
    );
    expect([text.min, text.max]).toEqual([['B'], ['😀']]);
  });
});
