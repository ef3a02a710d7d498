import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppConfigModule, validateEnvironment } from '@app/common';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-env';
import type { ListedInstrument, Listing } from './listing';
import { ListingError } from './listing.error';
import { ListingOutdatedError } from './listing-outdated.error';
import { SymbolRegistryService } from './symbol-registry.service';
import { UniverseModule } from './universe.module';
import { UniverseSyncService } from './universe-sync.service';

/** A JPX-like instrument of provider yahoo. */
function stock(code: string, fields: Partial<ListedInstrument> = {}): ListedInstrument {
  return {
    provider: 'yahoo',
    symbol: `${code}.T`,
    name: `Name ${code}`,
    exchange: 'TSE',
    assetClass: 'equity',
    marketSegment: 'Prime',
    industryCode: '3650',
    industryName: '電気機器',
    currency: 'JPY',
    listedDate: null,
    ...fields,
  };
}

const jpx = (asOf: string, instruments: ListedInstrument[]): Listing => ({
  source: 'jpx',
  asOf,
  instruments,
});

describe('universe sync over real PostgreSQL (hand-made listings)', () => {
  let moduleRef: TestingModule;
  let sync: UniverseSyncService;
  let registry: SymbolRegistryService;
  let ds: DataSource;
  let url: string;

  beforeAll(async () => {
    url = await createMigratedDatabase();
    const config = validateEnvironment({ DATABASE_URL: url }, 'cli');
    moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), UniverseModule],
    }).compile();
    await moduleRef.init();
    sync = moduleRef.get(UniverseSyncService);
    registry = moduleRef.get(SymbolRegistryService);
    ds = moduleRef.get(DataSource);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await dropDatabase(url);
  });

  beforeEach(async () => {
    await ds.query(`TRUNCATE symbols, universe_syncs`);
  });

  /** Every row of both tables, as text: equal snapshots mean nothing changed. */
  async function snapshot(): Promise<string> {
    const [row] = (await ds.query(
      `SELECT (SELECT coalesce(string_agg(s::text, E'\\n' ORDER BY s::text), '') FROM symbols s) AS symbols,
              (SELECT coalesce(string_agg(u::text, E'\\n' ORDER BY u::text), '') FROM universe_syncs u) AS syncs`,
    )) as { symbols: string; syncs: string }[];
    return `${row.symbols}\n--\n${row.syncs}`;
  }

  async function row(symbol: string, provider = 'yahoo') {
    const [r] = (await ds.query(
      `SELECT active, delisted_date::text AS delisted, name, market_segment AS segment, listing_source AS source,
              first_seen_at, last_seen_at, updated_at
         FROM symbols WHERE provider = $1 AND symbol = $2`,
      [provider, symbol],
    )) as {
      active: boolean;
      delisted: string | null;
      name: string;
      segment: string;
      source: string | null;
      first_seen_at: Date;
      last_seen_at: Date;
      updated_at: Date;
    }[];
    return r;
  }

  it('adds a first listing, then a second sync of the same listing changes nothing at all', async () => {
    const first = await sync.apply(
      jpx('2025-05-30', [stock('1301'), stock('130A'), stock('1309')]),
    );
    expect(first).toEqual({
      source: 'jpx',
      asOf: '2025-05-30',
      added: ['1301.T', '1309.T', '130A.T'],
      updated: [],
      delisted: [],
      relisted: [],
      unchanged: 0,
      active: 3,
    });
    const before = await snapshot();
    const again = await sync.apply(
      jpx('2025-05-30', [stock('1301'), stock('130A'), stock('1309')]),
    );
    expect(again).toMatchObject({ added: [], updated: [], delisted: [], relisted: [] });
    expect(again).toMatchObject({ unchanged: 3, active: 3 });
    expect(await snapshot()).toBe(before);
  });

  it('a newer listing adds, updates, delists (on its date) and leaves the rest; an older one is refused', async () => {
    await sync.apply(
      jpx('2025-05-30', [stock('1301'), stock('1332'), stock('2331'), stock('3446')]),
    );
    const unchangedBefore = await row('1301.T');
    const result = await sync.apply(
      jpx('2025-09-30', [
        stock('1301'),
        stock('2331', { name: 'ＡＬＳＯＫ' }),
        stock('3446', { marketSegment: 'Standard' }),
        stock('368A'),
      ]),
    );
    expect(result).toEqual({
      source: 'jpx',
      asOf: '2025-09-30',
      added: ['368A.T'],
      updated: ['2331.T', '3446.T'],
      delisted: ['1332.T'],
      relisted: [],
      unchanged: 1,
      active: 4,
    });
    expect(await row('1332.T')).toMatchObject({ active: false, delisted: '2025-09-30' });
    expect(await row('3446.T')).toMatchObject({ active: true, segment: 'Standard' });
    const unchanged = await row('1301.T');
    // Found again in a newer listing: seen, not changed.
    expect(unchanged.updated_at).toEqual(unchangedBefore.updated_at);
    expect(unchanged.last_seen_at.getTime()).toBeGreaterThan(
      unchangedBefore.last_seen_at.getTime(),
    );
    expect(unchanged.first_seen_at).toEqual(unchangedBefore.first_seen_at);

    const before = await snapshot();
    await expect(sync.apply(jpx('2025-05-30', [stock('1301')]))).rejects.toThrow(
      ListingOutdatedError,
    );
    expect(await snapshot()).toBe(before);
  });

  it('an instrument that comes back is relisted: active again, delisted_date cleared', async () => {
    await sync.apply(jpx('2025-05-30', [stock('1301'), stock('1332')]));
    await sync.apply(jpx('2025-06-30', [stock('1301')]));
    expect(await row('1332.T')).toMatchObject({ active: false, delisted: '2025-06-30' });
    // Still missing: already delisted, nothing to count again.
    expect(await sync.apply(jpx('2025-07-31', [stock('1301')]))).toMatchObject({
      delisted: [],
      unchanged: 1,
    });
    expect(await row('1332.T')).toMatchObject({ delisted: '2025-06-30' });
    const back = await sync.apply(
      jpx('2025-08-29', [stock('1301'), stock('1332', { name: 'New' })]),
    );
    expect(back).toMatchObject({ added: [], updated: [], relisted: ['1332.T'], unchanged: 1 });
    expect(await row('1332.T')).toMatchObject({ active: true, delisted: null, name: 'New' });
  });

  it('delists only instruments of its own listing source: other sources and hand-made rows stay', async () => {
    await ds.query(
      `INSERT INTO symbols (provider, symbol, name) VALUES ('yahoo', 'AAPL', 'Apple (by hand)')`,
    );
    await sync.apply({
      source: 'binance',
      asOf: '2024-10-02',
      instruments: [
        {
          ...stock('x'),
          provider: 'binance',
          symbol: 'BTCUSDT',
          exchange: 'BINANCE',
          assetClass: 'perpetual',
          marketSegment: null,
          currency: 'USDT',
        },
      ],
    });
    const result = await sync.apply(jpx('2025-05-30', [stock('1301')]));
    expect(result.delisted).toEqual([]);
    expect(await row('BTCUSDT', 'binance')).toMatchObject({ active: true, source: 'binance' });
    expect(await row('AAPL')).toMatchObject({ active: true, source: null });
    // A listing naming a hand-made row takes it over (it is then delisted when it disappears).
    const taken = await sync.apply(
      jpx('2025-06-30', [stock('1301'), { ...stock('x'), symbol: 'AAPL' }]),
    );
    expect(taken.updated).toEqual(['AAPL']);
    expect(await row('AAPL')).toMatchObject({ source: 'jpx', name: 'Name x' });
  });

  it('refuses a listing with a duplicate, an unknown provider, a bad symbol or no instrument; nothing changes', async () => {
    await sync.apply(jpx('2025-05-30', [stock('1301')]));
    const before = await snapshot();
    const refused = async (listing: Listing, code: string, message: RegExp) => {
      const error = (await sync.apply(listing).catch((e: unknown) => e)) as ListingError;
      expect(error).toBeInstanceOf(ListingError);
      expect({ code: error.code, message: error.message }).toEqual({
        code,
        message: expect.stringMatching(message),
      });
    };
    await refused(
      jpx('2025-06-30', [stock('1332'), stock('1301'), stock('1332')]),
      'LISTING_CORRUPT',
      /1332\.T is listed twice/,
    );
    await refused(
      jpx('2025-06-30', [{ ...stock('1301'), provider: 'nasdaq' }]),
      'LISTING_CORRUPT',
      /provider "nasdaq"/,
    );
    await refused(
      jpx('2025-06-30', [{ ...stock('1301'), symbol: '13 01' }]),
      'LISTING_CORRUPT',
      /white space/,
    );
    await refused(jpx('2025-06-30', []), 'LISTING_EMPTY', /no instrument/);
    await refused(jpx('30.06.2025', [stock('1301')]), 'LISTING_CORRUPT', /YYYY-MM-DD/);
    expect(await snapshot()).toBe(before);
  });

  it('two syncs of the same listing at once do not interleave: one adds, the other finds it done', async () => {
    const listing = jpx(
      '2025-05-30',
      Array.from({ length: 500 }, (_, i) => stock(String(1000 + i))),
    );
    const results = await Promise.all([sync.apply(listing), sync.apply(listing)]);
    expect(results.map((r) => [r.added.length, r.unchanged]).sort()).toEqual([
      [0, 500],
      [500, 0],
    ]);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM universe_syncs`)) as {
      n: number;
    }[];
    expect(n).toBe(1);
  });

  it('lists the registry with filters, q (full-width names folded) and paging; selects universes in code order', async () => {
    const listed = [
      stock('1309', { assetClass: 'etf', marketSegment: 'ETF/ETN', industryCode: null }),
      stock('130A', { marketSegment: 'Growth' }),
      stock('1311'),
      stock('2331', { name: 'ＡＬＳＯＫ', industryCode: '9050' }),
      stock('7203', { name: 'トヨタ自動車', industryCode: '3700' }),
    ];
    await sync.apply(jpx('2025-05-30', listed));
    await sync.apply(jpx('2025-06-30', listed.slice(0, 4)));
    const page = await registry.list({ exchange: 'TSE', page: 1, pageSize: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((i) => i.symbol)).toEqual(['1309.T', '130A.T']);
    expect(page.items[0]).toMatchObject({
      provider: 'yahoo',
      asset_class: 'etf',
      market_segment: 'ETF/ETN',
      industry_code: null,
      listing_source: 'jpx',
      active: true,
      delisted_date: null,
    });
    const symbols = async (q: Parameters<SymbolRegistryService['list']>[0]) =>
      (await registry.list(q)).items.map((i) => i.symbol);
    expect(await symbols({ q: 'alsok', page: 1, pageSize: 50 })).toEqual(['2331.T']);
    expect(await symbols({ q: '130a', page: 1, pageSize: 50 })).toEqual(['130A.T']);
    expect(await symbols({ q: '%', page: 1, pageSize: 50 })).toEqual([]);
    expect(await symbols({ active: false, page: 1, pageSize: 50 })).toEqual(['7203.T']);
    expect(
      await symbols({ market_segment: ['Prime', 'Growth'], active: true, page: 1, pageSize: 50 }),
    ).toEqual(['130A.T', '1311.T', '2331.T']);
    expect(await symbols({ industry_code: ['9050', '3700'], page: 1, pageSize: 50 })).toEqual([
      '2331.T',
      '7203.T',
    ]);
    expect((await registry.list({ page: 3, pageSize: 2 })).items).toHaveLength(1);

    expect(await registry.select('yahoo', 'all')).toEqual(['1309.T', '130A.T', '1311.T', '2331.T']);
    expect(await registry.select('synthetic', 'all')).toEqual([]);
    expect(
      await registry.select('synthetic', {
        provider: 'yahoo',
        exchange: 'TSE',
        market_segment: ['Prime'],
      }),
    ).toEqual(['1311.T', '2331.T']);
    expect(await registry.select('yahoo', { asset_class: ['equity'], limit: 2 })).toEqual([
      '130A.T',
      '1311.T',
    ]);
  });
});
