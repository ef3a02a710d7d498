import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ListingError } from './listing.error';
import { parseBinanceExchangeInfo, parseBybitInstrumentsPage } from './listing';

const FIXTURES = path.join(__dirname, '../../../../test/fixtures/universe');
const BINANCE_2022 = readFileSync(
  path.join(FIXTURES, 'binance/fapi-v1-exchangeInfo-2022-05-04.json'),
);
const BINANCE_2024 = readFileSync(
  path.join(FIXTURES, 'binance/fapi-v1-exchangeInfo-2024-10-02.json'),
);
const BYBIT = readFileSync(
  path.join(FIXTURES, 'bybit/v5-market-instruments-info-linear-2023-09-14.json'),
);

/** From test/fixtures/universe/README.md: TRADING in 2022, SETTLING in 2024. */
const SETTLED = [
  'CTKUSDT',
  'CVCUSDT',
  'DGBUSDT',
  'FTTUSDT',
  'OCEANUSDT',
  'RAYUSDT',
  'SCUSDT',
  'WAVESUSDT',
];

function failure(run: () => unknown): ListingError {
  try {
    run();
  } catch (error) {
    if (error instanceof ListingError) return error;
    throw error;
  }
  throw new Error('expected a ListingError');
}

const binanceSymbol = (symbol: string, more: Record<string, unknown> = {}) => ({
  symbol,
  pair: symbol,
  contractType: 'PERPETUAL',
  status: 'TRADING',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  onboardDate: 1569398400000,
  deliveryDate: 4133404800000,
  ...more,
});

describe('parseBinanceExchangeInfo', () => {
  const y2022 = parseBinanceExchangeInfo(BINANCE_2022);
  const y2024 = parseBinanceExchangeInfo(BINANCE_2024.toString('utf8'));

  it('keeps the TRADING perpetuals: 152 on 2022-05-04, 324 on 2024-10-02', () => {
    expect(y2022).toMatchObject({ source: 'binance', asOf: '2022-05-04', rejected: [] });
    expect(y2022.instruments).toHaveLength(152);
    expect(y2024).toMatchObject({ source: 'binance', asOf: '2024-10-02', rejected: [] });
    expect(y2024.instruments).toHaveLength(324);
  });

  it('maps a contract to provider binance, exchange BINANCE, asset class perpetual', () => {
    expect(y2024.instruments.find((i) => i.symbol === 'BTCUSDT')).toEqual({
      provider: 'binance',
      symbol: 'BTCUSDT',
      name: 'BTC/USDT perpetual',
      exchange: 'BINANCE',
      assetClass: 'perpetual',
      marketSegment: null,
      industryCode: null,
      industryName: null,
      currency: 'USDT',
      listedDate: '2019-09-25',
    });
    const currencies: Record<string, number> = {};
    for (const i of y2024.instruments)
      currencies[String(i.currency)] = (currencies[String(i.currency)] ?? 0) + 1;
    expect(currencies).toEqual({ USDT: 297, USDC: 26, BTC: 1 });
    expect(y2024.instruments.find((i) => i.symbol === 'ETHBTC')?.currency).toBe('BTC');
    expect(y2024.instruments.find((i) => i.symbol === 'DIAUSDT')?.listedDate).toBe('2024-10-02');
    expect(y2024.instruments.find((i) => i.symbol === 'FETUSDT')).toBeDefined(); // 2100-12-25 09:00
  });

  it('leaves out the 8 contracts that went TRADING → SETTLING, quarterlies and PENDING_TRADING', () => {
    const in2022 = new Set(y2022.instruments.map((i) => i.symbol));
    const in2024 = new Set(y2024.instruments.map((i) => i.symbol));
    for (const symbol of SETTLED) {
      expect(in2022.has(symbol)).toBe(true);
      expect(in2024.has(symbol)).toBe(false);
    }
    for (const symbol of ['BTCUSDT_220624', 'ETHUSDT_220624', 'BTCSTUSDT']) {
      expect(in2022.has(symbol)).toBe(false);
    }
    for (const symbol of ['BTCUSDT_241227', 'ETHUSDT_250328', 'BTCSTUSDT', 'AGIXUSDT']) {
      expect(in2024.has(symbol)).toBe(false);
    }
    const added = [...in2024].filter((s) => !in2022.has(s));
    const removed = [...in2022].filter((s) => !in2024.has(s));
    expect(added).toHaveLength(199);
    expect(removed).toHaveLength(27); // 19 gone from the list + the 8 settled
    expect(removed).toEqual(
      expect.arrayContaining([...SETTLED, 'ADABUSD', 'LUNAUSDT', 'MATICUSDT']),
    );
  });

  it('lists a trading symbol the provider would refuse in `rejected`, and a repeated one', () => {
    const listing = parseBinanceExchangeInfo(
      JSON.stringify({
        serverTime: 1760000000000,
        symbols: [
          binanceSymbol('BTCUSDT'),
          binanceSymbol('币安人生USDT'),
          binanceSymbol('BTCUSDT'),
          binanceSymbol('ETHUSDT', { status: 'SETTLING', deliveryDate: 1750000000000 }),
        ],
      }),
    );
    expect(listing.instruments.map((i) => i.symbol)).toEqual(['BTCUSDT']);
    expect(listing.rejected).toEqual([
      { symbol: '币安人生USDT', reason: expect.stringMatching(/A-Z and 0-9/) },
      { symbol: 'BTCUSDT', reason: 'listed twice' },
    ]);
  });

  it('ignores __proto__ keys (no prototype pollution)', () => {
    const listing = parseBinanceExchangeInfo(
      '{"__proto__":{"polluted":1},"serverTime":1760000000000,"symbols":[' +
        JSON.stringify(binanceSymbol('BTCUSDT')).replace(
          '{',
          '{"__proto__":{"status":"TRADING"},',
        ) +
        ']}',
    );
    expect(listing.instruments).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [
      'garbage',
      'LISTING_CORRUPT',
      '{"symbols": [{"symbol": "BTC',
      /exchangeInfo is not valid JSON/,
    ],
    [
      'truncated',
      'LISTING_CORRUPT',
      BINANCE_2022.subarray(0, BINANCE_2022.length / 2),
      /not valid JSON/,
    ],
    [
      'an HTML page',
      'LISTING_NOT_A_LISTING',
      '<html><head><title>403 Forbidden</title></head></html>',
      /^binance listing: an HTML page titled "403 Forbidden" instead of exchangeInfo$/,
    ],
    [
      'a Binance error',
      'LISTING_NOT_A_LISTING',
      '{"code":-1003,"msg":"Too many requests"}',
      /-1003 Too many requests/,
    ],
    ['other JSON', 'LISTING_NOT_A_LISTING', '[1,2]', /not an exchangeInfo response/],
    ['no serverTime', 'LISTING_NOT_A_LISTING', '{"symbols":[]}', /serverTime/],
    [
      'no trading perpetual',
      'LISTING_EMPTY',
      JSON.stringify({ serverTime: 1, symbols: [binanceSymbol('X1', { status: 'SETTLING' })] }),
      /lists 1 symbols but no perpetual contract with status TRADING/,
    ],
    ['an empty body', 'LISTING_EMPTY', '', /empty/],
    [
      'a symbol that is not an object',
      'LISTING_CORRUPT',
      '{"serverTime":1,"symbols":[1]}',
      /symbols\[0\]/,
    ],
  ])('%s → %s', (_what, code, body, message) => {
    const error = failure(() => parseBinanceExchangeInfo(body));
    expect(error.code).toBe(code);
    expect(error.source).toBe('binance');
    expect(error.message).toMatch(message);
  });
});

describe('parseBybitInstrumentsPage', () => {
  const page = (list: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      retCode: 0,
      retMsg: 'OK',
      result: { category: 'linear', list, ...extra },
      time: 1760000000000,
    });
  const instrument = (symbol: string, more: Record<string, unknown> = {}) => ({
    symbol,
    contractType: 'LinearPerpetual',
    status: 'Trading',
    baseCoin: 'BTC',
    quoteCoin: 'USDC',
    launchTime: '1672531200000',
    ...more,
  });

  it('reads the recorded page (2 instruments, no cursor field)', () => {
    expect(parseBybitInstrumentsPage(BYBIT)).toEqual({
      asOf: '2023-09-14',
      nextCursor: null,
      rejected: [],
      instruments: [
        {
          provider: 'bybit',
          symbol: 'BTCUSDT',
          name: 'BTC/USDT perpetual',
          exchange: 'BYBIT',
          assetClass: 'perpetual',
          marketSegment: null,
          industryCode: null,
          industryName: null,
          currency: 'USDT',
          listedDate: '2020-03-30',
        },
        {
          provider: 'bybit',
          symbol: 'ETHUSDT',
          name: 'ETH/USDT perpetual',
          exchange: 'BYBIT',
          assetClass: 'perpetual',
          marketSegment: null,
          industryCode: null,
          industryName: null,
          currency: 'USDT',
          listedDate: '2023-07-24',
        },
      ],
    });
  });

  it('keeps Trading LinearPerpetual only, and gives the next cursor', () => {
    const result = parseBybitInstrumentsPage(
      page(
        [
          instrument('BTCPERP'),
          instrument('BTC-26DEC25', { contractType: 'LinearFutures' }),
          instrument('NEWUSDT', { status: 'PreLaunch' }),
          instrument('OLDUSDT', { status: 'Closed' }),
          instrument('ODDUSDT', { launchTime: '0' }),
        ],
        { nextPageCursor: 'next%3D2' },
      ),
    );
    expect(result.instruments.map((i) => [i.symbol, i.currency, i.listedDate])).toEqual([
      ['BTCPERP', 'USDC', '2023-01-01'],
      ['ODDUSDT', 'USDC', null],
    ]);
    expect(result.nextCursor).toBe('next%3D2');
    expect(parseBybitInstrumentsPage(page([], { nextPageCursor: '' })).nextCursor).toBeNull();
  });

  it.each([
    ['garbage', 'LISTING_CORRUPT', 'not json', /instruments-info is not valid JSON/],
    [
      'an HTML page',
      'LISTING_NOT_A_LISTING',
      '<!doctype html><p>blocked</p>',
      /an HTML page instead of instruments-info/,
    ],
    [
      'a rate limit',
      'LISTING_UNREACHABLE',
      '{"retCode":10006,"retMsg":"Too many visits!","result":{},"time":1}',
      /retCode 10006 Too many visits!/,
    ],
    [
      'a refusal',
      'LISTING_NOT_A_LISTING',
      '{"retCode":10001,"retMsg":"params error","result":{},"time":1}',
      /retCode 10001 params error/,
    ],
    ['no list', 'LISTING_NOT_A_LISTING', '{"retCode":0,"result":{},"time":1}', /result\.list/],
    [
      'a bad cursor',
      'LISTING_CORRUPT',
      '{"retCode":0,"result":{"list":[],"nextPageCursor":5},"time":1}',
      /nextPageCursor/,
    ],
  ])('%s → %s', (_what, code, body, message) => {
    const error = failure(() => parseBybitInstrumentsPage(body));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});
