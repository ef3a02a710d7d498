import type { Candle } from '../candle';

/** Why a candle was rejected; stable codes, for counting. */
export type CandleRejectionCode =
  | 'non_finite'
  | 'outside_range'
  | 'high_below_low'
  | 'high_below_body'
  | 'low_above_body'
  | 'negative_volume';

export interface RejectedCandle {
  candle: Candle;
  code: CandleRejectionCode;
  /** Human-readable, with the offending values. */
  reason: string;
}

export interface CandleQualityResult {
  valid: Candle[];
  rejected: RejectedCandle[];
}

export interface CandleQualityRange {
  /** Inclusive; null: no lower bound. */
  from: Date | null;
  /** Exclusive. */
  to: Date;
}

/**
 * Splits candles into valid ones and rejected ones with the first reason found, checked in this
 * order: a non-finite number or an invalid timestamp (adjClose may be null), a timestamp outside
 * [from, to), high < low, high < max(open, close), low > min(open, close), volume < 0.
 * Pure: keeps the input order and never mutates the candles.
 */
export function checkCandleQuality(
  candles: readonly Candle[],
  range: CandleQualityRange,
): CandleQualityResult {
  const valid: Candle[] = [];
  const rejected: RejectedCandle[] = [];
  for (const candle of candles) {
    const problem = candleProblem(candle, range);
    if (problem) rejected.push({ candle, ...problem });
    else valid.push(candle);
  }
  return { valid, rejected };
}

function candleProblem(
  c: Candle,
  range: CandleQualityRange,
): { code: CandleRejectionCode; reason: string } | null {
  const ts = c.ts instanceof Date ? c.ts.getTime() : NaN;
  if (!Number.isFinite(ts)) return { code: 'non_finite', reason: 'timestamp is not a valid date' };
  // Hot path (every candle of every job): no allocation unless the candle is rejected.
  const bad = notFinite(c);
  if (bad) {
    return { code: 'non_finite', reason: `${bad} is not a finite number (${String(c[bad])})` };
  }
  if ((range.from && ts < range.from.getTime()) || ts >= range.to.getTime()) {
    const iso = c.ts.toISOString();
    const from = range.from ? range.from.toISOString() : '-∞';
    return {
      code: 'outside_range',
      reason: `timestamp ${iso} outside [${from}, ${range.to.toISOString()})`,
    };
  }
  if (c.high < c.low) {
    return {
      code: 'high_below_low',
      reason: `${c.ts.toISOString()}: high ${c.high} < low ${c.low}`,
    };
  }
  const top = Math.max(c.open, c.close);
  if (c.high < top) {
    return {
      code: 'high_below_body',
      reason: `${c.ts.toISOString()}: high ${c.high} < max(open, close) ${top}`,
    };
  }
  const bottom = Math.min(c.open, c.close);
  if (c.low > bottom) {
    return {
      code: 'low_above_body',
      reason: `${c.ts.toISOString()}: low ${c.low} > min(open, close) ${bottom}`,
    };
  }
  if (c.volume < 0)
    return { code: 'negative_volume', reason: `${c.ts.toISOString()}: volume ${c.volume} < 0` };
  return null;
}

const isFiniteNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/** The first field (in the order open, high, low, close, volume, adjClose) that is not finite. */
function notFinite(c: Candle): 'open' | 'high' | 'low' | 'close' | 'volume' | 'adjClose' | null {
  if (!isFiniteNumber(c.open)) return 'open';
  if (!isFiniteNumber(c.high)) return 'high';
  if (!isFiniteNumber(c.low)) return 'low';
  if (!isFiniteNumber(c.close)) return 'close';
  if (!isFiniteNumber(c.volume)) return 'volume';
  if (c.adjClose !== null && !isFiniteNumber(c.adjClose)) return 'adjClose';
  return null;
}
