import { exchangeOfName, exchangeOfSymbol } from './exchange-of-symbol';

describe('exchangeOfSymbol', () => {
  it('takes the exchange from the symbol form when the registry names none', () => {
    const cases: Array<[string, string | undefined, string | null]> = [
      ['7203.T', 'yahoo', 'TSE'],
      ['130A.T', undefined, 'TSE'],
      ['VOD.L', 'yahoo', 'LSE'],
      ['SAP.DE', 'yahoo', 'XETRA'],
      ['AAPL', 'yahoo', 'NYSE'],
      ['BRK-B', 'yahoo', 'NYSE'],
      ['BF.B', 'csv', 'NYSE'],
      ['msft', undefined, 'NYSE'],
      ['BTC-USD', 'yahoo', 'CRYPTO'],
      ['ETH-EUR', undefined, 'CRYPTO'],
      ['BTCUSDT', 'binance', 'CRYPTO'],
      ['1000PEPEUSDT', 'bybit', 'CRYPTO'],
      ['7203.T', 'synthetic', 'CRYPTO'],
      ['^N225', 'yahoo', null],
      ['EURUSD=X', 'yahoo', null],
      ['GC=F', 'yahoo', null],
      ['RELIANCE.NS', 'yahoo', null],
      ['BTCUSDT', 'yahoo', null],
      ['0700.HK', undefined, null],
    ];
    expect(
      cases.map(([symbol, provider]) => [symbol, provider, exchangeOfSymbol(symbol, provider)]),
    ).toEqual(cases);
  });

  it('prefers the registry exchange when it names a calendar, in any spelling', () => {
    expect(exchangeOfSymbol('7203.T', 'yahoo', 'TSE')).toBe('TSE');
    expect(exchangeOfSymbol('SONY', 'yahoo', 'nyse')).toBe('NYSE');
    expect(exchangeOfSymbol('XYZ', 'csv', ' Nasdaq ')).toBe('NYSE');
    expect(exchangeOfSymbol('XYZ', 'csv', 'XTKS')).toBe('TSE');
    expect(exchangeOfSymbol('ABC', 'yahoo', 'xlon')).toBe('LSE');
    expect(exchangeOfSymbol('ABC', 'yahoo', 'GER')).toBe('XETRA');
    expect(exchangeOfSymbol('BTCUSDT', 'csv', 'binance')).toBe('CRYPTO');
    // An exchange we have no calendar for: the symbol's form decides.
    expect(exchangeOfSymbol('7203.T', 'yahoo', 'OSE')).toBe('TSE');
    expect(exchangeOfSymbol('^N225', 'yahoo', 'OSA')).toBeNull();
    expect(exchangeOfSymbol('AAPL', 'yahoo', null)).toBe('NYSE');
    expect(exchangeOfSymbol('AAPL', 'yahoo', '')).toBe('NYSE');
  });

  it('reads exchange names', () => {
    expect(['NYSE ARCA', 'nyse  american', 'JPX', 'ccc', 'XETR'].map(exchangeOfName)).toEqual([
      'NYSE',
      'NYSE',
      'TSE',
      'CRYPTO',
      'XETRA',
    ]);
    expect([undefined, null, '', 'HKEX'].map(exchangeOfName)).toEqual([null, null, null, null]);
  });
});
