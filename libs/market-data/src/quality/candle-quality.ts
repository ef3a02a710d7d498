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
  const fields: [string, number | null][] = [
    ['open', c.open],
    ['high', c.high],
    ['low', c.low],
    ['close', c.close],
    ['volume', c.volume],
    ['adjClose', c.adjClose],
  ];
  for (const [name, value] of fields) {
    if (name === 'adjClose' && value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { code: 'non_finite', reason: `${name} is not a finite number (${String(value)})` };
    }
  }
  const iso = c.ts.toISOString();
  if ((range.from && ts < range.from.getTime()) || ts >= range.to.getTime()) {
    const from = range.from ? range.from.toISOString() : '-∞';
    return {
      code: 'outside_range',
      reason: `timestamp ${iso} outside [${from}, ${range.to.toISOString()})`,
    };
  }
  if (c.high < c.low) {
    return { code: 'high_below_low', reason: `${iso}: high ${c.high} < low ${c.low}` };
  }
  const top = Math.max(c.open, c.close);
  if (c.high < top) {
    return { code: 'high_below_body', reason: `${iso}: high ${c.high} < max(open, close) ${top}` };
  }
  const bottom = Math.min(c.open, c.close);
  if (c.low > bottom) {
    return { code: 'low_above_body', reason: `${iso}: low ${c.low} > min(open, close) ${bottom}` };
  }
  if (c.volume < 0) return { code: 'negative_volume', reason: `${iso}: volume ${c.volume} < 0` };
  return null;
}
