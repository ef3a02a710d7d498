import type { StopReturn } from '../invariants';
import { batchBody, ChaosScenario, symbolsOf, untilProcessed } from '../scenario';

type Op = 'stop' | 'pause' | 'resume' | 'retry-failed';

/**
 * The operations raced on one batch: mostly pause/resume/retry-failed, with a few stops spread
 * among them on every other batch (so that some batches are stopped mid-race and the others must
 * still complete). A fixed shuffle keeps runs comparable.
 */
export function raceOps(n: number, withStops: boolean): Op[] {
  const ops: Op[] = Array.from({ length: n }, (_, i) => {
    if (withStops && i % 10 === 9) return 'stop';
    return (['pause', 'resume', 'retry-failed', 'resume'] as const)[i % 4];
  });
  let seed = 12345;
  for (let i = ops.length - 1; i > 0; i -= 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [ops[i], ops[j]] = [ops[j], ops[i]];
  }
  return ops;
}

/**
 * Running batches (some symbols fail, so retry-failed has work) each get `raceOps` concurrent
 * stop/pause/resume/retry-failed calls at once; the stops' return times feed "nothing after a
 * stop". Batches left paused are resumed so every batch ends.
 */
export const races: ChaosScenario = {
  name: 'races',
  description: 'concurrent stop/pause/resume/retry-failed on running batches',
  async run(ctx) {
    const { stack, sizes } = ctx;
    const ids: number[] = [];
    for (let b = 0; b < sizes.raceBatches; b += 1) {
      const symbols = [
        ...symbolsOf(`${ctx.tag}B${b}X`, sizes.batchSymbols),
        ...symbolsOf(`${ctx.tag}B${b}NOTFOUND`, 3),
        ...symbolsOf(`${ctx.tag}B${b}FLAKY9X`, 3),
      ];
      ids.push(await stack.startOrThrow(batchBody(symbols)));
    }
    await untilProcessed(ctx, ids[ids.length - 1], 4);
    const stops: StopReturn[] = [];
    const byOp: Record<string, Record<string, number>> = {};
    await Promise.all(
      ids.flatMap((id, b) =>
        raceOps(sizes.raceOps, b % 2 === 0).map(async (op) => {
          const path =
            op === 'retry-failed' ? `/api/batches/${id}/retry-failed` : `/api/bulk/${op}/${id}`;
          const res = await stack.http.request({ method: 'POST', path });
          if (op === 'stop' && res.status === 200) {
            stops.push({ batchId: id, returnedAt: Date.now() });
          }
          byOp[op] ??= {};
          byOp[op][res.status] = (byOp[op][res.status] ?? 0) + 1;
        }),
      ),
    );
    ctx.progress(`${ids.length * sizes.raceOps} concurrent operations done`);

    // Stops against the reconciler: every job is lost (FLUSHALL), so the reconciler (every 2 s)
    // enqueues the open symbols of running batches again while they are stopped one by one over
    // two of its rounds. Each symbol first waits 4 s (RATELIMIT4000), so the batches are still
    // running when their stop comes.
    const lost: number[] = [];
    for (let b = 0; b < sizes.raceBatches; b += 1) {
      lost.push(
        await stack.startOrThrow(
          batchBody(symbolsOf(`${ctx.tag}F${b}RATELIMIT4000X`, sizes.batchSymbols)),
        ),
      );
    }
    await stack.redis.flushAll();
    for (const id of lost) {
      await new Promise((r) => setTimeout(r, 4_000 / lost.length));
      const res = await stack.http.request({ method: 'POST', path: `/api/bulk/stop/${id}` });
      if (res.status === 200) stops.push({ batchId: id, returnedAt: Date.now() });
      byOp.stop_after_flush ??= {};
      byOp.stop_after_flush[res.status] = (byOp.stop_after_flush[res.status] ?? 0) + 1;
    }
    ids.push(...lost);
    ctx.progress(`${lost.length} batches stopped while the reconciler re-enqueued their jobs`);
    // Whatever is left paused runs to its end.
    for (const id of ids) {
      const res = await stack.status(id);
      if ((res.json as { status?: string } | null)?.status === 'paused') {
        await stack.http.request({ method: 'POST', path: `/api/bulk/resume/${id}` });
      }
    }
    const stopped = new Set(stops.map((s) => s.batchId)).size;
    return {
      batchIds: ids,
      stops,
      checks: [
        {
          name: 'stop_answers_once_per_batch',
          ok: stops.length === stopped,
          detail: `${stops.length} stops answered 200 for ${stopped} batches`,
        },
      ],
      figures: { batches: ids.length, ops_per_batch: sizes.raceOps, answers_by_op: byOp },
    };
  },
};
