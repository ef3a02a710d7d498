import { CronExpressionParser } from 'cron-parser';
import { BatchValidationError } from '../errors/batch-validation.error';

const ALIASES = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly'];

/** Throws a BatchValidationError naming the field unless `timezone` is an IANA time zone. */
export function checkTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new BatchValidationError(
      `timezone "${timezone.slice(0, 64)}" is not an IANA time zone (e.g. "UTC", "Asia/Tokyo", "America/New_York")`,
      { field: 'timezone' },
      'INVALID_TIMEZONE',
    );
  }
}

/**
 * Checks a cron expression as BullMQ will read it (cron-parser): 5 fields (minute hour day month
 * weekday), 6 with seconds first, or an alias such as @daily; one that never fires is refused.
 */
export function checkCron(cron: string, timezone: string): void {
  const fields = cron.trim().split(/\s+/);
  const alias = fields.length === 1 && ALIASES.includes(fields[0].toLowerCase());
  const invalid = (why: string): BatchValidationError =>
    new BatchValidationError(
      `cron "${cron.slice(0, 100)}" is not a valid cron expression: ${why}`,
      { field: 'cron' },
      'INVALID_CRON',
    );
  if (!alias && (fields.length < 5 || fields.length > 6)) {
    throw invalid(
      `expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, got ${fields.length}`,
    );
  }
  let next: Date | null;
  try {
    next = nextRun(cron, timezone, new Date());
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error));
  }
  if (!next) throw invalid('it never fires');
}

/** The first tick after `after`, or null when there is none. */
export function nextRun(cron: string, timezone: string, after: Date): Date | null {
  const expression = CronExpressionParser.parse(cron, { tz: timezone, currentDate: after });
  return expression.hasNext() ? expression.next().toDate() : null;
}

const YEAR_MS = 366 * 86_400_000;

/**
 * The shortest time between two consecutive ticks among the next ones (up to `ticks`, or a year
 * of them once two are known: a cron expression's pattern of gaps repeats within a year, except
 * for day-of-week and leap-day alignments), stopping early once a gap is below `stopBelowMs`.
 * Null when it fires fewer than twice.
 */
export function shortestGapMs(
  cron: string,
  timezone: string,
  after: Date,
  options: { ticks?: number; stopBelowMs?: number } = {},
): number | null {
  const { ticks = 64, stopBelowMs = 0 } = options;
  const expression = CronExpressionParser.parse(cron, { tz: timezone, currentDate: after });
  let first: number | null = null;
  let previous: number | null = null;
  let shortest: number | null = null;
  for (let n = 0; n < ticks && expression.hasNext(); n += 1) {
    const at = expression.next().toDate().getTime();
    if (previous !== null) {
      shortest = shortest === null ? at - previous : Math.min(shortest, at - previous);
      if (shortest < stopBelowMs || at - (first ?? at) > YEAR_MS) break;
    }
    first ??= at;
    previous = at;
  }
  return shortest;
}

/**
 * Refuses (400 SCHEDULE_TOO_FREQUENT) a cron expression two of whose upcoming consecutive ticks
 * are closer than `minSeconds` (SCHEDULE_MIN_INTERVAL_S): a schedule that fires every second
 * would start a batch every second.
 */
export function checkCronPeriod(
  cron: string,
  timezone: string,
  minSeconds: number,
  after = new Date(),
): void {
  const gap = shortestGapMs(cron, timezone, after, { stopBelowMs: minSeconds * 1000 });
  if (gap !== null && gap < minSeconds * 1000) {
    throw new BatchValidationError(
      `cron "${cron.slice(0, 100)}" fires ${gap / 1000} s after a previous tick; schedules may fire at most once every ${minSeconds} s (SCHEDULE_MIN_INTERVAL_S)`,
      { field: 'cron', min_interval_s: minSeconds, shortest_gap_s: gap / 1000 },
      'SCHEDULE_TOO_FREQUENT',
    );
  }
}
