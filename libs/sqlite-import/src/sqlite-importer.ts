import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Client } from 'pg';
import { PRESENCE_REBUILD_SQL } from '@app/persistence';
import { assertTimeZone } from './convert/timestamp-parser';
import { ImportUsageError } from './errors/import-usage.error';
import { SourceDatabaseError } from './errors/source-database.error';
import { TargetDatabaseError } from './errors/target-database.error';
import { ImportEvent, ImportOptions } from './import-options';
import { RejectRecord } from './load/reject-record';
import { readRejectFile, RejectWriter } from './load/reject-writer';
import { RowEncoder } from './load/row-encoder';
import { TableLoader } from './load/table-loader';
import { pgIdent, pgLiteral, pgQualified } from './plan/ddl';
import { ImportPlan, PlannedTable } from './plan/import-plan';
import { ImportPlanner } from './plan/import-planner';
import { MappingFile, parseMappingFile } from './plan/mapping-file';
import { renderPlan } from './plan/plan-printer';
import { ImportReport, TableReport } from './report/import-report';
import { PgTable } from './schema/pg-catalog';
import { nodeSqlite } from './schema/node-sqlite';
import { PgCatalogReader } from './schema/pg-catalog-reader';
import { SqliteSchemaReader } from './schema/sqlite-schema-reader';
import { rejectIdentity, TableVerifier } from './verify/table-verifier';

/** What a run produced. */
export interface ImportResult {
  /** Exit 0: verification passed and rejects ≤ max (always true for a dry run). */
  ok: boolean;
  failures: string[];
  plan: ImportPlan;
  /** The printed plan (dry run). */
  planText: string[] | null;
  /** Null for a dry run. */
  report: ImportReport | null;
}

interface Resolved {
  file: string;
  schema: string;
  batchSize: number;
  maxRejects: number;
  timezone: string;
  mapping?: MappingFile;
}

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

/**
 * `import-sqlite`: plans the move of a SQLite file into PostgreSQL, creates or finds the target
 * tables, loads them in foreign-key order with COPY, rejects (and records) rows that do not fit,
 * sets sequences, and verifies every table; or only verifies, or only plans.
 */
export class SqliteImporter {
  async run(options: ImportOptions): Promise<ImportResult> {
    const opts = this.resolve(options);
    const emit = (e: ImportEvent): void => options.onEvent?.(e);
    const started = new Date();
    const db = this.openSource(opts.file);
    let client: Client | null = null;
    try {
      const source = new SqliteSchemaReader(db).read();
      client = new Client({
        connectionString: options.databaseUrl,
        application_name: 'market-ingest-import-sqlite',
      });
      let target = new Map<string, PgTable>();
      let schemaExists = false;
      try {
        await client.connect();
        const catalog = new PgCatalogReader(client);
        schemaExists = await catalog.schemaExists(opts.schema);
        if (schemaExists) target = await catalog.readSchema(opts.schema);
      } catch (error) {
        if (!options.dryRun || opts.mapping) {
          throw new TargetDatabaseError(
            `cannot reach PostgreSQL (${options.databaseLabel ?? 'DATABASE_URL'}): ${(error as Error).message}`,
            { cause: error },
          );
        }
        emit({
          type: 'log',
          message: `warning: cannot read the target database (${(error as Error).message}); the plan assumes an empty schema`,
        });
        await client.end().catch(() => undefined);
        client = null;
      }
      const plan = new ImportPlanner().plan({
        sourcePath: opts.file,
        source,
        target,
        schemaExists,
        schema: opts.schema,
        tables: options.tables,
        exclude: options.exclude,
        mapping: opts.mapping,
        timezone: opts.timezone,
        seriesSource: options.seriesSource,
      });
      if (options.dryRun) {
        return { ok: true, failures: [], plan, planText: renderPlan(plan), report: null };
      }
      await client!.query(
        `SET synchronous_commit = off; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD';
         SET bytea_output = 'hex'; SET extra_float_digits = 1; SET client_min_messages = warning`,
      );
      const report = options.verifyOnly
        ? await this.verifyOnly(client!, db, plan, options, opts, emit, started)
        : await this.importAll(client!, db, plan, options, opts, emit, started);
      if (options.reportFile) {
        writeFileSync(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
      }
      return { ok: report.ok, failures: report.failures, plan, planText: null, report };
    } finally {
      await client?.end().catch(() => undefined);
      db.close();
    }
  }

  /**
   * Daily candles loaded into the project's ohlcv_data bypass the write paths that keep
   * `ohlcv_daily_presence` (coverage) exact: rebuild it from the table when both are in the
   * target schema.
   */
  private async rebuildDailyPresence(
    client: Client,
    schema: string,
    tables: readonly { target: string }[],
    emit: (e: ImportEvent) => void,
  ): Promise<void> {
    if (schema !== 'public' || !tables.some((t) => t.target === 'ohlcv_data')) return;
    const { rows } = await client.query<{ present: boolean }>(
      `SELECT to_regclass($1) IS NOT NULL AS present`,
      [pgQualified(schema, 'ohlcv_daily_presence')],
    );
    if (!rows[0].present) return;
    for (const sql of PRESENCE_REBUILD_SQL) await client.query(sql, [null]);
    emit({ type: 'log', message: 'daily presence (coverage) rebuilt from ohlcv_data' });
  }

  private resolve(options: ImportOptions): Resolved {
    const problems: string[] = [];
    const batchSize = options.batchSize ?? 5000;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1_000_000) {
      problems.push('--batch-size must be an integer from 1 to 1000000');
    }
    const maxRejects = options.maxRejects ?? 0;
    if (!Number.isInteger(maxRejects) || maxRejects < 0) {
      problems.push('--max-rejects must be a non-negative integer');
    }
    const timezone = options.timezone ?? 'UTC';
    try {
      assertTimeZone(timezone);
    } catch (error) {
      problems.push(`--timezone: ${(error as Error).message}`);
    }
    const schema = options.schema ?? 'public';
    if (schema === '' || Buffer.byteLength(schema) > 63)
      problems.push('--schema must be 1 to 63 bytes');
    if (options.dryRun && options.verifyOnly)
      problems.push('--dry-run and --verify-only exclude each other');
    if (options.verifyOnly && options.truncate)
      problems.push('--verify-only and --truncate exclude each other');
    const file = resolve(options.file);
    if (!existsSync(file)) problems.push(`no such file: ${options.file}`);
    else if (!statSync(file).isFile()) problems.push(`not a file: ${options.file}`);
    if (options.verifyOnly && options.rejectFile && !existsSync(options.rejectFile)) {
      problems.push(
        `--verify-only reads the reject file of the import, and ${options.rejectFile} does not exist`,
      );
    }
    let mapping: MappingFile | undefined;
    if (options.mapFile) {
      let text: string | null = null;
      try {
        text = readFileSync(options.mapFile, 'utf8');
      } catch (error) {
        problems.push(
          `cannot read the mapping file ${options.mapFile}: ${(error as Error).message}`,
        );
      }
      if (text !== null) mapping = parseMappingFile(text, options.mapFile);
    }
    if (problems.length > 0) throw new ImportUsageError(problems.join('\n'));
    return { file, schema, batchSize, maxRejects, timezone, mapping };
  }

  private openSource(file: string): DatabaseSync {
    let db: DatabaseSync | null = null;
    try {
      db = new (nodeSqlite().DatabaseSync)(file, { readOnly: true });
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      db.exec('PRAGMA mmap_size = 268435456'); // read pages in place rather than copied
      return db;
    } catch (error) {
      db?.close();
      if (error instanceof SourceDatabaseError) throw error; // node:sqlite missing
      throw new ImportUsageError(
        `cannot open ${file} as a SQLite database: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  private async ddl(client: Client, statements: string[], what: string): Promise<void> {
    if (statements.length === 0) return;
    await client.query('BEGIN');
    try {
      for (const s of statements) await client.query(s);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new TargetDatabaseError(`${what} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  private async importAll(
    client: Client,
    db: DatabaseSync,
    plan: ImportPlan,
    options: ImportOptions,
    opts: Resolved,
    emit: (e: ImportEvent) => void,
    started: Date,
  ): Promise<ImportReport> {
    const warnings = [...plan.warnings];
    await this.ddl(
      client,
      [
        ...(plan.createSchema ? [`CREATE SCHEMA IF NOT EXISTS ${pgIdent(plan.schema)}`] : []),
        ...plan.tables.flatMap((t) => t.createSql),
        ...plan.tables.flatMap((t) => t.foreignKeySql),
      ],
      'creating the target tables',
    );
    const existing = plan.tables.filter((t) => t.action === 'existing');
    if (options.truncate && existing.length > 0) {
      const list = existing.map((t) => pgQualified(plan.schema, t.target)).join(', ');
      try {
        await client.query(`TRUNCATE ${list} RESTART IDENTITY`);
        emit({ type: 'log', message: `truncated ${existing.map((t) => t.target).join(', ')}` });
      } catch (error) {
        throw new TargetDatabaseError(
          `--truncate failed: ${(error as Error).message} (tables outside the import reference them; truncate them yourself or include their tables)`,
          { cause: error },
        );
      }
    } else {
      for (const t of existing) {
        const { rows } = await client.query(
          `SELECT 1 FROM ${pgQualified(plan.schema, t.target)} LIMIT 1`,
        );
        if (rows.length > 0) {
          warnings.push(
            `${t.target} already has rows: rows with the same keys are rejected and verification compares the whole table (use --truncate to replace them)`,
          );
        }
      }
    }

    const rejects = new RejectWriter(options.rejectFile);
    try {
      const loaders: TableLoader[] = [];
      for (const t of plan.tables) {
        const loader = new TableLoader(client, db, new RowEncoder(t), rejects, {
          schema: plan.schema,
          batchSize: opts.batchSize,
          onProgress: (done, total) => emit({ type: 'progress', table: t.source, done, total }),
        });
        loaders.push(loader);
        emit({ type: 'table-start', table: t.source, rows: t.sourceRows });
        await loader.load();
        emit({
          type: 'table-done',
          table: t.source,
          read: loader.read,
          imported: loader.imported,
          rejected: rejects.count(t.source),
          seconds: loader.seconds,
        });
      }
      // Rows that waited for a parent (forward references, cycles): retry until nothing moves.
      for (let round = 1; loaders.some((l) => l.pendingRows > 0); round += 1) {
        const waiting = loaders.reduce((n, l) => n + l.pendingRows, 0);
        let moved = 0;
        for (const l of loaders) if (l.pendingRows > 0) moved += await l.retryPending();
        emit({
          type: 'log',
          message: `foreign keys, round ${round}: ${moved} of ${waiting} waiting rows loaded`,
        });
        if (moved === 0) break;
      }
      for (const l of loaders) l.rejectPending();

      for (const t of plan.tables) {
        for (const sql of t.postLoadSql) {
          try {
            await client.query(sql);
          } catch (error) {
            warnings.push(`${sql} failed: ${(error as Error).message}`);
          }
        }
        await this.setSequences(client, plan.schema, t);
        await client.query(`ANALYZE ${pgQualified(plan.schema, t.target)}`);
      }
      await this.rebuildDailyPresence(client, plan.schema, plan.tables, emit);

      const verifier = new TableVerifier(client, plan.schema);
      const tables: TableReport[] = [];
      for (const [i, t] of plan.tables.entries()) {
        const loader = loaders[i];
        const v0 = performance.now();
        const target = await verifier.targetSide(loader.encoder);
        const orphans = await verifier.orphans(t);
        const v = verifier.compare(
          t,
          { rows: loader.read, digest: loader.digest, rejected: rejects.count(t.source) },
          target,
          orphans,
        );
        tables.push({
          source_table: t.source,
          target_table: t.target,
          status: 'imported',
          action: t.action,
          ...v,
          load_seconds: round(loader.seconds),
          rows_per_s: loader.seconds > 0 ? Math.round(loader.read / loader.seconds) : loader.read,
          verify_seconds: round((performance.now() - v0) / 1000),
        });
      }
      return this.report('import', plan, options, opts, tables, warnings, rejects.samples, started);
    } finally {
      rejects.close();
    }
  }

  private async verifyOnly(
    client: Client,
    db: DatabaseSync,
    plan: ImportPlan,
    options: ImportOptions,
    opts: Resolved,
    emit: (e: ImportEvent) => void,
    started: Date,
  ): Promise<ImportReport> {
    const previous = options.rejectFile ? readRejectFile(options.rejectFile) : [];
    const verifier = new TableVerifier(client, plan.schema);
    const tables: TableReport[] = [];
    for (const t of plan.tables) {
      const v0 = performance.now();
      emit({ type: 'table-start', table: t.source, rows: t.sourceRows });
      if (t.action === 'create') {
        tables.push({
          source_table: t.source,
          target_table: t.target,
          status: 'verified',
          source_rows: t.sourceRows,
          imported_rows: 0,
          rejected_rows: 0,
          checksum_match: false,
          verified: false,
          problems: [`target table ${pgQualified(plan.schema, t.target)} does not exist`],
        });
        continue;
      }
      const ids = new Set(
        previous
          .filter((r) => r.table === t.source)
          .map((r) => rejectIdentity(r.source_rowid, r.primary_key)),
      );
      const encoder = new RowEncoder(t);
      const source = verifier.sourceSide(db, encoder, ids, opts.batchSize);
      const target = await verifier.targetSide(encoder);
      const v = verifier.compare(t, source, target, await verifier.orphans(t));
      tables.push({
        source_table: t.source,
        target_table: t.target,
        status: 'verified',
        action: t.action,
        ...v,
        verify_seconds: round((performance.now() - v0) / 1000),
      });
      emit({
        type: 'table-done',
        table: t.source,
        read: source.rows,
        imported: target.rows,
        rejected: source.rejected,
        seconds: (performance.now() - v0) / 1000,
      });
    }
    const warnings = [...plan.warnings];
    if (!options.rejectFile) {
      warnings.push(
        'no --reject-file given: rows the import rejected for constraints (duplicates, missing parents) count as missing',
      );
    }
    return this.report(
      'verify-only',
      plan,
      options,
      opts,
      tables,
      warnings,
      previous.slice(0, 20),
      started,
    );
  }

  /** Moves every sequence of the table (serial or identity) past the largest imported value. */
  private async setSequences(client: Client, schema: string, t: PlannedTable): Promise<void> {
    const table = pgQualified(schema, t.target);
    const { rows } = await client.query<{ column: string; seq: string }>(
      `SELECT a.attname AS column, pg_get_serial_sequence($1, a.attname) AS seq
         FROM pg_attribute a
        WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
          AND pg_get_serial_sequence($1, a.attname) IS NOT NULL`,
      [table],
    );
    for (const r of rows) {
      const col = pgIdent(r.column);
      // AUTOINCREMENT never reuses an id, even of deleted rows: keep its high-water mark.
      const floor =
        t.sequenceFloor !== null && t.primaryKey.includes(r.column) ? t.sequenceFloor : null;
      const max = floor === null ? `max(${col})` : `GREATEST(max(${col}), ${floor})`;
      await client.query(
        `SELECT setval(${pgLiteral(r.seq)}, COALESCE(${max}, 1), ${max} IS NOT NULL) FROM ${table}`,
      );
    }
  }

  private report(
    mode: ImportReport['mode'],
    plan: ImportPlan,
    options: ImportOptions,
    opts: Resolved,
    tables: TableReport[],
    warnings: string[],
    samples: RejectRecord[],
    started: Date,
  ): ImportReport {
    for (const s of plan.skipped) {
      tables.push({
        source_table: s.table,
        target_table: null,
        status: 'skipped',
        reason: s.reason,
        source_rows: s.rows,
        imported_rows: 0,
        rejected_rows: 0,
        checksum_match: false,
        verified: false,
      });
    }
    const active = tables.filter((t) => t.status !== 'skipped');
    const failures: string[] = [];
    for (const t of active) {
      for (const p of t.problems ?? []) failures.push(`${t.source_table}: ${p}`);
    }
    const rejected = active.reduce((n, t) => n + t.rejected_rows, 0);
    if (rejected > opts.maxRejects) {
      failures.push(`${rejected} rejected rows, more than --max-rejects ${opts.maxRejects}`);
    }
    const finished = new Date();
    return {
      mode,
      source: opts.file,
      target: { database: options.databaseLabel ?? '(DATABASE_URL)', schema: plan.schema },
      started_at: started.toISOString(),
      finished_at: finished.toISOString(),
      seconds: round((finished.getTime() - started.getTime()) / 1000),
      ok: failures.length === 0,
      failures,
      max_rejects: opts.maxRejects,
      totals: {
        tables: active.length,
        verified_tables: active.filter((t) => t.verified).length,
        source_rows: active.reduce((n, t) => n + t.source_rows, 0),
        imported_rows: active.reduce((n, t) => n + t.imported_rows, 0),
        rejected_rows: rejected,
      },
      tables,
      warnings,
      reject_file: options.rejectFile ?? null,
      sample_rejects: samples,
    };
  }
}
