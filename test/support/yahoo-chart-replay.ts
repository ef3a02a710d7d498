import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FakeHandler, PROVIDER_FIXTURES_DIR } from './fake-provider-server';

/** One bar of a Yahoo chart answer (`timestamp` in unix seconds, at the session open). */
export interface ChartBar {
  t: number;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  adjclose: number | null;
  volume: number | null;
}

export interface ChartSplit {
  date: number;
  numerator: number;
  denominator: number;
}

/** A Yahoo chart result taken apart, to serve as recorded or changed. */
export interface ChartData {
  meta: Record<string, unknown>;
  bars: ChartBar[];
  dividends: { date: number; amount: number }[];
  splits: ChartSplit[];
}

/** The chart result of a recorded yahoo-finance2 fixture (test/fixtures/providers/yahoo). */
export function recordedChart(file: string): ChartData {
  const body = JSON.parse(readFileSync(join(PROVIDER_FIXTURES_DIR, file), 'utf8')) as {
    response: { bodyJson: { chart: { result: RawResult[] } } };
  };
  const r = body.response.bodyJson.chart.result[0];
  const q = r.indicators.quote[0];
  const adj = r.indicators.adjclose?.[0]?.adjclose ?? [];
  return {
    meta: r.meta,
    bars: r.timestamp.map((t, i) => ({
      t,
      open: q.open[i],
      high: q.high[i],
      low: q.low[i],
      close: q.close[i],
      adjclose: adj[i] ?? null,
      volume: q.volume[i],
    })),
    dividends: Object.values(r.events?.dividends ?? {}),
    splits: Object.values(r.events?.splits ?? {}).map((s) => ({
      date: s.date,
      numerator: s.numerator,
      denominator: s.denominator,
    })),
  };
}

/**
 * The rows a chart's candles are stored as (`ohlcv_data`, ordered by ts): bars with an open, high,
 * low and close, daily ones stamped at UTC midnight of their exchange-local date (`day`).
 */
export function storedRowsOf(chart: ChartData) {
  const offset = chart.meta.gmtoffset as number;
  return chart.bars
    .filter((b) => b.open !== null && b.high !== null && b.low !== null && b.close !== null)
    .map((b) => ({
      day: new Date((b.t + offset) * 1000).toISOString().slice(0, 10),
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      adj_close: b.adjclose,
      volume: b.volume ?? 0,
    }));
}

/**
 * The history as it looked before a `ratio`:1 split on `splitDate` (unix seconds) was applied:
 * bars before `scaledUntil` (default: the split) have prices × ratio and volume ÷ ratio, and the
 * split is not reported.
 */
export function beforeSplit(
  chart: ChartData,
  splitDate: number,
  ratio: number,
  scaledUntil = splitDate,
): ChartData {
  const times = (v: number | null) => (v === null ? null : v * ratio);
  return {
    ...chart,
    splits: chart.splits.filter((s) => s.date !== splitDate),
    bars: chart.bars.map((b) =>
      b.t >= scaledUntil
        ? b
        : {
            ...b,
            open: times(b.open),
            high: times(b.high),
            low: times(b.low),
            close: times(b.close),
            adjclose: times(b.adjclose),
            volume: b.volume === null ? null : b.volume / ratio,
          },
    ),
  };
}

/**
 * Answers `/v8/finance/chart/{symbol}` as Yahoo does: the bars and events of `chart()` in
 * [period1, period2]. `chart` is read on every request, so a test can change what is served.
 */
export function yahooChartHandler(chart: () => ChartData): FakeHandler {
  return (request) => {
    const data = chart();
    const p1 = Number(request.query.get('period1') ?? 0);
    const p2 = Number(request.query.get('period2') ?? Number.MAX_SAFE_INTEGER);
    const bars = data.bars.filter((b) => b.t >= p1 && b.t <= p2);
    const inRange = (date: number) => date >= p1 && date <= p2;
    const events: Record<string, unknown> = {};
    const dividends = data.dividends.filter((d) => inRange(d.date));
    const splits = data.splits.filter((s) => inRange(s.date));
    if (dividends.length) events.dividends = Object.fromEntries(dividends.map((d) => [d.date, d]));
    if (splits.length) {
      events.splits = Object.fromEntries(
        splits.map((s) => [s.date, { ...s, splitRatio: `${s.numerator}:${s.denominator}` }]),
      );
    }
    const column = (key: keyof ChartBar) => bars.map((b) => b[key]);
    return {
      json: {
        chart: {
          result: [
            {
              meta: data.meta,
              timestamp: column('t'),
              ...(Object.keys(events).length ? { events } : {}),
              indicators: {
                quote: [
                  {
                    open: column('open'),
                    high: column('high'),
                    low: column('low'),
                    close: column('close'),
                    volume: column('volume'),
                  },
                ],
                adjclose: [{ adjclose: column('adjclose') }],
              },
            },
          ],
          error: null,
        },
      },
    };
  };
}

interface RawResult {
  meta: Record<string, unknown>;
  timestamp: number[];
  events?: {
    dividends?: Record<string, { date: number; amount: number }>;
    splits?: Record<string, ChartSplit>;
  };
  indicators: {
    quote: Record<'open' | 'high' | 'low' | 'close' | 'volume', (number | null)[]>[];
    adjclose?: { adjclose: (number | null)[] }[];
  };
}
