import { Queue } from 'bullmq';
import type { ListedInstrument } from '@app/market-data';
import { BenchContext, percentile, round, Scenario } from '../bench-context';
import { withUniverseSync } from '../../universe/universe.command';

/** The registry filter of the universe runs: the seeded instruments, nothing else. */
const UNIVERSE = { exchange: 'BENCH', market_segment: ['Main'] };

/**
 * `start`: latency of POST /api/bulk/start with `sizes.startSymbols` symbols (the API alone, no
 * worker), interleaved run by run with a bare BullMQ producer adding as many jobs the way the API
 * does (chunks of 1,000), so both see the same machine load. Each run also starts a batch over a
 * universe filter that selects as many symbols from the registry (seeded first through the
 * universe sync, whose time is reported too).
 */
export const startScenario: Scenario = {
  name: 'start',
  description: 'POST /api/bulk/start latency vs a bare addBulk of the same jobs',
  run: async (ctx: BenchContext) => {
    const n = ctx.sizes.startSymbols;
    const stack = await ctx.startStack('start', { workers: 0 });
    const symbols = Array.from({ length: n }, (_, i) => `S${i}`);
    const seeded = await seedUniverse(ctx, n);
    const latencies: number[] = [];
    const universe: number[] = [];
    const bare: number[] = [];
    const producer = bareAddBulk(ctx.config.redisUrl, `${ctx.config.queuePrefix}-addbulk`, n);
    try {
      for (let i = 0; i < ctx.sizes.startRuns; i += 1) {
        const t0 = performance.now();
        const id = await stack.startBatch({ symbols, interval: '1d', provider: 'synthetic' });
        latencies.push(performance.now() - t0);
        bare.push(await producer.run(i));
        const t1 = performance.now();
        const overUniverse = await stack.startBatch({
          universe: UNIVERSE,
          interval: '1d',
          provider: 'synthetic',
        });
        universe.push(performance.now() - t1);
        // Closed at once: their jobs are cancelled and no later stack sees them open.
        for (const batch of [id, overUniverse]) {
          await fetch(`${stack.base}/api/bulk/stop/${batch}`, {
            method: 'POST',
            headers: ctx.headers,
          });
        }
      }
    } finally {
      await producer.close();
      await stack.stop();
    }
    const ratio = round(percentile(latencies, 95) / percentile(bare, 95), 2);
    const universeRatio = round(percentile(universe, 95) / percentile(bare, 95), 2);
    return {
      symbols: n,
      runs: ctx.sizes.startRuns,
      p50_ms: round(percentile(latencies, 50)),
      p95_ms: round(percentile(latencies, 95)),
      baseline: `bare addBulk of ${n} jobs in chunks of 1,000`,
      baseline_p50_ms: round(percentile(bare, 50)),
      baseline_p95_ms: round(percentile(bare, 95)),
      ratio_p95: ratio,
      universe: `universe ${JSON.stringify(UNIVERSE)}: the same number of symbols from the registry`,
      universe_sync_ms: seeded.ms,
      universe_p50_ms: round(percentile(universe, 50)),
      universe_p95_ms: round(percentile(universe, 95)),
      universe_ratio_p95: universeRatio,
      targets: [
        ctx.target('p95 ratio to bare addBulk', ratio, '<=', 2),
        ctx.target('p95 ratio to bare addBulk, universe start', universeRatio, '<=', 2),
      ],
    };
  },
};

/**
 * `n` synthetic instruments in the registry (exchange BENCH, segment Main), applied as a CSV
 * listing through the universe sync, as `npm run universe -- sync csv` would.
 */
async function seedUniverse(ctx: BenchContext, n: number): Promise<{ ms: number }> {
  const instruments: ListedInstrument[] = Array.from({ length: n }, (_, i) => ({
    provider: 'synthetic',
    symbol: `U${String(i).padStart(5, '0')}`,
    name: `Bench instrument ${i}`,
    exchange: UNIVERSE.exchange,
    assetClass: 'equity',
    marketSegment: UNIVERSE.market_segment[0],
    industryCode: null,
    industryName: null,
    currency: null,
    listedDate: null,
  }));
  const t0 = performance.now();
  await withUniverseSync(ctx.config, (sync) =>
    sync.apply({ source: 'csv', asOf: new Date().toISOString().slice(0, 10), instruments }),
  );
  return { ms: round(performance.now() - t0) };
}

/** A bare BullMQ producer adding `n` jobs per run in chunks of 1,000, as the API does. */
function bareAddBulk(
  redisUrl: string,
  prefix: string,
  n: number,
): { run: (r: number) => Promise<number>; close: () => Promise<void> } {
  const queue = new Queue('addbulk', {
    connection: { url: redisUrl, maxRetriesPerRequest: null },
    prefix,
  });
  return {
    run: async (r) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i += 1000) {
        await queue.addBulk(
          Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({
            name: 'fetch-symbol',
            data: { batchId: r, symbol: `S${i + k}` },
            opts: { jobId: `r${r}-${i + k}`, attempts: 5 },
          })),
        );
      }
      return performance.now() - t0;
    },
    close: async () => {
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}
