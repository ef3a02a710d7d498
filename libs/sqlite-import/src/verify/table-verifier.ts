import type { DatabaseSync } from 'node:sqlite';
import type { ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { TargetDatabaseError } from '../errors/target-database.error';
import { pgIdent, pgQualified } from '../plan/ddl';
import { PlannedTable } from '../plan/import-plan';
import { RowEncoder } from '../load/row-encoder';
import { sourcePages } from '../load/source-pages';
import { ContentDigest } from './content-digest';
import { RowSummariser } from './row-summariser';
import { TableVerification } from './table-verification';

/** What one side of a table amounts to. */
export interface SideSummary {
  rows: number;
  digest: ContentDigest;
}

/** Identity of a source row in a reject file: its rowid, else its key. */
export function rejectIdentity(rowid: number | null, key: Record<string, unknown> | null): string {
  return rowid !== null ? `r:${rowid}` : `k:${JSON.stringify(key)}`;
}

/**
 * Checks one imported table: row counts (source = imported + rejected), primary-key min/max,
 * orphaned foreign keys in PostgreSQL, and a content checksum computed alike on both sides from
 * the values in PostgreSQL's binary format (the target is read back with COPY TO, in any order:
 * the checksum is a multiset hash).
 */
export class TableVerifier {
  constructor(
    private readonly client: ClientBase,
    private readonly schema: string,
  ) {}

  /** Source side without loading (for --verify-only): skips rows an earlier import rejected. */
  sourceSide(
    db: DatabaseSync,
    encoder: RowEncoder,
    rejectedIds: ReadonlySet<string>,
    batchSize: number,
  ): SideSummary & { rejected: number } {
    const digest = encoder.digest();
    let rows = 0;
    let rejected = 0;
    for (const page of sourcePages(db, encoder, batchSize)) {
      for (const raw of page) {
        rows += 1;
        const rowid = encoder.rowidOf(raw);
        if (
          rejectedIds.size > 0 &&
          rejectedIds.has(rejectIdentity(rowid, encoder.sourceKey(raw)))
        ) {
          rejected += 1;
          continue;
        }
        const e = encoder.encode(raw);
        if ('bytes' in e) digest.add(e.h1, e.h2, e.bytes, e.keys);
        else rejected += 1;
      }
      encoder.writer.take(); // nothing is sent: drop the data
    }
    return { rows, digest, rejected };
  }

  /**
   * Target side: every row read back with binary COPY TO in the loader's column layout (columns
   * left out of the checksum read as NULL; numeric with trailing zeros trimmed) and summarised
   * by the same code as the source rows.
   */
  async targetSide(encoder: RowEncoder): Promise<SideSummary> {
    const t = encoder.table;
    const select = t.columns
      .map((c) => {
        const col = pgIdent(c.target);
        if (c.compareKind === null) return 'NULL::int4';
        return c.compareKind === 'numeric' ? `trim_scale(${col})` : col;
      })
      .join(', ');
    const summariser = new RowSummariser(t);
    const digest = summariser.digest();
    const starts = new Array<number>(t.columns.length + 1).fill(0);
    const stream = this.client.query(
      copyTo(
        `COPY (SELECT ${select} FROM ${pgQualified(this.schema, t.target)}) TO STDOUT (FORMAT binary)`,
      ),
    );
    let data: Buffer = Buffer.alloc(0);
    let headerDone = false;
    let ended = false;
    const parse = (): void => {
      let at = 0;
      if (!headerDone) {
        if (data.length < 19) return;
        at = 19 + data.readInt32BE(15); // signature, flags, header extension
        if (data.length < at) return;
        headerDone = true;
      }
      for (;;) {
        if (data.length < at + 2) break;
        const count = data.readInt16BE(at);
        if (count === -1) {
          ended = true;
          at += 2;
          break;
        }
        let p = at + 2;
        let complete = true;
        for (let i = 0; i < count; i += 1) {
          if (data.length < p + 4) {
            complete = false;
            break;
          }
          starts[i] = p - at;
          const length = data.readInt32BE(p);
          p += 4 + Math.max(0, length);
          if (data.length < p) {
            complete = false;
            break;
          }
        }
        if (!complete) break;
        starts[count] = p - at;
        const tuple = data.subarray(at, p);
        summariser.summarise(tuple, starts);
        digest.add(summariser.h1, summariser.h2, tuple, summariser.keys);
        at = p;
      }
      data = data.subarray(at);
    };
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        data = data.length === 0 ? chunk : Buffer.concat([data, chunk]);
        parse();
      }
    } catch (error) {
      throw new TargetDatabaseError(
        `reading ${pgQualified(this.schema, t.target)} back failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (!ended) {
      throw new TargetDatabaseError(
        `reading ${pgQualified(this.schema, t.target)} back ended before the COPY trailer`,
      );
    }
    return { rows: digest.rows, digest };
  }

  /** Rows of the target table whose foreign-key columns point at no parent row, per constraint. */
  async orphans(t: PlannedTable): Promise<{ constraint: string; rows: number }[]> {
    const out: { constraint: string; rows: number }[] = [];
    for (const fk of t.foreignKeys) {
      const notNull = fk.columns.map((c) => `c.${pgIdent(c)} IS NOT NULL`).join(' AND ');
      const join = fk.columns
        .map((c, i) => `p.${pgIdent(fk.refColumns[i])} = c.${pgIdent(c)}`)
        .join(' AND ');
      const { rows } = await this.client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${pgQualified(this.schema, t.target)} c
          WHERE ${notNull}
            AND NOT EXISTS (SELECT 1 FROM ${pgQualified(this.schema, fk.refTable)} p WHERE ${join})`,
      );
      out.push({ constraint: fk.name, rows: Number(rows[0].n) });
    }
    return out;
  }

  compare(
    t: PlannedTable,
    source: SideSummary & { rejected: number },
    target: SideSummary,
    orphans: { constraint: string; rows: number }[],
  ): TableVerification {
    const problems: string[] = [];
    const countsMatch = source.rows === target.rows + source.rejected;
    if (!countsMatch) {
      const diff = source.rows - source.rejected - target.rows;
      problems.push(
        `source has ${source.rows} rows but ${target.rows} imported + ${source.rejected} rejected = ${target.rows + source.rejected} (${diff > 0 ? `${diff} missing` : `${-diff} more in the target than expected`})`,
      );
    }
    let primaryKey: TableVerification['primary_key'] = null;
    if (t.primaryKey.length > 0) {
      const s = source.digest;
      const d = target.digest;
      const match = t.primaryKey.every((_, i) => s.min[i] === d.min[i] && s.max[i] === d.max[i]);
      primaryKey = {
        columns: t.primaryKey,
        source_min: s.min,
        source_max: s.max,
        target_min: d.min,
        target_max: d.max,
        match,
      };
      if (!match) {
        problems.push(
          `primary key range differs: source ${JSON.stringify(s.min)}..${JSON.stringify(s.max)}, target ${JSON.stringify(d.min)}..${JSON.stringify(d.max)}`,
        );
      }
    }
    const orphanRows = orphans.reduce((n, o) => n + o.rows, 0);
    for (const o of orphans.filter((x) => x.rows > 0)) {
      problems.push(`${o.rows} orphaned rows for foreign key ${o.constraint}`);
    }
    const checksumMatch =
      source.digest.checksum === target.digest.checksum && source.digest.rows === target.rows;
    if (!checksumMatch) {
      problems.push(
        `content checksum differs: source ${source.digest.checksum} (${source.digest.rows} rows), target ${target.digest.checksum} (${target.rows} rows)`,
      );
    }
    return {
      source_rows: source.rows,
      imported_rows: target.rows,
      rejected_rows: source.rejected,
      counts_match: countsMatch,
      primary_key: primaryKey,
      orphan_rows: orphanRows,
      orphans,
      source_checksum: source.digest.checksum,
      target_checksum: target.digest.checksum,
      checksum_match: checksumMatch,
      compared_columns: t.columns.filter((c) => c.compareKind !== null).map((c) => c.target),
      verified: problems.length === 0,
      problems,
    };
  }
}
