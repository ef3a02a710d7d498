import type { DatabaseSync } from 'node:sqlite';
import type { ClientBase } from 'pg';
import { TargetDatabaseError } from '../errors/target-database.error';
import { pgIdent, pgIdentList, pgQualified } from '../plan/ddl';
import { ContentDigest } from '../verify/content-digest';
import { ColumnKind } from '../convert/column-kind';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, displayBinary } from '../convert/pg-binary';
import { CopyIn, copyIn } from './copy-in';
import { columnOf, copyLineOf, isRowLevelError, keyOf, PgErrorLike } from './pg-row-error';
import { RejectRecord } from './reject-record';
import { RejectWriter } from './reject-writer';
import { ConversionFailure, EncodedRow, RowEncoder } from './row-encoder';
import { sourcePages } from './source-pages';

export interface TableLoaderOptions {
  schema: string;
  batchSize: number;
  onProgress?: (done: number, total: number) => void;
}

const FOREIGN_KEY_VIOLATION = '23503';
const CHUNK_BYTES = 16 * 1024;

let stageCounter = 0;

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Field `index` of a binary COPY tuple as PostgreSQL prints it in a key DETAIL (null: NULL). */
function fieldText(tuple: Buffer, index: number, kind: ColumnKind): string | null {
  let at = 2;
  for (let i = 0; i < index; i += 1) at += 4 + Math.max(0, tuple.readInt32BE(at));
  const length = tuple.readInt32BE(at);
  return length < 0 ? null : displayBinary(kind, tuple.subarray(at + 4, at + 4 + length));
}

/**
 * Loads one table: reads the source a batch at a time, converts each row in JavaScript (rows that
 * cannot be converted go to the reject file) and streams each batch into one COPY, which
 * PostgreSQL ingests while the rest of the batch is converted. From a batch PostgreSQL refuses,
 * the bad rows are sorted out (see recover) and rejected, except foreign-key violations, which
 * wait in `pending` for their parent rows (a later table, a later batch, a cycle) and are retried
 * after every table is loaded.
 */
export class TableLoader {
  readonly digest: ContentDigest;
  /** Rows PostgreSQL accepted. */
  imported = 0;
  /** Source rows read. */
  read = 0;
  seconds = 0;
  private pending: { row: EncodedRow; error: PgErrorLike }[] = [];
  /** Temporary staging table of rowByRow, created when first needed. */
  private stage: string | null = null;
  private readonly copySql: string;
  private readonly fieldIndex: Map<string, number>;

  constructor(
    private readonly client: ClientBase,
    private readonly db: DatabaseSync,
    readonly encoder: RowEncoder,
    private readonly rejects: RejectWriter,
    private readonly options: TableLoaderOptions,
  ) {
    const t = encoder.table;
    this.digest = encoder.digest();
    this.copySql = `COPY ${pgQualified(options.schema, t.target)} (${pgIdentList(t.columns.map((c) => c.target))}) FROM STDIN${encoder.binary ? ' (FORMAT binary)' : ''}`;
    this.fieldIndex = new Map(t.columns.map((c, i) => [c.target, i]));
  }

  get pendingRows(): number {
    return this.pending.length;
  }

  async load(): Promise<void> {
    const started = performance.now();
    const total = this.encoder.table.sourceRows;
    const w = this.encoder.writer;
    const binary = this.encoder.binary;
    try {
      for (const page of sourcePages(this.db, this.encoder, this.options.batchSize)) {
        // The COPY starts before the batch is converted and takes its rows as they come, so
        // PostgreSQL parses and inserts while JavaScript converts.
        const rows: EncodedRow[] = [];
        let copy: CopyIn | null = null;
        let text = '';
        if (binary) w.header();
        for (let i = 0; i < page.length; i += 1) {
          const encoded = this.encoder.encode(page[i]);
          if ('bytes' in encoded) {
            rows.push(encoded);
            if (!binary) text += encoded.line;
          } else this.rejectConversion(encoded);
          if ((binary ? w.buffered : text.length) >= CHUNK_BYTES) {
            copy ??= copyIn(this.client, this.copySql);
            copy.write(binary ? w.take()! : text);
            text = '';
            // The socket takes a few kilobytes at a time: let it send them, so that PostgreSQL
            // always has data to work on while this loop converts.
            await nextTick();
          }
        }
        this.read += page.length;
        if (binary) w.trailer();
        const rest = binary ? w.take() : text;
        if (rows.length > 0) {
          copy ??= copyIn(this.client, this.copySql);
          copy.end(rest ?? undefined);
          const error = await copy.done.then(
            () => null,
            (e: unknown) => e,
          );
          if (error === null) this.commit(rows);
          else await this.recover(rows, error);
        } else if (copy) {
          copy.end(rest ?? undefined); // header and trailer only: copies nothing
          await copy.done.catch(() => undefined);
        }
        this.options.onProgress?.(this.read, total);
      }
    } finally {
      this.seconds += (performance.now() - started) / 1000;
    }
  }

  /** Sends the rows that waited for a parent again; returns how many PostgreSQL accepted. */
  async retryPending(): Promise<number> {
    const started = performance.now();
    const rows = this.pending.map((p) => p.row);
    this.pending = [];
    const before = this.imported;
    for (let i = 0; i < rows.length; i += this.options.batchSize) {
      await this.send(rows.slice(i, i + this.options.batchSize));
    }
    this.seconds += (performance.now() - started) / 1000;
    return this.imported - before;
  }

  /** Rejects the rows whose parent never came. */
  rejectPending(): void {
    for (const { row, error } of this.pending) this.reject(row, error, 'foreign-key');
    this.pending = [];
  }

  private commit(rows: EncodedRow[]): void {
    for (const r of rows) this.digest.add(r.h1, r.h2, r.bytes, r.keys);
    this.imported += rows.length;
  }

  /** COPYs `rows`; when PostgreSQL refuses them, sorts the good from the bad (see recover). */
  private async send(rows: EncodedRow[], split = true): Promise<void> {
    if (rows.length === 0) return;
    const copy = copyIn(this.client, this.copySql);
    if (this.encoder.binary) {
      copy.end(
        Buffer.concat([COPY_BINARY_HEADER, ...rows.map((r) => r.bytes), COPY_BINARY_TRAILER]),
      );
    } else copy.end(rows.map((r) => r.line).join(''));
    try {
      await copy.done;
    } catch (error) {
      return this.recover(rows, error, split);
    }
    this.commit(rows);
  }

  /**
   * A COPY of `rows` failed with `error`. One bad row is cheap to cut out where COPY names it (or,
   * for a foreign key, by the key its DETAIL names) — once per batch (`split`). When more go
   * wrong, PostgreSQL itself inserts the rows one at a time (rowByRow), so that a batch of
   * duplicates or orphans costs one round trip, not one per row.
   */
  private async recover(rows: EncodedRow[], error: unknown, split = true): Promise<void> {
    const table = pgQualified(this.options.schema, this.encoder.table.target);
    if (!isRowLevelError(error)) {
      throw new TargetDatabaseError(`COPY into ${table} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const foreignKey = error.code === FOREIGN_KEY_VIOLATION;
    if (rows.length === 1) {
      if (foreignKey) this.pending.push({ row: rows[0], error });
      else this.reject(rows[0], error, 'load');
      return;
    }
    if (split) {
      const line = copyLineOf(error);
      if (!foreignKey && line !== null && line >= 1 && line <= rows.length) {
        // COPY names the row: the ones before it passed, the ones after it are unknown.
        await this.send(rows.slice(0, line - 1), false);
        this.reject(rows[line - 1], error, 'load');
        await this.send(rows.slice(line), false);
        return;
      }
      if (foreignKey) {
        // Foreign keys are checked at the end of COPY, with no line; the DETAIL names the key.
        const waiting = this.rowsWithKey(rows, error);
        if (waiting.size > 0) {
          for (const r of waiting) this.pending.push({ row: r, error });
          await this.send(
            rows.filter((r) => !waiting.has(r)),
            false,
          );
          return;
        }
      }
    }
    await this.rowByRow(rows);
  }

  /**
   * Inserts rows one at a time on the server: COPY into a temporary staging table (no
   * constraints, so it cannot fail), then a DO block inserts each row in its own subtransaction
   * and records the rows PostgreSQL refuses, with the error, in a second temporary table.
   */
  private async rowByRow(rows: EncodedRow[]): Promise<void> {
    const t = this.encoder.table;
    const target = pgQualified(this.options.schema, t.target);
    const cols = t.columns.map((c) => pgIdent(c.target));
    if (!this.stage) {
      stageCounter += 1;
      this.stage = `pg_temp.${pgIdent(`sqlite_import_stage_${stageCounter}`)}`;
      await this.client.query(
        `CREATE TEMP TABLE ${this.stage} AS SELECT ${cols.join(', ')} FROM ${target} WITH NO DATA;
         ALTER TABLE ${this.stage} ADD COLUMN sqlite_import_row int;
         CREATE TEMP TABLE IF NOT EXISTS sqlite_import_errors
           (row int, sqlstate text, message text, detail text, column_name text)`,
      );
    }
    await this.client.query(`TRUNCATE ${this.stage}, pg_temp.sqlite_import_errors`);
    const copy = copyIn(
      this.client,
      `COPY ${this.stage} (${cols.join(', ')}, sqlite_import_row) FROM STDIN${this.encoder.binary ? ' (FORMAT binary)' : ''}`,
    );
    if (this.encoder.binary) {
      const parts: Buffer[] = [COPY_BINARY_HEADER];
      rows.forEach((r, i) => {
        const count = Buffer.alloc(2);
        count.writeInt16BE(t.columns.length + 1);
        const index = Buffer.alloc(8);
        index.writeInt32BE(4);
        index.writeInt32BE(i, 4);
        parts.push(count, r.bytes.subarray(2), index);
      });
      parts.push(COPY_BINARY_TRAILER);
      copy.end(Buffer.concat(parts));
    } else copy.end(rows.map((r, i) => `${r.line!.slice(0, -1)}\t${i}\n`).join(''));
    await copy.done;
    const values = t.columns.map((c) => `r.${pgIdent(c.target)}`).join(', ');
    await this.client.query(`DO $sqlite_import$
      DECLARE r record; s text; m text; d text; c text;
      BEGIN
        FOR r IN SELECT * FROM ${this.stage} ORDER BY sqlite_import_row LOOP
          BEGIN
            INSERT INTO ${target} (${cols.join(', ')}) VALUES (${values});
          EXCEPTION WHEN others THEN
            GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT,
              d = PG_EXCEPTION_DETAIL, c = COLUMN_NAME;
            IF s !~ '^(22|23|54)' THEN RAISE; END IF;
            INSERT INTO pg_temp.sqlite_import_errors VALUES (r.sqlite_import_row, s, m, d, c);
          END;
        END LOOP;
      END $sqlite_import$`);
    const { rows: errors } = await this.client.query<{
      row: number;
      sqlstate: string;
      message: string;
      detail: string | null;
      column_name: string | null;
    }>('SELECT * FROM pg_temp.sqlite_import_errors');
    const failed = new Map(errors.map((e) => [e.row, e]));
    const good: EncodedRow[] = [];
    rows.forEach((r, i) => {
      const e = failed.get(i);
      if (!e) {
        good.push(r);
        return;
      }
      const error: PgErrorLike = {
        message: e.message,
        code: e.sqlstate,
        ...(e.detail ? { detail: e.detail } : {}),
        ...(e.column_name ? { column: e.column_name } : {}),
      };
      if (e.sqlstate === FOREIGN_KEY_VIOLATION) this.pending.push({ row: r, error });
      else this.reject(r, error, 'load');
    });
    this.commit(good);
  }

  private rowsWithKey(rows: EncodedRow[], error: PgErrorLike): Set<EncodedRow> {
    const key = keyOf(error);
    const found = new Set<EncodedRow>();
    if (!key) return found;
    const at = key.columns.map((c) => this.fieldIndex.get(c));
    if (at.some((i) => i === undefined)) return found;
    const kinds = at.map((i) => this.encoder.table.columns[i!].kind);
    for (const r of rows) {
      if (at.every((i, k) => fieldText(r.bytes, i!, kinds[k]) === key.values[k])) found.add(r);
    }
    return found;
  }

  private record(
    raw: unknown[],
    rowid: number | null,
  ): Pick<RejectRecord, 'table' | 'target_table' | 'primary_key' | 'source_rowid'> {
    return {
      table: this.encoder.table.source,
      target_table: this.encoder.table.target,
      primary_key: this.encoder.sourceKey(raw),
      source_rowid: rowid,
    };
  }

  private rejectConversion(f: ConversionFailure): void {
    this.rejects.write({
      ...this.record(f.raw, f.rowid),
      column: f.column,
      reason: f.reason,
      value: f.value,
      stage: 'convert',
    });
  }

  private reject(row: EncodedRow, error: PgErrorLike, stage: RejectRecord['stage']): void {
    const column = columnOf(error);
    this.rejects.write({
      ...this.record(row.raw, row.rowid),
      column,
      reason: error.message,
      ...(column && this.fieldIndex.has(column)
        ? { value: this.encoder.sourceValue(row.raw, column) }
        : {}),
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.code ? { sqlstate: error.code } : {}),
      stage,
    });
  }
}
