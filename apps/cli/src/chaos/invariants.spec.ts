import { BatchRow, checkInvariants, DetailRow, InvariantInput } from './invariants';

const batch = (over: Partial<BatchRow> = {}): BatchRow => ({
  id: 1,
  status: 'completed',
  total: 2,
  processed: 2,
  successful: 2,
  failed: 0,
  ...over,
});
const detail = (symbol: string, over: Partial<DetailRow> = {}): DetailRow => ({
  batchId: 1,
  symbol,
  status: 'succeeded',
  recordsInserted: 10,
  committedAt: 1_000,
  ...over,
});
const good = (): InvariantInput => ({
  batches: [batch()],
  details: [detail('A'), detail('B')],
  candles: [
    { symbol: 'A', rows: 10, duplicateKeys: 0, lastCommitAt: 1_000 },
    { symbol: 'B', rows: 10, duplicateKeys: 0, lastCommitAt: 1_000 },
  ],
  jobs: [],
  stops: [],
});
const failing = (input: InvariantInput) =>
  Object.fromEntries(
    checkInvariants(input)
      .filter((r) => !r.ok)
      .map((r) => [r.name, r.violations]),
  );

describe('checkInvariants', () => {
  it('passes a completed batch whose rows match', () => {
    expect(checkInvariants(good()).every((r) => r.ok)).toBe(true);
    expect(checkInvariants(good()).map((r) => r.name)).toEqual([
      'every_detail_terminal_once',
      'counters_equal_details',
      'rows_equal_records_inserted',
      'no_duplicate_keys',
      'nothing_after_stop',
      'no_open_job_for_ended_batch',
    ]);
  });

  it('finds an open symbol, an open batch and a symbol with two rows', () => {
    const input = good();
    input.batches[0].status = 'running';
    input.details[1].status = 'queued';
    input.details.push(detail('A'));
    expect(failing(input).every_detail_terminal_once).toEqual([
      'batch 1 is running',
      'symbol 1/B is queued',
      'symbol 1/A has two rows',
    ]);
  });

  it('finds counters that disagree with the details', () => {
    const input = good();
    input.details[1].status = 'failed';
    input.details[1].recordsInserted = 0;
    input.candles[1].rows = 0;
    expect(failing(input).counters_equal_details).toEqual([
      'batch 1 (completed): successful 2 but 1, failed 0 but 1, completed with 1 failed, 0 cancelled',
    ]);
  });

  it('finds cancelled symbols in a batch that was not stopped', () => {
    const input = good();
    input.batches[0] = batch({ status: 'completed', processed: 1, successful: 1, total: 2 });
    input.details[1].status = 'cancelled';
    input.details[1].recordsInserted = 0;
    input.candles[1].rows = 0;
    expect(failing(input).counters_equal_details?.[0]).toContain('1 cancelled symbols');
  });

  it('finds stored rows that differ from records_inserted, and rows of no batch', () => {
    const input = good();
    input.candles[0].rows = 12;
    input.candles.push({ symbol: 'Z', rows: 3, duplicateKeys: 0, lastCommitAt: null });
    expect(failing(input).rows_equal_records_inserted).toEqual([
      'A: 12 rows stored, records_inserted sums to 10',
      'Z: 3 rows stored for no symbol of a batch',
    ]);
  });

  it('finds duplicate keys', () => {
    const input = good();
    input.candles[0].duplicateKeys = 2;
    expect(failing(input).no_duplicate_keys).toEqual(['A: 2 keys stored twice']);
  });

  it('finds writes and jobs after a stop returned, and open jobs left by it', () => {
    const input = good();
    input.batches[0] = batch({ status: 'stopped', processed: 1, successful: 1 });
    input.details[1] = detail('B', { status: 'cancelled', recordsInserted: 0, committedAt: 900 });
    input.candles[1].rows = 0;
    input.details[0].committedAt = 1_200;
    input.candles[0].lastCommitAt = 1_150;
    input.stops = [
      { batchId: 1, returnedAt: 1_100 },
      { batchId: 1, returnedAt: 1_300 },
    ];
    input.jobs = [
      { batchId: 1, symbol: 'B', state: 'waiting', addedAt: 1_123 },
      { batchId: 1, symbol: 'A', state: 'delayed', addedAt: 500 },
      { batchId: 1, symbol: 'A', state: 'completed', addedAt: 400 },
    ];
    expect(failing(input)).toEqual({
      nothing_after_stop: [
        'batch 1: symbol A changed 100 ms after the stop returned',
        'batch 1: candles of A written 50 ms after the stop returned',
        'batch 1: job of B enqueued 23 ms after the stop returned',
        'batch 1: job of A still delayed after the stop',
      ],
    });
  });

  it('finds an open job of a batch that ended without a stop', () => {
    const input = good();
    input.jobs = [{ batchId: 1, symbol: 'A', state: 'waiting', addedAt: 10 }];
    expect(failing(input).no_open_job_for_ended_batch).toEqual([
      'batch 1 ended but the job of A is waiting',
    ]);
  });

  it('lists five violations and counts the rest', () => {
    const input = good();
    input.candles = Array.from({ length: 8 }, (_, i) => ({
      symbol: `X${i}`,
      rows: 1,
      duplicateKeys: 1,
      lastCommitAt: null,
    }));
    const dup = checkInvariants(input).find((r) => r.name === 'no_duplicate_keys')!;
    expect(dup.violations).toHaveLength(6);
    expect(dup.violations[5]).toBe('… and 3 more');
  });
});
