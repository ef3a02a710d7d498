import { corpusRequests, loadCorpus } from '../bad-input-corpus';
import { errorCode } from '../chaos-http';
import { background, ChaosScenario } from '../scenario';

const MAX_EVENT_LOOP_DELAY_MS = 100;
const CONCURRENCY = 8;

/** The event-loop delay of the API since the last scrape (prom-client resets it on collection). */
async function eventLoopMaxMs(apiUrl: string): Promise<number | null> {
  try {
    const text = await (await fetch(`${apiUrl}/metrics`)).text();
    const m = /^market_ingest_nodejs_eventloop_lag_max_seconds\s+([0-9.e+-]+)/m.exec(text);
    return m ? Number(m[1]) * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The corpus of bad requests kept in the repository (bad-input-corpus.json), sent 8 at a time:
 * every answer 4xx with an error code (and the exact status or code where the corpus says),
 * nothing written to the batch tables or enqueued, and the API's event loop never stalled.
 */
export const badInput: ChaosScenario = {
  name: 'bad-input',
  description: 'the bad-request corpus: 4xx with a code, nothing written, event loop quick',
  async run(ctx) {
    const { stack } = ctx;
    const requests = corpusRequests(loadCorpus(), ctx.maxSymbols);
    const before = await stack.footprint();
    await eventLoopMaxMs(stack.apiUrl);
    const liveMs: number[] = [];
    const stopProbe = background(async () => {
      const res = await stack.http.request({ path: '/health/live', auth: 'none' });
      if (res.status === 200) liveMs.push(res.ms);
    }, 20);
    const wrong: string[] = [];
    const accepted: { path: string; id: number }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const req = requests[next++];
          const res = await stack.http.request({ ...req, timeoutMs: 30_000 });
          const code = errorCode(res.json);
          const ok =
            res.status >= 400 &&
            res.status < 500 &&
            code !== null &&
            (req.expect === undefined || res.status === req.expect) &&
            (req.expectCode === undefined || code === req.expectCode);
          if (!ok) {
            wrong.push(`${req.name} → ${res.status || res.failure} ${code ?? ''}`.trim());
          }
          // An accepted bad request must not run on: pause a batch, delete a schedule.
          const body = res.json as { batch_db_id?: number; id?: number } | null;
          if (res.status === 202 && body?.batch_db_id !== undefined) {
            accepted.push({ path: `/api/bulk/pause/${body.batch_db_id}`, id: body.batch_db_id });
          }
          if (res.status === 201 && body?.id !== undefined) {
            accepted.push({ path: `/api/schedules/${body.id}`, id: body.id });
          }
        }
      }),
    );
    await stopProbe();
    const loopMax = await eventLoopMaxMs(stack.apiUrl);
    for (const a of accepted) {
      await stack.http.request({
        method: a.path.startsWith('/api/schedules') ? 'DELETE' : 'POST',
        path: a.path,
      });
    }
    const after = await stack.footprint();
    const sorted = [...liveMs].sort((a, b) => a - b);
    const liveMax = Math.round(sorted[sorted.length - 1] ?? 0);
    const liveP99 = Math.round(sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? 0);
    return {
      dataInvariants: false,
      checks: [
        {
          name: 'corpus_size_at_least_150',
          ok: requests.length >= 150,
          detail: `${requests.length} requests`,
        },
        {
          name: 'every_answer_4xx_with_code',
          ok: wrong.length === 0,
          detail:
            wrong.length === 0
              ? `${requests.length} answers`
              : `${wrong.length} wrong: ${wrong.slice(0, 80).join(' | ')}`,
        },
        {
          name: 'nothing_written_or_enqueued',
          ok: JSON.stringify(before) === JSON.stringify(after),
          detail: `before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
        },
        {
          name: 'event_loop_delay_under_100ms',
          ok: loopMax !== null && loopMax < MAX_EVENT_LOOP_DELAY_MS,
          detail: `API event loop max delay ${loopMax === null ? 'unknown' : Math.round(loopMax)} ms; /health/live max ${liveMax} ms, p99 ${liveP99} ms`,
        },
      ],
      figures: {
        requests: requests.length,
        wrong_answers: wrong.length,
        accepted_bad_requests: accepted.length,
        event_loop_max_delay_ms: loopMax === null ? null : Math.round(loopMax),
        health_live_max_ms: liveMax,
        health_live_p99_ms: liveP99,
      },
    };
  },
};
