import { errorCode } from '../chaos-http';
import type { ScenarioCheck } from '../chaos-report';
import {
  background,
  batchBody,
  ScenarioContext,
  ScenarioOutcome,
  symbolsOf,
  untilProcessed,
} from '../scenario';

/**
 * Shared by postgres-restart and postgres-outage: a batch runs, `fault` takes PostgreSQL away
 * while every database route is called, then the time until a start and a status call succeed
 * again is measured and the answers given meanwhile are checked (503 DATABASE_UNAVAILABLE).
 */
export async function postgresFault(
  ctx: ScenarioContext,
  fault: () => Promise<void>,
): Promise<ScenarioOutcome> {
  const { stack, sizes } = ctx;
  const n = sizes.batchSymbols;
  const id = await stack.startOrThrow(batchBody(symbolsOf(ctx.tag, n)));
  const ids = [id];
  await untilProcessed(ctx, id, Math.floor(n / 4));
  const codes: Record<string, number> = {};
  let k = 0;
  const routes = [
    () => stack.status(id, 10_000),
    () => stack.http.request({ path: '/api/batches?page_size=5', timeoutMs: 10_000 }),
    () => stack.http.request({ path: `/api/ohlcv/${ctx.tag}0000?interval=1d`, timeoutMs: 10_000 }),
    () => stack.http.request({ path: '/api/schedules', timeoutMs: 10_000 }),
    async () => {
      k += 1;
      const res = await stack.http.request({
        method: 'POST',
        path: '/api/bulk/start',
        body: batchBody(symbolsOf(`${ctx.tag}L${k}X`, 3)),
        timeoutMs: 10_000,
      });
      if (res.status === 202) ids.push((res.json as { batch_db_id: number }).batch_db_id);
      return res;
    },
  ];
  let r = 0;
  const stopLoad = background(
    async () => {
      const res = await routes[r++ % routes.length]();
      if (res.status === 503) {
        const code = errorCode(res.json) ?? 'none';
        codes[code] = (codes[code] ?? 0) + 1;
      }
    },
    50,
    2,
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const outage = stack.http.outageBegins('postgres');
  await fault();
  const back = Date.now();
  stack.http.outageEnds(outage);
  ctx.progress(`  PostgreSQL back after ${back - outage.from} ms`);
  const [startOk, statusOk] = await Promise.all([
    stack.recovery(
      back,
      () =>
        stack.http.request({
          method: 'POST',
          path: '/api/bulk/start',
          body: batchBody([`${ctx.tag}AFTER`]),
        }),
      60_000,
    ),
    stack.recovery(back, () => stack.status(id), 60_000),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  await stopLoad();
  const checks: ScenarioCheck[] = [
    {
      name: 'unavailable_answers_say_database_unavailable',
      ok: Object.keys(codes).every((c) => c === 'DATABASE_UNAVAILABLE'),
      detail: `503 codes: ${JSON.stringify(codes)}`,
    },
  ];
  return {
    batchIds: ids,
    checks,
    recoveryMs: { postgres_back_to_start_ok: startOk, postgres_back_to_status_ok: statusOk },
    figures: { symbols: n, outage_ms: back - outage.from, codes_503: codes },
  };
}
