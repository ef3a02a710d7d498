import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';
import { RateLimitedError } from '../errors/rate-limited.error';
import { SymbolNotFoundError } from '../errors/symbol-not-found.error';
import { PROVIDER_USER_AGENT } from '../http/provider-http';
import type { Interval } from '../interval';
import { checkCandleQuality } from '../quality/candle-quality';
import {
  FakeProviderServer,
  PROVIDER_FIXTURES_DIR,
} from '../../../../test/support/fake-provider-server';
import { YahooChartProvider } from './yahoo-chart.provider';

const AAPL = 'yahoo/chart-AAPL-2020-08-31-to-2020-11-07.json';
const MSFT = 'yahoo/historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.json';
const BTC = 'yahoo/chart-BTC-USD-2020-01-01-to-2020-01-03.json';
const LUCYW = 'yahoo/chart-LUCYW-null-currency.json';
const DAY = 86_400_000;

/** The recorded chart result of a yahoo-finance2 fixture, read independently of the server. */
function recordedResult(file: string): {
  timestamp: number[];
  indicators: { quote: Record<string, (number | null)[]>[]; adjclose: { adjclose: number[] }[] };
} {
  const record = JSON.parse(readFileSync(path.join(PROVIDER_FIXTURES_DIR, file), 'utf8'));
  return record.response.bodyJson.chart.result[0];
}

describe('YahooChartProvider', () => {
  let server: FakeProviderServer;
  let yahoo: YahooChartProvider;
  const now = new Date('2026-10-03T12:00:00Z');

  const fetch = (
    symbol: string,
    from: string | Date | null,
    to: string | Date,
    interval: Interval = '1d',
  ) =>
    yahoo.fetchCandles({
      symbol,
      interval,
      from: from === null ? null : new Date(from),
      to: new Date(to),
      attempt: 1,
    });

  beforeAll(async () => {
    server = await FakeProviderServer.start();
    // A generous timeout: on a loaded machine parsing a fixture can take longer than 300 ms. The
    // hang test uses its own client with a short one.
    yahoo = new YahooChartProvider({ baseUrl: `${server.url}/`, timeoutMs: 5000, now: () => now });
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  describe('against the recorded responses', () => {
    it('AAPL: 49 candles with the recorded timestamps and values, the 4:1 split and the dividend', async () => {
      server.route('/v8/finance/chart/AAPL', { fixture: AAPL });
      const { candles, actions } = await fetch(
        'AAPL',
        '2020-08-31T00:00:00Z',
        '2020-11-07T00:00:00Z',
      );

      const recorded = recordedResult(AAPL);
      expect(candles).toHaveLength(49);
      // Daily bars: UTC midnight of the New York date (Yahoo stamps the session open).
      const offset = (recorded as unknown as { meta: { gmtoffset: number } }).meta.gmtoffset;
      expect(candles.map((c) => c.ts.toISOString())).toEqual(
        recorded.timestamp.map(
          (t: number) =>
            `${new Date((t + offset) * 1000).toISOString().slice(0, 10)}T00:00:00.000Z`,
        ),
      );
      expect(candles[0]).toEqual({
        ts: new Date('2020-08-31T00:00:00Z'),
        open: 127.58000183105469,
        high: 131,
        low: 126,
        close: 129.0399932861328,
        adjClose: 125.05753326416016,
        volume: 225702700,
      });
      expect(candles[48]).toEqual({
        ts: new Date('2020-11-06T00:00:00Z'),
        open: 118.31999969482422,
        high: 119.19999694824219,
        low: 116.12999725341797,
        close: 118.69000244140625,
        adjClose: 115.22541809082031,
        volume: 114457900,
      });
      expect(candles.every((c) => c.adjClose !== null && c.adjClose !== c.close)).toBe(true);
      expect(actions).toEqual([
        {
          ts: new Date('2020-08-31T00:00:00Z'),
          type: 'split',
          amount: null,
          numerator: 4,
          denominator: 1,
        },
        {
          ts: new Date('2020-11-06T00:00:00Z'),
          type: 'dividend',
          amount: 0.205,
          numerator: null,
          denominator: null,
        },
      ]);

      expect(server.requests).toHaveLength(1);
      const request = server.requests[0];
      expect(request.path).toBe('/v8/finance/chart/AAPL');
      expect(Object.fromEntries(request.query)).toEqual({
        period1: '1598832000',
        period2: '1604707200',
        interval: '1d',
        events: 'div|split',
      });
      expect(request.url).toContain('events=div%7Csplit');
      expect(request.headers['user-agent']).toBe(PROVIDER_USER_AGENT);
    });

    it('MSFT: 252 candles (quote keys in another order) and 4 dividends', async () => {
      server.route('/v8/finance/chart/MSFT', { fixture: MSFT });
      const { candles, actions } = await fetch(
        'MSFT',
        '2021-02-01T00:00:00Z',
        '2022-01-31T00:00:00Z',
      );
      const recorded = recordedResult(MSFT);
      const quote = recorded.indicators.quote[0];
      expect(candles).toHaveLength(252);
      // Daily bars: UTC midnight of the New York date (Yahoo stamps the session open).
      const offset = (recorded as unknown as { meta: { gmtoffset: number } }).meta.gmtoffset;
      expect(candles.map((c) => c.ts.toISOString())).toEqual(
        recorded.timestamp.map(
          (t: number) =>
            `${new Date((t + offset) * 1000).toISOString().slice(0, 10)}T00:00:00.000Z`,
        ),
      );
      expect(candles.map((c) => c.low)).toEqual(quote.low);
      expect(candles.map((c) => c.open)).toEqual(quote.open);
      expect(candles[0]).toMatchObject({
        open: 235.05999755859375,
        high: 242.5,
        low: 232.42999267578125,
      });
      expect(candles[251]).toMatchObject({ close: 308.260009765625, volume: 49743700 });
      expect(actions.map((a) => [a.type, a.ts.toISOString().slice(0, 10), a.amount])).toEqual([
        ['dividend', '2021-02-17', 0.56],
        ['dividend', '2021-05-19', 0.56],
        ['dividend', '2021-08-18', 0.56],
        ['dividend', '2021-11-17', 0.62],
      ]);
    });

    it('BTC-USD: 3 candles, the last stamped at period2 (left to the quality step)', async () => {
      server.route('/v8/finance/chart/BTC-USD', { fixture: BTC });
      const range = {
        from: new Date('2020-01-01T00:00:00Z'),
        to: new Date('2020-01-03T00:00:00Z'),
      };
      const { candles, actions } = await fetch('BTC-USD', range.from, range.to);
      expect(candles.map((c) => c.ts.toISOString())).toEqual([
        '2020-01-01T00:00:00.000Z',
        '2020-01-02T00:00:00.000Z',
        '2020-01-03T00:00:00.000Z',
      ]);
      expect(candles[0]).toMatchObject({ open: 7194.89208984375, close: 7200.17431640625 });
      expect(candles[2]).toMatchObject({ close: 7344.88427734375, volume: 28111481032 });
      expect(actions).toEqual([]);
      const quality = checkCandleQuality(candles, range);
      expect(quality.valid).toHaveLength(2);
      expect(quality.rejected.map((r) => r.code)).toEqual(['outside_range']);
    });

    it('LUCYW: no timestamp key → 0 candles, no error', async () => {
      server.route('/v8/finance/chart/LUCYW', { fixture: LUCYW });
      await expect(fetch('LUCYW', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z')).resolves.toEqual(
        {
          candles: [],
          actions: [],
        },
      );
    });
  });

  it('skips entries with a null open/high/low/close; a null volume counts as 0', async () => {
    server.route('/v8/finance/chart/GC=F', {
      json: {
        chart: {
          result: [
            {
              meta: {},
              timestamp: [1704067200, 1704153600, 1704240000, 1704326400],
              indicators: {
                quote: [
                  {
                    open: [1, null, 3, 4],
                    high: [2, 2, null, 5],
                    low: [0.5, 0.5, 2, 3],
                    close: [1.5, 1.5, 2.5, 4.5],
                    volume: [10, 20, 30, null],
                  },
                ],
              },
            },
          ],
          error: null,
        },
      },
    });
    const { candles } = await fetch('GC=F', '2024-01-01', '2024-01-05');
    expect(candles).toEqual([
      {
        ts: new Date(1704067200_000),
        open: 1,
        high: 2,
        low: 0.5,
        close: 1.5,
        adjClose: null,
        volume: 10,
      },
      {
        ts: new Date(1704326400_000),
        open: 4,
        high: 5,
        low: 3,
        close: 4.5,
        adjClose: null,
        volume: 0,
      },
    ]);
    expect(server.requests[0].path).toBe('/v8/finance/chart/GC%3DF');
  });

  describe('errors', () => {
    it('404 → SymbolNotFoundError with the description', async () => {
      server.route(/^\/v8\/finance\/chart\//, {
        status: 404,
        fixture: 'yahoo/error-not-found-404.json',
      });
      const error = await fetch('NOPE', '2024-01-01', '2024-02-01').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SymbolNotFoundError);
      expect((error as SymbolNotFoundError).symbol).toBe('NOPE');
      expect((error as Error).message).toBe(
        'symbol NOPE not found: No data found, symbol may be delisted',
      );
      expect((error as SymbolNotFoundError).permanent).toBe(true);
    });

    it('"No data found" in a 200 body → SymbolNotFoundError', async () => {
      server.route('/v8/finance/chart/OLD', {
        json: {
          chart: {
            result: null,
            error: { code: 'Not Found', description: 'No data found, symbol may be delisted' },
          },
        },
      });
      await expect(fetch('OLD', '2024-01-01', '2024-02-01')).rejects.toBeInstanceOf(
        SymbolNotFoundError,
      );
    });

    it('an invalid-input chart.error → InvalidRequestError; any other → ProviderUnavailableError', async () => {
      server.route('/v8/finance/chart/BAD', {
        status: 422,
        json: {
          chart: {
            result: null,
            error: {
              code: 'Unprocessable Entity',
              description:
                '1m data not available for startTime=1 and endTime=2. The requested range must be within the last 30 days.',
            },
          },
        },
      });
      server.route('/v8/finance/chart/ODD', {
        json: {
          chart: { result: null, error: { code: 'Internal', description: 'Something broke' } },
        },
      });
      const bad = await fetch('BAD', '2024-01-01', '2024-02-01').catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(InvalidRequestError);
      expect((bad as Error).message).toMatch(/^yahoo: 1m data not available/);
      const odd = await fetch('ODD', '2024-01-01', '2024-02-01').catch((e: unknown) => e);
      expect(odd).toBeInstanceOf(ProviderUnavailableError);
      expect((odd as Error).message).toBe('yahoo: HTTP 200: Something broke');
    });

    it('429 with a text body and Retry-After: 2 → RateLimitedError(2000)', async () => {
      server.route('/v8/finance/chart/AAPL', {
        status: 429,
        fixture: 'yahoo/error-429-too-many-requests.txt',
        headers: { 'Retry-After': '2' },
      });
      const error = await fetch('AAPL', '2024-01-01', '2024-02-01').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBe(2000);
      expect((error as Error).message).toContain('Edge: Too Many Requests');
    });

    it('500 twice then 200: fails the first two calls, succeeds the third (no retry inside)', async () => {
      server.route('/v8/finance/chart/AAPL', { fixture: AAPL });
      server.failFirst('/v8/finance/chart/AAPL', 2, { status: 500, body: 'Internal Server Error' });
      const call = () => fetch('AAPL', '2020-08-31T00:00:00Z', '2020-11-07T00:00:00Z');
      await expect(call()).rejects.toMatchObject({
        name: 'ProviderUnavailableError',
        message: 'yahoo: HTTP 500 Internal Server Error',
      });
      await expect(call()).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(server.requests).toHaveLength(2);
      expect((await call()).candles).toHaveLength(49);
      expect(server.requests).toHaveLength(3);
    });

    it('a hang → ProviderUnavailableError after the timeout', async () => {
      server.route('/v8/finance/chart/AAPL', { hang: true });
      const quick = new YahooChartProvider({ baseUrl: `${server.url}/`, timeoutMs: 300 });
      const started = Date.now();
      const hung = quick.fetchCandles({
        symbol: 'AAPL',
        interval: '1d',
        from: new Date('2024-01-01'),
        to: new Date('2024-02-01'),
        attempt: 1,
      });
      await expect(hung).rejects.toMatchObject({
        name: 'ProviderUnavailableError',
        message: 'yahoo: timeout after 300 ms',
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('malformed JSON → ProviderUnavailableError', async () => {
      server.route('/v8/finance/chart/AAPL', { malformed: true });
      const error = await fetch('AAPL', '2024-01-01', '2024-02-01').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as Error).message).toMatch(/^yahoo: malformed body/);
    });

    it('JSON without chart.result → ProviderUnavailableError', async () => {
      server.route('/v8/finance/chart/AAPL', { json: { something: 'else' } });
      await expect(fetch('AAPL', '2024-01-01', '2024-02-01')).rejects.toThrow(
        'yahoo: malformed body: no chart.result',
      );
    });
  });

  describe('ranges and windows', () => {
    /** Answers one candle at period1 and one at period2 of each request. */
    function edgesOfEachWindow(): void {
      server.route(/^\/v8\/finance\/chart\//, (request) => {
        const p1 = Number(request.query.get('period1'));
        const p2 = Number(request.query.get('period2'));
        const q = {
          open: [1, 1],
          high: [2, 2],
          low: [0.5, 0.5],
          close: [1.5, 1.5],
          volume: [10, 10],
        };
        return {
          json: {
            chart: {
              result: [
                {
                  meta: {},
                  timestamp: [p1, p2],
                  indicators: { quote: [q], adjclose: [{ adjclose: [1.5, 1.5] }] },
                },
              ],
              error: null,
            },
          },
        };
      });
    }
    const periods = () =>
      server.requests.map((r) => [Number(r.query.get('period1')), Number(r.query.get('period2'))]);
    const s = (d: Date | number) => Math.floor(new Date(d).getTime() / 1000);

    it('splits a 1m request over 20 days into 3 windows of ≤ 7 days and merges them', async () => {
      edgesOfEachWindow();
      const from = new Date(now.getTime() - 20 * DAY);
      const { candles } = await fetch('AAPL', from, now, '1m');
      expect(periods()).toEqual([
        [s(from), s(from.getTime() + 7 * DAY)],
        [s(from.getTime() + 7 * DAY), s(from.getTime() + 14 * DAY)],
        [s(from.getTime() + 14 * DAY), s(now)],
      ]);
      expect(server.requests.every((r) => r.query.get('interval') === '1m')).toBe(true);
      // Window edges are shared: each is kept once, in order.
      expect(candles.map((c) => c.ts.getTime())).toEqual([
        from.getTime(),
        from.getTime() + 7 * DAY,
        from.getTime() + 14 * DAY,
        now.getTime(),
      ]);
    });

    it('clamps 1m to the last 30 days (minus 1 h) and to now', async () => {
      edgesOfEachWindow();
      const oldest = now.getTime() - 30 * DAY + 3_600_000;
      await fetch(
        'AAPL',
        new Date(now.getTime() - 45 * DAY),
        new Date(now.getTime() + 5 * DAY),
        '1m',
      );
      const p = periods();
      expect(p).toHaveLength(5);
      expect(p[0][0]).toBe(s(oldest));
      expect(p[4][1]).toBe(s(now));
      for (const [a, b] of p) expect(b - a).toBeLessThanOrEqual(7 * 86_400);
    });

    it('from null: oldest allowed for intraday, period1 = 0 for daily and longer', async () => {
      edgesOfEachWindow();
      await fetch('AAPL', null, now, '5m');
      await fetch('AAPL', null, now, '1h');
      await fetch('AAPL', null, now, '1mo');
      expect(periods()).toEqual([
        [s(now.getTime() - 60 * DAY + 3_600_000), s(now)],
        [s(now.getTime() - 730 * DAY + 3_600_000), s(now)],
        [0, s(now)],
      ]);
      expect(server.requests.map((r) => r.query.get('interval'))).toEqual(['5m', '60m', '1mo']);
    });

    it('rejects an intraday range entirely older than Yahoo keeps, without a request', async () => {
      await expect(fetch('AAPL', '2020-01-01', '2020-01-05', '1m')).rejects.toThrow(
        InvalidRequestError,
      );
      expect(server.requests).toHaveLength(0);
    });

    it('encodes the symbol in the path', async () => {
      edgesOfEachWindow();
      await fetch('^N225', '2024-01-01', '2024-01-05');
      await fetch('EURUSD=X', '2024-01-01', '2024-01-05');
      expect(server.requests.map((r) => r.path)).toEqual([
        '/v8/finance/chart/%5EN225',
        '/v8/finance/chart/EURUSD%3DX',
      ]);
    });
  });

  describe('symbolProblem', () => {
    it.each(['7203.T', '^N225', 'EURUSD=X', 'GC=F', 'BRK-B', 'AAPL', 'BTC-USD', 'M&M.NS'])(
      'accepts %s',
      (symbol) => expect(yahoo.symbolProblem(symbol)).toBeNull(),
    );
    it.each([
      ['aapl', 'symbol must be upper case'],
      ['AA PL', 'symbol contains white space'],
      ['A'.repeat(21), 'symbol is longer than 20 characters'],
      ['AAPL\u0000', 'symbol contains a control character'],
      ['', 'symbol is empty'],
      ['../ETC', 'symbol contains a path separator'],
      ['-AAPL', 'symbol may hold A-Z, 0-9 and . - = & (an index may start with ^)'],
    ])('rejects %j', (symbol, problem) => expect(yahoo.symbolProblem(symbol)).toBe(problem));

    it('fetchCandles refuses a bad symbol without a request', async () => {
      await expect(fetch('aapl', '2024-01-01', '2024-01-05')).rejects.toBeInstanceOf(
        InvalidRequestError,
      );
      expect(server.requests).toHaveLength(0);
    });
  });
});
