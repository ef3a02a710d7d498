import { AppConfig, Metrics } from '@app/common';
import {
  BatchRepository,
  CandleRow,
  DatabaseUnavailableError,
  OhlcvRepository,
  OutcomeInput,
  OutcomeResult,
  WrittenOutcome,
} from '@app/persistence';
import { OutcomeRecorder, PendingOutcome } from './outcome-recorder';

/**
 * The recorder's write-behind and context reads, over a repository stand-in that records what it
 * was asked to write (the statements themselves are tested against PostgreSQL in
 * batch-outcomes.int-spec and batch.int-spec).
 */
class FakeBatches {
  readonly groups: OutcomeInput[][] = [];
  /** Errors the next writes throw, in order (then they succeed). */
  readonly failures: unknown[] = [];
  /** Details whose outcome the database refuses (each item of the group then fails alone). */
  readonly refused = new Set<string>();
  /** Resolves the writes when set (a commit that takes time). */
  gate: Promise<void> | null = null;

  async writeOutcomes(items: OutcomeInput[]): Promise<PromiseSettledResult<WrittenOutcome>[]> {
    if (this.gate) await this.gate;
    const failure = this.failures.shift();
    if (failure) throw failure;
    const refused = (item: OutcomeInput) =>
      this.refused.has(item.detailId) && item.status === 'succeeded';
    this.groups.push(items.filter((i) => !refused(i)).map((i) => ({ ...i })));
    return items.map((item) =>
      refused(item)
        ? { status: 'rejected', reason: new Error(`row of ${item.detailId} refused`) }
        : {
            status: 'fulfilled',
            value: {
              counted: true,
              recordsInserted: item.candles?.rows.length ?? 0,
              mayEnd: false,
            },
          },
    );
  }

  async endIfLast(_batchId: number, written: WrittenOutcome): Promise<OutcomeResult> {
    return {
      counted: written.counted,
      recordsInserted: written.recordsInserted,
      batchStatus: null,
      deliveryIds: [],
    };
  }

  written(): OutcomeInput[] {
    return this.groups.flat();
  }
}

class FakeOhlcv {
  readonly reads: { symbol: string; before: Date | null }[][] = [];
  constructor(private readonly stored: Record<string, CandleRow[]>) {}
  async tails(requests: { symbol: string; before: Date | null }[]): Promise<CandleRow[][]> {
    this.reads.push(requests.map((r) => ({ symbol: r.symbol, before: r.before })));
    return requests.map((r) => this.stored[r.symbol] ?? []);
  }
}

function recorder(writeBehind: number, batches = new FakeBatches(), ohlcv = new FakeOhlcv({})) {
  const config = { outcomeWriteBehind: writeBehind } as AppConfig;
  return {
    batches,
    ohlcv,
    recorder: new OutcomeRecorder(
      batches as unknown as BatchRepository,
      ohlcv as unknown as OhlcvRepository,
      config,
    ),
  };
}

function outcome(detailId: string, rows = 1): PendingOutcome {
  return {
    batchId: 1,
    detailId,
    status: 'succeeded',
    message: null,
    rejected: 0,
    candles: {
      source: 'synthetic',
      symbol: `S${detailId}`,
      interval: '1d',
      rows: Array.from({ length: rows }, (_, i) => candle(Date.UTC(2024, 0, 2 + i), 10)),
    },
  };
}

function candle(ts: number, close: number): CandleRow {
  return {
    ts: new Date(ts),
    open: close,
    high: close,
    low: close,
    close,
    adjClose: close,
    volume: 1,
  };
}

/** Resolves once `check` holds (the recorder works in the background). */
async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
}

describe('OutcomeRecorder', () => {
  it('takes nothing over when OUTCOME_WRITE_BEHIND is 0: the caller records and waits', async () => {
    const { recorder: r, batches } = recorder(0);
    expect(await r.handOver(outcome('1'), async () => undefined)).toBe(false);
    expect(batches.written()).toHaveLength(0);
    expect(await r.record(outcome('1'))).toMatchObject({ counted: true, recordsInserted: 1 });
  });

  it('writes handed-over outcomes after the caller went on, in shared groups, then settles each', async () => {
    const { recorder: r, batches } = recorder(16);
    let open!: () => void;
    batches.gate = new Promise((resolve) => (open = resolve));
    const settled: OutcomeResult[] = [];
    for (let i = 1; i <= 5; i += 1) {
      expect(await r.handOver(outcome(String(i)), async (res) => settled.push(res))).toBe(true);
    }
    expect(r.pending).toBe(5);
    expect(Metrics.get().unwrittenOutcomes()).toBe(5);
    expect(settled).toHaveLength(0);
    open();
    await until(() => settled.length === 5);
    expect(r.pending).toBe(0);
    // The first went alone (nothing was in flight); the four that came meanwhile share one group.
    expect(batches.groups.map((g) => g.length)).toEqual([1, 4]);
    expect(settled.every((s) => s.counted)).toBe(true);
  });

  it('holds a hand-over while OUTCOME_WRITE_BEHIND outcomes wait, until one commits', async () => {
    const { recorder: r, batches } = recorder(2);
    let open!: () => void;
    batches.gate = new Promise((resolve) => (open = resolve));
    await r.handOver(outcome('1'), async () => undefined);
    await r.handOver(outcome('2'), async () => undefined);
    let third = false;
    const handing = r
      .handOver(outcome('3'), async () => undefined)
      .then((taken) => {
        third = taken;
      });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(third).toBe(false);
    open();
    await handing;
    expect(third).toBe(true);
    await until(() => r.pending === 0);
    expect(batches.written().map((o) => o.detailId)).toEqual(['1', '2', '3']);
  });

  it('tries a handed-over outcome again while the database is unavailable, and counts it once', async () => {
    const { recorder: r, batches } = recorder(8);
    batches.failures.push(
      new DatabaseUnavailableError('connection refused'),
      new DatabaseUnavailableError('connection refused'),
    );
    const settled: OutcomeResult[] = [];
    await r.handOver(outcome('1'), async (res) => settled.push(res));
    await until(() => settled.length === 1);
    expect(batches.written().map((o) => o.detailId)).toEqual(['1']);
  });

  it('tries an outcome again after a deadlock, and records a failure after repeated statement timeouts', async () => {
    const { recorder: r, batches } = recorder(8);
    const failure = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });
    batches.failures.push(failure('40P01'));
    const settled: string[] = [];
    await r.handOver(outcome('1'), async () => settled.push('1'));
    await until(() => settled.length === 1);
    expect(batches.written()).toMatchObject([{ detailId: '1', status: 'succeeded' }]);

    batches.failures.push(...Array.from({ length: 6 }, () => failure('57014')));
    await r.handOver(outcome('2'), async () => settled.push('2'));
    // Five more tries, backing off 100 ms doubling: about 3 s.
    await until(() => settled.length === 2, 15_000);
    expect(batches.written()[1]).toMatchObject({
      detailId: '2',
      status: 'failed',
      message: 'could not store the outcome: sqlstate 57014',
    });
  }, 20_000);

  it("records the symbol's failure when the database refuses its outcome", async () => {
    const { recorder: r, batches } = recorder(8);
    batches.refused.add('7');
    const settled: OutcomeResult[] = [];
    await r.handOver({ ...outcome('7'), begin: true }, async (res) => settled.push(res));
    await until(() => settled.length === 1);
    const [failure] = batches.written();
    expect(failure).toMatchObject({
      detailId: '7',
      status: 'failed',
      begin: true,
      message: 'could not store the outcome: row of 7 refused',
    });
    expect(failure.candles).toBeUndefined();
  });

  it('waits at shutdown for what it took, and takes nothing more', async () => {
    const { recorder: r, batches } = recorder(8);
    let open!: () => void;
    batches.gate = new Promise((resolve) => (open = resolve));
    const settled: string[] = [];
    await r.handOver(outcome('1'), async () => settled.push('1'));
    const shutdown = r.beforeApplicationShutdown();
    expect(await r.handOver(outcome('2'), async () => settled.push('2'))).toBe(false);
    setTimeout(open, 10);
    await shutdown;
    expect(settled).toEqual(['1']);
    expect(batches.written().map((o) => o.detailId)).toEqual(['1']);
  });

  it("reads the groups' stored context in one statement and writes what it makes of it", async () => {
    const stored = { SA: [candle(Date.UTC(2024, 0, 1), 10)], SB: [] };
    const { recorder: r, batches, ohlcv } = recorder(8, new FakeBatches(), new FakeOhlcv(stored));
    let open!: () => void;
    batches.gate = new Promise((resolve) => (open = resolve));
    const seen: Record<string, number> = {};
    const withContext = (detailId: string, symbol: string): PendingOutcome => ({
      ...outcome(detailId),
      context: {
        read: { source: 'synthetic', symbol, interval: '1d', limit: 3, before: new Date(0) },
        apply: (rows) => {
          seen[symbol] = rows.length;
          return rows.length > 0 ? async () => 0 : undefined;
        },
      },
    });
    await r.handOver(outcome('0'), async () => undefined);
    await r.handOver(withContext('1', 'SA'), async () => undefined);
    await r.handOver(withContext('2', 'SB'), async () => undefined);
    open();
    await until(() => r.pending === 0);
    expect(ohlcv.reads).toEqual([
      [
        { symbol: 'SA', before: new Date(0) },
        { symbol: 'SB', before: new Date(0) },
      ],
    ]);
    expect(seen).toEqual({ SA: 1, SB: 0 });
    const written = batches.written();
    expect(typeof written.find((o) => o.detailId === '1')?.write).toBe('function');
    expect(written.find((o) => o.detailId === '2')?.write).toBeUndefined();
  });
});
