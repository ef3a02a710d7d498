import { canonicalJson } from '../convert/canonical-json';
import { ColumnKind } from '../convert/column-kind';
import { PlannedTable } from '../plan/import-plan';
import { ContentDigest } from './content-digest';
import { RowHasher } from './row-hasher';

/**
 * Hash and primary-key values of one row given in binary COPY layout (the loader's rows, or the
 * target's rows read back with the same column layout). Compared columns are hashed by their
 * bytes, json/jsonb by their normalised text; other columns are skipped.
 */
export class RowSummariser {
  h1 = 0;
  h2 = 0;
  /** Where the last row's primary-key values are: start and end per column (start -1: NULL); null without a key. */
  keys: number[] | null = null;
  private readonly hasher = new RowHasher();
  private readonly mode: (0 | 1 | 2 | 3)[]; // 0 skip, 1 bytes, 2 json text, 3 jsonb text
  private readonly keyIndex: number[];
  private readonly keyKinds: (ColumnKind | null)[];

  constructor(table: PlannedTable) {
    this.mode = table.columns.map((c) =>
      c.compareKind === null ? 0 : c.compareKind === 'json' ? 2 : c.compareKind === 'jsonb' ? 3 : 1,
    );
    this.keyIndex = table.primaryKey.map((k) => table.columns.findIndex((c) => c.target === k));
    this.keyKinds = this.keyIndex.map((i) => table.columns[i].compareKind);
  }

  /** An empty digest of this table's rows. */
  digest(): ContentDigest {
    return new ContentDigest(this.keyIndex.map((index, k) => ({ index, kind: this.keyKinds[k] })));
  }

  /** `starts[i]`: offset in `row` of field i's length prefix; `starts[n]`: end of the row. */
  summarise(row: Buffer, starts: readonly number[]): void {
    const h = this.hasher;
    h.begin();
    for (let c = 0; c < this.mode.length; c += 1) {
      const mode = this.mode[c];
      if (mode === 0) continue;
      const from = starts[c];
      const to = starts[c + 1];
      if (mode === 1 || row.readInt32BE(from) < 0) h.bytes(row, from, to);
      else {
        const text = row.toString('utf8', from + (mode === 3 ? 5 : 4), to);
        let canonical: string;
        try {
          canonical = canonicalJson(JSON.parse(text));
        } catch {
          canonical = text;
        }
        h.text(canonical);
      }
    }
    h.end();
    this.h1 = h.h1;
    this.h2 = h.h2;
    const n = this.keyIndex.length;
    if (n === 0) return;
    const keys = new Array<number>(2 * n);
    for (let k = 0; k < n; k += 1) {
      const from = starts[this.keyIndex[k]];
      const isNull = row[from] === 0xff; // length -1
      keys[2 * k] = isNull ? -1 : from + 4;
      keys[2 * k + 1] = starts[this.keyIndex[k] + 1];
    }
    this.keys = keys;
  }
}
