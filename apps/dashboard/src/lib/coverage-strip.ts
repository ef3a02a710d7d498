/** What the coverage strip draws: the stored span and its holes, from either coverage answer. */
export interface Strip {
  first: string;
  last: string;
  holes: { from: string; to: string; label: string }[];
  summary: string;
}

interface TodayCoverage {
  intervals?: {
    interval: string;
    first: string;
    last: string;
    candles: number;
    gaps: { after: string; before: string; missing_ms: number }[];
  }[];
}

/** The contract's calendar-aware answer (issue 15). */
interface CalendarCoverage {
  first?: string | null;
  last?: string | null;
  expected_sessions?: number;
  stored_sessions?: number;
  missing?: { from: string; to: string; sessions: number }[];
}

/**
 * Reads `GET /api/symbols/:symbol/coverage` in the contract's calendar-aware form (missing
 * sessions) or in the API's present form (per interval, gaps wider than a market pause).
 */
export function toStrip(body: unknown, interval: string): Strip | null {
  const calendar = body as CalendarCoverage;
  if (Array.isArray(calendar.missing) && calendar.first && calendar.last) {
    const missing = calendar.missing;
    return {
      first: calendar.first,
      last: calendar.last,
      holes: missing.map((m) => ({
        from: m.from,
        to: m.to,
        label: `${m.sessions} sessions missing`,
      })),
      summary: `${calendar.stored_sessions ?? '?'} of ${calendar.expected_sessions ?? '?'} sessions stored · ${missing.length} holes`,
    };
  }
  const today = (body as TodayCoverage).intervals?.find((i) => i.interval === interval);
  if (today === undefined) return null;
  return {
    first: today.first,
    last: today.last,
    holes: today.gaps.map((g) => ({
      from: g.after,
      to: g.before,
      label: `${Math.round(g.missing_ms / 86_400_000)} days without a candle`,
    })),
    summary: `${today.candles.toLocaleString('en-US')} candles · ${today.gaps.length} gaps wider than a market pause`,
  };
}

/** Left offset and width in % of [first, last] for a hole. */
export function place(strip: Strip, from: string, to: string): { left: number; width: number } {
  const start = Date.parse(strip.first);
  const span = Math.max(1, Date.parse(strip.last) - start);
  const left = ((Date.parse(from) - start) / span) * 100;
  const right = ((Date.parse(to) - start) / span) * 100;
  return {
    left: Math.max(0, Math.min(100, left)),
    width: Math.max(0.3, Math.min(100, right) - Math.max(0, left)),
  };
}
