import 'reflect-metadata';
import { Command } from 'commander';
import { loadConfigOrExit } from '@app/common';
import { benchCommand } from './bench/bench.command';
import { chaosCommand } from './chaos/chaos.command';
import { configCommand } from './config/config.command';
import { demoCommand } from './demo/demo.command';
import { importSqliteCommand } from './import-sqlite/import-sqlite.command';
import { migrateCommand } from './migrate/migrate.command';
import { universeCommand } from './universe/universe.command';

async function main(argv: string[]): Promise<void> {
  const config = loadConfigOrExit('cli');
  const io = {
    out: (line: string) => process.stdout.write(`${line}\n`),
    err: (line: string) => process.stderr.write(`${line}\n`),
  };
  const program = new Command('market-ingest')
    .description('market-ingest command line')
    .showHelpAfterError();
  program.addCommand(migrateCommand(config, io));
  program.addCommand(demoCommand(config, io));
  program.addCommand(importSqliteCommand(config, io));
  program.addCommand(benchCommand(config, io));
  program.addCommand(chaosCommand(config, io));
  program.addCommand(universeCommand(config, io));
  program.addCommand(configCommand(io));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    const cause = error instanceof Error ? error.cause : undefined;
    if (cause instanceof Error && cause.message !== (error as Error).message) {
      io.err(`cause: ${cause.message}`);
    }
    process.exitCode = 1;
  }
}

void main(process.argv);
