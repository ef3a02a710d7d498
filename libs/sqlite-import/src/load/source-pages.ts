import type { DatabaseSync } from 'node:sqlite';
import { SourceDatabaseError } from '../errors/source-database.error';
import { RowEncoder } from './row-encoder';

const MIN_ROWID = -9223372036854775808n;

/**
 * The source rows of a table as arrays, `pageSize` at a time: by rowid ranges (fast, and a page
 * at a time in memory) or, for WITHOUT ROWID tables, from one cursor.
 */
export function* sourcePages(
  db: DatabaseSync,
  encoder: RowEncoder,
  pageSize: number,
): Generator<unknown[][]> {
  let stmt;
  try {
    stmt = db.prepare(encoder.sql);
  } catch (error) {
    throw new SourceDatabaseError(
      `cannot read table ${encoder.table.source}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  stmt.setReturnArrays(true);
  stmt.setReadBigInts(true);
  if (encoder.keyed) {
    let last: bigint = MIN_ROWID;
    for (;;) {
      const rows = stmt.all(last, pageSize) as unknown as unknown[][];
      if (rows.length === 0) return;
      yield rows;
      last = rows[rows.length - 1][encoder.rowidIndex] as bigint;
    }
  }
  let page: unknown[][] = [];
  for (const row of stmt.iterate()) {
    page.push(row as unknown as unknown[]);
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
