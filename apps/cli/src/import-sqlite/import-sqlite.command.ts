import { Command } from 'commander';
import { AppConfig } from '@app/common';
import { parseSource } from '@app/market-data';
import { redactDatabaseUrl } from '@app/persistence';
import {
  DEFAULT_SERIES_SOURCE,
  ImportEvent,
  ImportUsageError,
  renderSummary,
  SqliteImporter,
  SqliteImportError,
} from '@app/sqlite-import';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Options {
  schema: string;
  tables?: string;
  exclude?: string;
  map?: string;
  batchSize: string;
  dryRun?: boolean;
  rejectFile?: string;
  maxRejects: string;
  report?: string;
  verifyOnly?: boolean;
  truncate?: boolean;
  timezone: string;
  source: string;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `--source`: a source name (libs/market-data's grammar, the one `?source=` reads), lower-cased. */
function sourceName(value: string): string {
  const parsed = parseSource(value);
  if ('problem' in parsed) throw new ImportUsageError(`--source "${value}": ${parsed.problem}`);
  return parsed.source;
}

function integer(value: string, option: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new ImportUsageError(`${option} expects a whole number, got "${value}"`);
  return Number(value);
}

/** Live progress on a terminal (one bar per table, redrawn), one line per table otherwise. */
function progressPrinter(io: Io): (e: ImportEvent) => void {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let started = Date.now();
  return (e) => {
    switch (e.type) {
      case 'log':
        io.out(e.message);
        break;
      case 'table-start':
        started = Date.now();
        break;
      case 'progress': {
        if (!tty) return;
        const now = Date.now();
        if (now - last < 100 && e.done < e.total) return;
        last = now;
        const fraction = e.total > 0 ? Math.min(1, e.done / e.total) : 1;
        const full = Math.round(fraction * 30);
        const rate = Math.round(e.done / Math.max(0.001, (now - started) / 1000));
        process.stderr.write(
          `\r${e.table} [${'#'.repeat(full)}${'.'.repeat(30 - full)}] ${e.done}/${e.total} rows, ${rate} rows/s\x1b[K`,
        );
        break;
      }
      case 'table-done': {
        if (tty) process.stderr.write('\r\x1b[K');
        const rate = e.seconds > 0 ? Math.round(e.read / e.seconds) : e.read;
        io.out(
          `${e.table}: ${e.read} rows read, ${e.imported} imported, ${e.rejected} rejected in ${e.seconds.toFixed(2)} s (${rate} rows/s)`,
        );
        break;
      }
      default:
        break;
    }
  };
}

/** `import-sqlite <file.db>`: move a SQLite database into PostgreSQL, verified. */
export function importSqliteCommand(config: AppConfig, io: Io): Command {
  return new Command('import-sqlite')
    .description('import a SQLite database into PostgreSQL (DATABASE_URL) and verify it')
    .argument('<file>', 'the SQLite database file')
    .option('--schema <name>', 'target PostgreSQL schema', 'public')
    .option('--tables <a,b>', 'only these tables')
    .option('--exclude <c,d>', 'not these tables')
    .option('--map <mapping.json>', 'load into existing tables with column renames and casts')
    .option('--batch-size <n>', 'rows per COPY batch', '5000')
    .option('--dry-run', 'print the plan (order, type mapping, DDL) and write nothing')
    .option(
      '--reject-file <rejects.jsonl>',
      'write rejected rows here (JSON Lines); read by --verify-only',
    )
    .option('--max-rejects <n>', 'rejected rows allowed before the run fails', '0')
    .option('--report <report.json>', 'write the JSON report here')
    .option('--verify-only', 'verify an earlier import without loading')
    .option('--truncate', 'empty existing target tables first')
    .option('--timezone <zone>', 'zone of timestamps written without offset', 'UTC')
    .option(
      '--source <name>',
      'source (provider) of rows loaded into a table keyed by source, such as ohlcv_data, when nothing in the file feeds that column (e.g. binance)',
      DEFAULT_SERIES_SOURCE,
    )
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .action(async (file: string, opts: Options) => {
      try {
        const result = await new SqliteImporter().run({
          file,
          databaseUrl: config.databaseUrl,
          databaseLabel: redactDatabaseUrl(config.databaseUrl),
          schema: opts.schema,
          tables: list(opts.tables),
          exclude: list(opts.exclude),
          mapFile: opts.map,
          batchSize: integer(opts.batchSize, '--batch-size'),
          dryRun: opts.dryRun,
          rejectFile: opts.rejectFile,
          maxRejects: integer(opts.maxRejects, '--max-rejects'),
          reportFile: opts.report,
          verifyOnly: opts.verifyOnly,
          truncate: opts.truncate,
          timezone: opts.timezone,
          seriesSource: sourceName(opts.source),
          onEvent: progressPrinter(io),
        });
        if (result.planText) {
          io.out('dry run: nothing is written');
          for (const line of result.planText) io.out(line);
          process.exitCode = 0;
          return;
        }
        const report = result.report!;
        for (const w of report.warnings) io.out(`warning: ${w}`);
        io.out('');
        for (const line of renderSummary(report)) io.out(line);
        if (report.sample_rejects.length > 0 && !opts.rejectFile) {
          io.err(
            `rejected rows (first ${report.sample_rejects.length}; --reject-file writes them all):`,
          );
          for (const r of report.sample_rejects) io.err(`  ${JSON.stringify(r)}`);
        }
        if (!result.ok) {
          for (const f of result.failures) io.err(`import-sqlite: ${f}`);
        }
        process.exitCode = result.ok ? 0 : 1;
      } catch (error) {
        if (!(error instanceof SqliteImportError)) throw error;
        io.err(`import-sqlite: ${error.message}`);
        const cause = error.cause;
        if (cause instanceof Error && !error.message.includes(cause.message)) {
          io.err(`cause: ${cause.message}`);
        }
        process.exitCode = error.exitCode;
      }
    });
}
