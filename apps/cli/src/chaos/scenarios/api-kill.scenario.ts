import { batchBody, ChaosScenario, symbolsOf } from '../scenario';

/** SIGKILL the API while concurrent starts are in flight, then restart it. */
export const apiKill: ChaosScenario = {
  name: 'api-kill',
  description: 'SIGKILL the API during concurrent starts and restart it',
  async run(ctx) {
    const { stack, sizes } = ctx;
    const ids: number[] = [];
    let round = 0;
    const startOne = async (r: number, i: number) => {
      const id = await stack.start(batchBody(symbolsOf(`${ctx.tag}R${r}C${i}X`, 5)), 10_000);
      if (id !== null) ids.push(id);
    };
    // Rounds of concurrent starts; the kill lands in the middle of one.
    let firing = true;
    const load = (async () => {
      while (firing) {
        round += 1;
        const r = round;
        await Promise.all(Array.from({ length: sizes.concurrency }, (_, i) => startOne(r, i)));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    const outage = stack.http.outageBegins('api');
    await stack.kill(stack.api);
    ctx.progress(`killed the API after ${ids.length} accepted starts`);
    const restarted = Date.now();
    await stack.startApi();
    stack.http.outageEnds(outage);
    const recovery = await stack.recovery(
      restarted,
      () =>
        stack.http.request({
          method: 'POST',
          path: '/api/bulk/start',
          body: batchBody([`${ctx.tag}AFTER`]),
        }),
      90_000,
    );
    await new Promise((r) => setTimeout(r, 1000));
    firing = false;
    await load;
    return {
      batchIds: ids,
      recoveryMs: { api_restart_to_start_ok: recovery },
      figures: { accepted_starts: ids.length, rounds: round, concurrency: sizes.concurrency },
    };
  },
};
