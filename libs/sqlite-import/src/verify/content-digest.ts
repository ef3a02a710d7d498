import { ColumnKind } from '../convert/column-kind';
import { displayBinary } from '../convert/pg-binary';

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** A primary-key column of a digest: where it is in the row and its kind. */
export interface DigestKey {
  index: number;
  kind: ColumnKind | null;
}

type Compare = (row: Buffer, from: number, to: number, other: Buffer) => number;

/** Bytes in order (a plain loop: keys are short, and Buffer.compare on ranges costs more). */
function compareRange(row: Buffer, from: number, to: number, other: Buffer, start: number): number {
  const n = Math.min(to - from, other.length - start);
  for (let i = 0; i < n; i += 1) {
    const d = row[from + i] - other[start + i];
    if (d !== 0) return d;
  }
  return to - from - (other.length - start);
}

/** Two's complement big-endian integers (int2/4/8, timestamps as µs, dates as days). */
const compareSigned: Compare = (row, from, to, other) => {
  const a = row[from] ^ 0x80;
  const b = other[0] ^ 0x80;
  if (a !== b) return a - b;
  return compareRange(row, from + 1, to, other, 1);
};

const compareFloat =
  (width: 4 | 8): Compare =>
  (row, from, _to, other) => {
    const a = width === 8 ? row.readDoubleBE(from) : row.readFloatBE(from);
    const b = width === 8 ? other.readDoubleBE(0) : other.readFloatBE(0);
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  };

/** Bytes in order: UTF-8 text sorts in code point order, PostgreSQL's "C" collation. */
const compareBytes: Compare = (row, from, to, other) => compareRange(row, from, to, other, 0);

/** How values of a key column order, compared where they lie in the row; null: not ordered here. */
function comparer(kind: ColumnKind | null): Compare | null {
  switch (kind) {
    case 'int2':
    case 'int4':
    case 'int8':
    case 'timestamptz':
    case 'timestamp':
    case 'date':
      return compareSigned;
    case 'float4':
      return compareFloat(4);
    case 'float8':
      return compareFloat(8);
    case 'text':
    case 'bytea':
    case 'uuid':
    case 'bool':
      return compareBytes;
    default:
      return null; // numeric, json: no min/max
  }
}

/**
 * An order-independent summary of a table's rows, built alike from the source and the target:
 * the count, a checksum (per 32-bit lane, the sum modulo 2^32 of every row's hash — a multiset
 * hash, so rows may come in any order) and the minimum and maximum of each primary-key column.
 */
export class ContentDigest {
  rows = 0;
  private a = 0;
  private b = 0;
  private readonly compare: (Compare | null)[];
  private readonly minValue: (Buffer | null)[];
  private readonly maxValue: (Buffer | null)[];

  constructor(private readonly keys: readonly DigestKey[]) {
    this.compare = keys.map((k) => comparer(k.kind));
    this.minValue = keys.map(() => null);
    this.maxValue = keys.map(() => null);
  }

  /**
   * @param row the row in binary COPY layout
   * @param keyRanges for each key column, the start and end of its value in `row` (start -1: NULL)
   */
  add(h1: number, h2: number, row: Buffer, keyRanges: readonly number[] | null): void {
    this.rows += 1;
    this.a = (this.a + h1) >>> 0;
    this.b = (this.b + h2) >>> 0;
    if (keyRanges === null) return;
    for (let k = 0; k < this.compare.length; k += 1) {
      const compare = this.compare[k];
      const from = keyRanges[2 * k];
      if (compare === null || from < 0) continue;
      const to = keyRanges[2 * k + 1];
      const lo = this.minValue[k];
      if (lo === null || compare(row, from, to, lo) < 0) {
        this.minValue[k] = Buffer.from(row.subarray(from, to));
      }
      const hi = this.maxValue[k];
      if (hi === null || compare(row, from, to, hi) > 0) {
        this.maxValue[k] = Buffer.from(row.subarray(from, to));
      }
    }
  }

  /** 16 hex digits. */
  get checksum(): string {
    return `${hex8(this.a)}${hex8(this.b)}`;
  }

  /** Smallest value of each key column, as text (null: none, or a kind without order here). */
  get min(): (string | null)[] {
    return this.minValue.map((v, k) => (v ? displayBinary(this.keys[k].kind!, v) : null));
  }

  get max(): (string | null)[] {
    return this.maxValue.map((v, k) => (v ? displayBinary(this.keys[k].kind!, v) : null));
  }
}
