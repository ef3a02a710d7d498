import { fetchJobId } from './fetch-symbol.job';

describe('fetchJobId', () => {
  it('is deterministic, has no ":" and encodes the symbol', () => {
    const id = fetchJobId(7, 'job-1795460927911', 'EURUSD=X', '1d', 0);
    expect(id).toBe('b7.1795460927911-1d-r0-EURUSD%3DX');
    expect(fetchJobId(7, 'job-1795460927911', 'EURUSD=X', '1d', 0)).toBe(id);
    expect(fetchJobId(7, 'job-1', 'A:B', '1d', 0)).not.toContain(':');
  });

  it('differs per round, interval and symbol', () => {
    const ids = new Set([
      fetchJobId(1, 'job-5', 'A', '1d', 0),
      fetchJobId(1, 'job-5', 'A', '1d', 1),
      fetchJobId(1, 'job-5', 'A', '1h', 0),
      fetchJobId(1, 'job-5', 'B', '1d', 0),
      fetchJobId(1, 'job-5', 'A-1', '1d', 0),
    ]);
    expect(ids.size).toBe(5);
  });

  it('differs for the same numeric batch id in a reset database (another job-<ms>)', () => {
    expect(fetchJobId(1, 'job-1795460000000', 'AAPL', '1d', 0)).not.toBe(
      fetchJobId(1, 'job-1795460927911', 'AAPL', '1d', 0),
    );
  });
});
