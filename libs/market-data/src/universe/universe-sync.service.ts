import { Injectable, Logger } from '@nestjs/common';
import { PROVIDER_NAMES } from '@app/common';
import { Database, InstrumentFields, SymbolKey, SymbolRepository } from '@app/persistence';
import { normaliseSymbol, symbolProblem } from '../providers/symbol-rules';
import { Listing, ListingSource } from './listing';
import { ListingError } from './listing.error';
import { ListingFetcher, ListingFetchOptions } from './listing-fetcher';
import { ListingOutdatedError } from './listing-outdated.error';

/** Listings with a URL: what the route and schedules sync (a csv listing is a local file). */
export const URL_LISTING_SOURCES = [
  'jpx',
  'binance',
  'bybit',
] as const satisfies readonly ListingSource[];
export type UrlListingSource = (typeof URL_LISTING_SOURCES)[number];

/** What one sync did: counts, and the symbols of each kind of change (in code order). */
export interface UniverseSyncResult {
  source: ListingSource;
  /** The listing's date (YYYY-MM-DD). */
  asOf: string;
  added: string[];
  updated: string[];
  delisted: string[];
  relisted: string[];
  unchanged: number;
  /** Active instruments of the source after the sync (= the listing's instruments). */
  active: number;
}

/** Longest list of symbols of one kind an answer carries (the counts are always exact). */
export const SYNC_SYMBOLS_CAP = 100;

/**
 * A sync as the API and the CLI show it: the contract's counts, plus the symbols added, updated,
 * delisted and relisted (each list capped at `cap`; `symbols_truncated` says whether one was cut).
 */
export interface UniverseSyncView {
  source: ListingSource;
  as_of: string;
  added: number;
  updated: number;
  delisted: number;
  relisted: number;
  unchanged: number;
  active: number;
  added_symbols: string[];
  updated_symbols: string[];
  delisted_symbols: string[];
  relisted_symbols: string[];
  symbols_truncated: boolean;
}

export function toUniverseSyncView(
  r: UniverseSyncResult,
  cap: number = SYNC_SYMBOLS_CAP,
): UniverseSyncView {
  const lists = [r.added, r.updated, r.delisted, r.relisted];
  return {
    source: r.source,
    as_of: r.asOf,
    added: r.added.length,
    updated: r.updated.length,
    delisted: r.delisted.length,
    relisted: r.relisted.length,
    unchanged: r.unchanged,
    active: r.active,
    added_symbols: r.added.slice(0, cap),
    updated_symbols: r.updated.slice(0, cap),
    delisted_symbols: r.delisted.slice(0, cap),
    relisted_symbols: r.relisted.slice(0, cap),
    symbols_truncated: lists.some((l) => l.length > cap),
  };
}

/**
 * Syncs the instrument registry from an exchange's listing: fetch (outside any transaction), then
 * apply in ONE transaction under an advisory lock, so a failed fetch or a refused listing changes
 * nothing and two syncs never interleave. Applying the same listing twice writes nothing.
 */
@Injectable()
export class UniverseSyncService {
  private readonly logger = new Logger(UniverseSyncService.name);

  constructor(
    private readonly fetcher: ListingFetcher,
    private readonly db: Database,
    private readonly symbols: SymbolRepository,
  ) {}

  /** Downloads the source's listing (or reads `file`) and applies it. */
  async sync(source: ListingSource, opts: ListingFetchOptions = {}): Promise<UniverseSyncResult> {
    return this.apply(await this.fetcher.fetch(source, opts));
  }

  /**
   * Applies a parsed listing. Refuses (ListingError LISTING_EMPTY / LISTING_CORRUPT) a listing
   * with no instrument, a duplicate (provider, symbol), an unknown provider or a symbol outside the
   * grammar, and (ListingOutdatedError) one older than the newest applied for its source.
   */
  async apply(listing: Listing): Promise<UniverseSyncResult> {
    const instruments = checkedInstruments(listing);
    if (listing.rejected?.length) {
      this.logger.warn(
        `${listing.source} listing of ${listing.asOf}: ${listing.rejected.length} instrument(s) left out, e.g. ${listing.rejected
          .slice(0, 5)
          .map((r) => `${r.symbol} (${r.reason})`)
          .join(', ')}`,
      );
    }
    const result = await this.db.transaction(async (tx) => {
      await this.symbols.lockUniverseSync(tx);
      const last = await this.symbols.lastSyncedAsOf(tx, listing.source);
      if (last !== null && listing.asOf < last) {
        throw new ListingOutdatedError(listing.source, listing.asOf, last);
      }
      const newer = last === null || listing.asOf > last;
      const changes = await this.symbols.applyListing(tx, {
        source: listing.source,
        asOf: listing.asOf,
        instruments,
        touchSeen: newer,
      });
      const written =
        changes.added.length +
        changes.updated.length +
        changes.delisted.length +
        changes.relisted.length;
      const unchanged =
        changes.listed - changes.added.length - changes.updated.length - changes.relisted.length;
      // The same listing again records nothing either: a repeated sync changes no table.
      if (newer || written > 0) {
        await this.symbols.recordSync(tx, {
          source: listing.source,
          asOf: listing.asOf,
          added: changes.added.length,
          updated: changes.updated.length,
          delisted: changes.delisted.length,
          relisted: changes.relisted.length,
          unchanged,
          active: changes.listed,
        });
      }
      return {
        source: listing.source,
        asOf: listing.asOf,
        added: symbolsOf(changes.added),
        updated: symbolsOf(changes.updated),
        delisted: symbolsOf(changes.delisted),
        relisted: symbolsOf(changes.relisted),
        unchanged,
        active: changes.listed,
      };
    });
    this.logger.log(
      `universe sync ${result.source} (${result.asOf}): ${result.added.length} added, ${result.updated.length} updated, ` +
        `${result.delisted.length} delisted, ${result.relisted.length} relisted, ${result.unchanged} unchanged, ${result.active} active`,
    );
    return result;
  }
}

function symbolsOf(keys: SymbolKey[]): string[] {
  return keys.map((k) => k.symbol);
}

/** The listing's instruments as registry rows, each (provider, symbol) once; see apply(). */
function checkedInstruments(listing: Listing): InstrumentFields[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(listing.asOf) || Number.isNaN(Date.parse(listing.asOf))) {
    throw new ListingError(
      'LISTING_CORRUPT',
      listing.source,
      `the listing's date ${JSON.stringify(listing.asOf)} is not a YYYY-MM-DD date`,
    );
  }
  if (listing.instruments.length === 0) {
    throw new ListingError('LISTING_EMPTY', listing.source, 'the listing holds no instrument');
  }
  const seen = new Set<string>();
  return listing.instruments.map((i, index) => {
    const where = `instrument ${index + 1} (${JSON.stringify(i.symbol)})`;
    if (!(PROVIDER_NAMES as readonly string[]).includes(i.provider)) {
      throw new ListingError(
        'LISTING_CORRUPT',
        listing.source,
        `${where} names provider ${JSON.stringify(i.provider)}; providers: ${PROVIDER_NAMES.join(', ')}`,
      );
    }
    const problem = symbolProblem(i.symbol);
    if (problem !== null) {
      throw new ListingError('LISTING_CORRUPT', listing.source, `${where}: ${problem}`);
    }
    const symbol = normaliseSymbol(i.symbol);
    const key = `${i.provider}\u0000${symbol}`;
    if (seen.has(key)) {
      throw new ListingError(
        'LISTING_CORRUPT',
        listing.source,
        `${where}: ${i.provider} ${symbol} is listed twice`,
      );
    }
    seen.add(key);
    return {
      provider: i.provider,
      symbol,
      name: i.name,
      exchange: i.exchange,
      assetClass: i.assetClass,
      marketSegment: i.marketSegment,
      industryCode: i.industryCode,
      industryName: i.industryName,
      currency: i.currency,
      listedDate: i.listedDate,
    };
  });
}
