/** One answer of the API as the chaos run saw it. */
export interface ChaosResponse {
  /** HTTP status, or 0 when no answer came (connection refused/reset, timeout). */
  status: number;
  /** 'timeout' | 'ECONNREFUSED' | … when status is 0. */
  failure?: string;
  json: unknown;
  ms: number;
  /** Date.now() when the request was sent. */
  sentAt: number;
}

export interface ChaosRequest {
  method?: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
  /** Path and query, sent byte for byte (percent-escapes and all). */
  path: string;
  /** Sent as JSON.stringify(body). */
  body?: unknown;
  /** Sent as is (takes precedence over body). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** valid (default): the run's key; none: no key; wrong: a key that is not one. */
  auth?: 'valid' | 'none' | 'wrong';
  timeoutMs?: number;
}

/** A window during which a dependency of the API was down on purpose (ms since the epoch). */
export interface OutageWindow {
  dependency: 'postgres' | 'redis' | 'api';
  from: number;
  /** null while it lasts. */
  to: number | null;
}

/** Status counts keyed by status ("200", "503", …) or failure ("timeout", "ECONNREFUSED"). */
export type StatusCounts = Record<string, number>;

/**
 * The chaos run's HTTP client: every answer is counted by status, and each 503 (or failed
 * connection) is classified against the outage windows the scenario declared: one sent while a
 * dependency was down (or within `graceMs` after it returned) is expected, any other is not.
 */
export class ChaosHttp {
  counts: StatusCounts = {};
  unexpected: { status: number | string; method: string; path: string; at: number }[] = [];
  windows: OutageWindow[] = [];

  constructor(
    private readonly baseUrl: () => string,
    private readonly apiKey: string,
    private readonly graceMs: number,
  ) {}

  /** Forgets counts, outage windows and unexpected answers (one scenario's figures). */
  reset(): void {
    this.counts = {};
    this.unexpected = [];
    this.windows = [];
  }

  outageBegins(dependency: OutageWindow['dependency']): OutageWindow {
    const window: OutageWindow = { dependency, from: Date.now(), to: null };
    this.windows.push(window);
    return window;
  }

  outageEnds(window: OutageWindow): void {
    window.to = Date.now();
  }

  /** True when `at` falls in an outage window (or its grace after the end). */
  inOutage(at: number, dependencies?: OutageWindow['dependency'][]): boolean {
    return this.windows.some(
      (w) =>
        (!dependencies || dependencies.includes(w.dependency)) &&
        at >= w.from &&
        (w.to === null || at <= w.to + this.graceMs),
    );
  }

  async request(req: ChaosRequest): Promise<ChaosResponse> {
    const method = req.method ?? 'GET';
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    const auth = req.auth ?? 'valid';
    if (auth === 'valid') headers['x-api-key'] = this.apiKey;
    if (auth === 'wrong') headers['x-api-key'] = 'not-a-key-of-this-run-0000000000000000';
    let body: string | undefined;
    if (req.rawBody !== undefined) body = req.rawBody;
    else if (req.body !== undefined) body = JSON.stringify(req.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    const sentAt = Date.now();
    const t0 = performance.now();
    let status = 0;
    let failure: string | undefined;
    let json: unknown = null;
    try {
      const res = await fetch(`${this.baseUrl()}${req.path}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(req.timeoutMs ?? 15_000),
      });
      status = res.status;
      const text = await res.text();
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = text;
      }
    } catch (error) {
      failure = failureName(error);
    }
    const ms = performance.now() - t0;
    const key = status === 0 ? (failure ?? 'error') : String(status);
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    const expectedFault = this.inOutage(sentAt) || this.inOutage(Date.now());
    if (status >= 500 && status !== 503) {
      this.unexpected.push({ status, method, path: req.path.slice(0, 120), at: sentAt });
    } else if ((status === 503 || status === 0) && !expectedFault) {
      this.unexpected.push({ status: key, method, path: req.path.slice(0, 120), at: sentAt });
    }
    return { status, failure, json, ms, sentAt };
  }
}

function failureName(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code) return cause.code;
    return error.name;
  }
  return 'error';
}

/** `{success:false, error:{code}}` → the code, else null. */
export function errorCode(json: unknown): string | null {
  const error = (json as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && error.code.length > 0 ? error.code : null;
}
