interface Entry<V> {
  value: Promise<V>;
  /** When the value may no longer be answered (ms since the epoch); Infinity while loading. */
  until: number;
}

/**
 * Answers from memory what a read begun at most `ttlMs` ago answered, with one read in flight per key for any
 * number of concurrent callers, and read-your-writes after `clear()`: a read that began before the
 * clear is neither answered to later callers nor stored. Failed reads are not kept. With `ttlMs`
 * 0 every call reads.
 *
 * Hand-written (about 40 lines) rather than lru-cache: its `fetch()` aborts an in-flight read
 * when the cache is cleared, rejecting the callers already waiting on it (a status poll racing a
 * stop would fail), or with `ignoreFetchAbort` stores the read's pre-clear result after the clear.
 */
export class FreshCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    /** Most keys kept; the oldest go first. */
    private readonly maxKeys = 1_000,
  ) {}

  get(key: string, read: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return read();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const generation = this.generation;
    const entry: Entry<V> = { value: read(), until: Infinity };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxKeys) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    entry.value.then(
      () => {
        // Valid for ttlMs from when the read began; dropped if a clear came in between.
        if (this.generation === generation) entry.until = now + this.ttlMs;
        else if (this.entries.get(key) === entry) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  /** Forgets every value and every read in flight (call after a write the reads must see). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
