import type { ChaosResponse } from '../chaos-http';
import { batchBody, ChaosScenario, symbolsOf, untilProcessed } from '../scenario';

/** A request path's bound while Redis does not answer: a 503 within it, never a hang. */
const ANSWER_WITHIN_MS = 5_000;

/**
 * SIGSTOP Redis (it keeps its connections and answers nothing) while starts, resumes,
 * retry-failed and status calls run, then SIGCONT: every request must answer (503
 * QUEUE_UNAVAILABLE) within a bounded time, and a refused start writes no batch.
 */
export const redisStall: ChaosScenario = {
  name: 'redis-stall',
  description: 'SIGSTOP/SIGCONT Redis while requests run',
  async run(ctx) {
    const { stack, sizes } = ctx;
    const n = sizes.batchSymbols;
    const running = await stack.startOrThrow(batchBody(symbolsOf(ctx.tag, n)));
    // A paused batch (to resume) and one with failed symbols (to retry), made before the stall.
    const paused = await stack.startOrThrow(batchBody(symbolsOf(`${ctx.tag}P`, 20)));
    await stack.http.request({ method: 'POST', path: `/api/bulk/pause/${paused}` });
    const failing = await stack.startOrThrow(batchBody(symbolsOf(`${ctx.tag}NOTFOUND`, 3)));
    await stack.settle([failing], 30_000);
    await untilProcessed(ctx, running, Math.floor(n / 4));
    const [{ max: before }] = await stack.query<{ max: number }>(
      `SELECT coalesce(max(id), 0)::int AS max FROM batch_executions`,
    );

    const outage = stack.http.outageBegins('redis');
    stack.redis.stall();
    ctx.progress(`  Redis stopped (SIGSTOP) for ${sizes.stallMs} ms`);
    const calls: Promise<ChaosResponse>[] = [];
    const t0 = Date.now();
    let k = 0;
    while (Date.now() - t0 < sizes.stallMs - ANSWER_WITHIN_MS / 2) {
      k += 1;
      const opts = { timeoutMs: ANSWER_WITHIN_MS + 5_000 };
      calls.push(
        stack.http.request({
          method: 'POST',
          path: '/api/bulk/start',
          body: batchBody(symbolsOf(`${ctx.tag}S${k}X`, 2)),
          ...opts,
        }),
        stack.http.request({ method: 'POST', path: `/api/bulk/resume/${paused}`, ...opts }),
        stack.http.request({
          method: 'POST',
          path: `/api/batches/${failing}/retry-failed`,
          ...opts,
        }),
        stack.http.request({ path: `/api/bulk/status/${running}`, ...opts }),
      );
      await new Promise((r) => setTimeout(r, 250));
    }
    const answers = await Promise.all(calls);
    const remaining = sizes.stallMs - (Date.now() - t0);
    if (remaining > 0) await new Promise((r) => setTimeout(r, remaining));
    stack.redis.resume();
    const back = Date.now();
    stack.http.outageEnds(outage);
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
    // Resume what the stall left paused, so every batch can end.
    await stack.http.request({ method: 'POST', path: `/api/bulk/resume/${paused}` });

    const slow = answers.filter((a) => a.status === 0 || a.ms > ANSWER_WITHIN_MS);
    const [{ n: written }] = await stack.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM batch_executions
       WHERE id > $1 AND created_at <= to_timestamp($2::double precision / 1000)`,
      [before, back],
    );
    const accepted = answers.filter((a) => a.status === 202).length;
    return {
      batchIds: [running, paused, failing],
      checks: [
        {
          name: 'answers_within_bound',
          ok: slow.length === 0,
          detail: `${slow.length} of ${answers.length} requests took over ${ANSWER_WITHIN_MS} ms or got no answer (max ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms)`,
        },
        {
          name: 'refused_start_writes_nothing',
          ok: written <= accepted,
          detail: `${written} batch rows created during the stall, ${accepted} starts accepted`,
        },
      ],
      recoveryMs: { redis_cont_to_start_ok: recovery },
      figures: {
        requests_during_stall: answers.length,
        max_answer_ms: Math.round(Math.max(...answers.map((a) => a.ms))),
        stall_ms: sizes.stallMs,
      },
    };
  },
};
