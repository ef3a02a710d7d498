import { BenchContext, Scenario } from '../bench-context';

/** `memory`: peak resident memory of the worker and the API during the ingest batch. */
export const memoryScenario: Scenario = {
  name: 'memory',
  description: 'peak RSS of the worker (with the image heap caps) and the API during ingest',
  run: async (ctx: BenchContext) => {
    const run = await ctx.ensureIngested();
    return {
      during: `ingest of ${run.rows} candles`,
      worker_peak_rss_mb: run.workerPeakRssMb,
      api_peak_rss_mb: run.apiPeakRssMb,
      targets: [ctx.target('worker peak RSS (MB)', run.workerPeakRssMb, '<=', 300)],
    };
  },
};
