import type { Candle } from '../candle';
import { addDays, utcDayOf } from '../calendars/calendar-day';
import {
  CALENDAR_FIRST_DAY,
  CALENDAR_LAST_DAY,
  TradingCalendar,
} from '../calendars/trading-calendar';
import { type Interval, isIntraday, nextInterval } from '../interval';
import type { CorporateAction } from '../provider';

/** What ingest flags in a series (`data_anomalies.kind`). */
export const SERIES_ANOMALY_KINDS = ['price_jump', 'zero_volume_run', 'stale'] as const;
export type SeriesAnomalyKind = (typeof SERIES_ANOMALY_KINDS)[number];

/**
 * One finding. `ts` is the candle it is about, chosen so that finding it again (the same data
 * re-ingested, or a later fetch that overlaps) gives the same `ts`: price_jump → the candle whose
 * close jumped; zero_volume_run → the candle at which the run reached its threshold length;
 * stale → the newest candle, after which nothing came.
 */
export interface SeriesAnomaly {
  kind: SeriesAnomalyKind;
  ts: Date;
  details: Record<string, unknown>;
}

export interface AnomalyThresholds {
  /**
   * price_jump: a close more than `jumpRatio` times the previous close, or less than
   * 1 / `jumpRatio` of it (ANOMALY_JUMP_RATIO, > 1).
   */
  jumpRatio: number;
  /** zero_volume_run: this many consecutive candles with volume 0 (ANOMALY_ZERO_VOLUME_RUN). */
  zeroVolumeRun: number;
  /** stale: this many sessions of the exchange went by after the newest candle (STALE_SESSIONS). */
  staleSessions: number;
}

/** The candle fields detection reads. */
export type AnomalyCandle = Pick<Candle, 'ts' | 'close' | 'volume'>;

export interface SeriesAnomalyInput {
  interval: Interval;
  /**
   * Stored candles just before `candles`, oldest first (what the fetch read anyway: the previous
   * close, and the start of a zero-volume run that goes on). Findings inside them are not repeated.
   */
  before: readonly AnomalyCandle[];
  /** The candles just fetched (valid ones), oldest first. */
  candles: readonly AnomalyCandle[];
  /** Corporate actions of the fetched range (a jump on their day is expected). */
  actions: readonly Pick<CorporateAction, 'ts' | 'type'>[];
  /** The exchange's calendar, or null when the symbol has none of ours (no stale check). */
  calendar: TradingCalendar | null;
  /** When the series is judged: now, or the end of the fetched range when earlier. */
  asOf: Date;
  thresholds: AnomalyThresholds;
}

/** price_jump, zero_volume_run and stale findings of a fetch (pure; order: by kind, then ts). */
export function detectSeriesAnomalies(input: SeriesAnomalyInput): SeriesAnomaly[] {
  const { before, candles, thresholds } = input;
  return [
    ...detectPriceJumps(before[before.length - 1] ?? null, candles, input.actions, thresholds),
    ...detectZeroVolumeRuns(before, candles, thresholds.zeroVolumeRun),
    ...detectStale(
      candles[candles.length - 1] ?? before[before.length - 1] ?? null,
      input.interval,
      input.calendar,
      input.asOf,
      thresholds.staleSessions,
    ),
  ];
}

/**
 * Closes that move more than `jumpRatio` against the previous close (up or down), unless a
 * corporate action falls on the candle's day or between the previous candle and it. Prices of
 * zero or below have no ratio and are skipped.
 */
export function detectPriceJumps(
  previous: AnomalyCandle | null,
  candles: readonly AnomalyCandle[],
  actions: readonly Pick<CorporateAction, 'ts' | 'type'>[],
  thresholds: Pick<AnomalyThresholds, 'jumpRatio'>,
): SeriesAnomaly[] {
  const found: SeriesAnomaly[] = [];
  let prev = previous;
  for (const candle of candles) {
    if (prev && prev.ts.getTime() < candle.ts.getTime() && prev.close > 0 && candle.close > 0) {
      const ratio = candle.close / prev.close;
      const move = Math.max(ratio, 1 / ratio);
      if (move > thresholds.jumpRatio && !actionBetween(actions, prev.ts, candle.ts)) {
        found.push({
          kind: 'price_jump',
          ts: candle.ts,
          details: {
            previous_ts: prev.ts.toISOString(),
            previous_close: prev.close,
            close: candle.close,
            ratio: round(ratio),
            threshold: thresholds.jumpRatio,
          },
        });
      }
    }
    prev = candle;
  }
  return found;
}

function actionBetween(
  actions: readonly Pick<CorporateAction, 'ts'>[],
  previous: Date,
  current: Date,
): boolean {
  const day = utcDayOf(current);
  return actions.some(
    (a) =>
      (a.ts.getTime() > previous.getTime() && a.ts.getTime() <= current.getTime()) ||
      utcDayOf(a.ts) === day,
  );
}

/**
 * Runs of `minRun` or more consecutive candles with volume 0: one finding per run, at the candle
 * where the run reaches `minRun` (so a run that goes on over later fetches is found once). A run
 * that reached `minRun` inside `before` was found when those candles came.
 */
export function detectZeroVolumeRuns(
  before: readonly AnomalyCandle[],
  candles: readonly AnomalyCandle[],
  minRun: number,
): SeriesAnomaly[] {
  const found: SeriesAnomaly[] = [];
  const all = [...before, ...candles];
  let start = 0;
  for (let i = 0; i < all.length; i += 1) {
    if (all[i].volume !== 0) {
      start = i + 1;
    } else if (i - start + 1 === minRun && i >= before.length) {
      found.push({
        kind: 'zero_volume_run',
        ts: all[i].ts,
        details: { run_start: all[start].ts.toISOString(), threshold: minRun },
      });
    }
  }
  return found;
}

/**
 * Stale: at least `minSessions` sessions of the exchange went by after the newest candle
 * (sessionsMissedAfter). No calendar (or a date outside the calendars' years) → no finding.
 */
export function detectStale(
  newest: AnomalyCandle | null,
  interval: Interval,
  calendar: TradingCalendar | null,
  asOf: Date,
  minSessions: number,
): SeriesAnomaly[] {
  if (!newest || !calendar) return [];
  const missed = sessionsMissedAfter(newest.ts, interval, calendar, asOf);
  if (missed === null || missed.sessions < minSessions) return [];
  return [
    {
      kind: 'stale',
      ts: newest.ts,
      details: {
        exchange: calendar.exchange,
        last_day: missed.lastDay,
        as_of: asOf.toISOString(),
        sessions: missed.sessions,
        threshold: minSessions,
      },
    },
  ];
}

/**
 * The sessions of `calendar` a series whose newest candle opens at `newestTs` has missed by
 * `asOf`: those after the last day that candle covers and before `asOf`'s day (the session in
 * progress that day is not due yet). Daily and longer candles are stamped at UTC midnight of
 * their exchange-local date and cover up to their next stamp (a weekly candle its week); intraday
 * candles are read in the exchange's time zone. Null when a day lies outside the calendars' years.
 */
export function sessionsMissedAfter(
  newestTs: Date,
  interval: Interval,
  calendar: TradingCalendar,
  asOf: Date,
): { lastDay: string; sessions: number } | null {
  const lastDay = isIntraday(interval)
    ? calendar.localDay(newestTs)
    : utcDayOf(new Date(nextInterval(newestTs, interval).getTime() - 1));
  const from = addDays(lastDay, 1);
  const to = addDays(calendar.localDay(asOf), -1);
  if (from < CALENDAR_FIRST_DAY || to > CALENDAR_LAST_DAY) return null;
  return { lastDay, sessions: to < from ? 0 : calendar.countSessions(from, to) };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
