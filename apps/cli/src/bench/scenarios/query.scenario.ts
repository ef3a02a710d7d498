import { BenchContext, percentile, round, Scenario } from '../bench-context';

/**
 * `query`: a 5,000-candle range and its 1d→1wk resample through the API (p50 of
 * `sizes.queryRuns`), against the same SQL through a raw connection (no HTTP, no JSON).
 */
export const queryScenario: Scenario = {
  name: 'query',
  description: 'candle range and resample through the API vs the same SQL raw',
  run: async (ctx: BenchContext) => {
    const run = await ctx.ensureIngested();
    const symbol = run.symbols[0];
    // The ingest batch's provider: named, so the API reads the same series with the same SQL.
    const source = run.body.provider as string;
    const limit = ctx.sizes.ingestCandles;
    const time = async (work: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < ctx.sizes.queryRuns; i += 1) {
        const t0 = performance.now();
        await work();
        samples.push(performance.now() - t0);
      }
      return round(percentile(samples, 50), 2);
    };
    const stack = await ctx.startStack('query', { workers: 0 });
    try {
      const get = (path: string) => async () => {
        const res = await fetch(`${stack.base}${path}`, { headers: ctx.headers });
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        return res.text();
      };
      return {
        candles: limit,
        range_ms: await time(
          get(`/api/ohlcv/${symbol}?source=${source}&interval=1d&limit=${limit}`),
        ),
        range_baseline_ms: await time(() => ctx.db.rawCandleRange(source, symbol, limit)),
        resample_1d_to_1wk_ms: await time(
          get(`/api/ohlcv/${symbol}?source=${source}&interval=1d&bucket=1wk&limit=${limit}`),
        ),
        resample_baseline_ms: await time(() => ctx.db.rawWeeklyResample(source, symbol)),
        baseline: 'the same SQL through a raw connection (no HTTP, no JSON)',
        targets: [],
      };
    } finally {
      await stack.stop();
    }
  },
};
