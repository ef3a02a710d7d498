/**
 * A 64-bit row hash (two 32-bit lanes, murmur-style multiplicative mixing, 4 bytes a step) fed field by field: a field's bytes
 * in PostgreSQL's binary send format (length prefix included, so fields cannot run into each
 * other), or a normalised text for kinds whose bytes may differ for equal values (json, jsonb).
 * Allocation-free: `end()` leaves the result in `h1` and `h2`.
 */
export class RowHasher {
  h1 = 0;
  h2 = 0;
  private a = 0;
  private b = 0;

  begin(): void {
    this.a = 0xdeadbeef;
    this.b = 0x41c6ce57;
  }

  bytes(buf: Uint8Array, from: number, to: number): void {
    let a = this.a;
    let b = this.b;
    let i = from;
    for (; i + 4 <= to; i += 4) {
      const x = buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24);
      a = Math.imul(a ^ x, 2654435761);
      b = Math.imul(b ^ x, 1597334677);
    }
    for (; i < to; i += 1) {
      const x = buf[i] | 0x100; // a tail byte cannot pass for a word of the same bytes
      a = Math.imul(a ^ x, 2654435761);
      b = Math.imul(b ^ x, 1597334677);
    }
    this.a = a;
    this.b = b;
  }

  /** A field given as text: marked apart from any byte value (code units go above 0xff). */
  text(s: string): void {
    let a = Math.imul(this.a ^ 0x10000, 2654435761);
    let b = Math.imul(this.b ^ 0x10000, 1597334677);
    for (let i = 0; i < s.length; i += 1) {
      const x = s.charCodeAt(i) + 0x100;
      a = Math.imul(a ^ x, 2654435761);
      b = Math.imul(b ^ x, 1597334677);
    }
    this.a = Math.imul(a ^ 0x10001, 2654435761);
    this.b = Math.imul(b ^ 0x10001, 1597334677);
  }

  end(): void {
    let h1 = this.a;
    let h2 = this.b;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    this.h1 = h1 >>> 0;
    this.h2 = h2 >>> 0;
  }
}
