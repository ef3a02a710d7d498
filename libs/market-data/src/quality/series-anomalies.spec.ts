import { calendarFor } from '../calendars/calendar-registry';
import {
  AnomalyCandle,
  detectPriceJumps,
  detectSeriesAnomalies,
  detectStale,
  detectZeroVolumeRuns,
  SeriesAnomalyInput,
  sessionsMissedAfter,
} from './series-anomalies';

const day = (d: string) => new Date(`${d}T00:00:00Z`);
const c = (d: string, close: number, volume = 100): AnomalyCandle => ({
  ts: day(d),
  close,
  volume,
});
const thresholds = { jumpRatio: 3, zeroVolumeRun: 3, staleSessions: 3 };

describe('detectPriceJumps', () => {
  const series = [
    c('2024-01-02', 10),
    c('2024-01-03', 11),
    c('2024-01-04', 110),
    c('2024-01-05', 12),
  ];

  it('finds a close more than the ratio above or below the previous one, at the candle that jumped', () => {
    const found = detectPriceJumps(null, series, [], thresholds);
    expect(found.map((f) => [f.ts.toISOString().slice(0, 10), f.details.ratio])).toEqual([
      ['2024-01-04', 10],
      ['2024-01-05', 0.109091],
    ]);
    expect(found[0]).toMatchObject({
      kind: 'price_jump',
      details: { previous_ts: '2024-01-03T00:00:00.000Z', previous_close: 11, close: 110 },
    });
  });

  it('does not flag a move of exactly the ratio, nor smaller ones', () => {
    expect(
      detectPriceJumps(null, [c('2024-01-02', 10), c('2024-01-03', 30)], [], thresholds),
    ).toEqual([]);
    expect(
      detectPriceJumps(null, [c('2024-01-02', 30), c('2024-01-03', 10)], [], thresholds),
    ).toEqual([]);
  });

  it('compares the first fetched candle with the stored previous close', () => {
    const found = detectPriceJumps(c('2024-01-01', 1), series, [], thresholds);
    expect(found.map((f) => f.ts.toISOString().slice(0, 10))).toEqual([
      '2024-01-02',
      '2024-01-04',
      '2024-01-05',
    ]);
  });

  it('a stored candle at the same time (the overlap) is not a previous close', () => {
    const found = detectPriceJumps(c('2024-01-02', 1), series, [], thresholds);
    expect(found.map((f) => f.ts.toISOString().slice(0, 10))).toEqual(['2024-01-04', '2024-01-05']);
  });

  it('a corporate action that day (or since the previous candle) explains the jump', () => {
    const split = { ts: day('2024-01-04'), type: 'split' as const };
    expect(detectPriceJumps(null, series, [split], thresholds).map((f) => f.ts)).toEqual([
      day('2024-01-05'),
    ]);
    // Intraday: the split is stamped at midnight, the first candle of the day at the open.
    const intraday = [
      { ts: new Date('2024-01-03T20:00:00Z'), close: 100, volume: 1 },
      { ts: new Date('2024-01-04T14:30:00Z'), close: 25, volume: 1 },
    ];
    expect(detectPriceJumps(null, intraday, [split], thresholds)).toEqual([]);
    expect(
      detectPriceJumps(null, series, [{ ts: day('2024-01-05'), type: 'dividend' }], thresholds),
    ).toHaveLength(1);
  });

  it('skips prices of zero or below (no ratio)', () => {
    const odd = [c('2024-01-02', 0), c('2024-01-03', 10), c('2024-01-04', -5), c('2024-01-05', 50)];
    expect(detectPriceJumps(null, odd, [], thresholds)).toEqual([]);
  });
});

describe('detectZeroVolumeRuns', () => {
  it('finds a run once, at the candle where it reaches the threshold', () => {
    const series = [c('2024-01-02', 10, 0), c('2024-01-03', 10, 0), c('2024-01-04', 10, 0)];
    expect(detectZeroVolumeRuns([], series, 3)).toEqual([
      {
        kind: 'zero_volume_run',
        ts: day('2024-01-04'),
        details: { run_start: '2024-01-02T00:00:00.000Z', threshold: 3 },
      },
    ]);
    const longer = [...series, c('2024-01-05', 10, 0), c('2024-01-08', 10, 0)];
    expect(detectZeroVolumeRuns([], longer, 3).map((f) => f.ts)).toEqual([day('2024-01-04')]);
  });

  it('a candle with volume ends the run; a shorter run is not a finding', () => {
    const series = [
      c('2024-01-02', 10, 0),
      c('2024-01-03', 10, 0),
      c('2024-01-04', 10, 7),
      c('2024-01-05', 10, 0),
      c('2024-01-08', 10, 0),
    ];
    expect(detectZeroVolumeRuns([], series, 3)).toEqual([]);
    expect(detectZeroVolumeRuns([], [...series, c('2024-01-09', 10, 0)], 3)).toEqual([
      expect.objectContaining({
        ts: day('2024-01-09'),
        details: expect.objectContaining({ run_start: '2024-01-05T00:00:00.000Z' }),
      }),
    ]);
  });

  it('continues a run from the stored candles before, and does not repeat one found in them', () => {
    const before = [c('2024-01-02', 10, 3), c('2024-01-03', 10, 0), c('2024-01-04', 10, 0)];
    expect(detectZeroVolumeRuns(before, [c('2024-01-05', 10, 0)], 3).map((f) => f.ts)).toEqual([
      day('2024-01-05'),
    ]);
    const reached = [c('2024-01-03', 10, 0), c('2024-01-04', 10, 0), c('2024-01-05', 10, 0)];
    expect(detectZeroVolumeRuns(reached, [c('2024-01-08', 10, 0)], 3)).toEqual([]);
  });
});

describe('detectStale', () => {
  const nyse = calendarFor('NYSE');

  it('counts the sessions after the newest daily candle, before the day of asOf', () => {
    // Fri 2024-03-01; Mon 4, Tue 5, Wed 6 are sessions; asOf during Thu 7 in New York.
    const newest = c('2024-03-01', 10);
    const asOf = new Date('2024-03-07T15:00:00Z');
    expect(detectStale(newest, '1d', nyse, asOf, 3)).toEqual([
      {
        kind: 'stale',
        ts: day('2024-03-01'),
        details: {
          exchange: 'NYSE',
          last_day: '2024-03-01',
          as_of: '2024-03-07T15:00:00.000Z',
          sessions: 3,
          threshold: 3,
        },
      },
    ]);
    expect(detectStale(newest, '1d', nyse, asOf, 4)).toEqual([]);
  });

  it('holidays and weekends are not sessions', () => {
    // Thu 2024-12-19; Fri 20, Mon 23, Tue 24 sessions; 25 Christmas; asOf during Thu 26.
    const newest = c('2024-12-19', 10);
    const asOf = new Date('2024-12-26T18:00:00Z');
    expect(detectStale(newest, '1d', nyse, asOf, 3)).toHaveLength(1);
    expect(detectStale(newest, '1d', nyse, asOf, 4)).toEqual([]);
  });

  it('reads intraday candles in the exchange time zone and weekly ones up to their end', () => {
    // 2024-03-01 20:30 UTC is 15:30 in New York, still Friday's session.
    const intraday = { ts: new Date('2024-03-01T20:30:00Z'), close: 1, volume: 1 };
    const asOf = new Date('2024-03-07T15:00:00Z');
    expect(detectStale(intraday, '1h', nyse, asOf, 3)).toHaveLength(1);
    // The week of Mon 2024-02-26 covers up to Sun 03-03: Mon 4, Tue 5, Wed 6 follow.
    expect(detectStale(c('2024-02-26', 1), '1wk', nyse, asOf, 3)).toHaveLength(1);
    expect(detectStale(c('2024-02-26', 1), '1wk', nyse, asOf, 4)).toEqual([]);
  });

  it('crypto trades every day; no calendar or no candle → nothing', () => {
    const asOf = new Date('2024-03-05T01:00:00Z');
    expect(detectStale(c('2024-03-01', 1), '1d', calendarFor('CRYPTO'), asOf, 3)).toHaveLength(1);
    expect(detectStale(c('2024-03-02', 1), '1d', calendarFor('CRYPTO'), asOf, 3)).toEqual([]);
    expect(detectStale(c('2024-03-01', 1), '1d', null, asOf, 3)).toEqual([]);
    expect(detectStale(null, '1d', nyse, asOf, 3)).toEqual([]);
  });

  it('sessionsMissedAfter: 0 when none went by, null outside the calendars years', () => {
    const asOf = new Date('2024-03-07T15:00:00Z');
    expect(sessionsMissedAfter(day('2024-03-06'), '1d', nyse, asOf)).toEqual({
      lastDay: '2024-03-06',
      sessions: 0,
    });
    expect(sessionsMissedAfter(day('1969-12-01'), '1d', nyse, asOf)).toBeNull();
    expect(sessionsMissedAfter(day('2024-03-01'), '1mo', nyse, asOf)).toEqual({
      lastDay: '2024-03-31',
      sessions: 0,
    });
  });

  it('a candle of today or yesterday is never stale', () => {
    const asOf = new Date('2024-03-07T15:00:00Z');
    expect(detectStale(c('2024-03-06', 1), '1d', nyse, asOf, 1)).toEqual([]);
    expect(detectStale(c('2024-03-07', 1), '1d', nyse, asOf, 1)).toEqual([]);
  });
});

describe('detectSeriesAnomalies', () => {
  const input = (over: Partial<SeriesAnomalyInput>): SeriesAnomalyInput => ({
    interval: '1d',
    before: [],
    candles: [],
    actions: [],
    calendar: calendarFor('NYSE'),
    asOf: new Date('2024-01-09T15:00:00Z'),
    thresholds,
    ...over,
  });

  it('combines the three checks; the newest candle for stale is the last fetched or else the last stored', () => {
    const candles = [c('2024-01-02', 10, 0), c('2024-01-03', 100, 0), c('2024-01-04', 100, 0)];
    const found = detectSeriesAnomalies(input({ candles, asOf: new Date('2024-01-10T15:00:00Z') }));
    expect(found.map((f) => [f.kind, f.ts.toISOString().slice(0, 10)])).toEqual([
      ['price_jump', '2024-01-03'],
      ['zero_volume_run', '2024-01-04'],
      ['stale', '2024-01-04'],
    ]);
    const nothingNew = detectSeriesAnomalies(
      input({ before: candles, asOf: new Date('2024-01-10T15:00:00Z') }),
    );
    expect(nothingNew.map((f) => f.kind)).toEqual(['stale']);
  });

  it('re-detecting the same data gives the same findings (what makes re-ingest record nothing new)', () => {
    const candles = [c('2024-01-02', 10), c('2024-01-03', 100), c('2024-01-04', 100)];
    expect(detectSeriesAnomalies(input({ candles }))).toEqual(
      detectSeriesAnomalies(input({ candles: [...candles] })),
    );
  });
});
