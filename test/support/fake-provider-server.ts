import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** The recorded provider responses kept in the repository (provenance: its README.md). */
export const PROVIDER_FIXTURES_DIR = path.join(__dirname, '..', 'fixtures', 'providers');

/** What the fake server answers to one request. */
export interface FakeReply {
  /** Default 200 (or the recorded status of a yahoo-finance2 fixture). */
  status?: number;
  headers?: Record<string, string>;
  /** Sent as is. */
  body?: string;
  /** Sent as is (binary), with content-type application/octet-stream unless `headers` say. */
  bytes?: Buffer;
  /** Sent as JSON.stringify(json) with content-type application/json. */
  json?: unknown;
  /**
   * A file under the fixtures directory (or an absolute path). A yahoo-finance2 record
   * (`{request, response: {status, headers, bodyJson}}`) is replayed as JSON.stringify(bodyJson)
   * with its recorded status and content-type (never its content-length/content-encoding); any
   * other file is sent byte for byte (.json as application/json, .xls as application/vnd.ms-excel,
   * else text/plain).
   */
  fixture?: string;
  /** Never answer (the connection stays open until the client gives up or the server closes). */
  hang?: boolean;
  /** Answer a truncated JSON body (content-type application/json). */
  malformed?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  /** The path as received (percent-encoded). */
  path: string;
  /** The path with percent-escapes decoded (`/v8/finance/chart/GC=F`). */
  decodedPath: string;
  /** Date.now() when the request arrived. */
  at: number;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply;

interface Route {
  matcher: string | RegExp;
  /** Replies used once each, first in first out (fault injection), before `fallback`. */
  queue: FakeReply[];
  fallback: FakeReply | FakeHandler | null;
}

export interface FakeProviderServerOptions {
  /** Base of relative `fixture` paths; default PROVIDER_FIXTURES_DIR. */
  fixturesDir?: string;
}

/**
 * A local HTTP server on 127.0.0.1 (port 0) that stands in for a provider's API in tests.
 * Routes match the request path as received or percent-decoded (a string: exactly; a RegExp:
 * tested on it), the most recent route first; unmatched requests get 404 `{"error":"no fake route"}`. Every request is recorded.
 *
 * ```ts
 * const server = await FakeProviderServer.start();
 * server.route('/v8/finance/chart/AAPL', { fixture: 'yahoo/chart-AAPL-2020-08-31-to-2020-11-07.json' });
 * server.failFirst('/v8/finance/chart/AAPL', 2, { status: 500, body: 'oops' }); // then the fixture
 * server.route('/v8/finance/chart/SLOW', { hang: true });
 * new YahooChartProvider({ baseUrl: server.url, timeoutMs: 300 });
 * await server.close();
 * ```
 */
export class FakeProviderServer {
  readonly requests: RecordedRequest[] = [];
  private routes: Route[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly fixturesDir: string;

  private constructor(
    private readonly server: Server,
    options: FakeProviderServerOptions,
  ) {
    this.fixturesDir = options.fixturesDir ?? PROVIDER_FIXTURES_DIR;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.handle(req, res));
  }

  static async start(options: FakeProviderServerOptions = {}): Promise<FakeProviderServer> {
    const server = createServer();
    const fake = new FakeProviderServer(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The reply of every request to `matcher` once its queued faults are used up. */
  route(matcher: string | RegExp, reply: FakeReply | FakeHandler): this {
    this.routeFor(matcher).fallback = reply;
    return this;
  }

  /** The next `count` requests to `matcher` get `reply` (e.g. a 500), then the route's default. */
  failFirst(matcher: string | RegExp, count: number, reply: FakeReply): this {
    const route = this.routeFor(matcher);
    for (let i = 0; i < count; i += 1) route.queue.push(reply);
    return this;
  }

  /** Requests whose path matches `matcher`, oldest first. */
  requestsTo(matcher: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => matchesRequest(matcher, r));
  }

  /** Forgets routes and recorded requests. */
  reset(): void {
    this.routes = [];
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private routeFor(matcher: string | RegExp): Route {
    const key = String(matcher);
    let route = this.routes.find(
      (r) => String(r.matcher) === key && typeof r.matcher === typeof matcher,
    );
    if (!route) {
      route = { matcher, queue: [], fallback: null };
      this.routes.push(route);
    }
    return route;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const parsed = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: parsed.pathname,
      decodedPath: safeDecode(parsed.pathname),
      at: Date.now(),
      query: parsed.searchParams,
      headers: req.headers,
    };
    this.requests.push(recorded);
    const route = [...this.routes].reverse().find((r) => matchesRequest(r.matcher, recorded));
    let reply: FakeReply;
    if (!route || (route.queue.length === 0 && !route.fallback)) {
      reply = { status: 404, json: { error: 'no fake route', path: recorded.path } };
    } else if (route.queue.length > 0) {
      reply = route.queue.shift()!;
    } else {
      const fallback = route.fallback!;
      try {
        reply = typeof fallback === 'function' ? fallback(recorded) : fallback;
      } catch (error) {
        reply = { status: 599, body: `fake handler threw: ${String(error)}` };
      }
    }
    const send = (): void => this.send(res, reply);
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  }

  private send(res: ServerResponse, reply: FakeReply): void {
    if (reply.hang) {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    let status = reply.status ?? 200;
    let headers: Record<string, string> = {};
    let body: string | Buffer = '';
    if (reply.fixture !== undefined) {
      const file = path.resolve(this.fixturesDir, reply.fixture);
      const raw = readFileSync(file);
      const recorded = file.endsWith('.json') ? yahooFinance2Record(raw.toString('utf8')) : null;
      if (recorded) {
        status = reply.status ?? recorded.status;
        headers['content-type'] = recorded.contentType;
        body = recorded.body;
      } else {
        headers['content-type'] = file.endsWith('.json')
          ? 'application/json'
          : file.endsWith('.xls')
            ? 'application/vnd.ms-excel'
            : 'text/plain; charset=utf-8';
        body = raw;
      }
    } else if (reply.malformed) {
      headers['content-type'] = 'application/json';
      body = '{"chart":{"result":[{"meta":{"symbol":"AAPL"},"timestamp":[1598880600,';
    } else if (reply.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(reply.json);
    } else if (reply.bytes !== undefined) {
      headers['content-type'] = 'application/octet-stream';
      body = reply.bytes;
    } else if (reply.body !== undefined) {
      headers['content-type'] = 'text/plain; charset=utf-8';
      body = reply.body;
    }
    headers = { ...headers, ...reply.headers };
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }
}

/** A route matches the path as received or decoded. */
function matchesRequest(matcher: string | RegExp, request: RecordedRequest): boolean {
  return [request.path, request.decodedPath].some((p) =>
    typeof matcher === 'string' ? matcher === p : matcher.test(p),
  );
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** The replayable parts of a yahoo-finance2 HTTP record, or null for any other file. */
function yahooFinance2Record(
  text: string,
): { status: number; contentType: string; body: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const response = (parsed as { response?: unknown } | null)?.response as
    { status?: unknown; headers?: Record<string, unknown>; bodyJson?: unknown } | undefined;
  if (!response || typeof response.status !== 'number' || !('bodyJson' in response)) return null;
  const contentType = response.headers?.['content-type'];
  return {
    status: response.status,
    contentType: typeof contentType === 'string' ? contentType : 'application/json',
    body: JSON.stringify(response.bodyJson),
  };
}

/**
 * A Binance klines endpoint over `rows` (sorted by open time): answers the rows with
 * startTime ≤ openTime ≤ endTime, at most `limit` (default 500, max 1500), like
 * `/fapi/v1/klines`.
 */
export function binanceKlinesHandler(rows: readonly (readonly unknown[])[]): FakeHandler {
  return (request) => {
    const start = Number(request.query.get('startTime') ?? 0);
    const end = Number(request.query.get('endTime') ?? Number.MAX_SAFE_INTEGER);
    const limit = Math.min(Number(request.query.get('limit') ?? 500), 1500);
    const page = rows.filter((r) => Number(r[0]) >= start && Number(r[0]) <= end).slice(0, limit);
    return { json: page };
  };
}
