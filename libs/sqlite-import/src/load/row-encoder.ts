import {
  BinaryConverter,
  buildBinaryConverter,
  hasBinaryFormat,
} from '../convert/binary-converter';
import { BinaryRowWriter } from '../convert/binary-row-writer';
import { copyLine } from '../convert/copy-text';
import { TimestampParser } from '../convert/timestamp-parser';
import { buildConverter, ConverterOptions, ValueConverter } from '../convert/value-converter';
import { ValueConversionError } from '../errors/value-conversion.error';
import { PlannedTable } from '../plan/import-plan';
import { sqliteIdent } from '../schema/sqlite-quote';
import { ContentDigest } from '../verify/content-digest';
import { RowSummariser } from '../verify/row-summariser';
import { jsonSafe } from './json-safe';

/** A source row converted for COPY, with what verification needs of it. */
export interface EncodedRow {
  raw: unknown[];
  rowid: number | null;
  /** Binary COPY tuple (binary mode), or the tuple the hash was taken from (text mode). */
  bytes: Buffer;
  /** COPY text line (text mode only). */
  line: string | null;
  h1: number;
  h2: number;
  /** Primary-key value ranges in `bytes` (see RowSummariser.keys). */
  keys: number[] | null;
}

/** A source row that cannot be converted: which column, why, and the value. */
export interface ConversionFailure {
  raw: unknown[];
  rowid: number | null;
  column: string;
  reason: string;
  value: unknown;
}

/**
 * The per-table half of the import that runs in JavaScript: the SELECT that reads the source,
 * and for each row its COPY data — binary (PostgreSQL's send formats: no number or date text
 * to print here or parse there), or text when a target column has a type without a known
 * binary format — its content hash and primary-key values, and its identity for the reject file.
 * Used alike by the loader and by the source side of verification.
 */
export class RowEncoder {
  /** SELECT with `?` for the last rowid and the page size when `keyed`, plain otherwise. */
  readonly sql: string;
  readonly keyed: boolean;
  /** Binary COPY (else text). */
  readonly binary: boolean;
  /** Data is written here; the loader takes it from here to stream it. */
  readonly writer: BinaryRowWriter;
  private readonly offset: number;
  /** Position of the rowid in a selected row (-1: none). */
  readonly rowidIndex: number;
  private readonly binaryConverters: (BinaryConverter | null)[];
  private readonly textConverters: ValueConverter[] | null;
  private readonly notNull: boolean[];
  private readonly summariser: RowSummariser;
  private readonly keyIndex: number[]; // position in raw of each source key column

  constructor(readonly table: PlannedTable) {
    const exprs = table.columns.map((c) => c.sourceExpr);
    const keySources = table.sourceKey.map((k) => {
      const at = table.columns.findIndex((c) => c.source === k && c.sourceExpr === sqliteIdent(k));
      if (at >= 0) return at;
      exprs.push(sqliteIdent(k));
      return exprs.length - 1;
    });
    const from = sqliteIdent(table.source);
    this.keyed = table.rowidName !== null;
    // An INTEGER PRIMARY KEY read plainly is the rowid: no need to read the rowid as well.
    const alias = table.rowidAlias
      ? table.columns.findIndex((c) => c.sourceExpr === sqliteIdent(table.rowidAlias!))
      : -1;
    this.offset = this.keyed && alias < 0 ? 1 : 0;
    this.rowidIndex = this.keyed ? (alias >= 0 ? alias : 0) : -1;
    const rowid = alias >= 0 ? sqliteIdent(table.rowidAlias!) : table.rowidName;
    this.sql = !this.keyed
      ? `SELECT ${exprs.join(', ')} FROM ${from}`
      : `SELECT ${this.offset ? `${rowid}, ` : ''}${exprs.join(', ')} FROM ${from} WHERE ${rowid} > ? ORDER BY ${rowid} LIMIT ?`;
    this.keyIndex = keySources.map((i) => i + this.offset);
    this.binary = table.columns.every((c) => hasBinaryFormat(c.kind));
    this.writer = new BinaryRowWriter(table.columns.length);
    this.notNull = table.columns.map((c) => c.notNull);
    const parsers = new Map<string, TimestampParser>();
    const options = table.columns.map((c): ConverterOptions => {
      const id = `${c.timezone}|${c.unit}`;
      if (!parsers.has(id)) parsers.set(id, new TimestampParser(c.timezone, c.unit));
      return {
        timestamps: parsers.get(id)!,
        maxLength: c.maxLength,
        values: c.values ? new Map(Object.entries(c.values)) : undefined,
      };
    });
    // Text mode still hashes the binary form of the columns that have one.
    this.binaryConverters = table.columns.map((c, i) =>
      hasBinaryFormat(c.kind) ? buildBinaryConverter(c.kind, options[i]) : null,
    );
    this.textConverters = this.binary
      ? null
      : table.columns.map((c, i) => buildConverter(c.kind, options[i]));
    this.summariser = new RowSummariser(table);
  }

  /** An empty digest for this table's rows (checksum and primary-key range). */
  digest(): ContentDigest {
    return this.summariser.digest();
  }

  rowidOf(raw: unknown[]): number | null {
    return this.rowidIndex >= 0 ? Number(raw[this.rowidIndex]) : null;
  }

  private failure(raw: unknown[], c: number, reason: string, value: unknown): ConversionFailure {
    this.writer.abortRow();
    return {
      raw,
      rowid: this.rowidOf(raw),
      column: this.table.columns[c].source ?? this.table.columns[c].target,
      reason,
      value: jsonSafe(value),
    };
  }

  encode(raw: unknown[]): EncodedRow | ConversionFailure {
    const w = this.writer;
    const cols = this.binaryConverters.length;
    const offset = this.offset;
    w.beginRow();
    for (let c = 0; c < cols; c += 1) {
      const value = raw[c + offset];
      if (value === null && this.notNull[c]) {
        return this.failure(raw, c, 'NULL in a NOT NULL column', value);
      }
      const convert = this.binaryConverters[c];
      try {
        if (convert) convert(value, w);
        else w.null();
      } catch (error) {
        if (!(error instanceof ValueConversionError)) throw error;
        return this.failure(raw, c, error.reason, value);
      }
    }
    const bytes = w.endRow();
    let line: string | null = null;
    if (this.textConverters) {
      const fields = new Array<string | null>(cols);
      for (let c = 0; c < cols; c += 1) {
        const value = raw[c + offset];
        try {
          fields[c] = this.textConverters[c](value);
        } catch (error) {
          if (!(error instanceof ValueConversionError)) throw error;
          const failure = this.failure(raw, c, error.reason, value);
          w.take(); // text mode never sends the binary rows
          return failure;
        }
      }
      line = copyLine(fields);
      w.take();
    }
    const s = this.summariser;
    s.summarise(bytes, w.fieldStarts);
    return { raw, rowid: this.rowidOf(raw), bytes, line, h1: s.h1, h2: s.h2, keys: s.keys };
  }

  /** Source key of a row for the reject file ({column: value}), or null when only the rowid identifies it. */
  sourceKey(raw: unknown[]): Record<string, unknown> | null {
    if (this.keyIndex.length === 0) return null;
    const key: Record<string, unknown> = {};
    this.table.sourceKey.forEach((k, i) => {
      key[k] = jsonSafe(raw[this.keyIndex[i]]);
    });
    return key;
  }

  /** The SQLite value behind a target column (for reject records). */
  sourceValue(raw: unknown[], target: string): unknown {
    const i = this.table.columns.findIndex((c) => c.target === target);
    return i < 0 ? undefined : jsonSafe(raw[i + this.offset]);
  }
}
