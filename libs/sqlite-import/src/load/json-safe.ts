const MAX_TEXT = 500;

/** A SQLite value as JSON can carry it in a reject record (bigints, bytes and long text shortened). */
export function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
  if (v instanceof Uint8Array) {
    const hex = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
    return `\\x${hex.length > MAX_TEXT ? `${hex.slice(0, MAX_TEXT)}…` : hex}`;
  }
  if (typeof v === 'string' && v.length > MAX_TEXT) return `${v.slice(0, MAX_TEXT)}…`;
  return v;
}
