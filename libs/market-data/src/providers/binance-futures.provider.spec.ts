import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';
import { RateLimitedError } from '../errors/rate-limited.error';
import { SymbolNotFoundError } from '../errors/symbol-not-found.error';
import type { Interval } from '../interval';
import {
  binanceKlinesHandler,
  FakeProviderServer,
  PROVIDER_FIXTURES_DIR,
} from '../../../../test/support/fake-provider-server';
import { BinanceFuturesProvider } from './binance-futures.provider';

const KLINES = 'binance/fapi-klines-BTCUSDT-1h-2026-08-15.json';
const FUNDING = 'binance/fapi-fundingRate-BTCUSDT-2026-08-15.json';
const OPEN_INTEREST = 'binance/openInterestHist-BTCUSDT-1h-2026-08-15.json';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('BinanceFuturesProvider', () => {
  let server: FakeProviderServer;
  let binance: BinanceFuturesProvider;
  const now = new Date('2026-08-15T20:00:00Z');

  const range = (from: string | number | null, to: string | number, interval: Interval = '1h') => ({
    symbol: 'BTCUSDT',
    interval,
    from: from === null ? null : new Date(from),
    to: new Date(to),
    attempt: 1,
  });

  beforeAll(async () => {
    server = await FakeProviderServer.start();
    binance = new BinanceFuturesProvider({ baseUrl: server.url, timeoutMs: 1000, now: () => now });
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  describe('klines', () => {
    it('reads the recorded klines (strings → numbers, no adjClose, no actions)', async () => {
      server.route('/fapi/v1/klines', { fixture: KLINES });
      const series = await binance.fetchCandles(
        range('2026-08-15T18:00:00Z', '2026-08-15T20:00:00Z'),
      );
      expect(series).toEqual({
        candles: [
          {
            ts: new Date('2026-08-15T18:00:00Z'),
            open: 63043.4,
            high: 63083,
            low: 63011.6,
            close: 63026.3,
            adjClose: null,
            volume: 1116.068,
          },
          {
            ts: new Date('2026-08-15T19:00:00Z'),
            open: 63026.3,
            high: 63029.7,
            low: 63026.2,
            close: 63029.7,
            adjClose: null,
            volume: 70.64,
          },
        ],
        actions: [],
      });
      expect(server.requests).toHaveLength(1);
      expect(Object.fromEntries(server.requests[0].query)).toEqual({
        symbol: 'BTCUSDT',
        interval: '1h',
        startTime: String(Date.parse('2026-08-15T18:00:00Z')),
        endTime: String(Date.parse('2026-08-15T20:00:00Z') - 1),
        limit: '1500',
      });
    });

    it('names 1wk and 1mo as Binance does; from null starts at 0', async () => {
      server.route('/fapi/v1/klines', { json: [] });
      await binance.fetchCandles(range(null, '2026-08-01T00:00:00Z', '1wk'));
      await binance.fetchCandles(range(null, '2026-08-01T00:00:00Z', '1mo'));
      expect(server.requests.map((r) => r.query.get('interval'))).toEqual(['1w', '1M']);
      expect(server.requests.map((r) => r.query.get('startTime'))).toEqual(['0', '0']);
    });

    describe('pagination', () => {
      // Rows in the recorded format, one per hour, from the recorded first row.
      const recordedRow = JSON.parse(
        readFileSync(path.join(PROVIDER_FIXTURES_DIR, KLINES), 'utf8'),
      )[0] as unknown[];
      const t0 = recordedRow[0] as number;
      const rows = Array.from({ length: 4000 }, (_, i) => {
        const row = [...recordedRow];
        row[0] = t0 + i * HOUR;
        row[6] = t0 + (i + 1) * HOUR - 1;
        row[4] = (60000 + i).toFixed(2); // close: tells the rows apart
        row[2] = (70000 + i).toFixed(2); // high above the close
        return row;
      });

      it('follows pages by startTime until a short page', async () => {
        server.route('/fapi/v1/klines', binanceKlinesHandler(rows));
        const { candles } = await binance.fetchCandles(range(t0, t0 + 5000 * HOUR));
        expect(server.requests.map((r) => Number(r.query.get('startTime')))).toEqual([
          t0,
          t0 + 1500 * HOUR,
          t0 + 3000 * HOUR,
        ]);
        expect(candles).toHaveLength(4000);
        expect(candles.map((c) => c.ts.getTime())).toEqual(rows.map((r) => r[0]));
        expect(candles.map((c) => c.close)).toEqual(rows.map((_, i) => 60000 + i));
      });

      it('stops at endTime and after an empty page', async () => {
        server.route('/fapi/v1/klines', binanceKlinesHandler(rows.slice(0, 3000)));
        const all = await binance.fetchCandles(range(t0, t0 + 5000 * HOUR));
        expect(all.candles).toHaveLength(3000);
        expect(server.requests).toHaveLength(3); // 1500, 1500, then an empty page
        server.reset();
        server.route('/fapi/v1/klines', binanceKlinesHandler(rows));
        const part = await binance.fetchCandles(range(t0, t0 + 1500 * HOUR));
        expect(part.candles).toHaveLength(1500);
        expect(part.candles[1499].ts.getTime()).toBe(t0 + 1499 * HOUR);
        expect(server.requests).toHaveLength(1); // the next startTime is past endTime
      });
    });
  });

  describe('funding rates', () => {
    it('reads the recorded settlements, keeping the ms timestamps', async () => {
      server.route('/fapi/v1/fundingRate', { fixture: FUNDING });
      const rates = await binance.fetchFundingRates(
        range('2026-08-15T00:00:00Z', '2026-08-16T00:00:00Z'),
      );
      expect(rates).toEqual([
        { ts: new Date(1786780800002), fundingRate: 0.00006523, markPrice: 63050.01692754 },
        { ts: new Date(1786809600000), fundingRate: 0.00005311, markPrice: 63068.06537681 },
      ]);
      expect(rates[0].ts.toISOString()).toBe('2026-08-15T08:00:00.002Z');
      expect(Object.fromEntries(server.requests[0].query)).toEqual({
        symbol: 'BTCUSDT',
        startTime: String(Date.parse('2026-08-15T00:00:00Z')),
        endTime: String(Date.parse('2026-08-16T00:00:00Z') - 1),
        limit: '1000',
      });
    });

    it('maps an empty markPrice to null', async () => {
      server.route('/fapi/v1/fundingRate', {
        json: [
          { symbol: 'BTCUSDT', fundingTime: 1786780800000, fundingRate: '-0.0001', markPrice: '' },
        ],
      });
      const rates = await binance.fetchFundingRates(range(null, '2026-08-16T00:00:00Z'));
      expect(rates).toEqual([
        { ts: new Date(1786780800000), fundingRate: -0.0001, markPrice: null },
      ]);
    });

    it('pages by the last fundingTime + 1 ms', async () => {
      const t0 = 1_700_000_000_000;
      const all = Array.from({ length: 1200 }, (_, i) => ({
        symbol: 'BTCUSDT',
        fundingTime: t0 + i * 8 * HOUR,
        fundingRate: '0.0001',
        markPrice: '1',
      }));
      server.route('/fapi/v1/fundingRate', (request) => {
        const start = Number(request.query.get('startTime'));
        return { json: all.filter((r) => r.fundingTime >= start).slice(0, 1000) };
      });
      const rates = await binance.fetchFundingRates(range(t0, t0 + 2000 * 8 * HOUR));
      expect(rates).toHaveLength(1200);
      expect(server.requests.map((r) => Number(r.query.get('startTime')))).toEqual([
        t0,
        t0 + 999 * 8 * HOUR + 1,
      ]);
    });
  });

  describe('open interest', () => {
    it('reads the recorded points', async () => {
      server.route('/futures/data/openInterestHist', { fixture: OPEN_INTEREST });
      const points = await binance.fetchOpenInterest(
        range('2026-08-15T18:00:00Z', '2026-08-15T20:00:00Z'),
      );
      expect(points).toEqual([
        {
          ts: new Date('2026-08-15T18:00:00Z'),
          openInterest: 111856.664,
          openInterestValue: 7051831069.120872,
        },
        {
          ts: new Date('2026-08-15T19:00:00Z'),
          openInterest: 111688.14,
          openInterestValue: 7039340891.315014,
        },
      ]);
      expect(Object.fromEntries(server.requests[0].query)).toEqual({
        symbol: 'BTCUSDT',
        period: '1h',
        startTime: String(Date.parse('2026-08-15T18:00:00Z')),
        endTime: String(Date.parse('2026-08-15T20:00:00Z') - 1),
        limit: '500',
      });
    });

    it('clamps from to the last 30 days (+1 h margin)', async () => {
      server.route('/futures/data/openInterestHist', { json: [] });
      await binance.fetchOpenInterest(range(null, now.getTime()));
      await binance.fetchOpenInterest(range(now.getTime() - 90 * DAY, now.getTime(), '1d'));
      const oldest = now.getTime() - 30 * DAY + HOUR;
      const end = now.getTime() - 1;
      // 1h: 719 hours → windows of 500 periods; 1d: one window.
      expect(
        server.requests.map((r) => [
          r.query.get('period'),
          Number(r.query.get('startTime')),
          Number(r.query.get('endTime')),
        ]),
      ).toEqual([
        ['1h', oldest, oldest + 500 * HOUR - 1],
        ['1h', oldest + 500 * HOUR, end],
        ['1d', oldest, end],
      ]);
    });

    it('merges the windows in time order', async () => {
      const t0 = now.getTime() - 10 * DAY;
      const points = Array.from({ length: 1200 }, (_, i) => ({
        symbol: 'BTCUSDT',
        sumOpenInterest: String(1000 + i),
        sumOpenInterestValue: '',
        timestamp: t0 + i * 5 * 60_000,
      }));
      server.route('/futures/data/openInterestHist', (request) => {
        const start = Number(request.query.get('startTime'));
        const stop = Number(request.query.get('endTime'));
        // Keeps the newest `limit` of a longer range (the truncation the windows guard against).
        const inRange = points.filter((p) => p.timestamp >= start && p.timestamp <= stop);
        return { json: inRange.slice(-Number(request.query.get('limit'))) };
      });
      const result = await binance.fetchOpenInterest(range(t0, t0 + 1200 * 5 * 60_000, '5m'));
      expect(server.requests).toHaveLength(3);
      expect(result.map((p) => p.openInterest)).toEqual(points.map((_, i) => 1000 + i));
      expect(result[0]).toEqual({ ts: new Date(t0), openInterest: 1000, openInterestValue: null });
    });

    it('refuses intervals without a period and ranges older than 30 days', async () => {
      await expect(binance.fetchOpenInterest(range(null, now.getTime(), '1m'))).rejects.toThrow(
        InvalidRequestError,
      );
      await expect(
        binance.fetchOpenInterest(range('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')),
      ).rejects.toThrow(/last 30 days only/);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('errors', () => {
    it('400 -1121 Invalid symbol → SymbolNotFoundError', async () => {
      server.route('/fapi/v1/klines', {
        status: 400,
        json: { code: -1121, msg: 'Invalid symbol.' },
      });
      const error = await binance
        .fetchCandles({ ...range(null, now.getTime()), symbol: 'NOPEUSDT' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SymbolNotFoundError);
      expect((error as Error).message).toBe('symbol NOPEUSDT not found: Invalid symbol.');
    });

    it('another 4xx {code,msg} → InvalidRequestError with the msg', async () => {
      server.route('/fapi/v1/fundingRate', {
        status: 400,
        json: { code: -1130, msg: "Data sent for parameter 'limit' is not valid." },
      });
      await expect(binance.fetchFundingRates(range(null, now.getTime()))).rejects.toMatchObject({
        name: 'InvalidRequestError',
        message: "binance: HTTP 400 -1130: Data sent for parameter 'limit' is not valid.",
      });
    });

    it('429 and 418 → RateLimitedError honouring Retry-After', async () => {
      server.route('/fapi/v1/klines', {
        status: 429,
        json: { code: -1003, msg: 'Too many requests.' },
        headers: { 'Retry-After': '3' },
      });
      server.route('/fapi/v1/fundingRate', {
        status: 418,
        json: { code: -1003, msg: 'Way too many requests; IP banned.' },
        headers: { 'Retry-After': '120' },
      });
      const e429 = await binance.fetchCandles(range(null, now.getTime())).catch((e: unknown) => e);
      expect((e429 as RateLimitedError).retryAfterMs).toBe(3000);
      const e418 = await binance
        .fetchFundingRates(range(null, now.getTime()))
        .catch((e: unknown) => e);
      expect(e418).toBeInstanceOf(RateLimitedError);
      expect((e418 as RateLimitedError).retryAfterMs).toBe(120_000);
    });

    it('a body that is not an array → ProviderUnavailableError', async () => {
      server.route('/fapi/v1/klines', { json: { unexpected: true } });
      await expect(binance.fetchCandles(range(null, now.getTime()))).rejects.toBeInstanceOf(
        ProviderUnavailableError,
      );
    });
  });

  it('symbolProblem: ^[A-Z0-9]{2,20}$', () => {
    for (const ok of ['BTCUSDT', '1000PEPEUSDT', 'ETHUSDT'])
      expect(binance.symbolProblem(ok)).toBeNull();
    for (const bad of ['btcusdt', 'BTC-USDT', 'B', 'A'.repeat(21), 'BTC USDT', '../X']) {
      expect(binance.symbolProblem(bad)).not.toBeNull();
    }
  });
});
