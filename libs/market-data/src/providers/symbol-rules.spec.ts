import type { MarketDataProvider } from '../provider';
import { BinanceFuturesProvider } from './binance-futures.provider';
import { BybitLinearProvider } from './bybit-linear.provider';
import { CsvProvider } from './csv.provider';
import { parseSymbol, symbolProblem } from './symbol-rules';
import { SyntheticProvider } from './synthetic.provider';
import { YahooChartProvider } from './yahoo-chart.provider';

const providers: MarketDataProvider[] = [
  new YahooChartProvider({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000 }),
  new BinanceFuturesProvider({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000 }),
  new BybitLinearProvider({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000 }),
  new CsvProvider({ dataDir: '/nonexistent' }),
  new SyntheticProvider(),
];

describe('symbol grammar (one rule for the API and the providers)', () => {
  it('accepts what the providers accept, in any case', () => {
    for (const s of [
      'M&M.NS',
      'm&m.ns',
      'BRK-B',
      '7203.T',
      '^N225',
      'EURUSD=X',
      'BTCUSDT',
      'A_B',
    ]) {
      expect(symbolProblem(s)).toBeNull();
    }
    expect(parseSymbol('m&m.ns')).toEqual({ symbol: 'M&M.NS' });
  });

  it('refuses non-ASCII letters before upper-casing could fold them into ASCII', () => {
    expect('ı'.toUpperCase()).toBe('I');
    expect('straße'.toUpperCase()).toBe('STRASSE');
    expect(parseSymbol('ı')).toEqual({ problem: 'symbol contains a non-ASCII character' });
    expect(parseSymbol('straße')).toEqual({ problem: 'symbol contains a non-ASCII character' });
    for (const bad of ['', 'A'.repeat(33), 'A B', 'A/B', '..', 'A\u0000', '-A', 'A!']) {
      expect(symbolProblem(bad)).not.toBeNull();
    }
  });

  it("contains every provider's own rule: a symbol a provider takes passes the grammar", () => {
    const chars = 'ABZaz0129.-=&^_ /\\!ıß\u0000';
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const s = Array.from({ length: 1 + next(34) }, () => chars[next(chars.length)]).join('');
      for (const p of providers) {
        if (p.symbolProblem(s) !== null) continue;
        accepted++;
        expect({ provider: p.name, s, problem: symbolProblem(s) }).toEqual({
          provider: p.name,
          s,
          problem: null,
        });
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
