import { resolve } from 'node:path';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/common';
import {
  backupBeforeUp,
  buildDataSourceOptions,
  ensureDatabase,
  MIGRATIONS_DIR,
  MigrationRunner,
  redactDatabaseUrl,
  restoreDatabase,
  StepResult,
  syncPolicies,
} from '@app/persistence';

/** Source folder for new migration files (`generate`, `create`): the repo's migrations/. */
const SOURCE_MIGRATIONS_DIR = resolve(MIGRATIONS_DIR.replace(/[/\\]dist([/\\]migrations)$/, '$1'));

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

async function withRunner<T>(
  config: AppConfig,
  io: Io,
  work: (runner: MigrationRunner, ds: DataSource) => Promise<T>,
  opts: { create?: boolean; poolSize?: number } = {},
): Promise<T> {
  if (opts.create && (await ensureDatabase(config.databaseUrl))) {
    io.out(`created database ${new URL(config.databaseUrl).pathname.slice(1)}`);
  }
  const ds = new DataSource({
    ...buildDataSourceOptions({
      databaseUrl: config.databaseUrl,
      poolSize: opts.poolSize ?? 1,
      applicationName: 'market-ingest-migrate',
    }),
    logging: false, // failures are reported once, by the command, with their cause
  });
  await ds.initialize();
  try {
    const runner = new MigrationRunner(ds, {
      timescaledb: config.timescaledb,
      log: (line) => io.out(`  ${line}`),
    });
    return await work(runner, ds);
  } finally {
    await ds.destroy();
  }
}

async function where(runner: MigrationRunner): Promise<string> {
  const all = await runner.list();
  const current = all.filter((m) => m.applied).at(-1);
  const pending = all.filter((m) => !m.applied).length;
  if (!current) return `base (no migration applied; ${pending} pending)`;
  return pending === 0 ? `${current.name} (head)` : `${current.name} (${pending} pending)`;
}

function summary(io: Io, verb: string, results: StepResult[], startedMs: number): void {
  const total = Math.round(performance.now() - startedMs);
  if (results.length === 0) io.out(`nothing to ${verb}`);
  else
    io.out(
      `${results.length} migration(s) ${verb === 'apply' ? 'applied' : 'reverted'} in ${total} ms`,
    );
}

/** Where `up` backs up to, from --backup/--backup-keep or MIGRATE_BACKUP_DIR/_KEEP; null: none. */
export interface UpBackup {
  dir: string;
  keep: number;
}

/**
 * `migrate up [target]`: also used by the demo and the container entrypoint. With a backup
 * folder (MIGRATE_BACKUP_DIR or --backup), the database is dumped under the migration lock
 * before the first pending migration runs (never when nothing is pending).
 */
export async function runMigrationsUp(
  config: AppConfig,
  io: Io,
  to = 'head',
  backup: UpBackup | null = config.migrateBackupDir === ''
    ? null
    : { dir: config.migrateBackupDir, keep: config.migrateBackupKeep },
): Promise<void> {
  const started = performance.now();
  io.out(`migrate up to ${to} on database ${redactDatabaseUrl(config.databaseUrl)}`);
  await withRunner(
    config,
    io,
    async (runner, ds) => {
      const hooks = backup
        ? backupBeforeUp(config.databaseUrl, backup, (line) => io.out(line))
        : {};
      summary(io, 'apply', await runner.up(to, hooks), started);
      io.out(`schema is at ${await where(runner)}`);
      if (config.timescaledb !== 'off') {
        const qr = ds.createQueryRunner();
        try {
          const changes = await syncPolicies(qr, {
            compressAfter: config.tsCompressAfter,
            retention: config.tsRetention,
          });
          for (const c of changes) io.out(`TimescaleDB policy: ${c}`);
        } finally {
          await qr.release();
        }
      }
    },
    { create: true },
  );
}

/** `migrate` and its subcommands: the equivalents of Alembic's commands. */
export function migrateCommand(config: AppConfig, io: Io): Command {
  const cmd = new Command('migrate').description('database schema migrations (Alembic-style)');
  const target = `database ${redactDatabaseUrl(config.databaseUrl)}`;

  cmd
    .command('up')
    .argument('[target]', 'migration to stop at (name, timestamp or +N); default head', 'head')
    .option(
      '--backup <dir>',
      'pg_dump the database into <dir> first when a migration is pending (default: MIGRATE_BACKUP_DIR)',
    )
    .option(
      '--backup-keep <n>',
      'backups of this database kept in the folder (default: MIGRATE_BACKUP_KEEP, 5)',
    )
    .description('apply pending migrations (creates the database when missing)')
    .action(async (to: string, opts: { backup?: string; backupKeep?: string }) => {
      const dir = opts.backup ?? config.migrateBackupDir;
      let keep = config.migrateBackupKeep;
      if (opts.backupKeep !== undefined) {
        if (!/^\d{1,4}$/.test(opts.backupKeep) || Number(opts.backupKeep) < 1) {
          io.err(`--backup-keep must be a whole number from 1, got "${opts.backupKeep}"`);
          process.exitCode = 2;
          return;
        }
        keep = Number(opts.backupKeep);
      }
      await runMigrationsUp(config, io, to, dir === '' ? null : { dir, keep });
    });

  cmd
    .command('restore')
    .argument('<file>', 'a backup written by up --backup (pg_dump custom format)')
    .option('--force', 'drop everything in a non-empty target database first')
    .description('restore a backup into the database (refuses a non-empty one without --force)')
    .action(async (file: string, opts: { force?: boolean }) => {
      const started = performance.now();
      io.out(`migrate restore ${file} into ${target}`);
      const { cleaned } = await restoreDatabase(config.databaseUrl, file, {
        force: opts.force === true,
      });
      if (cleaned) io.out('dropped the previous contents (--force)');
      io.out(`restored in ${Math.round(performance.now() - started)} ms`);
      await withRunner(config, io, async (runner) => io.out(`schema is at ${await where(runner)}`));
    });

  cmd
    .command('down')
    .argument('[target]', 'N most recent, a migration to go back to, or base', '1')
    .description('revert migrations')
    .action(async (to: string) => {
      const started = performance.now();
      io.out(`migrate down ${to} on ${target}`);
      await withRunner(config, io, async (runner) => {
        summary(io, 'revert', await runner.down(to), started);
        io.out(`schema is at ${await where(runner)}`);
      });
    });

  cmd
    .command('current')
    .description('show the migration the database is at')
    .action(async () => {
      await withRunner(config, io, async (runner) => {
        io.out(await where(runner));
        const unknown = await runner.unknownApplied();
        if (unknown.length > 0) io.out(`applied but unknown to this code: ${unknown.join(', ')}`);
      });
    });

  cmd
    .command('history')
    .option('--verbose', 'show files, dates and transaction mode')
    .description('list migrations, oldest first, with their state')
    .action(async (opts: { verbose?: boolean }) => {
      await withRunner(config, io, async (runner) => {
        const all = await runner.list();
        const head = all.at(-1)?.name;
        const current = all.filter((m) => m.applied).at(-1)?.name;
        for (const m of all) {
          const marks = [m.name === head ? 'head' : '', m.name === current ? 'current' : '']
            .filter(Boolean)
            .join(', ');
          io.out(`${m.applied ? '[x]' : '[ ]'} ${m.name}${marks ? ` (${marks})` : ''}`);
          if (opts.verbose) {
            io.out(`      file:        ${m.timestamp}-${m.label}`);
            io.out(`      created:     ${new Date(m.timestamp).toISOString()}`);
            io.out(`      transaction: ${m.instance.transaction === false ? 'none' : 'own'}`);
            io.out(`      state:       ${m.applied ? 'applied' : 'pending'}`);
          }
        }
        if (all.length === 0) io.out('no migrations');
      });
    });

  cmd
    .command('check')
    .description('exit 1 and print the difference when entities and schema differ')
    .action(async () => {
      await withRunner(
        config,
        io,
        async (runner) => {
          const pending = await runner.pending();
          const diff = await runner.diff();
          if (pending.length === 0 && diff.up.length === 0) {
            io.out('schema matches the entities; no pending migration');
            return;
          }
          if (pending.length > 0)
            io.err(`pending migrations: ${pending.map((m) => m.name).join(', ')}`);
          if (diff.up.length > 0) {
            io.err('entities and schema differ; SQL that would bring the schema to the entities:');
            for (const q of diff.up) io.err(`  ${q};`);
          }
          process.exitCode = 1;
        },
        { poolSize: 2 },
      );
    });

  cmd
    .command('generate')
    .argument('<Name>', 'PascalCase name, e.g. AddSymbolSector')
    .option('--dir <dir>', 'folder to write to', SOURCE_MIGRATIONS_DIR)
    .description('write a migration with the SQL that brings the schema to the entities')
    .action(async (name: string, opts: { dir: string }) => {
      await withRunner(
        config,
        io,
        async (runner) => {
          const path = await runner.generate(name, opts.dir);
          if (path) io.out(`wrote ${path}`);
          else io.out('no changes: the schema already matches the entities');
        },
        { poolSize: 2 },
      );
    });

  cmd
    .command('create')
    .argument('<Name>', 'PascalCase name, e.g. BackfillSymbols')
    .option('--dir <dir>', 'folder to write to', SOURCE_MIGRATIONS_DIR)
    .description('write an empty migration')
    .action(async (name: string, opts: { dir: string }) => {
      const runner = new MigrationRunner(new DataSource({ type: 'postgres' }));
      io.out(`wrote ${await runner.create(name, opts.dir)}`);
    });

  cmd
    .command('stamp')
    .argument('<target>', 'migration name, head or base')
    .description('record the database as being at a migration without running anything')
    .action(async (to: string) => {
      io.out(`migrate stamp ${to} on ${target}`);
      await withRunner(config, io, async (runner) => {
        const { marked, unmarked } = await runner.stamp(to);
        for (const n of marked) io.out(`  marked applied: ${n}`);
        for (const n of unmarked) io.out(`  marked pending: ${n}`);
        io.out(`schema is at ${await where(runner)}`);
      });
    });

  cmd
    .command('sql')
    .argument('<direction>', 'up or down')
    .argument('[target]', 'as for up/down')
    .description('print the SQL of up/down without applying it (run and rolled back)')
    .action(async (direction: string, to: string | undefined) => {
      if (direction !== 'up' && direction !== 'down') {
        io.err(`sql: direction must be "up" or "down", got "${direction}"`);
        process.exitCode = 2;
        return;
      }
      await withRunner(config, { out: io.err, err: io.err }, async (runner) =>
        io.out(await runner.sql(direction, to)),
      );
    });

  return cmd;
}
