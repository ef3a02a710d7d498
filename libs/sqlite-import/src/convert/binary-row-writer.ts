import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, writeInt64, writeTimestamp } from './pg-binary';

const CHUNK = 64 * 1024;

/** int32 big-endian without Buffer.writeInt32BE's argument checks (hot path: every field). */
function int32(buf: Buffer, off: number, n: number): void {
  buf[off] = n >>> 24;
  buf[off + 1] = (n >>> 16) & 0xff;
  buf[off + 2] = (n >>> 8) & 0xff;
  buf[off + 3] = n & 0xff;
}

/**
 * Builds binary COPY data a row at a time into growing chunks. Memory is never reused, so a
 * finished row's bytes (`endRow()`) and the chunks handed out by `take()` stay valid. A row that
 * fails half-way is dropped with `abortRow()`.
 */
export class BinaryRowWriter {
  private buf = Buffer.allocUnsafe(CHUNK);
  private off = 0;
  private rowStart = 0;
  private sentUpTo = 0;
  private pending: Buffer[] = [];
  private field = 0;
  /** Start of each field relative to the row start (one more entry: the row end). */
  readonly fieldStarts: number[];

  constructor(private readonly columns: number) {
    this.fieldStarts = new Array<number>(columns + 1).fill(0);
  }

  private ensure(n: number): void {
    if (this.off + n <= this.buf.length) return;
    // Move the unfinished row to a new chunk so that every row stays contiguous.
    const partial = this.off - this.rowStart;
    const next = Buffer.allocUnsafe(Math.max(CHUNK, (partial + n) * 2));
    this.buf.copy(next, 0, this.rowStart, this.off);
    if (this.rowStart > this.sentUpTo)
      this.pending.push(this.buf.subarray(this.sentUpTo, this.rowStart));
    this.buf = next;
    this.off = partial;
    this.rowStart = 0;
    this.sentUpTo = 0;
  }

  header(): void {
    this.ensure(COPY_BINARY_HEADER.length);
    COPY_BINARY_HEADER.copy(this.buf, this.off);
    this.off += COPY_BINARY_HEADER.length;
    this.rowStart = this.off;
  }

  trailer(): void {
    this.ensure(2);
    COPY_BINARY_TRAILER.copy(this.buf, this.off);
    this.off += 2;
    this.rowStart = this.off;
  }

  beginRow(): void {
    this.rowStart = this.off;
    this.ensure(2);
    this.buf.writeInt16BE(this.columns, this.off);
    this.off += 2;
    this.field = 0;
  }

  /** The finished row's bytes (field count, then each field's length and data). */
  endRow(): Buffer {
    this.fieldStarts[this.field] = this.off - this.rowStart;
    const row = this.buf.subarray(this.rowStart, this.off);
    this.rowStart = this.off;
    return row;
  }

  abortRow(): void {
    this.off = this.rowStart;
  }

  /** Finished data not handed out yet (complete rows only), or null. */
  take(): Buffer | null {
    const parts = this.pending;
    if (this.rowStart > this.sentUpTo) parts.push(this.buf.subarray(this.sentUpTo, this.rowStart));
    this.sentUpTo = this.rowStart;
    this.pending = [];
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  /** Bytes written since take(), complete rows or not. */
  get buffered(): number {
    return this.off - this.sentUpTo + this.pending.reduce((n, b) => n + b.length, 0);
  }

  private start(n: number): void {
    this.ensure(4 + n);
    this.fieldStarts[this.field] = this.off - this.rowStart;
    this.field += 1;
  }

  null(): void {
    this.start(0);
    int32(this.buf, this.off, -1);
    this.off += 4;
  }

  int2(v: number): void {
    this.start(2);
    int32(this.buf, this.off, 2);
    this.buf.writeInt16BE(v, this.off + 4);
    this.off += 6;
  }

  int4(v: number): void {
    this.start(4);
    int32(this.buf, this.off, 4);
    this.buf.writeInt32BE(v, this.off + 4);
    this.off += 8;
  }

  int8(v: bigint | number): void {
    this.start(8);
    int32(this.buf, this.off, 8);
    writeInt64(this.buf, this.off + 4, v);
    this.off += 12;
  }

  float4(v: number): void {
    this.start(4);
    int32(this.buf, this.off, 4);
    this.buf.writeFloatBE(v, this.off + 4);
    this.off += 8;
  }

  float8(v: number): void {
    this.start(8);
    int32(this.buf, this.off, 8);
    this.buf.writeDoubleBE(v, this.off + 4);
    this.off += 12;
  }

  bool(v: boolean): void {
    this.start(1);
    int32(this.buf, this.off, 1);
    this.buf[this.off + 4] = v ? 1 : 0;
    this.off += 5;
  }

  timestamp(sec: number, usec: number): void {
    this.start(8);
    int32(this.buf, this.off, 8);
    writeTimestamp(this.buf, this.off + 4, sec, usec);
    this.off += 12;
  }

  /** UTF-8 text, after `prefix` bytes (jsonb's version byte). */
  text(s: string, prefix?: number): void {
    const extra = prefix === undefined ? 0 : 1;
    this.start(s.length * 3 + extra);
    if (prefix !== undefined) this.buf[this.off + 4] = prefix;
    const n = this.buf.write(s, this.off + 4 + extra, 'utf8');
    int32(this.buf, this.off, n + extra);
    this.off += 4 + extra + n;
  }

  bytes(b: Uint8Array): void {
    this.start(b.byteLength);
    int32(this.buf, this.off, b.byteLength);
    this.buf.set(b, this.off + 4);
    this.off += 4 + b.byteLength;
  }
}
