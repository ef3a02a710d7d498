import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, launchProcess, waitForHttp } from '../../processes/app-launcher';
import { BenchContext, round, Scenario } from '../bench-context';

/**
 * `status`: GET /api/bulk/status/:id under `sizes.statusConnections` connections (autocannon)
 * against a bare node:http + pg server answering the same JSON from the same named prepared
 * statement (the target's baseline), in its own process like the API, measured in the same run one
 * after the other; then the same bare server sending the SQL as a plain query (reported only).
 */
export const statusScenario: Scenario = {
  name: 'status',
  description:
    'status route req/s, p50/p99 vs a bare node:http + pg server (same prepared query, JSON)',
  run: async (ctx: BenchContext) => {
    const stack = await ctx.startStack('status', { workers: 0 });
    let id = await ctx.db.anyBatchId();
    const measure = async (url: string, headers: Record<string, string>) => {
      const result = await autocannon({
        url,
        headers,
        connections: ctx.sizes.statusConnections,
        duration: ctx.sizes.statusSeconds,
      });
      return {
        requests_per_s: Math.round(result.requests.average),
        p50_ms: result.latency.p50,
        p99_ms: result.latency.p99,
        non_2xx: result.non2xx,
        errors: result.errors,
      };
    };
    let api;
    let bare;
    let barePlain;
    let sameJson: boolean | undefined;
    try {
      id ??= await stack.startBatch({ symbols: ['X'], interval: '1d', provider: 'synthetic' });
      api = await measure(`${stack.base}/api/bulk/status/${id}`, { 'x-api-key': ctx.apiKey });
      const apiUrl = `${stack.base}/api/bulk/status/${id}`;
      const bareRun = async (prepared: boolean) => {
        const port = await freePort();
        const server = launchProcess(
          'bare-status-server',
          process.execPath,
          [join(__dirname, '..', 'bare-status-main.js')],
          {
            env: {
              ...process.env,
              DATABASE_URL: ctx.config.databaseUrl,
              DATABASE_POOL_SIZE: String(ctx.config.databasePoolSize),
              PORT: String(port),
              BARE_PREPARED: String(prepared),
            },
            logFile: join(ctx.logsDir, `bare-status-server-${prepared ? 'prepared' : 'plain'}.log`),
          },
        );
        try {
          const url = `http://127.0.0.1:${port}/api/bulk/status/${id}`;
          const first = await waitForHttp(url, server, { status: 200 });
          const same = await sameBody(first, apiUrl, ctx.apiKey);
          return { same, result: await measure(url, {}) };
        } finally {
          await server.stop();
        }
      };
      const strict = await bareRun(true);
      const plain = await bareRun(false);
      sameJson = strict.same && plain.same;
      bare = strict.result;
      barePlain = plain.result;
    } finally {
      await stack.stop();
    }
    const ratio = round(api.requests_per_s / bare.requests_per_s, 2);
    const plainRatio = round(api.requests_per_s / barePlain.requests_per_s, 2);
    return {
      connections: ctx.sizes.statusConnections,
      duration_s: ctx.sizes.statusSeconds,
      batch_id: id,
      api,
      baseline:
        'node:http + pg pool (same pool size), the same named prepared statement and JSON, no framework/auth/logging',
      bare,
      bare_answers_the_same_json: sameJson ?? false,
      ratio_req_per_s: ratio,
      // For comparison with runs before the API prepared its statement: the same bare server
      // sending the SQL as a plain parameterised query (parsed and planned at every request).
      bare_plain_query: barePlain,
      ratio_req_per_s_to_plain_query: plainRatio,
      targets: [
        // Correctness, judged at every size: a baseline answering other JSON measures nothing.
        {
          name: 'bare server answers the same JSON as the API',
          value: sameJson ? 1 : 0,
          op: '==' as const,
          bound: 1,
          pass: sameJson ?? false,
        },
        // The bound: p99 ≤ 20 ms or ≥ 0.5 × the bare route; on 2 shared cores 64
        // connections queue in both servers, so the ratio is the judge and p99 is reported.
        ctx.target('req/s ratio to the bare server', ratio, '>=', 0.5),
      ],
    };
  },
};

/** The bare server's answer has the same JSON as the API's (fields, values). */
async function sameBody(bare: Response, apiUrl: string, apiKey: string): Promise<boolean> {
  const a = (await (await fetch(apiUrl, { headers: { 'x-api-key': apiKey } })).json()) as object;
  const b = (await bare.json()) as object;
  return JSON.stringify(a) === JSON.stringify(b);
}
