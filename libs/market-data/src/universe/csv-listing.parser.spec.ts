import { ListingError } from './listing.error';
import { parseCsvListing } from './listing';

const HEADER =
  'symbol,name,exchange,asset_class,market_segment,industry_code,industry_name,provider';

function failure(run: () => unknown): ListingError {
  try {
    run();
  } catch (error) {
    if (error instanceof ListingError) return error;
    throw error;
  }
  throw new Error('expected a ListingError');
}

describe('parseCsvListing', () => {
  it('reads rows: quoted fields, empty cells as null, symbols upper-cased', () => {
    const csv = [
      HEADER,
      '7203.T,トヨタ自動車,TSE,equity,Prime,3700,輸送用機器,yahoo',
      '"brk-b","Berkshire Hathaway, Inc. ""B""",NYSE,equity,,,,yahoo',
      'BTCUSDT,,,perpetual,,,,binance',
      '',
    ].join('\r\n');
    const listing = parseCsvListing(Buffer.from(`\uFEFF${csv}`), '2026-12-01');
    expect(listing).toEqual({
      source: 'csv',
      asOf: '2026-12-01',
      instruments: [
        {
          provider: 'yahoo',
          symbol: '7203.T',
          name: 'トヨタ自動車',
          exchange: 'TSE',
          assetClass: 'equity',
          marketSegment: 'Prime',
          industryCode: '3700',
          industryName: '輸送用機器',
          currency: null,
          listedDate: null,
        },
        {
          provider: 'yahoo',
          symbol: 'BRK-B',
          name: 'Berkshire Hathaway, Inc. "B"',
          exchange: 'NYSE',
          assetClass: 'equity',
          marketSegment: null,
          industryCode: null,
          industryName: null,
          currency: null,
          listedDate: null,
        },
        expect.objectContaining({ provider: 'binance', symbol: 'BTCUSDT', name: null }),
      ],
    });
  });

  it('takes the columns in any order, with optional currency and listed_date', () => {
    const listing = parseCsvListing(
      'provider,Symbol,listed_date,currency,name,exchange,asset_class,market_segment,industry_code,industry_name\n' +
        'bybit,ETHUSDT,2023-07-24,USDT,ETH,BYBIT,perpetual,,,\n',
      '2026-12-01',
    );
    expect(listing.instruments).toEqual([
      expect.objectContaining({
        provider: 'bybit',
        symbol: 'ETHUSDT',
        listedDate: '2023-07-24',
        currency: 'USDT',
        exchange: 'BYBIT',
      }),
    ]);
  });

  it('is dated today (UTC) without asOf, and refuses a malformed asOf', () => {
    const today = new Date().toISOString().slice(0, 10);
    const listing = parseCsvListing(`${HEADER}\nAAPL,,,,,,,yahoo\n`);
    expect([today, new Date().toISOString().slice(0, 10)]).toContain(listing.asOf);
    expect(() => parseCsvListing(`${HEADER}\nAAPL,,,,,,,yahoo\n`, '2026-02-30')).toThrow(
      RangeError,
    );
  });

  it.each([
    [
      'no header',
      'LISTING_NOT_A_LISTING',
      'AAPL,Apple,NASDAQ,equity,,,,yahoo\n',
      /missing column\(s\) symbol, name/,
    ],
    [
      'a missing column',
      'LISTING_NOT_A_LISTING',
      'symbol,name,exchange,asset_class,market_segment,industry_code,provider\nA,,,,,,yahoo',
      /missing column\(s\) industry_name/,
    ],
    [
      'an unknown column',
      'LISTING_NOT_A_LISTING',
      `${HEADER},sector\nA,,,,,,,yahoo,x`,
      /unknown column\(s\) "sector"/,
    ],
    [
      'a repeated column',
      'LISTING_NOT_A_LISTING',
      `${HEADER},symbol\nA,,,,,,,yahoo,A`,
      /repeated column\(s\) symbol/,
    ],
    [
      'an HTML page',
      'LISTING_NOT_A_LISTING',
      '<html><body>login</body></html>',
      /an HTML page instead of a CSV listing/,
    ],
    ['an empty file', 'LISTING_EMPTY', '', /empty/],
    ['blank lines only', 'LISTING_EMPTY', '\n\n', /no lines/],
    ['a header and no rows', 'LISTING_EMPTY', `${HEADER}\n`, /header but no rows/],
    ['a row of another width', 'LISTING_CORRUPT', `${HEADER}\nA,B\n`, /line 2/],
    ['an unclosed quote', 'LISTING_CORRUPT', `${HEADER}\n"A,,,,,,,yahoo\n`, /not readable as CSV/],
    ['an empty symbol', 'LISTING_CORRUPT', `${HEADER}\n,,,,,,,yahoo\n`, /line 2: symbol is empty/],
    [
      'a bad symbol',
      'LISTING_CORRUPT',
      `${HEADER}\nA/B,,,,,,,yahoo\n`,
      /line 2: symbol contains a path separator/,
    ],
    [
      'an unknown provider',
      'LISTING_CORRUPT',
      `${HEADER}\nA,,,,,,,nasdaq\n`,
      /line 2: provider "nasdaq" is not one of yahoo, binance/,
    ],
    ['no provider', 'LISTING_CORRUPT', `${HEADER}\nA,,,,,,,\n`, /provider ""/],
    [
      'a bad listed_date',
      'LISTING_CORRUPT',
      `${HEADER},listed_date\nA,,,,,,,yahoo,2024-13-01\n`,
      /listed_date "2024-13-01"/,
    ],
    [
      'a symbol twice',
      'LISTING_CORRUPT',
      `${HEADER}\nA,,,,,,,yahoo\n\na,,,,,,,yahoo\n`,
      /line 4: yahoo A is listed again \(first on line 2\)/,
    ],
  ])('%s → %s', (_what, code, text, message) => {
    const error = failure(() => parseCsvListing(text, '2026-12-01'));
    expect(error.code).toBe(code);
    expect(error.source).toBe('csv');
    expect(error.message).toMatch(message);
  });

  it('keeps the same symbol of two providers apart', () => {
    const listing = parseCsvListing(
      `${HEADER}\nBTCUSDT,,,,,,,binance\nBTCUSDT,,,,,,,bybit\n`,
      '2026-12-01',
    );
    expect(listing.instruments.map((i) => i.provider)).toEqual(['binance', 'bybit']);
  });
});
