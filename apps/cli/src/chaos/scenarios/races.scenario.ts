import type { StopReturn } from '../invariants';
import { batchBody, ChaosScenario, symbolsOf, untilProcessed } from '../scenario';

const OPS = ['stop', 'pause', 'resume', 'retry-failed'] as const;

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
    await untilProcessed(ctx, ids[ids.length - 1], 3);
    const stops: StopReturn[] = [];
    const byOp: Record<string, Record<string, number>> = {};
    let seq = 0;
    await Promise.all(
      ids.flatMap((id) =>
        Array.from({ length: sizes.raceOps }, async () => {
          const op = OPS[seq++ % OPS.length];
          const path =
            op === 'retry-failed' ? `/api/batches/${id}/retry-failed` : `/api/bulk/${op}/${id}`;
          const res = await stack.http.request({ method: 'POST', path });
          if (op === 'stop' && res.status === 200)
            stops.push({ batchId: id, returnedAt: Date.now() });
          byOp[op] ??= {};
          byOp[op][res.status] = (byOp[op][res.status] ?? 0) + 1;
        }),
      ),
    );
    ctx.progress(`  ${ids.length * sizes.raceOps} concurrent operations done`);
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
