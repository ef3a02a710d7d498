import { Injectable } from '@nestjs/common';
import { SymbolRecord, SymbolRepository } from '@app/persistence';
import { Universe } from './universe-filter';

/** An instrument as the API shows it (snake_case, without the HTTP envelope). */
export interface SymbolView {
  provider: string;
  symbol: string;
  name: string | null;
  exchange: string | null;
  asset_class: string | null;
  market_segment: string | null;
  industry_code: string | null;
  industry_name: string | null;
  currency: string | null;
  active: boolean;
  listed_date: string | null;
  delisted_date: string | null;
  listing_source: string | null;
  first_seen_at: string;
  last_seen_at: string;
  updated_at: string;
}

/** Filters and paging of `GET /api/symbols`. */
export interface SymbolQuery {
  provider?: string;
  exchange?: string;
  market_segment?: string[];
  asset_class?: string[];
  industry_code?: string[];
  active?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export function toSymbolView(r: SymbolRecord): SymbolView {
  return {
    provider: r.provider,
    symbol: r.symbol,
    name: r.name,
    exchange: r.exchange,
    asset_class: r.assetClass,
    market_segment: r.marketSegment,
    industry_code: r.industryCode,
    industry_name: r.industryName,
    currency: r.currency,
    active: r.active,
    listed_date: r.listedDate,
    delisted_date: r.delistedDate,
    listing_source: r.listingSource,
    first_seen_at: new Date(r.firstSeenAt).toISOString(),
    last_seen_at: new Date(r.lastSeenAt).toISOString(),
    updated_at: new Date(r.updatedAt).toISOString(),
  };
}

/** Reads of the instrument registry: the listing route and the symbols of a universe. */
@Injectable()
export class SymbolRegistryService {
  constructor(private readonly symbols: SymbolRepository) {}

  async list(
    query: SymbolQuery,
  ): Promise<{ items: SymbolView[]; total: number; page: number; page_size: number }> {
    const { items, total } = await this.symbols.list(
      {
        provider: query.provider,
        exchange: query.exchange,
        marketSegments: query.market_segment,
        assetClasses: query.asset_class,
        industryCodes: query.industry_code,
        active: query.active,
        q: query.q,
      },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return { items: items.map(toSymbolView), total, page: query.page, page_size: query.pageSize };
  }

  /**
   * The active symbols a universe selects for a batch of `batchProvider`, in code order: `"all"`
   * is every active symbol of that provider; a filter takes the rows of its own `provider` when it
   * names one, else of the batch's provider.
   */
  async select(batchProvider: string, universe: Universe): Promise<string[]> {
    if (universe === 'all') return this.symbols.activeSymbols({ provider: batchProvider });
    return this.symbols.activeSymbols(
      {
        provider: universe.provider ?? batchProvider,
        exchange: universe.exchange,
        marketSegments: universe.market_segment,
        assetClasses: universe.asset_class,
        industryCodes: universe.industry_code,
      },
      universe.limit,
    );
  }
}
