import { place, toStrip, type SymbolCoverage } from './coverage-strip';

const DAY = 86_400_000;

const intervals: SymbolCoverage['intervals'] = [
  {
    interval: '1h',
    first: '2026-01-05T00:00:00.000Z',
    last: '2026-01-15T00:00:00.000Z',
    candles: 100,
    gaps: [
      {
        after: '2026-01-07T00:00:00.000Z',
        before: '2026-01-09T00:00:00.000Z',
        missing_ms: 2 * DAY,
      },
    ],
  },
];

const daily: SymbolCoverage = {
  success: true,
  source: 'yahoo',
  symbol: '7203.T',
  interval: '1d',
  exchange: 'TSE',
  calendar: 'TSE',
  from: '2026-01-05',
  to: '2026-01-30',
  first: '2026-01-05',
  last: '2026-01-28',
  expected_sessions: 19,
  stored_sessions: 15,
  missing_sessions: 3,
  empty_fetched_sessions: 1,
  missing: [
    { from: '2026-01-14', to: '2026-01-14', sessions: 1 },
    { from: '2026-01-29', to: '2026-01-30', sessions: 2 },
  ],
  empty_fetched: [{ from: '2026-01-20', to: '2026-01-20', sessions: 1 }],
  intervals,
};

describe('coverage strip', () => {
  it('daily candles: the counted window, missing sessions and empty answers as holes', () => {
    const strip = toStrip(daily, '1d');
    expect(strip).not.toBeNull();
    expect(strip?.startLabel).toBe('2026-01-05');
    expect(strip?.endLabel).toBe('2026-01-30');
    expect(strip?.end).toBe(Date.parse('2026-01-31'));
    expect(strip?.summary).toBe(
      '15 of 19 sessions stored (TSE) · 3 missing sessions in 2 holes · 1 session the provider had none',
    );
    expect(strip?.holes.map((h) => [h.kind, h.title])).toEqual([
      ['empty', '2026-01-20: 1 session the provider answered empty'],
      ['missing', '2026-01-14: 1 session missing'],
      ['missing', '2026-01-29 → 2026-01-30: 2 sessions missing'],
    ]);
    // A one-day hole is one day wide; the last hole reaches the end of the strip.
    const [, one, last] = strip!.holes;
    expect(place(strip!, one!.start, one!.end).width).toBeCloseTo(100 / 26);
    const tail = place(strip!, last!.start, last!.end);
    expect(tail.left + tail.width).toBeCloseTo(100);
  });

  it('other intervals: the stored span and its gaps; nothing stored: null', () => {
    const strip = toStrip(daily, '1h');
    expect(strip?.summary).toBe('100 candles · 1 gap wider than a market pause');
    expect(strip?.holes[0]?.title).toBe('2026-01-07 → 2026-01-09: 2 days without a candle');
    expect(toStrip(daily, '5m')).toBeNull();
    expect(toStrip({ ...daily, missing: [], missing_sessions: 0 }, '1d')?.summary).toBe(
      '15 of 19 sessions stored (TSE) · none missing · 1 session the provider had none',
    );
    expect(toStrip({ ...daily, first: null, last: null, missing: [] }, '1d')).toBeNull();
  });
});
