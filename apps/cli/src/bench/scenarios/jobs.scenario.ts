import { Queue, Worker } from 'bullmq';
import { LockWaitReport, startLockWaitSampler } from '@app/persistence';
import { BenchContext, round, Scenario } from '../bench-context';

/**
 * `jobs`: jobs/s of the real pipeline (one-candle symbols, synthetic provider, one worker
 * process) against a bare BullMQ worker with a no-op processor at the same concurrency, at each
 * of `sizes.jobsConcurrencies` (8 and 16). pg_stat_activity is sampled during each pipeline run:
 * how often a backend waited on a lock, and how often on batch rows in particular.
 */
export const jobsScenario: Scenario = {
  name: 'jobs',
  description: 'jobs/s of the pipeline vs a bare BullMQ no-op worker (c8, c16), lock waits',
  run: async (ctx: BenchContext) => {
    const n = ctx.sizes.jobsSymbols;
    const runs = [];
    const targets = [];
    for (const concurrency of ctx.sizes.jobsConcurrencies) {
      // Pipeline and bare runs alternate, and the best of each is compared: on a shared machine a
      // burst of other load then costs one run, not the ratio.
      const pipeline: PipelineRun[] = [];
      const bare: number[] = [];
      for (let round = 0; round < ctx.sizes.jobsRounds; round += 1) {
        pipeline.push(await pipelineRun(ctx, concurrency, round));
        const bareSeconds = await bareBullmq(
          ctx.config.redisUrl,
          `${ctx.config.queuePrefix}-bare-c${concurrency}-r${round}`,
          n,
          concurrency,
          ctx.sizes.jobsWarmup,
        );
        bare.push(n / bareSeconds);
      }
      const best = pipeline.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      const jobsPerS = n / best.seconds;
      const bestBare = Math.max(...bare);
      const ratio = round(jobsPerS / bestBare, 3);
      const locks = pipeline.map((p) => p.locks);
      const batchRowWaits = locks.reduce((sum, l) => sum + l.samples_with_batch_row_lock_wait, 0);
      runs.push({
        concurrency,
        jobs: n,
        status: best.status,
        seconds: round(best.seconds, 2),
        start_seconds: round(best.startSeconds, 2),
        jobs_per_s: Math.round(jobsPerS),
        baseline_jobs_per_s: Math.round(bestBare),
        ratio,
        rounds: {
          jobs_per_s: pipeline.map((p) => Math.round(n / p.seconds)),
          baseline_jobs_per_s: bare.map((b) => Math.round(b)),
        },
        lock_waits: best.locks,
      });
      targets.push(
        ctx.target(`c${concurrency}: ratio to bare BullMQ`, ratio, '>=', 0.3),
        ctx.target(
          `c${concurrency}: samples waiting on a batch-row lock (all rounds)`,
          batchRowWaits,
          '==',
          0,
        ),
      );
    }
    return {
      baseline:
        'bare BullMQ worker, no-op processor, same concurrency, same Redis, adding the same number of jobs; both warmed by jobsWarmup untimed jobs first (a worker runs for days: its JIT is warm); best of the interleaved rounds of each',
      runs,
      targets,
    };
  },
};

interface PipelineRun {
  seconds: number;
  startSeconds: number;
  status: string;
  locks: LockWaitReport;
}

/** One 5,000-symbol batch through the real API and one worker process at `concurrency`. */
async function pipelineRun(
  ctx: BenchContext,
  concurrency: number,
  round: number,
): Promise<PipelineRun> {
  const symbols = Array.from(
    { length: ctx.sizes.jobsSymbols },
    (_, i) => `J${concurrency}R${round}X${i}`,
  );
  const stack = await ctx.startStack(`jobs-c${concurrency}-r${round}`, {
    env: { WORKER_CONCURRENCY: String(concurrency) },
  });
  const batch = (names: string[]) => ({
    symbols: names,
    interval: '1d',
    provider: 'synthetic',
    mode: 'full',
    from: '2024-01-02T00:00:00Z',
    to: '2024-01-03T00:00:00Z',
  });
  let sampler: Awaited<ReturnType<typeof startLockWaitSampler>> | undefined;
  let locks: LockWaitReport | undefined;
  try {
    // Untimed: the API's and the worker's code paths compiled, as in a process that has run for a while.
    const warm = Array.from(
      { length: ctx.sizes.jobsWarmup },
      (_, i) => `W${concurrency}R${round}X${i}`,
    );
    if (warm.length > 0) await stack.waitDone(await stack.startBatch(batch(warm)));
    sampler = await startLockWaitSampler(ctx.config.databaseUrl);
    const t0 = performance.now();
    const id = await stack.startBatch(batch(symbols));
    const startSeconds = (performance.now() - t0) / 1000;
    const done = await stack.waitDone(id);
    const status = done.status;
    const seconds = (done.endedAt - t0) / 1000;
    locks = await sampler.stop();
    return { seconds, startSeconds, status, locks };
  } finally {
    if (sampler && !locks) await sampler.stop();
    await stack.stop();
  }
}

/**
 * Seconds for a bare BullMQ worker (no-op processor) to add and drain `n` jobs, after `warmup`
 * untimed ones.
 */
async function bareBullmq(
  redisUrl: string,
  prefix: string,
  n: number,
  concurrency: number,
  warmup: number,
): Promise<number> {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue('bare', { connection, prefix });
  let done = 0;
  let target = 0;
  let finished = (): void => undefined;
  const worker = new Worker(
    'bare',
    async () => {
      done += 1;
      if (done === target) finished();
    },
    { connection, prefix, concurrency, removeOnComplete: { count: 1000 } },
  );
  const drain = async (from: number, count: number): Promise<void> => {
    target = from + count;
    const all = new Promise<void>((r) => (finished = r));
    for (let i = 0; i < count; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
          name: 'noop',
          data: { i: from + i + k },
          opts: { jobId: `j${from + i + k}` },
        })),
      );
    }
    await all;
  };
  try {
    if (warmup > 0) await drain(0, warmup);
    const t0 = performance.now();
    await drain(warmup, n);
    return (performance.now() - t0) / 1000;
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}
