import { SyntheticProvider } from '@app/market-data';
import { BenchContext, round, Scenario } from '../bench-context';

/**
 * `ingest`: a batch of daily candles (full: 200 symbols × 5,000 = 1,000,000 rows) through API →
 * queue → worker → upsert → completed, against one connection COPYing the same candles into an
 * empty table with the same primary key.
 */
export const ingestScenario: Scenario = {
  name: 'ingest',
  description: 'candles/s of a new-candle batch vs a single-connection COPY',
  run: async (ctx: BenchContext) => {
    // The machine is shared: the baseline runs right before and right after the batch (when this
    // scenario runs the batch) and the ratio takes their mean, so a change of load in between
    // weighs on both sides alike.
    const copies: number[] = [];
    if (!ctx.ingest)
      copies.push(await ctx.db.copyCandlesIntoScratchTable(copyLines(ctx.ingestBody())));
    const run = await ctx.ensureIngested();
    copies.push(await ctx.db.copyCandlesIntoScratchTable(copyLines(run.body)));
    const rowsPerS = run.rows / run.seconds;
    const rates = copies.map((seconds) => run.rows / seconds);
    const baseline = rates.reduce((a, b) => a + b, 0) / rates.length;
    const ratio = round(rowsPerS / baseline, 2);
    return {
      status: run.status,
      symbols: run.symbols.length,
      rows: run.rows,
      batch_seconds: round(run.seconds, 2),
      rows_per_s: Math.round(rowsPerS),
      baseline: 'single-connection COPY FROM STDIN into an empty table with the same primary key',
      baseline_rows_per_s: Math.round(baseline),
      baseline_runs_rows_per_s: rates.map(Math.round),
      ratio,
      worker_concurrency: ctx.config.workerConcurrency,
      targets: [ctx.target('ratio to COPY', ratio, '>=', 0.5)],
    };
  },
};

/** The ingest batch's candles as COPY text lines, one chunk per symbol. */
function* copyLines(body: Record<string, unknown>): Generator<string> {
  const provider = new SyntheticProvider();
  const from = new Date(body.from as string);
  const to = new Date(body.to as string);
  for (const symbol of body.symbols as string[]) {
    yield provider
      .candles(symbol, '1d', from, to)
      .map(
        (c) =>
          `${provider.name}\t${symbol}\t1d\t${c.ts.toISOString()}\t${c.open}\t${c.high}\t${c.low}\t${c.close}\t${c.adjClose}\t${c.volume}\n`,
      )
      .join('');
  }
}
