import type { Candle } from '../candle';
import { checkCandleQuality } from './candle-quality';

const from = new Date('2024-01-01T00:00:00Z');
const to = new Date('2024-01-03T00:00:00Z');

function candle(overrides: Partial<Candle> = {}): Candle {
  return {
    ts: new Date('2024-01-01T00:00:00Z'),
    open: 10,
    high: 12,
    low: 9,
    close: 11,
    adjClose: 10.5,
    volume: 100,
    ...overrides,
  };
}

describe('checkCandleQuality', () => {
  it('keeps consistent candles in order, including flat ones and a null adjClose', () => {
    const candles = [
      candle(),
      candle({ ts: new Date('2024-01-02T00:00:00Z'), open: 5, high: 5, low: 5, close: 5 }),
      candle({ ts: new Date('2024-01-02T12:00:00Z'), adjClose: null, volume: 0 }),
    ];
    const result = checkCandleQuality(candles, { from, to });
    expect(result.valid).toEqual(candles);
    expect(result.rejected).toEqual([]);
  });

  it.each([
    ['high below low', { high: 8, low: 9, open: 8.5, close: 8.5 }, 'high_below_low'],
    ['high below the open', { open: 13 }, 'high_below_body'],
    ['high below the close', { close: 12.5 }, 'high_below_body'],
    ['low above the open', { open: 8.5 }, 'low_above_body'],
    ['low above the close', { close: 8 }, 'low_above_body'],
    ['negative volume', { volume: -1 }, 'negative_volume'],
    ['NaN open', { open: NaN }, 'non_finite'],
    ['infinite high', { high: Infinity }, 'non_finite'],
    ['NaN volume', { volume: NaN }, 'non_finite'],
    ['NaN adjClose', { adjClose: NaN }, 'non_finite'],
    ['invalid date', { ts: new Date('nope') }, 'non_finite'],
    ['before from', { ts: new Date('2023-12-31T23:59:59.999Z') }, 'outside_range'],
    ['at to (exclusive)', { ts: to }, 'outside_range'],
  ] as const)('rejects %s', (_name, overrides, code) => {
    const bad = candle(overrides);
    const good = candle({ ts: new Date('2024-01-01T01:00:00Z') });
    const result = checkCandleQuality([bad, good], { from, to });
    expect(result.valid).toEqual([good]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0].candle).toBe(bad);
    expect(result.rejected[0].code).toBe(code);
    expect(result.rejected[0].reason.length).toBeGreaterThan(0);
  });

  it('explains with the values', () => {
    const result = checkCandleQuality([candle({ high: 10.5 })], { from, to });
    expect(result.rejected[0].reason).toBe(
      '2024-01-01T00:00:00.000Z: high 10.5 < max(open, close) 11',
    );
  });

  it('has no lower bound when from is null', () => {
    const old = candle({ ts: new Date('1990-01-01T00:00:00Z') });
    const result = checkCandleQuality([old], { from: null, to });
    expect(result.valid).toEqual([old]);
    const late = checkCandleQuality([candle({ ts: new Date('2024-01-05T00:00:00Z') })], {
      from: null,
      to,
    });
    expect(late.rejected[0].reason).toBe(
      'timestamp 2024-01-05T00:00:00.000Z outside [-∞, 2024-01-03T00:00:00.000Z)',
    );
  });

  it('does not mutate its input', () => {
    const input = [candle({ volume: -5 }), candle()];
    const copy = structuredClone(input);
    checkCandleQuality(input, { from, to });
    expect(input).toEqual(copy);
  });
});
