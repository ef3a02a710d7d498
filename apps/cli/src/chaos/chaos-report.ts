import type { StatusCounts } from './chaos-http';
import type { InvariantResult } from './invariants';

/** A check of one scenario beyond the data invariants (e.g. "every answer 4xx"). */
export interface ScenarioCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

/** What one scenario measured and checked. */
export interface ScenarioResult {
  scenario: string;
  passed: boolean;
  duration_s: number;
  batches: number;
  responses_by_status: StatusCounts;
  /** Answers that must never happen: any 5xx but 503, or a 503/failed request outside an outage. */
  unexpected_responses: { count: number; first: unknown[] };
  invariants: InvariantResult[];
  checks: ScenarioCheck[];
  /** ms from the dependency's return until a call succeeded again (null: it did not). */
  recovery_ms: Record<string, number | null>;
  figures: Record<string, unknown>;
  error?: string;
}

export interface ChaosReport {
  suite: 'chaos';
  smoke: boolean;
  started_at: string;
  duration_s: number;
  passed: boolean;
  scenarios_passed: number;
  scenarios_failed: string[];
  scenarios: ScenarioResult[];
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export interface ScenarioParts {
  scenario: string;
  durationMs: number;
  batches: number;
  counts: StatusCounts;
  unexpected: unknown[];
  invariants: InvariantResult[];
  checks: ScenarioCheck[];
  recoveryMs: Record<string, number | null>;
  figures: Record<string, unknown>;
  error?: string;
}

/**
 * One scenario's result: it passes when it ran to the end, every invariant and check holds, no
 * unexpected answer came and every dependency recovered.
 */
export function scenarioResult(p: ScenarioParts): ScenarioResult {
  const recovered = Object.values(p.recoveryMs).every((v) => v !== null);
  const passed =
    p.error === undefined &&
    p.unexpected.length === 0 &&
    recovered &&
    p.invariants.every((i) => i.ok) &&
    p.checks.every((c) => c.ok);
  return {
    scenario: p.scenario,
    passed,
    duration_s: round(p.durationMs / 1000),
    batches: p.batches,
    responses_by_status: Object.fromEntries(
      Object.entries(p.counts).sort(([a], [b]) => a.localeCompare(b)),
    ),
    unexpected_responses: { count: p.unexpected.length, first: p.unexpected.slice(0, 5) },
    invariants: p.invariants,
    checks: p.checks,
    recovery_ms: Object.fromEntries(
      Object.entries(p.recoveryMs).map(([k, v]) => [k, v === null ? null : Math.round(v)]),
    ),
    figures: p.figures,
    ...(p.error === undefined ? {} : { error: p.error }),
  };
}

export function buildReport(
  scenarios: ScenarioResult[],
  startedAt: Date,
  durationMs: number,
  smoke: boolean,
): ChaosReport {
  const failed = scenarios.filter((s) => !s.passed).map((s) => s.scenario);
  return {
    suite: 'chaos',
    smoke,
    started_at: startedAt.toISOString(),
    duration_s: round(durationMs / 1000, 1),
    passed: scenarios.length > 0 && failed.length === 0,
    scenarios_passed: scenarios.length - failed.length,
    scenarios_failed: failed,
    scenarios,
  };
}

/** The progress line printed when a scenario ends. */
export function progressLine(r: ScenarioResult): string {
  const statuses = Object.entries(r.responses_by_status)
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');
  const broken = [
    ...r.invariants.filter((i) => !i.ok).map((i) => i.name),
    ...r.checks.filter((c) => !c.ok).map((c) => c.name),
    ...(r.unexpected_responses.count > 0 ? [`${r.unexpected_responses.count} unexpected`] : []),
    ...Object.entries(r.recovery_ms)
      .filter(([, v]) => v === null)
      .map(([k]) => `${k} did not recover`),
    ...(r.error ? [`error: ${r.error}`] : []),
  ];
  const recovery = Object.entries(r.recovery_ms)
    .map(([k, v]) => `${k}=${v ?? '-'}ms`)
    .join(' ');
  return `[chaos] ${r.passed ? 'PASS' : 'FAIL'} ${r.scenario} ${r.duration_s}s batches=${r.batches} [${statuses}]${recovery ? ` recovery ${recovery}` : ''}${broken.length ? ` — ${broken.join('; ')}` : ''}`;
}
