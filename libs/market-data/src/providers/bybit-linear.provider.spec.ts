import { InvalidRequestError } from '../errors/invalid-request.error';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';
import { RateLimitedError } from '../errors/rate-limited.error';
import { SymbolNotFoundError } from '../errors/symbol-not-found.error';
import type { Interval } from '../interval';
import { FakeProviderServer, RecordedRequest } from '../../../../test/support/fake-provider-server';
import { BYBIT_KLINE_LIMIT, BybitLinearProvider } from './bybit-linear.provider';

const KLINES = 'bybit/kline-linear-BTCUSDT-60-2026-08-15.json';
const FUNDING = 'bybit/funding-history-linear-BTCUSDT-2026-08-15.json';
const OPEN_INTEREST = 'bybit/open-interest-linear-BTCUSDT-1h-2026-08-15.json';
const HOUR = 3_600_000;

describe('BybitLinearProvider (recorded Bybit v5 answers)', () => {
  let server: FakeProviderServer;
  let bybit: BybitLinearProvider;
  const now = new Date('2026-08-15T19:10:00Z');

  const range = (from: string | null, to: string, interval: Interval = '1h') => ({
    symbol: 'BTCUSDT',
    interval,
    from: from === null ? null : new Date(from),
    to: new Date(to),
    attempt: 1,
  });
  const query = (r: RecordedRequest) => Object.fromEntries(r.query);

  beforeAll(async () => {
    server = await FakeProviderServer.start();
    bybit = new BybitLinearProvider({ baseUrl: server.url, timeoutMs: 1000, now: () => now });
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it('reads the recorded klines: newest first and strings in, oldest first and numbers out', async () => {
    server.route('/v5/market/kline', { fixture: KLINES });
    const series = await bybit.fetchCandles(range('2026-08-15T18:00:00Z', '2026-08-15T20:00:00Z'));
    expect(series).toEqual({
      candles: [
        {
          ts: new Date('2026-08-15T18:00:00Z'),
          open: 63044.4,
          high: 63089.6,
          low: 63000.1,
          close: 63027.8,
          adjClose: null,
          volume: 385.721,
        },
        {
          ts: new Date('2026-08-15T19:00:00Z'),
          open: 63027.8,
          high: 63032.3,
          low: 63027.7,
          close: 63032.3,
          adjClose: null,
          volume: 4.591,
        },
      ],
      actions: [],
    });
    // One window: [from, min(to, now)] with Bybit's inclusive end.
    expect(server.requests.map(query)).toEqual([
      {
        category: 'linear',
        symbol: 'BTCUSDT',
        interval: '60',
        start: String(Date.parse('2026-08-15T18:00:00Z')),
        end: String(now.getTime()),
        limit: '1000',
      },
    ]);
  });

  it('walks a long range backwards in windows that can never be cut short', async () => {
    server.route('/v5/market/kline', { json: { retCode: 0, retMsg: 'OK', result: { list: [] } } });
    const from = Date.parse('2026-06-01T00:00:00Z');
    await bybit.fetchCandles(range('2026-06-01T00:00:00Z', '2026-08-15T19:00:00Z'));
    const windows = server.requests.map((r) => [
      Number(r.query.get('start')),
      Number(r.query.get('end')),
    ]);
    expect(windows[0][1]).toBe(Date.parse('2026-08-15T19:00:00Z') - 1);
    for (const [start, end] of windows)
      expect(end - start + 1).toBeLessThanOrEqual(BYBIT_KLINE_LIMIT * HOUR);
    for (let i = 1; i < windows.length; i += 1) expect(windows[i][1]).toBe(windows[i - 1][0] - 1);
    expect(windows[windows.length - 1][0]).toBe(from);
    expect(server.requests.map((r) => r.query.get('interval'))).toContain('60');
  });

  it('with no start, walks back until a window is empty (before the listing)', async () => {
    let calls = 0;
    server.route('/v5/market/kline', () => {
      calls += 1;
      return calls === 1
        ? { fixture: KLINES }
        : { json: { retCode: 0, retMsg: 'OK', result: { list: [] } } };
    });
    const series = await bybit.fetchCandles(range(null, '2026-08-15T20:00:00Z', '1d'));
    expect(series.candles).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0].query.get('interval')).toBe('D');
  });

  it('reads funding history and open interest', async () => {
    server.route('/v5/market/funding/history', { fixture: FUNDING });
    server.route('/v5/market/open-interest', { fixture: OPEN_INTEREST });
    const funding = await bybit.fetchFundingRates(
      range('2026-08-15T00:00:00Z', '2026-08-15T19:00:00Z'),
    );
    expect(funding).toEqual([
      { ts: new Date('2026-08-15T08:00:00Z'), fundingRate: 0.00004737, markPrice: null },
      { ts: new Date('2026-08-15T16:00:00Z'), fundingRate: 0.00004403, markPrice: null },
    ]);
    const oi = await bybit.fetchOpenInterest(range('2026-08-15T18:00:00Z', '2026-08-15T20:00:00Z'));
    expect(oi).toEqual([
      { ts: new Date('2026-08-15T18:00:00Z'), openInterest: 65041.568, openInterestValue: null },
      { ts: new Date('2026-08-15T19:00:00Z'), openInterest: 64992.054, openInterestValue: null },
    ]);
    expect(query(server.requestsTo('/v5/market/open-interest')[0])).toMatchObject({
      category: 'linear',
      intervalTime: '1h',
      limit: '200',
    });
    await expect(
      bybit.fetchOpenInterest(range(null, '2026-08-15T20:00:00Z', '1m')),
    ).rejects.toThrow(InvalidRequestError);
  });

  it('maps Bybit errors: unknown symbol permanent, too many visits waits, others invalid', async () => {
    server.route('/v5/market/kline', {
      json: { retCode: 10001, retMsg: 'params error: symbol invalid', result: {} },
    });
    await expect(
      bybit.fetchCandles(range('2026-08-15T18:00:00Z', '2026-08-15T20:00:00Z')),
    ).rejects.toThrow(SymbolNotFoundError);
    server.route('/v5/market/kline', { json: { retCode: 10006, retMsg: 'Too many visits!' } });
    await expect(
      bybit.fetchCandles(range('2026-08-15T18:00:00Z', '2026-08-15T20:00:00Z')),
    ).rejects.toThrow(RateLimitedError);
    server.route('/v5/market/kline', { json: { retCode: 10002, retMsg: 'request expired' } });
    await expect(
      bybit.fetchCandles(range('2026-08-15T18:00:00Z', '2026-08-15T20:00:00Z')),
    ).rejects.toThrow(/bybit: HTTP 200 retCode 10002: request expired/);
    server.route('/v5/market/kline', { json: { retCode: 0, result: { list: [['x']] } } });
    await expect(
      bybit.fetchCandles(range('2026-08-15T18:00:00Z', '2026-08-15T20:00:00Z')),
    ).rejects.toThrow(ProviderUnavailableError);
    expect(bybit.symbolProblem('btc-usdt')).toMatch(/A-Z and 0-9/);
  });
});
