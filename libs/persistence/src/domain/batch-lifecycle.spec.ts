import {
  BATCH_STATUSES,
  BATCH_TRANSITIONS,
  canTransition,
  completionStatus,
  isTerminalBatchStatus,
  sqlStatusList,
  TERMINAL_BATCH_STATUSES,
} from './batch-lifecycle';

describe('batch lifecycle', () => {
  it('no transition starts from a terminal status except retry after failures, nor from a reserved one', () => {
    for (const [action, t] of Object.entries(BATCH_TRANSITIONS)) {
      for (const from of t.from) {
        expect(BATCH_STATUSES).toContain(from);
        expect(['pending', 'stopping']).not.toContain(from);
        if (isTerminalBatchStatus(from)) expect(action).toBe('retry');
      }
      expect(BATCH_STATUSES).toContain(t.to);
    }
  });

  it('a stopped or completed batch cannot be resumed, paused, stopped or retried', () => {
    for (const action of ['pause', 'resume', 'stop', 'retry'] as const) {
      expect(canTransition('stopped', action)).toBe(false);
      expect(canTransition('completed', action)).toBe(false);
    }
    expect(canTransition('completed_with_errors', 'retry')).toBe(true);
    expect(canTransition('paused', 'resume')).toBe(true);
  });

  it('completion depends on failures only; terminal statuses are the four endings', () => {
    expect(completionStatus(0)).toBe('completed');
    expect(completionStatus(2)).toBe('completed_with_errors');
    expect([...TERMINAL_BATCH_STATUSES].sort()).toEqual(
      ['completed', 'completed_with_errors', 'failed', 'stopped'].sort(),
    );
  });

  it('builds SQL lists from the constants only', () => {
    expect(sqlStatusList(BATCH_TRANSITIONS.stop.from)).toBe(`('running','paused')`);
    expect(() => sqlStatusList([])).toThrow();
    expect(() => sqlStatusList(["x') OR ('1'='1" as 'running'])).toThrow(/not a status/);
  });
});
