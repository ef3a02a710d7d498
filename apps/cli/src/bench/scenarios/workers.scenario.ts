import { BenchContext, round, Scenario } from '../bench-context';

/**
 * `workers`: one worker process against two, the provider answering after SYNTHETIC_LATENCY_MS
 * (I/O bound, as a real provider is): adding a worker must add throughput (target ≥ 1.8×).
 */
export const workersScenario: Scenario = {
  name: 'workers',
  description: '1 worker process vs 2, provider latency 50 ms (I/O bound)',
  run: async (ctx: BenchContext) => {
    const n = ctx.sizes.workersSymbols;
    const latency = String(ctx.sizes.workersLatencyMs);
    const runs: { workers: number; jobs: number; seconds: number; jobs_per_s: number }[] = [];
    for (const workers of [1, 2]) {
      const stack = await ctx.startStack(`workers-${workers}`, {
        workers,
        env: { SYNTHETIC_LATENCY_MS: latency },
      });
      try {
        const symbols = Array.from({ length: n }, (_, i) => `W${workers}X${i}`);
        const t0 = performance.now();
        const id = await stack.startBatch({
          symbols,
          interval: '1d',
          provider: 'synthetic',
          mode: 'full',
          from: '2024-01-02T00:00:00Z',
          to: '2024-01-03T00:00:00Z',
        });
        const done = await stack.waitDone(id);
        if (done.status !== 'completed') throw new Error(`workers-${workers}: ${done.status}`);
        const seconds = (done.endedAt - t0) / 1000;
        runs.push({
          workers,
          jobs: n,
          seconds: round(seconds, 2),
          jobs_per_s: Math.round(n / seconds),
        });
      } finally {
        await stack.stop();
      }
    }
    const ratio = round(runs[0].seconds / runs[1].seconds, 2);
    return {
      synthetic_latency_ms: ctx.sizes.workersLatencyMs,
      worker_concurrency: ctx.config.workerConcurrency,
      runs,
      ratio_2_to_1: ratio,
      targets: [ctx.target('2 workers / 1 worker', ratio, '>=', 1.8)],
    };
  },
};
