/** Candle intervals accepted by the API, finest first. */
export const INTERVALS = ['1m', '5m', '15m', '30m', '1h', '1d', '1wk', '1mo'] as const;
export type Interval = (typeof INTERVALS)[number];

export function isInterval(value: string): value is Interval {
  return (INTERVALS as readonly string[]).includes(value);
}

const MINUTE = 60_000;
const FIXED_MS: Record<Exclude<Interval, '1mo'>, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '1d': 1440 * MINUTE,
  '1wk': 7 * 1440 * MINUTE,
};

/** Approximate length of one candle in ms (a month counts 30 days). */
export function intervalMs(interval: Interval): number {
  return interval === '1mo' ? 30 * FIXED_MS['1d'] : FIXED_MS[interval];
}

export function isIntraday(interval: Interval): boolean {
  return intervalMs(interval) < FIXED_MS['1d'];
}

/** Start (UTC) of the candle that contains `t`: weeks start on Monday, months on the 1st. */
export function floorToInterval(t: Date, interval: Interval): Date {
  if (interval === '1mo') return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
  if (interval === '1wk') {
    const day = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
    const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
    return new Date(day - sinceMonday * FIXED_MS['1d']);
  }
  const step = FIXED_MS[interval];
  return new Date(Math.floor(t.getTime() / step) * step);
}

/** Start of the candle after the one starting at `t`. */
export function nextInterval(t: Date, interval: Interval): Date {
  if (interval === '1mo') return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
  return new Date(t.getTime() + FIXED_MS[interval]);
}
