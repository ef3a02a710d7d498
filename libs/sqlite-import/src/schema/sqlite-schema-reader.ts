import type { DatabaseSync } from 'node:sqlite';
import { SourceDatabaseError } from '../errors/source-database.error';
import {
  SqliteColumn,
  SqliteForeignKey,
  SqliteIndex,
  SqliteSchema,
  SqliteTable,
} from './sqlite-schema';
import { sqliteIdent } from './sqlite-quote';

interface TableInfoRow {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

interface ForeignKeyRow {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
}

interface IndexListRow {
  name: string;
  unique: number;
  origin: string;
  partial: number;
}

interface IndexInfoRow {
  seqno: number;
  cid: number;
  name: string | null;
  desc: number;
  key: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the table's SQL restricts `column` to 0 and 1 (`CHECK (col IN (0, 1))` and kin). */
export function hasBooleanCheck(tableSql: string, column: string): boolean {
  const name = `(?:"${escapeRegExp(column.replace(/"/g, '""'))}"|\`${escapeRegExp(column)}\`|\\[${escapeRegExp(column)}\\]|${escapeRegExp(column)})`;
  const patterns = [
    `CHECK\\s*\\(\\s*${name}\\s+IN\\s*\\(\\s*(?:0\\s*,\\s*1|1\\s*,\\s*0)\\s*\\)\\s*\\)`,
    `CHECK\\s*\\(\\s*${name}\\s+BETWEEN\\s+0\\s+AND\\s+1\\s*\\)`,
  ];
  return patterns.some((p) => new RegExp(p, 'i').test(tableSql));
}

/** Reads tables, columns, keys, foreign keys and indexes of an open SQLite database. */
export class SqliteSchemaReader {
  constructor(private readonly db: DatabaseSync) {}

  read(): SqliteSchema {
    let entries: { name: string; sql: string | null }[];
    let views: { name: string }[];
    try {
      entries = this.db
        .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY rowid`)
        .all() as unknown as { name: string; sql: string | null }[];
      views = this.db
        .prepare(`SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY rowid`)
        .all() as unknown as { name: string }[];
    } catch (error) {
      throw new SourceDatabaseError(`cannot read the SQLite schema: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const tables: SqliteTable[] = [];
    const unsupported: SqliteSchema['unsupported'] = [];
    const shadowPrefixes: string[] = [];
    for (const { name, sql } of entries) {
      if (/^CREATE\s+VIRTUAL\s+TABLE/i.test(sql ?? '')) {
        unsupported.push({ name, reason: 'virtual table' });
        shadowPrefixes.push(`${name}_`);
      }
    }
    for (const { name, sql } of entries) {
      if (name.startsWith('sqlite_')) continue; // sqlite_sequence, sqlite_stat1…: SQLite's own
      if (/^CREATE\s+VIRTUAL\s+TABLE/i.test(sql ?? '')) continue;
      if (shadowPrefixes.some((p) => name.startsWith(p))) {
        unsupported.push({ name, reason: 'shadow table of a virtual table' });
        continue;
      }
      tables.push(this.readTable(name, sql ?? ''));
    }
    for (const v of views) unsupported.push({ name: v.name, reason: 'view (not imported)' });
    return { tables, unsupported };
  }

  private all<T>(sql: string, ...params: (string | number)[]): T[] {
    return this.db.prepare(sql).all(...params) as unknown as T[];
  }

  private readTable(name: string, sql: string): SqliteTable {
    const info = this.all<TableInfoRow>('SELECT * FROM pragma_table_xinfo(?)', name);
    const generatedColumns = info
      .filter((c) => c.hidden === 2 || c.hidden === 3)
      .map((c) => c.name);
    const columns: SqliteColumn[] = info
      .filter((c) => c.hidden === 0)
      .map((c) => ({
        name: c.name,
        declaredType: (c.type ?? '').trim(),
        notNull: c.notnull === 1,
        defaultSql: c.dflt_value,
        pkOrdinal: c.pk,
        booleanCheck: hasBooleanCheck(sql, c.name),
      }));
    for (const c of columns) {
      if (c.declaredType === '') {
        c.observedTypes = this.all<{ t: string }>(
          `SELECT DISTINCT typeof(${sqliteIdent(c.name)}) AS t FROM ${sqliteIdent(name)}`,
        ).map((r) => r.t);
      }
    }
    const primaryKey = columns
      .filter((c) => c.pkOrdinal > 0)
      .sort((a, b) => a.pkOrdinal - b.pkOrdinal)
      .map((c) => c.name);
    const withoutRowid = /\)\s*(?:STRICT\s*,\s*)?WITHOUT\s+ROWID\s*(?:,\s*STRICT\s*)?;?\s*$/i.test(
      sql,
    );
    const taken = new Set(columns.map((c) => c.name.toLowerCase()));
    const rowidName = withoutRowid
      ? null
      : (['rowid', '_rowid_', 'oid'].find((n) => !taken.has(n)) ?? null);
    const pkColumn =
      primaryKey.length === 1 ? columns.find((c) => c.name === primaryKey[0]) : undefined;
    const rowidAlias =
      !withoutRowid &&
      pkColumn &&
      pkColumn.declaredType.toUpperCase() === 'INTEGER' &&
      !/PRIMARY\s+KEY\s+DESC/i.test(sql)
        ? pkColumn.name
        : null;
    const [{ n: rowCount }] = this.all<{ n: number }>(
      `SELECT count(*) AS n FROM ${sqliteIdent(name)}`,
    );
    return {
      name,
      sql,
      withoutRowid,
      columns,
      primaryKey,
      foreignKeys: this.readForeignKeys(name),
      indexes: this.readIndexes(name),
      rowCount: Number(rowCount),
      generatedColumns,
      rowidName,
      rowidAlias,
      autoincrementSeq: this.autoincrementSeq(name),
    };
  }

  private autoincrementSeq(table: string): number | null {
    if (!this.hasSequenceTable) return null;
    const rows = this.all<{ seq: number }>('SELECT seq FROM sqlite_sequence WHERE name = ?', table);
    return rows.length > 0 ? Number(rows[0].seq) : null;
  }

  private get hasSequenceTable(): boolean {
    return (
      this.all<{ n: number }>(
        `SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_sequence'`,
      )[0].n > 0
    );
  }

  private readForeignKeys(table: string): SqliteForeignKey[] {
    const rows = this.all<ForeignKeyRow>('SELECT * FROM pragma_foreign_key_list(?)', table);
    const byId = new Map<number, ForeignKeyRow[]>();
    for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
    return [...byId.values()].map((parts) => {
      parts.sort((a, b) => a.seq - b.seq);
      return {
        table: parts[0].table,
        from: parts.map((p) => p.from),
        to: parts.map((p) => p.to),
        onUpdate: parts[0].on_update,
        onDelete: parts[0].on_delete,
      };
    });
  }

  private readIndexes(table: string): SqliteIndex[] {
    return this.all<IndexListRow>('SELECT * FROM pragma_index_list(?)', table).map((ix) => ({
      name: ix.name,
      unique: ix.unique === 1,
      origin: ix.origin,
      partial: ix.partial === 1,
      columns: this.all<IndexInfoRow>('SELECT * FROM pragma_index_xinfo(?)', ix.name)
        .filter((c) => c.key === 1)
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => ({ name: c.cid === -2 ? null : c.name, desc: c.desc === 1 })),
    }));
  }
}
