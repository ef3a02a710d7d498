import type { Candle } from '../candle';

/**
 * Relative difference of two prices beyond which they are not the same price rounded differently:
 * 0.1 %, above the rounding of prices given to 4 significant digits (≤ 0.05 %) and far below any
 * split or reverse split (≥ 5 %).
 */
export const OVERLAP_TOLERANCE = 0.001;

/** The candle fields the overlap check reads. */
export type OverlapCandle = Pick<Candle, 'ts' | 'open' | 'high' | 'low'>;

/**
 * Whether the re-fetched overlap candle (the newest stored one, fetched again by an incremental
 * fetch) disagrees with the stored one beyond rounding, i.e. the provider now serves the series
 * on another basis (a split it applied, a correction): a sentence saying how, or null when they
 * agree. That candle may have been stored unfinished, so only what a finishing candle cannot
 * change is compared: its open, and its high and low, which can only widen.
 */
export function overlapDisagreement(
  stored: OverlapCandle,
  fetched: OverlapCandle,
  tolerance = OVERLAP_TOLERANCE,
): string | null {
  const differs = (a: number, b: number) =>
    Math.abs(a - b) > tolerance * Math.max(Math.abs(a), Math.abs(b));
  const at = stored.ts.toISOString();
  if (differs(stored.open, fetched.open)) {
    return `the candle of ${at} opened at ${fetched.open}, stored ${stored.open}`;
  }
  if (fetched.high < stored.high && differs(stored.high, fetched.high)) {
    return `the candle of ${at} has high ${fetched.high}, below the stored ${stored.high}`;
  }
  if (fetched.low > stored.low && differs(stored.low, fetched.low)) {
    return `the candle of ${at} has low ${fetched.low}, above the stored ${stored.low}`;
  }
  return null;
}
