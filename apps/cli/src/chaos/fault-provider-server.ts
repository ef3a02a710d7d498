import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const DAY = 86_400_000;

/**
 * The faults a symbol asks for, by its name (Binance symbols are [A-Z0-9]{2,20}):
 * - `…SLOW…`: every answer waits `slowMs` (a latency spike under the provider timeout);
 * - `…HANG…`: the first request of the symbol never answers (past PROVIDER_TIMEOUT_MS);
 * - `…MAL…`: the first two answers are truncated JSON;
 * - `…BADROWS…`: every answer is well-formed JSON that is not klines (a permanent failure);
 * - `…E5XX…`: the first three answers are 500/502/503;
 * - `…E429…`: the first two answers are 429 with Retry-After: 1;
 * anything else answers good klines at once.
 */
export type FaultKind = 'slow' | 'hang' | 'malformed' | 'badrows' | 'e5xx' | 'e429' | 'ok';

export function faultOf(symbol: string): FaultKind {
  if (symbol.includes('SLOW')) return 'slow';
  if (symbol.includes('HANG')) return 'hang';
  if (symbol.includes('BADROWS')) return 'badrows';
  if (symbol.includes('MAL')) return 'malformed';
  if (symbol.includes('E5XX')) return 'e5xx';
  if (symbol.includes('E429')) return 'e429';
  return 'ok';
}

/**
 * A local stand-in for Binance's `/fapi/v1/klines` (the worker's BINANCE_BASE_URL points here)
 * that injects faults by symbol name. Loopback only; deterministic klines, one per day.
 */
export class FaultProviderServer {
  /** Requests per symbol. */
  readonly requests = new Map<string, number>();
  /** Answers by kind: ok, slow, hang, malformed, badrows, 500, 502, 503, 429. */
  readonly answers: Record<string, number> = {};
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    private readonly slowMs: number,
  ) {
    server.on('request', (req, res) => this.handle(req, res));
  }

  static async start(slowMs: number): Promise<FaultProviderServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new FaultProviderServer(server, slowMs);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private count(kind: string): void {
    this.answers[kind] = (this.answers[kind] ?? 0) + 1;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname !== '/fapi/v1/klines') {
      this.count('404');
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"code":-1,"msg":"no such route"}');
      return;
    }
    const symbol = url.searchParams.get('symbol') ?? '';
    const n = (this.requests.get(symbol) ?? 0) + 1;
    this.requests.set(symbol, n);
    const json = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    };
    const klines = () =>
      JSON.stringify(
        klineRows(
          symbol,
          Number(url.searchParams.get('startTime') ?? 0),
          Number(url.searchParams.get('endTime') ?? 0),
          Number(url.searchParams.get('limit') ?? 500),
        ),
      );
    switch (faultOf(symbol)) {
      case 'slow':
        this.count('slow');
        setTimeout(() => json(200, klines()), this.slowMs);
        return;
      case 'hang':
        if (n === 1) {
          this.count('hang');
          this.hanging.add(res);
          res.on('close', () => this.hanging.delete(res));
          return;
        }
        break;
      case 'malformed':
        if (n <= 2) {
          this.count('malformed');
          json(200, klines().slice(0, 25));
          return;
        }
        break;
      case 'badrows':
        this.count('badrows');
        json(200, '{"unexpected":true}');
        return;
      case 'e5xx':
        if (n <= 3) {
          const status = [500, 502, 503][n - 1];
          this.count(String(status));
          json(status, `{"code":-1001,"msg":"Internal error; unable to process your request."}`);
          return;
        }
        break;
      case 'e429':
        if (n <= 2) {
          this.count('429');
          json(429, '{"code":-1003,"msg":"Too many requests."}', { 'retry-after': '1' });
          return;
        }
        break;
      default:
        break;
    }
    this.count('ok');
    json(200, klines());
  }
}

/** Daily klines of `symbol` with open time in [start, end], at most `limit`. */
export function klineRows(symbol: string, start: number, end: number, limit: number): unknown[][] {
  const rows: unknown[][] = [];
  let seed = 0;
  for (const c of symbol) seed = (seed * 31 + c.charCodeAt(0)) % 1000;
  for (let t = Math.ceil(start / DAY) * DAY; t <= end && rows.length < limit; t += DAY) {
    const p = 100 + seed + ((t / DAY) % 17);
    rows.push([t, String(p), String(p + 2), String(p - 2), String(p + 1), '1000', t + DAY - 1]);
  }
  return rows;
}
