import { batchBody, ChaosScenario, processed, symbolsOf, untilProcessed } from '../scenario';

/** SIGKILL a worker mid-batch (its active jobs stall, its locks expire), restart it; repeated. */
export const workerKill: ChaosScenario = {
  name: 'worker-kill',
  description: 'SIGKILL a worker mid-batch and restart it, alternating workers',
  async run(ctx) {
    const { stack, sizes } = ctx;
    const n = sizes.batchSymbols;
    const id = await stack.startOrThrow(batchBody(symbolsOf(ctx.tag, n)));
    const restartMs: number[] = [];
    let killedMidBatch = 0;
    for (let k = 0; k < sizes.workerKills; k += 1) {
      await untilProcessed(ctx, id, Math.floor(((k + 1) * n) / (sizes.workerKills + 2)));
      const done = await processed(ctx, id);
      if (done < n) killedMidBatch += 1;
      const i = k % stack.workers.length;
      await stack.kill(stack.workers[i]);
      ctx.progress(`  killed worker ${i} at ${done}/${n} symbols`);
      const t0 = Date.now();
      await stack.startWorker(i);
      restartMs.push(Date.now() - t0);
    }
    return {
      batchIds: [id],
      checks: [
        {
          name: 'killed_mid_batch',
          ok: killedMidBatch === sizes.workerKills,
          detail: `${killedMidBatch} of ${sizes.workerKills} kills while symbols were open`,
        },
      ],
      recoveryMs: { worker_restart_max: Math.max(...restartMs) },
      figures: { symbols: n, kills: sizes.workerKills, worker_restart_ms: restartMs },
    };
  },
};
