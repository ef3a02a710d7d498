import { buildReport, progressLine, scenarioResult, ScenarioParts } from './chaos-report';

const parts = (over: Partial<ScenarioParts> = {}): ScenarioParts => ({
  scenario: 'redis-restart',
  durationMs: 12_345.6,
  batches: 3,
  counts: { '503': 4, '200': 40, '202': 3 },
  unexpected: [],
  invariants: [{ name: 'no_duplicate_keys', ok: true, violations: [] }],
  checks: [{ name: 'apps_alive', ok: true }],
  recoveryMs: { redis_back_to_start_ok: 812.4 },
  figures: { symbols: 40 },
  ...over,
});

describe('scenarioResult', () => {
  it('passes when everything held, rounding figures and sorting statuses', () => {
    const r = scenarioResult(parts());
    expect(r).toEqual({
      scenario: 'redis-restart',
      passed: true,
      duration_s: 12.35,
      batches: 3,
      responses_by_status: { '200': 40, '202': 3, '503': 4 },
      unexpected_responses: { count: 0, first: [] },
      invariants: [{ name: 'no_duplicate_keys', ok: true, violations: [] }],
      checks: [{ name: 'apps_alive', ok: true }],
      recovery_ms: { redis_back_to_start_ok: 812 },
      figures: { symbols: 40 },
    });
    expect(Object.keys(r.responses_by_status)).toEqual(['200', '202', '503']);
  });

  it.each([
    ['an invariant', { invariants: [{ name: 'x', ok: false, violations: ['v'] }] }],
    ['a check', { checks: [{ name: 'x', ok: false }] }],
    ['an unexpected answer', { unexpected: [{ status: 500 }] }],
    ['a dependency that did not recover', { recoveryMs: { a: 10, b: null } }],
    ['an error', { error: 'boom' }],
  ])('fails on %s', (_what, over) => {
    expect(scenarioResult(parts(over as Partial<ScenarioParts>)).passed).toBe(false);
  });

  it('keeps the first five unexpected answers and their count', () => {
    const unexpected = Array.from({ length: 7 }, (_, i) => ({ status: 500, i }));
    const r = scenarioResult(parts({ unexpected }));
    expect(r.unexpected_responses.count).toBe(7);
    expect(r.unexpected_responses.first).toHaveLength(5);
  });
});

describe('buildReport', () => {
  it('passes only when every scenario passed and names the failed ones', () => {
    const ok = scenarioResult(parts());
    const bad = scenarioResult(parts({ scenario: 'bad-input', error: 'x' }));
    const start = new Date('2026-12-05T06:00:00Z');
    expect(buildReport([ok], start, 61_234, true)).toMatchObject({
      suite: 'chaos',
      smoke: true,
      started_at: '2026-12-05T06:00:00.000Z',
      duration_s: 61.2,
      passed: true,
      scenarios_passed: 1,
      scenarios_failed: [],
    });
    const failed = buildReport([ok, bad], start, 1_000, false);
    expect(failed.passed).toBe(false);
    expect(failed.scenarios_failed).toEqual(['bad-input']);
    expect(buildReport([], start, 0, false).passed).toBe(false);
  });
});

describe('progressLine', () => {
  it('says pass or fail, the answers, the recovery and what broke', () => {
    expect(progressLine(scenarioResult(parts()))).toBe(
      '[chaos] PASS redis-restart 12.35s batches=3 [200:40 202:3 503:4] recovery redis_back_to_start_ok=812ms',
    );
    const line = progressLine(
      scenarioResult(
        parts({
          checks: [{ name: 'answers_within_bound', ok: false }],
          unexpected: [{ status: 500 }],
          recoveryMs: { redis_back_to_start_ok: null },
        }),
      ),
    );
    expect(line).toMatch(/^\[chaos\] FAIL redis-restart/);
    expect(line).toContain(
      '— answers_within_bound; 1 unexpected; redis_back_to_start_ok did not recover',
    );
  });
});
