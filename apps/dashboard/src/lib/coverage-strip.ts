import type { Schemas } from '../api/client';

/** `GET /api/symbols/:symbol/coverage`. */
export type SymbolCoverage = Schemas['SymbolCoverageResponseDto'];

const DAY_MS = 86_400_000;

/** What the coverage strip draws: a span (ms, end exclusive) and its holes. */
export interface Strip {
  start: number;
  end: number;
  /** First and last day shown under the strip. */
  startLabel: string;
  endLabel: string;
  holes: {
    start: number;
    end: number;
    /** missing: neither stored nor answered empty; empty: the provider had nothing (the ledger). */
    kind: 'missing' | 'empty';
    title: string;
  }[];
  summary: string;
}

const plural = (n: number, word: string): string =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

const range = (from: string, to: string): string => (from === to ? from : `${from} → ${to}`);

/**
 * Reads the answer for the chart's interval. Daily candles (1d): calendar-aware, over the window
 * the API counted (from the first stored day to the last session before today, by default), the
 * missing sessions and those the provider answered empty as holes. Other intervals: the stored
 * span of that interval and its gaps wider than a market pause (`intervals`). Null: nothing stored.
 */
export function toStrip(body: SymbolCoverage, interval: string): Strip | null {
  if (interval === '1d' && body.first && body.last && Array.isArray(body.missing)) {
    const from = body.from ?? body.first;
    const to = body.to ?? body.last;
    const missing = body.missing;
    const empty = body.empty_fetched ?? [];
    const holes: Strip['holes'] = [
      ...empty.map((e) => ({
        start: Date.parse(e.from),
        end: Date.parse(e.to) + DAY_MS,
        kind: 'empty' as const,
        title: `${range(e.from, e.to)}: ${plural(e.sessions, 'session')} the provider answered empty`,
      })),
      ...missing.map((m) => ({
        start: Date.parse(m.from),
        end: Date.parse(m.to) + DAY_MS,
        kind: 'missing' as const,
        title: `${range(m.from, m.to)}: ${plural(m.sessions, 'session')} missing`,
      })),
    ];
    const emptyCount = body.empty_fetched_sessions ?? 0;
    return {
      start: Date.parse(from),
      end: Date.parse(to) + DAY_MS,
      startLabel: from,
      endLabel: to,
      holes,
      summary:
        `${(body.stored_sessions ?? 0).toLocaleString('en-US')} of ${plural(body.expected_sessions ?? 0, 'session')} stored` +
        ` (${body.calendar ?? body.exchange ?? 'weekdays'})` +
        (missing.length === 0
          ? ' · none missing'
          : ` · ${plural(body.missing_sessions ?? 0, 'missing session')} in ${plural(missing.length, 'hole')}`) +
        (emptyCount > 0 ? ` · ${plural(emptyCount, 'session')} the provider had none` : ''),
    };
  }
  const stored = body.intervals.find((i) => i.interval === interval);
  if (stored === undefined) return null;
  return {
    start: Date.parse(stored.first),
    end: Date.parse(stored.last),
    startLabel: stored.first.slice(0, 10),
    endLabel: stored.last.slice(0, 10),
    holes: stored.gaps.map((g) => ({
      start: Date.parse(g.after),
      end: Date.parse(g.before),
      kind: 'missing' as const,
      title: `${g.after.slice(0, 10)} → ${g.before.slice(0, 10)}: ${Math.round(g.missing_ms / DAY_MS)} days without a candle`,
    })),
    summary: `${plural(stored.candles, 'candle')} · ${plural(stored.gaps.length, 'gap')} wider than a market pause`,
  };
}

/** Left offset and width in % of the strip for a hole (at least a sliver, so one day shows). */
export function place(strip: Strip, start: number, end: number): { left: number; width: number } {
  const span = Math.max(1, strip.end - strip.start);
  const left = ((start - strip.start) / span) * 100;
  const right = ((end - strip.start) / span) * 100;
  return {
    left: Math.max(0, Math.min(100, left)),
    width: Math.max(0.3, Math.min(100, right) - Math.max(0, left)),
  };
}
