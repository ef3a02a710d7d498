import { raceOps } from './races.scenario';

describe('raceOps', () => {
  it('mixes 50 operations, a stop in ten only where asked, the same every run', () => {
    const ops = raceOps(50, true);
    expect(ops).toHaveLength(50);
    expect(ops.filter((o) => o === 'stop')).toHaveLength(5);
    expect(new Set(ops)).toEqual(new Set(['stop', 'pause', 'resume', 'retry-failed']));
    expect(raceOps(50, true)).toEqual(ops);
    expect(raceOps(50, false)).not.toContain('stop');
  });
});
