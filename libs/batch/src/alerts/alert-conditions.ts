import { addDays, calendarFor, Exchange, isInterval, isIntraday, utcDayOf } from '@app/market-data';
import { TERMINAL_BATCH_STATUSES } from '@app/persistence';

/**
 * What an evaluation decides about one subject: `true` the condition holds (open the alert or
 * keep it open), `false` it no longer holds (resolve an open alert), `null` nothing can be said
 * yet (leave the alert as it is, e.g. a failed batch running again after retry-failed).
 */
export type Verdict = boolean | null;

const isTerminal = (status: string): boolean =>
  (TERMINAL_BATCH_STATUSES as readonly string[]).includes(status);

/**
 * batch_failed: the batch ended `failed`, or `completed_with_errors` with failed/total at least
 * `minFailedRatio`. Undecided while the batch has not ended.
 */
export function batchFailedVerdict(
  batch: { status: string; totalStocks: number; failedStocks: number },
  minFailedRatio: number,
): Verdict {
  if (!isTerminal(batch.status)) return null;
  if (batch.status === 'failed') return true;
  if (batch.status !== 'completed_with_errors') return false;
  return batch.totalStocks > 0 && batch.failedStocks / batch.totalStocks >= minFailedRatio;
}

/** batch_stalled: running, and no symbol started or ended for `minutes`. */
export function batchStalledVerdict(
  batch: { status: string; lastActivity: Date },
  minutes: number,
  now: Date,
): boolean {
  return (
    batch.status === 'running' && now.getTime() - batch.lastActivity.getTime() >= minutes * 60_000
  );
}

/**
 * repeated_failures over a symbol's newest outcomes (newest first): firing when the newest
 * `count` all failed, resolved when the newest succeeded, else undecided (failing again, but
 * fewer than `count` times in a row: an open alert stays open).
 */
export function repeatedFailuresVerdict(statuses: readonly string[], count: number): Verdict {
  if (statuses.length === 0) return null;
  if (statuses[0] === 'succeeded') return false;
  return statuses.length >= count && statuses.slice(0, count).every((s) => s === 'failed')
    ? true
    : null;
}

/** provider_errors: errors/attempts at least `ratio`, over at least `minAttempts` attempts. */
export function providerErrorsVerdict(
  figures: { attempts: number; errors: number } | undefined,
  ratio: number,
  minAttempts: number,
): boolean {
  if (!figures || figures.attempts < minAttempts || figures.attempts === 0) return false;
  return figures.errors / figures.attempts >= ratio;
}

/**
 * The sessions of `exchange` a series has missed: those strictly after the day of its newest
 * candle and strictly before today (today's session may not have closed yet, so its candle is
 * not due). A daily (or longer) candle's day is its UTC date (daily candles are stamped at UTC
 * midnight of the exchange's date); an intraday candle's is the exchange's date at its time.
 * A Friday candle before a Monday holiday has missed nothing on Tuesday morning, however many
 * calendar days old it is. Null when a day lies outside the calendars' years.
 */
export function missedSessions(
  lastTs: Date,
  interval: string,
  exchange: Exchange,
  now: Date,
): number | null {
  const calendar = calendarFor(exchange);
  const lastDay =
    isInterval(interval) && isIntraday(interval) ? calendar.localDay(lastTs) : utcDayOf(lastTs);
  const today = calendar.localDay(now);
  try {
    return calendar.countSessions(addDays(lastDay, 1), addDays(today, -1));
  } catch {
    return null;
  }
}
