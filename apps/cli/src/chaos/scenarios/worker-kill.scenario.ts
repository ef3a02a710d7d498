import { batchBody, ChaosScenario, processed, symbolsOf, untilProcessed } from '../scenario';

/**
 * SIGKILL a worker mid-batch (its active jobs stall until their locks expire and go to the other
 * worker), restart it; repeated, alternating workers, each kill in a batch of its own so that it
 * always lands while symbols are open.
 */
export const workerKill: ChaosScenario = {
  name: 'worker-kill',
  description: 'SIGKILL a worker mid-batch and restart it, alternating workers',
  async run(ctx) {
    const { stack, sizes } = ctx;
    // Four times the usual batch: a kill must land while the batch still has a while to run.
    const n = sizes.batchSymbols * 4;
    const ids: number[] = [];
    const restartMs: number[] = [];
    let killedMidBatch = 0;
    for (let k = 0; k < sizes.workerKills; k += 1) {
      const id = await stack.startOrThrow(batchBody(symbolsOf(`${ctx.tag}K${k}X`, n)));
      ids.push(id);
      await untilProcessed(ctx, id, Math.floor(n / 4));
      const i = k % stack.workers.length;
      const done = await processed(ctx, id);
      await stack.kill(stack.workers[i]);
      if (done < n) killedMidBatch += 1;
      ctx.progress(`killed worker ${i} at ${done}/${n} symbols`);
      const t0 = Date.now();
      await stack.startWorker(i);
      restartMs.push(Date.now() - t0);
    }
    return {
      batchIds: ids,
      checks: [
        {
          name: 'killed_mid_batch',
          ok: killedMidBatch === sizes.workerKills,
          detail: `${killedMidBatch} of ${sizes.workerKills} kills while symbols were open`,
        },
      ],
      recoveryMs: { worker_restart_max: Math.max(...restartMs) },
      figures: { symbols_per_batch: n, kills: sizes.workerKills, worker_restart_ms: restartMs },
    };
  },
};
