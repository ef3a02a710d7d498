import { Test } from '@nestjs/testing';
import { AppConfigModule, validateEnvironment, type AppConfig } from '@app/common';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FakeProviderServer } from '../../../../test/support/fake-provider-server';
import { MarketDataModule } from '../market-data.module';
import { ListingError } from './listing.error';
import { LISTING_MAX_BYTES } from './listing';
import { LISTING_MAX_PAGES, ListingFetcher } from './listing-fetcher';

const FIXTURES = path.join(__dirname, '../../../../test/fixtures/universe');
const JPX_FILE = path.join(FIXTURES, 'jpx/data_j-20250530.xls');
const BINANCE_FILE = path.join(FIXTURES, 'binance/fapi-v1-exchangeInfo-2022-05-04.json');
const BYBIT_FILE = path.join(FIXTURES, 'bybit/v5-market-instruments-info-linear-2023-09-14.json');
const JPX_PATH = '/markets/statistics-equities/misc/data_j.xls';
const BYBIT_PATH = '/v5/market/instruments-info';

async function failure(run: () => Promise<unknown>): Promise<ListingError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ListingError) return error;
    throw error;
  }
  throw new Error('expected a ListingError');
}

const bybitPage = (symbols: string[], cursor?: string) => ({
  retCode: 0,
  retMsg: 'OK',
  result: {
    category: 'linear',
    list: symbols.map((symbol) => ({
      symbol,
      contractType: 'LinearPerpetual',
      status: 'Trading',
      baseCoin: symbol.replace(/USDT$/, ''),
      quoteCoin: 'USDT',
      launchTime: '1585526400000',
    })),
    ...(cursor === undefined ? {} : { nextPageCursor: cursor }),
  },
  retExtInfo: {},
  time: 1764547200000,
});

describe('ListingFetcher', () => {
  let server: FakeProviderServer;
  let fetcher: ListingFetcher;
  let dir: string;

  beforeAll(async () => {
    server = await FakeProviderServer.start({ fixturesDir: FIXTURES });
    fetcher = new ListingFetcher({
      jpxListingUrl: `${server.url}${JPX_PATH}`,
      binanceBaseUrl: server.url,
      bybitBaseUrl: `${server.url}/`,
      // Generous: a loaded machine must not turn a slow answer into "unreachable".
      providerTimeoutMs: 15_000,
    } as AppConfig);
    dir = mkdtempSync(path.join(tmpdir(), 'listing-fetcher-'));
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('jpx', () => {
    it('downloads data_j.xls from JPX_LISTING_URL, byte for byte', async () => {
      server.route(JPX_PATH, { fixture: 'jpx/data_j-20250530.xls' });
      const listing = await fetcher.fetch('jpx');
      expect(listing.asOf).toBe('2025-05-30');
      expect(listing.instruments).toHaveLength(4409);
      expect(server.requestsTo(JPX_PATH)[0].headers['user-agent']).toMatch(/^market-ingest/);
    });

    it('404 → LISTING_NOT_FOUND naming the URL', async () => {
      server.route(JPX_PATH, { status: 404, body: 'Not Found' });
      const error = await failure(() => fetcher.fetch('jpx'));
      expect(error.code).toBe('LISTING_NOT_FOUND');
      expect(error.message).toBe(
        `jpx listing: GET ${server.url}${JPX_PATH}: HTTP 404 Not Found (is the URL still right?)`,
      );
      expect(error.transient).toBe(false);
    });

    it('an HTML page with status 200 → LISTING_NOT_A_LISTING', async () => {
      server.route(JPX_PATH, {
        headers: { 'content-type': 'text/html' },
        body: '<!DOCTYPE html><html><head><title>JPX</title></head><body>Moved</body></html>',
      });
      const error = await failure(() => fetcher.fetch('jpx'));
      expect(error.code).toBe('LISTING_NOT_A_LISTING');
      expect(error.message).toBe('jpx listing: an HTML page titled "JPX" instead of data_j.xls');
    });

    it('the file cut in half → LISTING_CORRUPT', async () => {
      const file = readFileSync(JPX_FILE);
      server.route(JPX_PATH, { bytes: file.subarray(0, file.length / 2) });
      expect((await failure(() => fetcher.fetch('jpx'))).code).toBe('LISTING_CORRUPT');
    });

    it('5xx, 429 and 403 → LISTING_UNREACHABLE; only 5xx and 429 are transient', async () => {
      server.failFirst(JPX_PATH, 1, { status: 503, body: 'maintenance' });
      server.failFirst(JPX_PATH, 1, { status: 429, body: 'slow down' });
      server.route(JPX_PATH, { status: 403, body: 'Forbidden' });
      const unavailable = await failure(() => fetcher.fetch('jpx'));
      expect(unavailable.code).toBe('LISTING_UNREACHABLE');
      expect(unavailable.message).toMatch(/HTTP 503 maintenance$/);
      expect(unavailable.transient).toBe(true);
      const limited = await failure(() => fetcher.fetch('jpx'));
      expect(limited.message).toMatch(/HTTP 429 slow down$/);
      expect(limited.transient).toBe(true);
      const forbidden = await failure(() => fetcher.fetch('jpx'));
      expect(forbidden.code).toBe('LISTING_UNREACHABLE');
      expect(forbidden.message).toMatch(/HTTP 403 Forbidden$/);
      expect(forbidden.transient).toBe(false);
    });

    it('no answer within PROVIDER_TIMEOUT_MS → LISTING_UNREACHABLE', async () => {
      server.route(JPX_PATH, { hang: true });
      const impatient = new ListingFetcher({
        jpxListingUrl: `${server.url}${JPX_PATH}`,
        providerTimeoutMs: 500,
      } as AppConfig);
      const error = await failure(() => impatient.fetch('jpx'));
      expect(error.code).toBe('LISTING_UNREACHABLE');
      expect(error.message).toMatch(/no complete answer within 500 ms \(PROVIDER_TIMEOUT_MS\)$/);
    });

    it('a host that refuses the connection → LISTING_UNREACHABLE', async () => {
      const closed = await FakeProviderServer.start();
      const url = closed.url;
      await closed.close();
      const offline = new ListingFetcher({
        jpxListingUrl: `${url}/data_j.xls`,
        providerTimeoutMs: 2000,
      } as AppConfig);
      const error = await failure(() => offline.fetch('jpx'));
      expect(error.code).toBe('LISTING_UNREACHABLE');
      expect(error.message).toMatch(/connection failed: fetch failed: .*ECONNREFUSED/);
      expect(error.transient).toBe(true);
    });

    it('a body past LISTING_MAX_BYTES → LISTING_TOO_LARGE', async () => {
      server.route(JPX_PATH, { bytes: Buffer.alloc(LISTING_MAX_BYTES + 1) });
      const error = await failure(() => fetcher.fetch('jpx'));
      expect(error.code).toBe('LISTING_TOO_LARGE');
    });

    it('reads a local file instead of the URL', async () => {
      const listing = await fetcher.fetch('jpx', { file: JPX_FILE });
      expect(listing.instruments).toHaveLength(4409);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('binance', () => {
    it('downloads BINANCE_BASE_URL/fapi/v1/exchangeInfo', async () => {
      server.route('/fapi/v1/exchangeInfo', {
        fixture: 'binance/fapi-v1-exchangeInfo-2024-10-02.json',
      });
      const listing = await fetcher.fetch('binance');
      expect(listing).toMatchObject({ source: 'binance', asOf: '2024-10-02' });
      expect(listing.instruments).toHaveLength(324);
    });

    it('reads a local file', async () => {
      expect((await fetcher.fetch('binance', { file: BINANCE_FILE })).instruments).toHaveLength(
        152,
      );
    });

    it('a truncated body → LISTING_CORRUPT', async () => {
      server.route('/fapi/v1/exchangeInfo', { malformed: true });
      expect((await failure(() => fetcher.fetch('binance'))).code).toBe('LISTING_CORRUPT');
    });
  });

  describe('bybit', () => {
    it('follows nextPageCursor until it is empty, merging the pages', async () => {
      server.route(BYBIT_PATH, (request) => {
        const cursor = request.query.get('cursor');
        if (cursor === null) return { json: bybitPage(['BTCUSDT', 'ETHUSDT'], 'page=2&x') };
        if (cursor === 'page=2&x') return { json: bybitPage(['SOLUSDT', 'ETHUSDT'], 'page3') };
        return { json: bybitPage(['XRPUSDT'], '') };
      });
      const listing = await fetcher.fetch('bybit');
      expect(listing.asOf).toBe('2025-12-01');
      expect(listing.instruments.map((i) => i.symbol)).toEqual([
        'BTCUSDT',
        'ETHUSDT',
        'SOLUSDT',
        'XRPUSDT',
      ]);
      expect(listing.rejected).toEqual([{ symbol: 'ETHUSDT', reason: 'listed again on page 2' }]);
      const requests = server.requestsTo(BYBIT_PATH);
      expect(
        requests.map((r) => [r.query.get('category'), r.query.get('limit'), r.query.get('cursor')]),
      ).toEqual([
        ['linear', '1000', null],
        ['linear', '1000', 'page=2&x'],
        ['linear', '1000', 'page3'],
      ]);
    });

    it('a cursor that comes back → LISTING_CORRUPT; endless pages → LISTING_TOO_LARGE', async () => {
      server.route(BYBIT_PATH, (request) => ({
        json: bybitPage(['BTCUSDT'], request.query.get('cursor') === 'a' ? 'b' : 'a'),
      }));
      // a, b, a: the third page repeats a cursor already followed.
      const loop = await failure(() => fetcher.fetch('bybit'));
      expect(loop.code).toBe('LISTING_CORRUPT');
      expect(loop.message).toMatch(/already followed/);

      server.reset();
      let n = 0;
      server.route(BYBIT_PATH, () => ({ json: bybitPage(['BTCUSDT'], `c${(n += 1)}`) }));
      const endless = await failure(() => fetcher.fetch('bybit'));
      expect(endless.code).toBe('LISTING_TOO_LARGE');
      expect(server.requestsTo(BYBIT_PATH)).toHaveLength(LISTING_MAX_PAGES);
    });

    it('no trading perpetual on any page → LISTING_EMPTY', async () => {
      server.route(BYBIT_PATH, { json: bybitPage([]) });
      expect((await failure(() => fetcher.fetch('bybit'))).code).toBe('LISTING_EMPTY');
    });

    it('reads a local file as one page', async () => {
      const listing = await fetcher.fetch('bybit', { file: BYBIT_FILE });
      expect(listing.instruments.map((i) => i.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    });
  });

  it("is provided by MarketDataModule, with JPX_LISTING_URL defaulting to JPX's data_j.xls", async () => {
    const config = validateEnvironment({ API_KEYS: 'k'.repeat(32) }, 'api');
    expect(config.jpxListingUrl).toBe(
      'https://www.jpx.co.jp/markets/statistics-equities/misc/tvdivq0000001vg2-att/data_j.xls',
    );
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), MarketDataModule],
    }).compile();
    expect(moduleRef.get(ListingFetcher)).toBeInstanceOf(ListingFetcher);
    await moduleRef.close();
  });

  describe('csv and local files', () => {
    it('csv needs a file: LISTING_FILE_REQUIRED', async () => {
      const error = await failure(() => fetcher.fetch('csv'));
      expect(error.code).toBe('LISTING_FILE_REQUIRED');
      expect(error.message).toBe(
        'csv listing: a CSV listing is read from a file: give its path (--file)',
      );
    });

    it('reads a CSV file', async () => {
      const file = path.join(dir, 'universe.csv');
      writeFileSync(
        file,
        'symbol,name,exchange,asset_class,market_segment,industry_code,industry_name,provider\nAAPL,Apple,NASDAQ,equity,,,,yahoo\n',
      );
      const listing = await fetcher.fetch('csv', { file });
      expect(listing.instruments.map((i) => [i.provider, i.symbol])).toEqual([['yahoo', 'AAPL']]);
    });

    it('a missing file or a folder → LISTING_NOT_FOUND; a file past the cap → LISTING_TOO_LARGE', async () => {
      const missing = await failure(() =>
        fetcher.fetch('csv', { file: path.join(dir, 'nope.csv') }),
      );
      expect(missing.code).toBe('LISTING_NOT_FOUND');
      expect(missing.message).toBe(`csv listing: no file ${path.join(dir, 'nope.csv')}`);
      expect((await failure(() => fetcher.fetch('jpx', { file: dir }))).code).toBe(
        'LISTING_NOT_FOUND',
      );

      const big = path.join(dir, 'big.xls');
      writeFileSync(big, '');
      truncateSync(big, LISTING_MAX_BYTES + 1); // sparse: nothing written
      expect((await failure(() => fetcher.fetch('jpx', { file: big }))).code).toBe(
        'LISTING_TOO_LARGE',
      );
    });
  });
});
