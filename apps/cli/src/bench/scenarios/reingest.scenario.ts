import { waitFor } from '../../processes/app-launcher';
import { BenchContext, round, Scenario } from '../bench-context';

/**
 * `reingest`: the ingest batch again, every candle unchanged: nothing may be written (0 rows,
 * 0 dead tuples, 0 tuples updated).
 */
export const reingestScenario: Scenario = {
  name: 'reingest',
  description: 'the ingest batch again, all candles unchanged: nothing written',
  run: async (ctx: BenchContext) => {
    const first = await ctx.ensureIngested();
    const before = await settledTupleStats(ctx);
    const stack = await ctx.startStack('reingest');
    let rs: number;
    let written: number;
    try {
      const t0 = performance.now();
      const again = await stack.startBatch(first.body);
      rs = ((await stack.waitDone(again)).endedAt - t0) / 1000;
      written = await ctx.db.recordsOfBatch(again);
    } finally {
      await stack.stop();
    }
    const after = await settledTupleStats(ctx);
    const dead = after.dead - before.dead;
    const updated = after.updated - before.updated;
    return {
      rows: first.rows,
      rows_written: written,
      batch_seconds: round(rs, 2),
      rows_per_s: Math.round(first.rows / rs),
      dead_tuples_created: dead,
      tuples_updated: updated,
      targets: [
        ctx.target('rows written', written, '==', 0),
        ctx.target('dead tuples created', dead, '==', 0),
      ],
    };
  },
};

/**
 * Table statistics reach pg_stat_user_tables when the backends flush them (at most once a second
 * while busy): read until two reads a second apart agree.
 */
async function settledTupleStats(ctx: BenchContext): Promise<{ dead: number; updated: number }> {
  let last = await ctx.db.candleTupleStats();
  return waitFor(
    'ohlcv_data statistics settling',
    async () => {
      const now = await ctx.db.candleTupleStats();
      const same = now.dead === last.dead && now.updated === last.updated;
      last = now;
      return same ? now : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 1100 },
  );
}
