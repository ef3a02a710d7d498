import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TimescaleMode } from '@app/common';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { MIGRATIONS_TABLE } from '../data-source-options';
import { TIMESCALE_MODE_SETTING } from '../timescale/timescale.sql';
import { MigrationFailedError, MigrationTargetError } from './migration-errors';

/** Key of the session advisory lock that serialises `up`, `down` and `stamp` across processes. */
export const MIGRATION_LOCK_KEY = 7_239_541_180;

export interface MigrationInfo {
  /** Class name, e.g. InitialSchema1795454258610: what the migrations table stores. */
  name: string;
  timestamp: number;
  /** Readable part of the name, e.g. InitialSchema. */
  label: string;
  applied: boolean;
  instance: MigrationInterface;
}

export interface StepResult {
  name: string;
  direction: 'up' | 'down';
  ms: number;
}

export interface SchemaDiff {
  up: string[];
  down: string[];
}

export interface UpHooks {
  /** Called with the current revision (null at base) and the plan, under the lock. */
  beforeApply?: (current: MigrationInfo | null, plan: MigrationInfo[]) => Promise<void>;
}

export interface MigrationRunnerOptions {
  timescaledb?: TimescaleMode;
  log?: (line: string) => void;
}

const sqlText = (q: { query: string; parameters?: unknown[] }): string =>
  q.parameters && q.parameters.length > 0
    ? `${q.query.trim()} -- parameters: ${JSON.stringify(q.parameters)}`
    : q.query.trim();

/**
 * Alembic-grade migration commands over a TypeORM DataSource. Every migration runs in its own
 * transaction on one connection that also holds the advisory lock, so several processes that
 * start at once apply each migration exactly once and it works on single-connection servers.
 */
export class MigrationRunner {
  private readonly log: (line: string) => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: MigrationRunnerOptions = {},
  ) {
    this.log = options.log ?? (() => undefined);
  }

  /** Every known migration, oldest first, with whether it is applied. */
  async list(qr?: QueryRunner): Promise<MigrationInfo[]> {
    const applied = new Set(await this.appliedNames(qr));
    return this.known().map((m) => ({ ...m, applied: applied.has(m.name) }));
  }

  /** Applied migrations recorded in the table that no file knows (e.g. removed or renamed). */
  async unknownApplied(): Promise<string[]> {
    const known = new Set(this.known().map((m) => m.name));
    return (await this.appliedNames()).filter((n) => !known.has(n));
  }

  async pending(): Promise<MigrationInfo[]> {
    return (await this.list()).filter((m) => !m.applied);
  }

  /** The newest applied migration, or null at base. */
  async current(): Promise<MigrationInfo | null> {
    const applied = (await this.list()).filter((m) => m.applied);
    return applied.at(-1) ?? null;
  }

  /**
   * Applies pending migrations up to and including `target` (default: all, "head").
   * `beforeApply` runs under the migration lock, only when there is something to apply, before
   * the first step (a backup: no other `up` can change the schema while it is taken); when it
   * throws, nothing is applied.
   */
  async up(target = 'head', hooks: UpHooks = {}): Promise<StepResult[]> {
    return this.withLock(async (qr) => {
      const all = await this.list(qr);
      const plan = this.planUp(all, target);
      if (plan.length > 0 && hooks.beforeApply) {
        await hooks.beforeApply(all.filter((m) => m.applied).at(-1) ?? null, plan);
      }
      const results: StepResult[] = [];
      for (const m of plan) results.push(await this.step(qr, m, 'up'));
      return results;
    });
  }

  /**
   * Reverts migrations: `N` (default 1) most recent, `base` (all), or back to a named migration,
   * which stays applied (Alembic's `downgrade <rev>`).
   */
  async down(target = '1'): Promise<StepResult[]> {
    return this.withLock(async (qr) => {
      const plan = this.planDown(await this.list(qr), target);
      const results: StepResult[] = [];
      for (const m of plan) results.push(await this.step(qr, m, 'down'));
      return results;
    });
  }

  /**
   * Records the database as being exactly at `target` without running anything: every migration up
   * to it marked applied, every later one unmarked. `base` clears the record, `head` marks all.
   */
  async stamp(target: string): Promise<{ marked: string[]; unmarked: string[] }> {
    return this.withLock(async (qr) => {
      const all = await this.list(qr);
      const index = target === 'base' ? -1 : this.resolve(all, target);
      const marked: string[] = [];
      const unmarked: string[] = [];
      await qr.startTransaction();
      try {
        for (const [i, m] of all.entries()) {
          if (i <= index && !m.applied) {
            await this.record(qr, m, 'up');
            marked.push(m.name);
          } else if (i > index && m.applied) {
            await this.record(qr, m, 'down');
            unmarked.push(m.name);
          }
        }
        await qr.commitTransaction();
      } catch (error) {
        await qr.rollbackTransaction();
        throw error;
      }
      return { marked, unmarked };
    });
  }

  /**
   * The SQL that `up [target]` or `down [target]` would run, captured by running it inside a
   * transaction that is rolled back: the output is exactly what this database would execute.
   */
  async sql(direction: 'up' | 'down', target?: string): Promise<string> {
    return this.withLock(async (qr) => {
      const all = await this.list(qr);
      const plan =
        direction === 'up' ? this.planUp(all, target ?? 'head') : this.planDown(all, target ?? '1');
      const out: string[] = [];
      const original = qr.query.bind(qr);
      await qr.startTransaction();
      try {
        qr.query = ((query: string, parameters?: unknown[], ...rest: unknown[]) => {
          out.push(`${sqlText({ query, parameters })};`);
          return (original as (...a: unknown[]) => Promise<unknown>)(query, parameters, ...rest);
        }) as QueryRunner['query'];
        for (const m of plan) {
          out.push('', `-- ${direction === 'up' ? 'Running' : 'Reverting'} ${m.name}`);
          await this.setMode(qr);
          out.pop();
          await (direction === 'up' ? m.instance.up(qr) : m.instance.down(qr));
          await this.record(qr, m, direction);
        }
      } finally {
        qr.query = original;
        await qr.rollbackTransaction();
      }
      if (plan.length === 0) return '-- nothing to do\n';
      return ['BEGIN;', ...out, '', 'COMMIT;', ''].join('\n');
    });
  }

  /** Differences between the entities and the database schema (empty when in sync). */
  async diff(): Promise<SchemaDiff> {
    const log = await this.dataSource.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map(sqlText), down: log.downQueries.map(sqlText) };
  }

  /** Writes a migration with the SQL that brings the schema to the entities; null when in sync. */
  async generate(name: string, dir: string, now = Date.now()): Promise<string | null> {
    const log = await this.dataSource.driver.createSchemaBuilder().log();
    if (log.upQueries.length === 0) return null;
    const statement = (query: { query: string; parameters?: unknown[] }): string => {
      const params =
        query.parameters && query.parameters.length > 0
          ? `, ${JSON.stringify(query.parameters)}`
          : '';
      return `    await queryRunner.query(\`${escapeTemplate(query.query)}\`${params});`;
    };
    const up = log.upQueries.map(statement);
    const down = [...log.downQueries].reverse().map(statement);
    return this.writeMigration(name, dir, now, up, down);
  }

  /** Writes an empty migration to fill in by hand. */
  async create(name: string, dir: string, now = Date.now()): Promise<string> {
    return this.writeMigration(name, dir, now, [], []);
  }

  // ---------------------------------------------------------------------------------------------

  private known(): Omit<MigrationInfo, 'applied'>[] {
    const list = this.dataSource.migrations.map((instance) => {
      const name = instance.name ?? instance.constructor.name;
      const match = /^(.*?)(\d{13})$/.exec(name);
      if (!match) {
        throw new MigrationTargetError(
          `migration class ${name} must end with a 13-digit timestamp, e.g. ${name}${Date.now()}`,
        );
      }
      return { name, timestamp: Number(match[2]), label: match[1], instance };
    });
    const seen = new Set<string>();
    for (const m of list) {
      if (seen.has(m.name)) throw new MigrationTargetError(`migration ${m.name} is defined twice`);
      seen.add(m.name);
    }
    return list.sort((a, b) => a.timestamp - b.timestamp || a.name.localeCompare(b.name));
  }

  private async appliedNames(qr?: QueryRunner): Promise<string[]> {
    const run = qr ?? this.dataSource.createQueryRunner();
    try {
      await this.ensureTable(run);
      const rows: { name: string }[] = await run.query(
        `SELECT "name" FROM "${MIGRATIONS_TABLE}" ORDER BY "timestamp", "id"`,
      );
      return rows.map((r) => r.name);
    } finally {
      if (!qr) await run.release();
    }
  }

  private async ensureTable(qr: QueryRunner): Promise<void> {
    const exists: { t: string | null }[] = await qr.query(`SELECT to_regclass($1) AS t`, [
      MIGRATIONS_TABLE,
    ]);
    if (exists[0]?.t) return;
    await qr.query(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ("id" SERIAL PRIMARY KEY, "timestamp" bigint NOT NULL, "name" character varying NOT NULL)`,
    );
  }

  /** Finds a migration by class name, file name, label or timestamp; `head` is the newest. */
  private resolve(all: MigrationInfo[], target: string): number {
    if (target === 'head') return all.length - 1;
    const t = target.replace(/\.(ts|js)$/, '').toLowerCase();
    const matches = all
      .map((m, i) => ({ m, i }))
      .filter(
        ({ m }) =>
          m.name.toLowerCase() === t ||
          `${m.timestamp}-${m.label}`.toLowerCase() === t ||
          String(m.timestamp) === t ||
          m.label.toLowerCase() === t,
      );
    if (matches.length === 1) return matches[0].i;
    const names = all.map((m) => m.name).join(', ') || '(none)';
    if (matches.length === 0) {
      throw new MigrationTargetError(`no migration matches "${target}"; known: ${names}`);
    }
    throw new MigrationTargetError(
      `"${target}" matches several migrations: ${matches.map(({ m }) => m.name).join(', ')}`,
    );
  }

  private planUp(all: MigrationInfo[], target: string): MigrationInfo[] {
    if (/^\+\d+$/.test(target)) {
      return all.filter((m) => !m.applied).slice(0, Number(target.slice(1)));
    }
    const index = this.resolve(all, target);
    return all.filter((m, i) => i <= index && !m.applied);
  }

  private planDown(all: MigrationInfo[], target: string): MigrationInfo[] {
    const applied = all.filter((m) => m.applied).reverse();
    if (target === 'base') return applied;
    if (/^-?\d{1,6}$/.test(target)) return applied.slice(0, Math.abs(Number(target)));
    const index = this.resolve(all, target);
    if (!all[index].applied) {
      throw new MigrationTargetError(
        `${all[index].name} is not applied; nothing to revert back to`,
      );
    }
    return applied.filter((m) => all.indexOf(m) > index);
  }

  private async step(
    qr: QueryRunner,
    m: MigrationInfo,
    direction: 'up' | 'down',
  ): Promise<StepResult> {
    const started = performance.now();
    const useTransaction = m.instance.transaction !== false;
    this.log(`${direction === 'up' ? 'applying' : 'reverting'} ${m.name} ...`);
    if (useTransaction) await qr.startTransaction();
    try {
      await this.setMode(qr);
      await (direction === 'up' ? m.instance.up(qr) : m.instance.down(qr));
      await this.record(qr, m, direction);
      if (useTransaction) await qr.commitTransaction();
    } catch (error) {
      if (useTransaction && qr.isTransactionActive) await qr.rollbackTransaction();
      throw new MigrationFailedError(m.name, { cause: error });
    }
    const ms = Math.round(performance.now() - started);
    this.log(`${direction === 'up' ? 'applied' : 'reverted'} ${m.name} in ${ms} ms`);
    return { name: m.name, direction, ms };
  }

  private async setMode(qr: QueryRunner): Promise<void> {
    await qr.query(`SELECT set_config($1, $2, false)`, [
      TIMESCALE_MODE_SETTING,
      this.options.timescaledb ?? 'auto',
    ]);
  }

  private async record(qr: QueryRunner, m: MigrationInfo, direction: 'up' | 'down'): Promise<void> {
    if (direction === 'up') {
      await qr.query(`INSERT INTO "${MIGRATIONS_TABLE}" ("timestamp", "name") VALUES ($1, $2)`, [
        m.timestamp,
        m.name,
      ]);
    } else {
      await qr.query(`DELETE FROM "${MIGRATIONS_TABLE}" WHERE "name" = $1`, [m.name]);
    }
  }

  /** Runs `work` on one dedicated connection holding the migration advisory lock. */
  private async withLock<T>(work: (qr: QueryRunner) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await qr.query(
        `SELECT pg_try_advisory_lock($1) AS locked`,
        [MIGRATION_LOCK_KEY],
      );
      if (!locked) {
        this.log('another process holds the migration lock; waiting for it ...');
        await qr.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK_KEY]);
      }
      try {
        await this.ensureTable(qr);
        return await work(qr);
      } finally {
        await qr.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK_KEY]);
      }
    } finally {
      await qr.release();
    }
  }

  private async writeMigration(
    name: string,
    dir: string,
    now: number,
    up: string[],
    down: string[],
  ): Promise<string> {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
      throw new MigrationTargetError(
        `migration name must be PascalCase letters and digits (e.g. AddSymbolSector), got "${name}"`,
      );
    }
    const className = `${name}${now}`;
    const body = (lines: string[]): string => (lines.length > 0 ? lines.join('\n') : '    // TODO');
    const text = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${body(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${body(down)}
  }
}
`;
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${now}-${name}.ts`);
    await writeFile(path, text, { flag: 'wx' });
    return path;
  }
}

function escapeTemplate(sql: string): string {
  return sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}
