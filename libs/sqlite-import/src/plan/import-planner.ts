import { ColumnKind, kindOfPgType } from '../convert/column-kind';
import { TimestampParser } from '../convert/timestamp-parser';
import { buildConverter } from '../convert/value-converter';
import { ImportUsageError } from '../errors/import-usage.error';
import { DEFAULT_SERIES_SOURCE } from '../import-options';
import { PgTable } from '../schema/pg-catalog';
import { SqliteSchema, SqliteTable } from '../schema/sqlite-schema';
import { sqliteIdent } from '../schema/sqlite-quote';
import {
  objectName,
  parseSqliteDefault,
  pgIdent,
  pgIdentList,
  pgLiteral,
  pgQualified,
  PG_MAX_IDENTIFIER_BYTES,
} from './ddl';
import { ImportPlan, PlannedForeignKey, PlannedTable } from './import-plan';
import { MappingFile, TableMapping } from './mapping-file';
import { topologicalOrder } from './topological-order';
import { mapSqliteColumn } from './type-mapper';

export interface PlannerInput {
  sourcePath: string;
  source: SqliteSchema;
  /** Tables already in the target schema (empty when it does not exist). */
  target: Map<string, PgTable>;
  schemaExists: boolean;
  schema: string;
  tables?: string[];
  exclude?: string[];
  mapping?: MappingFile;
  timezone: string;
  /** Value of an unfed required `source` column (see ImportOptions.seriesSource). */
  seriesSource?: string;
}

/** The column of this project's series keys that names the provider of the rows. */
const SOURCE_COLUMN = 'source';

/** A SQLite string literal. */
const sqliteText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Problems found while planning, reported together as one usage error. */
class Problems {
  readonly list: string[] = [];
  add(p: string): void {
    this.list.push(p);
  }
}

/**
 * Decides what the import does: which tables, into which target tables (created or existing),
 * column by column with types and conversions, in which order, with which DDL. Pure: reads
 * nothing and writes nothing; throws {@link ImportUsageError} when the request cannot work.
 */
export class ImportPlanner {
  plan(input: PlannerInput): ImportPlan {
    const problems = new Problems();
    const warnings: string[] = [];
    const skipped: ImportPlan['skipped'] = input.source.unsupported.map((u) => ({
      table: u.name,
      rows: 0,
      reason: u.reason,
    }));
    const byName = new Map(input.source.tables.map((t) => [t.name, t]));
    const unknown = (names: string[] | undefined, option: string): void => {
      const missing = (names ?? []).filter((n) => !byName.has(n));
      if (missing.length > 0) {
        problems.add(
          `${option}: no table ${missing.map((m) => JSON.stringify(m)).join(', ')} in the SQLite file (tables: ${[...byName.keys()].join(', ')})`,
        );
      }
    };
    unknown(input.tables, '--tables');
    unknown(input.exclude, '--exclude');
    if (input.mapping) unknown(Object.keys(input.mapping.tables), '--map');
    this.fail(problems);

    const selected: SqliteTable[] = [];
    for (const t of input.source.tables) {
      if (input.tables && !input.tables.includes(t.name)) {
        skipped.push({ table: t.name, rows: t.rowCount, reason: 'not in --tables' });
      } else if (input.exclude?.includes(t.name)) {
        skipped.push({ table: t.name, rows: t.rowCount, reason: 'in --exclude' });
      } else if (input.mapping && !input.mapping.tables[t.name]) {
        skipped.push({ table: t.name, rows: t.rowCount, reason: 'not named in the mapping file' });
      } else selected.push(t);
    }

    const targetOf = new Map<string, string>(); // source table → target table
    for (const t of selected) {
      const target = input.mapping?.tables[t.name]?.target ?? t.name;
      const clash = [...targetOf].find(([, v]) => v === target);
      if (clash) {
        problems.add(`tables ${clash[0]} and ${t.name} would both load into ${target}`);
      }
      targetOf.set(t.name, target);
      if (Buffer.byteLength(target, 'utf8') > PG_MAX_IDENTIFIER_BYTES) {
        problems.add(`table name ${JSON.stringify(target)} is longer than PostgreSQL's 63 bytes`);
      }
    }
    this.fail(problems);

    const planned = selected.map((t) => {
      const target = targetOf.get(t.name)!;
      const existing = input.target.get(target);
      const mapping = input.mapping?.tables[t.name];
      if (mapping && !existing) {
        problems.add(
          `--map: table ${pgQualified(input.schema, target)} does not exist (a mapping loads into existing tables; run the migrations first)`,
        );
        return null;
      }
      return existing
        ? this.planExisting(t, existing, mapping, input, problems, warnings)
        : this.planCreate(t, target, input, problems, warnings);
    });
    this.fail(problems);
    const tables = planned as PlannedTable[];

    this.planForeignKeys(tables, selected, targetOf, input, warnings);

    const edges: [string, string][] = tables.flatMap((t) =>
      t.foreignKeys.map((fk): [string, string] => [t.target, fk.refTable]),
    );
    const order = topologicalOrder(
      tables.map((t) => t.target),
      edges,
    );
    const cyclic = new Set(order.cycles.flat());
    const byTarget = new Map(tables.map((t) => [t.target, t]));
    for (const t of tables) {
      t.selfReferencing = order.selfReferencing.includes(t.target);
      t.cyclic = cyclic.has(t.target);
      t.dependsOn = [
        ...new Set(
          t.foreignKeys.map((fk) => fk.refTable).filter((r) => r !== t.target && byTarget.has(r)),
        ),
      ];
    }
    return {
      sourcePath: input.sourcePath,
      schema: input.schema,
      createSchema: !input.schemaExists,
      tables: order.order.map((name) => byTarget.get(name)!),
      skipped,
      cycles: order.cycles,
      warnings,
    };
  }

  private fail(problems: Problems): void {
    if (problems.list.length > 0) throw new ImportUsageError(problems.list.join('\n'));
  }

  private base(t: SqliteTable, target: string, action: PlannedTable['action']): PlannedTable {
    return {
      source: t.name,
      target,
      action,
      columns: [],
      primaryKey: [],
      sourceKey: t.primaryKey,
      rowidName: t.rowidName,
      rowidAlias: t.rowidAlias,
      sequenceFloor: action === 'create' ? t.autoincrementSeq : null,
      sourceRows: t.rowCount,
      foreignKeys: [],
      createSql: [],
      foreignKeySql: [],
      postLoadSql: [],
      dependsOn: [],
      selfReferencing: false,
      cyclic: false,
    };
  }

  /** A table the importer creates: types from the SQLite declarations. */
  private planCreate(
    t: SqliteTable,
    target: string,
    input: PlannerInput,
    problems: Problems,
    warnings: string[],
  ): PlannedTable {
    const plan = this.base(t, target, 'create');
    const q = pgQualified(input.schema, target);
    const defs: string[] = [];
    for (const c of t.columns) {
      if (Buffer.byteLength(c.name, 'utf8') > PG_MAX_IDENTIFIER_BYTES) {
        problems.add(`column ${t.name}.${c.name} is longer than PostgreSQL's 63 bytes`);
      }
      const m = mapSqliteColumn(c, t);
      plan.columns.push({
        target: c.name,
        source: c.name,
        sourceExpr: sqliteIdent(c.name),
        sqliteType: c.declaredType,
        pgType: m.identity ? `${m.pgType} identity` : m.pgType,
        kind: m.kind,
        maxLength: m.maxLength,
        notNull: c.notNull || c.pkOrdinal > 0,
        compareKind: m.kind,
        unit: 'auto',
        timezone: input.timezone,
        rule: m.rule,
      });
      let def = `${pgIdent(c.name)} ${m.pgType}`;
      if (m.identity) def += ' GENERATED BY DEFAULT AS IDENTITY';
      const dflt =
        !m.identity && c.defaultSql
          ? this.defaultClause(c.defaultSql, m.kind, m.maxLength, input.timezone)
          : null;
      if (dflt === undefined) {
        warnings.push(`${t.name}.${c.name}: DEFAULT ${c.defaultSql} is not translated`);
      } else if (dflt) def += ` DEFAULT ${dflt}`;
      if (c.notNull || c.pkOrdinal > 0) def += ' NOT NULL';
      defs.push(def);
    }
    if (/\bCHECK\s*\(/i.test(t.sql)) {
      warnings.push(`${t.name}: CHECK constraints are not recreated`);
    }
    if (t.generatedColumns.length > 0) {
      warnings.push(
        `${t.name}: generated columns ${t.generatedColumns.join(', ')} are not imported`,
      );
    }
    if (t.primaryKey.length > 0) {
      plan.primaryKey = t.primaryKey;
      defs.push(
        `CONSTRAINT ${pgIdent(objectName(target, 'pkey'))} PRIMARY KEY (${pgIdentList(t.primaryKey)})`,
      );
    }
    const unique: string[] = [];
    for (const ix of t.indexes) {
      if (ix.origin === 'pk') continue;
      const cols = ix.columns.map((c) => c.name);
      if (ix.partial || cols.some((c) => c === null)) {
        warnings.push(
          `${t.name}: index ${ix.name} (${ix.partial ? 'partial' : 'on an expression'}) is not recreated`,
        );
        continue;
      }
      const names = cols as string[];
      if (ix.origin === 'u') {
        defs.push(
          `CONSTRAINT ${pgIdent(objectName(target, ...names, 'key'))} UNIQUE (${pgIdentList(names)})`,
        );
        continue;
      }
      const name = ix.name.startsWith('sqlite_autoindex_')
        ? objectName(target, ...names, ix.unique ? 'key' : 'idx')
        : objectName(ix.name);
      const keys = ix.columns.map((c) => `${pgIdent(c.name!)}${c.desc ? ' DESC' : ''}`).join(', ');
      const sql = `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${pgIdent(name)} ON ${q} (${keys})`;
      (ix.unique ? unique : plan.postLoadSql).push(sql);
    }
    plan.createSql = [`CREATE TABLE ${q} (\n  ${defs.join(',\n  ')}\n)`, ...unique];
    return plan;
  }

  /** DEFAULT of a created column: SQL, null for none, undefined when it cannot be translated. */
  private defaultClause(
    sql: string,
    kind: ColumnKind,
    maxLength: number | undefined,
    timezone: string,
  ): string | null | undefined {
    const d = parseSqliteDefault(sql);
    if (d === null) return undefined;
    if ('isNull' in d) return null;
    if ('expr' in d) {
      // SQLite writes CURRENT_TIMESTAMP as UTC text; only a timestamp column keeps its meaning.
      if (kind !== 'timestamptz') return undefined;
      return d.expr === 'CURRENT_DATE' ? 'CURRENT_DATE' : 'now()';
    }
    try {
      const text = buildConverter(kind, { timestamps: new TimestampParser(timezone), maxLength })(
        d.value,
      );
      if (text === null) return null;
      if (kind === 'bool') return text === 't' ? 'true' : 'false';
      return pgLiteral(text);
    } catch {
      return undefined;
    }
  }

  /** A table that exists in the target: load into it by column name or by the mapping. */
  private planExisting(
    t: SqliteTable,
    existing: PgTable,
    mapping: TableMapping | undefined,
    input: PlannerInput,
    problems: Problems,
    warnings: string[],
  ): PlannedTable {
    const plan = this.base(t, existing.name, 'existing');
    const targetCols = new Map(existing.columns.map((c) => [c.name, c]));
    const sourceCols = new Map(t.columns.map((c) => [c.name, c]));
    const where = `${t.name} → ${pgQualified(input.schema, existing.name)}`;
    const fed = new Set<string>();
    const add = (
      key: string,
      source: string | null,
      spec: TableMapping['columns'][string],
    ): void => {
      const to = spec.to!;
      const col = targetCols.get(to);
      if (!col) {
        problems.add(
          `${where}: no column ${JSON.stringify(to)} in the target for ${source ?? key}${mapping ? '' : ' (use --map to rename or drop columns)'}`,
        );
        return;
      }
      if (col.generated) {
        problems.add(`${where}: target column ${to} is generated and cannot be loaded`);
        return;
      }
      if (fed.has(to)) {
        problems.add(`${where}: two source columns load into ${to}`);
        return;
      }
      fed.add(to);
      const targetKind = kindOfPgType(col.type);
      const cast = spec.cast ? kindOfPgType(spec.cast) : null;
      if (spec.cast && cast!.kind === 'other') {
        problems.add(
          `${where}: cast ${JSON.stringify(spec.cast)} of ${key} is not a type the importer converts to`,
        );
      }
      const kind = cast?.kind ?? targetKind.kind;
      const compareKind =
        targetKind.kind === 'other' || (cast && cast.kind !== targetKind.kind)
          ? null
          : targetKind.kind;
      if (compareKind === null) {
        warnings.push(`${where}: column ${to} (${col.type}) is not part of the content checksum`);
      }
      const sqliteType = source ? (sourceCols.get(source)?.declaredType ?? '') : '';
      plan.columns.push({
        target: to,
        source,
        sourceExpr: spec.sql ?? sqliteIdent(source ?? key),
        sqliteType,
        pgType: col.type,
        kind,
        maxLength: cast ? cast.maxLength : targetKind.maxLength,
        notNull: col.notNull,
        compareKind,
        unit: spec.unit ?? 'auto',
        timezone: spec.timezone ?? input.timezone,
        values: spec.values,
        rule: [
          spec.sql
            ? `from SQLite expression ${spec.sql}`
            : source !== to
              ? `renamed from ${source}`
              : 'same name',
          spec.cast ? `read as ${spec.cast}` : '',
          spec.unit ? `epoch unit ${spec.unit}` : '',
          spec.values ? 'values replaced' : '',
        ]
          .filter(Boolean)
          .join(', '),
      });
    };
    const specs = mapping?.columns ?? {};
    for (const c of t.columns) {
      const spec = specs[c.name] ?? { to: c.name };
      if (spec.to === null) continue;
      add(c.name, c.name, spec);
    }
    for (const [key, spec] of Object.entries(specs)) {
      if (sourceCols.has(key) || spec.to === null) continue;
      if (!spec.sql) {
        problems.add(
          `${where}: mapping names column ${JSON.stringify(key)}, which the SQLite table does not have (give "sql" to compute it)`,
        );
        continue;
      }
      add(key, null, spec);
    }
    const sourceCol = targetCols.get(SOURCE_COLUMN);
    if (sourceCol && !fed.has(SOURCE_COLUMN) && sourceCol.notNull && !sourceCol.hasDefault) {
      // A series key (source, symbol, …): the rows get a source, as if mapped from a constant.
      const value = input.seriesSource ?? DEFAULT_SERIES_SOURCE;
      add(SOURCE_COLUMN, null, { to: SOURCE_COLUMN, sql: sqliteText(value) });
      const planned = plan.columns.at(-1);
      if (planned?.target === SOURCE_COLUMN) planned.rule = `--source ${value}`;
    }
    for (const c of existing.columns) {
      if (!fed.has(c.name) && c.notNull && !c.hasDefault) {
        problems.add(
          `${where}: target column ${c.name} is NOT NULL, has no default and nothing loads into it`,
        );
      }
    }
    plan.primaryKey = existing.primaryKey.filter((k) => fed.has(k));
    return plan;
  }

  /** Foreign keys: created ones for created tables, the existing ones for existing tables. */
  private planForeignKeys(
    tables: PlannedTable[],
    selected: SqliteTable[],
    targetOf: Map<string, string>,
    input: PlannerInput,
    warnings: string[],
  ): void {
    const byTarget = new Map(tables.map((t) => [t.target, t]));
    const sqliteByName = new Map(selected.map((t) => [t.name, t]));
    const uniqueSets = (target: string): string[][] | null => {
      const existing = input.target.get(target);
      if (existing) return existing.uniqueKeys;
      const planned = byTarget.get(target);
      const src = planned ? sqliteByName.get(planned.source) : undefined;
      if (!src) return null;
      const sets = src.indexes
        .filter((ix) => ix.unique && !ix.partial && ix.columns.every((c) => c.name !== null))
        .map((ix) => ix.columns.map((c) => c.name!));
      if (src.primaryKey.length > 0) sets.push(src.primaryKey);
      return sets;
    };
    for (const plan of tables) {
      const existing = input.target.get(plan.target);
      if (existing) {
        for (const fk of existing.foreignKeys) {
          if (fk.refSchema !== input.schema) continue;
          plan.foreignKeys.push({
            name: fk.name,
            columns: fk.columns,
            refTable: fk.refTable,
            refColumns: fk.refColumns,
            onDelete: 'NO ACTION',
            onUpdate: 'NO ACTION',
          });
        }
        if (input.mapping) continue;
        // Without a mapping the columns keep their names: the SQLite foreign keys are checked for
        // orphans too, even where the target has no such constraint.
        const src = sqliteByName.get(plan.source)!;
        for (const fk of src.foreignKeys) {
          const refTable = sqliteByName.has(fk.table) ? targetOf.get(fk.table)! : fk.table;
          const parent = input.target.get(refTable);
          const refColumns = fk.to.every((c) => c !== null)
            ? (fk.to as string[])
            : (parent?.primaryKey ?? []);
          const known = plan.foreignKeys.some(
            (k) =>
              k.refTable === refTable &&
              sameSet(k.columns, fk.from) &&
              sameSet(k.refColumns, refColumns),
          );
          const exists =
            parent !== undefined &&
            refColumns.length === fk.from.length &&
            refColumns.every((c) => parent.columns.some((pc) => pc.name === c));
          if (known || !exists) continue;
          plan.foreignKeys.push({
            name: `${plan.source}(${fk.from.join(', ')}) → ${fk.table} (SQLite)`,
            columns: fk.from,
            refTable,
            refColumns,
            onDelete: 'NO ACTION',
            onUpdate: 'NO ACTION',
          });
        }
        continue;
      }
      const src = sqliteByName.get(plan.source)!;
      for (const fk of src.foreignKeys) {
        const parentSource = sqliteByName.get(fk.table);
        const refTable = parentSource
          ? targetOf.get(fk.table)!
          : input.target.has(fk.table)
            ? fk.table
            : null;
        const label = `${plan.source}(${fk.from.join(', ')}) → ${fk.table}`;
        if (refTable === null) {
          warnings.push(
            `${label}: foreign key not created, ${fk.table} is neither imported nor in the target schema`,
          );
          continue;
        }
        let refColumns: string[];
        if (fk.to.every((c) => c !== null)) refColumns = fk.to as string[];
        else {
          const parentPk = parentSource?.primaryKey ?? input.target.get(fk.table)?.primaryKey ?? [];
          if (parentPk.length !== fk.from.length) {
            warnings.push(
              `${label}: foreign key not created, the parent has no matching primary key`,
            );
            continue;
          }
          refColumns = parentPk;
        }
        if (!(uniqueSets(refTable) ?? []).some((s) => sameSet(s, refColumns))) {
          warnings.push(
            `${label}(${refColumns.join(', ')}): foreign key not created, the referenced columns are not unique in the parent`,
          );
          continue;
        }
        const planned: PlannedForeignKey = {
          name: objectName(plan.target, ...fk.from, 'fkey'),
          columns: fk.from,
          refTable,
          refColumns,
          onDelete: fk.onDelete.toUpperCase(),
          onUpdate: fk.onUpdate.toUpperCase(),
        };
        plan.foreignKeys.push(planned);
        const actions = [
          planned.onDelete !== 'NO ACTION' ? ` ON DELETE ${planned.onDelete}` : '',
          planned.onUpdate !== 'NO ACTION' ? ` ON UPDATE ${planned.onUpdate}` : '',
        ].join('');
        plan.foreignKeySql.push(
          `ALTER TABLE ${pgQualified(input.schema, plan.target)} ADD CONSTRAINT ${pgIdent(planned.name)} FOREIGN KEY (${pgIdentList(fk.from)}) REFERENCES ${pgQualified(input.schema, refTable)} (${pgIdentList(refColumns)})${actions}`,
        );
      }
    }
  }
}
