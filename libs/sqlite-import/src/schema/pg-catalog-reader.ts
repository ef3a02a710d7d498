import type { ClientBase } from 'pg';
import { PgTable } from './pg-catalog';

/** Reads the tables of one PostgreSQL schema from pg_catalog. */
export class PgCatalogReader {
  constructor(private readonly client: ClientBase) {}

  async schemaExists(schema: string): Promise<boolean> {
    const { rows } = await this.client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
      schema,
    ]);
    return rows.length > 0;
  }

  async readSchema(schema: string): Promise<Map<string, PgTable>> {
    const tables = new Map<string, PgTable>();
    const columns = await this.client.query<{
      table: string;
      column: string;
      type: string;
      not_null: boolean;
      has_default: boolean;
      generated: boolean;
    }>(
      `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
              a.attnotnull AS not_null,
              (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS has_default,
              a.attgenerated <> '' AS generated
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
        ORDER BY c.relname, a.attnum`,
      [schema],
    );
    for (const r of columns.rows) {
      let t = tables.get(r.table);
      if (!t) {
        t = { name: r.table, columns: [], primaryKey: [], uniqueKeys: [], foreignKeys: [] };
        tables.set(r.table, t);
      }
      t.columns.push({
        name: r.column,
        type: r.type,
        notNull: r.not_null,
        hasDefault: r.has_default,
        generated: r.generated,
      });
    }
    const indexes = await this.client.query<{ table: string; primary: boolean; columns: string[] }>(
      `SELECT t.relname AS table, i.indisprimary AS primary,
              ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
                      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
                     ORDER BY k.ord)::text[] AS columns
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = $1 AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL`,
      [schema],
    );
    for (const r of indexes.rows) {
      const t = tables.get(r.table);
      if (!t) continue;
      t.uniqueKeys.push(r.columns);
      if (r.primary) t.primaryKey = r.columns;
    }
    const fks = await this.client.query<{
      table: string;
      name: string;
      columns: string[];
      ref_schema: string;
      ref_table: string;
      ref_columns: string[];
    }>(
      `SELECT c.relname AS table, con.conname AS name,
              ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
                     ORDER BY k.ord)::text[] AS columns,
              rn.nspname AS ref_schema, rc.relname AS ref_table,
              ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
                     ORDER BY k.ord)::text[] AS ref_columns
         FROM pg_constraint con
         JOIN pg_class c ON c.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_class rc ON rc.oid = con.confrelid
         JOIN pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE n.nspname = $1 AND con.contype = 'f'
        ORDER BY con.conname`,
      [schema],
    );
    for (const r of fks.rows) {
      tables.get(r.table)?.foreignKeys.push({
        name: r.name,
        columns: r.columns,
        refSchema: r.ref_schema,
        refTable: r.ref_table,
        refColumns: r.ref_columns,
      });
    }
    return tables;
  }
}
