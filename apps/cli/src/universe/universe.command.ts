import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { AppConfig, AppConfigModule } from '@app/common';
import {
  isListingSource,
  LISTING_SOURCES,
  ListingError,
  ListingOutdatedError,
  ListingSource,
  toUniverseSyncView,
  UniverseModule,
  UniverseSyncService,
  UniverseSyncView,
} from '@app/market-data';
import { DatabaseUnavailableError } from '@app/persistence';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The universe sync without the API: configuration, PostgreSQL and the listing fetcher. */
@Module({})
class UniverseCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: UniverseCliModule,
      imports: [AppConfigModule.forRoot(config), UniverseModule],
    };
  }
}

/**
 * Runs `work` with the sync service of a Nest application context (no HTTP, no queue) whose
 * logger is off: the command's output is its JSON.
 */
export async function withUniverseSync<T>(
  config: AppConfig,
  work: (sync: UniverseSyncService) => Promise<T>,
): Promise<T> {
  const app = await NestFactory.createApplicationContext(UniverseCliModule.forRoot(config), {
    logger: false,
    abortOnError: false,
  });
  try {
    return await work(app.get(UniverseSyncService));
  } finally {
    await app.close();
  }
}

/**
 * `universe sync <jpx|binance|bybit|csv> [--file path] [--verbose]`: syncs the instrument registry
 * of DATABASE_URL from a listing (its URL, or a local file) and prints what changed as the JSON of
 * `POST /api/universe/sync` (symbol lists capped at 100; `--verbose`: complete). Exit 1 when the
 * listing cannot be read or is older than the last applied: nothing changed then.
 */
export function universeCommand(config: AppConfig, io: Io): Command {
  const universe = new Command('universe').description(
    'the instrument universe (symbols registry)',
  );
  universe
    .command('sync')
    .description(
      'sync the symbols registry from a listing: jpx (JPX_LISTING_URL), binance, bybit, or csv (--file)',
    )
    .argument('<source>', LISTING_SOURCES.join(' | '))
    .option(
      '--file <path>',
      'read the listing from this file instead of its URL (required for csv)',
    )
    .option('--verbose', 'list every added, updated, delisted and relisted symbol (not only 100)')
    .action(async (source: string, opts: { file?: string; verbose?: boolean }) => {
      if (!isListingSource(source)) {
        throw new Error(`source must be one of ${LISTING_SOURCES.join(', ')}, got "${source}"`);
      }
      let view: UniverseSyncView;
      try {
        view = await withUniverseSync(config, async (sync) =>
          toUniverseSyncView(
            await sync.sync(source as ListingSource, { file: opts.file }),
            opts.verbose ? Number.POSITIVE_INFINITY : undefined,
          ),
        );
      } catch (error) {
        if (
          error instanceof ListingError ||
          error instanceof ListingOutdatedError ||
          error instanceof DatabaseUnavailableError
        ) {
          const code = error instanceof ListingError ? ` [${error.code}]` : '';
          io.err(`universe sync: ${error.message}${code}; nothing changed`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
      io.out(JSON.stringify({ success: true, ...view }, null, 2));
    });
  return universe;
}
