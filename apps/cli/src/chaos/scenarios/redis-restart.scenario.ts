import { background, batchBody, ChaosScenario, symbolsOf, untilProcessed } from '../scenario';

/**
 * Restarts Redis (no persistence: every job is lost) mid-batch while status calls and starts
 * run; the reconciler must enqueue the open symbols again.
 */
export const redisRestart: ChaosScenario = {
  name: 'redis-restart',
  description: 'restart Redis (all jobs lost) mid-batch while requests run',
  async run(ctx) {
    const { stack, sizes } = ctx;
    const n = sizes.batchSymbols;
    const id = await stack.startOrThrow(batchBody(symbolsOf(ctx.tag, n)));
    const ids = [id];
    let k = 0;
    await untilProcessed(ctx, id, Math.floor(n / 4));
    const stopLoad = background(
      async () => {
        await stack.status(id, 10_000);
        k += 1;
        const more = await stack.start(batchBody(symbolsOf(`${ctx.tag}L${k}X`, 3)), 10_000);
        if (more !== null) ids.push(more);
      },
      50,
      2,
    );
    await new Promise((r) => setTimeout(r, 500));
    const outage = stack.http.outageBegins('redis');
    await stack.redis.restart();
    const back = Date.now();
    stack.http.outageEnds(outage);
    ctx.progress(`  Redis restarted empty (${Date.now() - outage.from} ms)`);
    const recovery = await stack.recovery(
      back,
      () =>
        stack.http.request({
          method: 'POST',
          path: '/api/bulk/start',
          body: batchBody([`${ctx.tag}AFTER`]),
        }),
      30_000,
    );
    await stopLoad();
    return {
      batchIds: ids,
      recoveryMs: { redis_back_to_start_ok: recovery },
      figures: { symbols: n, extra_batches: ids.length - 1 },
    };
  },
};
