import {
  batchFailedVerdict,
  batchStalledVerdict,
  missedSessions,
  providerErrorsVerdict,
  repeatedFailuresVerdict,
} from './alert-conditions';

describe('batchFailedVerdict', () => {
  const b = (status: string, failedStocks: number, totalStocks = 10) => ({
    status,
    failedStocks,
    totalStocks,
  });
  it('fires on failed, and on completed_with_errors at or over the ratio', () => {
    expect(batchFailedVerdict(b('failed', 0), 0.5)).toBe(true);
    expect(batchFailedVerdict(b('completed_with_errors', 5), 0.5)).toBe(true);
    expect(batchFailedVerdict(b('completed_with_errors', 4), 0.5)).toBe(false);
    expect(batchFailedVerdict(b('completed', 0), 0.5)).toBe(false);
    expect(batchFailedVerdict(b('stopped', 3), 0.1)).toBe(false);
  });
  it('says nothing while the batch runs (retry-failed re-opened it)', () => {
    expect(batchFailedVerdict(b('running', 9), 0.5)).toBeNull();
    expect(batchFailedVerdict(b('paused', 9), 0.5)).toBeNull();
  });
});

describe('batchStalledVerdict', () => {
  const now = new Date('2026-01-01T00:10:00Z');
  it('fires for a running batch idle for at least the minutes', () => {
    expect(
      batchStalledVerdict(
        { status: 'running', lastActivity: new Date('2026-01-01T00:05:00Z') },
        5,
        now,
      ),
    ).toBe(true);
    expect(
      batchStalledVerdict(
        { status: 'running', lastActivity: new Date('2026-01-01T00:05:01Z') },
        5,
        now,
      ),
    ).toBe(false);
    expect(
      batchStalledVerdict(
        { status: 'paused', lastActivity: new Date('2025-01-01T00:00:00Z') },
        5,
        now,
      ),
    ).toBe(false);
  });
});

describe('repeatedFailuresVerdict', () => {
  it('fires on count failures in a row, resolves on a success, else undecided', () => {
    expect(repeatedFailuresVerdict(['failed', 'failed', 'failed'], 3)).toBe(true);
    expect(repeatedFailuresVerdict(['failed', 'failed'], 3)).toBeNull();
    expect(repeatedFailuresVerdict(['failed', 'failed', 'succeeded'], 3)).toBeNull();
    expect(repeatedFailuresVerdict(['succeeded', 'failed', 'failed'], 3)).toBe(false);
    expect(repeatedFailuresVerdict([], 3)).toBeNull();
  });
});

describe('providerErrorsVerdict', () => {
  it('needs the minimum of attempts and the ratio', () => {
    expect(providerErrorsVerdict({ attempts: 20, errors: 10 }, 0.5, 20)).toBe(true);
    expect(providerErrorsVerdict({ attempts: 19, errors: 19 }, 0.5, 20)).toBe(false);
    expect(providerErrorsVerdict({ attempts: 40, errors: 19 }, 0.5, 20)).toBe(false);
    expect(providerErrorsVerdict(undefined, 0.5, 1)).toBe(false);
  });
});

describe('missedSessions (TSE)', () => {
  const candle = (day: string) => new Date(`${day}T00:00:00Z`);
  // 10:00 in Tokyo on a Wednesday.
  const wednesday = new Date('2024-01-10T01:00:00Z');

  it('counts sessions strictly between the candle and today', () => {
    // Thursday 4 Jan → Wednesday 10 Jan: Fri 5 and Tue 9 (Mon 8 is Coming of Age Day).
    expect(missedSessions(candle('2024-01-04'), '1d', 'TSE', wednesday)).toBe(2);
    expect(missedSessions(candle('2024-01-09'), '1d', 'TSE', wednesday)).toBe(0);
  });

  it('does not count a holiday weekend: Friday 5 Jan is one session old on Wednesday 10 Jan', () => {
    expect(missedSessions(candle('2024-01-05'), '1d', 'TSE', wednesday)).toBe(1);
    // The year-end closure: 29 Dec 2023 → 5 Jan 2024 missed only 4 Jan.
    expect(
      missedSessions(candle('2023-12-29'), '1d', 'TSE', new Date('2024-01-05T01:00:00Z')),
    ).toBe(1);
  });

  it("takes today as the exchange's date (Tokyo is ahead of UTC)", () => {
    // 23:30 UTC on Tuesday 9 Jan is 08:30 on Wednesday 10 Jan in Tokyo.
    expect(
      missedSessions(candle('2024-01-05'), '1d', 'TSE', new Date('2024-01-09T23:30:00Z')),
    ).toBe(1);
  });

  it('counts every day on CRYPTO', () => {
    expect(missedSessions(candle('2024-01-05'), '1d', 'CRYPTO', wednesday)).toBe(4);
  });
});
