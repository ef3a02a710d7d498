import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, launchProcess, waitForHttp } from '../../processes/app-launcher';
import { BenchContext, round, Scenario } from '../bench-context';

/**
 * `status`: GET /api/bulk/status/:id under `sizes.statusConnections` connections (autocannon)
 * against a bare node:http + pg server answering the same JSON from the same query, in its own
 * process like the API, measured in the same run one after the other.
 */
export const statusScenario: Scenario = {
  name: 'status',
  description: 'status route req/s, p50/p99 vs a bare node:http + pg server (same query, JSON)',
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
    let sameJson: boolean | undefined;
    try {
      id ??= await stack.startBatch({ symbols: ['X'], interval: '1d', provider: 'synthetic' });
      api = await measure(`${stack.base}/api/bulk/status/${id}`, { 'x-api-key': ctx.apiKey });
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
          },
          logFile: join(ctx.logsDir, 'bare-status-server.log'),
        },
      );
      try {
        const url = `http://127.0.0.1:${port}/api/bulk/status/${id}`;
        const first = await waitForHttp(url, server, { status: 200 });
        sameJson = await sameBody(first, `${stack.base}/api/bulk/status/${id}`, ctx.apiKey);
        bare = await measure(url, {});
      } finally {
        await server.stop();
      }
    } finally {
      await stack.stop();
    }
    const ratio = round(api.requests_per_s / bare.requests_per_s, 2);
    return {
      connections: ctx.sizes.statusConnections,
      duration_s: ctx.sizes.statusSeconds,
      batch_id: id,
      api,
      baseline:
        'node:http + pg pool (same pool size), same SQL and JSON, no framework/auth/logging',
      bare,
      bare_answers_the_same_json: sameJson ?? false,
      ratio_req_per_s: ratio,
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
