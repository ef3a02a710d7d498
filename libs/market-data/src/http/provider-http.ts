import { Logger } from '@nestjs/common';
import { Metrics, redactUrl } from '@app/common';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';
import { RateLimitedError } from '../errors/rate-limited.error';

export const PROVIDER_USER_AGENT = 'market-ingest/0.1 (+https://github.com/market-ingest)';

/** Wait used when a 429/418 carries no (usable) `Retry-After` header. */
export const DEFAULT_RETRY_AFTER_MS = 5000;

export interface ProviderHttpOptions {
  /** Provider name, used in error messages. */
  provider: string;
  /** Timeout of one request (headers and body), in ms (PROVIDER_TIMEOUT_MS). */
  timeoutMs: number;
}

/**
 * A response that the helper did not turn into an error: 1xx-3xx and 4xx other than 429/418.
 * The provider maps its own 4xx bodies (unknown symbol, invalid request).
 */
export interface ProviderResponse {
  status: number;
  headers: Headers;
  /** The body as received. */
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON (only possible on 4xx). */
  json: unknown;
}

/**
 * `Retry-After` in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or
 * unusable. A date in the past gives 0.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/^[A-Za-z]/.test(text)) return null;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/**
 * GET with a per-request timeout on Node's fetch, mapping transport-level failures to the
 * market-data errors that the queue understands:
 * - timeout → ProviderUnavailableError("timeout after N ms"); connection error or caller abort →
 *   ProviderUnavailableError;
 * - 429 and 418 (Binance's ban) → RateLimitedError honouring Retry-After (default 5000 ms);
 * - 5xx → ProviderUnavailableError with the status;
 * - a 2xx body that is not JSON → ProviderUnavailableError("malformed body").
 * Other 4xx are returned for the provider to interpret.
 */
export class ProviderHttpClient {
  private static readonly logger = new Logger('ProviderHttp');

  constructor(private readonly options: ProviderHttpOptions) {}

  async getJson(url: string, signal?: AbortSignal): Promise<ProviderResponse> {
    const { provider, timeoutMs } = this.options;
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const failure = (error: unknown, during: string): ProviderUnavailableError => {
      if (timeout.aborted) {
        return new ProviderUnavailableError(`${provider}: timeout after ${timeoutMs} ms`, {
          cause: error,
        });
      }
      if (signal?.aborted) {
        return new ProviderUnavailableError(`${provider}: request aborted`, { cause: error });
      }
      return new ProviderUnavailableError(`${provider}: ${during} failed: ${describe(error)}`, {
        cause: error,
      });
    };

    const started = Date.now();
    const stopTimer = Metrics.get().providerRequests.startTimer({ provider });
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { 'User-Agent': PROVIDER_USER_AGENT, Accept: 'application/json' },
        signal: combined,
      });
    } catch (error) {
      stopTimer({ status: timeout.aborted ? 'timeout' : 'error' });
      throw failure(error, 'connection');
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      stopTimer({ status: timeout.aborted ? 'timeout' : 'error' });
      throw failure(error, 'reading the body');
    }
    stopTimer({ status: String(response.status) });
    ProviderHttpClient.logger.debug(
      `GET ${redactUrl(url)}: HTTP ${response.status} in ${Date.now() - started} ms`,
    );

    const { status } = response;
    if (status === 429 || status === 418) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const wait = retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
      throw new RateLimitedError(
        wait,
        `${provider}: HTTP ${status} ${snippet(text)}; retry after ${wait} ms`,
      );
    }
    if (status >= 500) {
      throw new ProviderUnavailableError(`${provider}: HTTP ${status} ${snippet(text)}`);
    }

    let json: unknown = undefined;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch (error) {
        if (status < 400) {
          throw new ProviderUnavailableError(
            `${provider}: malformed body (HTTP ${status}): ${snippet(text)}`,
            { cause: error },
          );
        }
      }
    } else if (status < 400) {
      throw new ProviderUnavailableError(`${provider}: malformed body (HTTP ${status}): empty`);
    }
    return { status, headers: response.headers, text, json };
  }
}

/** `message: cause message`; duck-typed, since fetch's errors may come from another realm. */
function describe(error: unknown): string {
  const message = (e: unknown): string | null =>
    typeof e === 'object' && e !== null && typeof (e as Error).message === 'string'
      ? (e as Error).message
      : null;
  const own = message(error) ?? String(error);
  const cause = message((error as { cause?: unknown } | null)?.cause);
  return cause ? `${own}: ${cause}` : own;
}

/** The start of a body, for error messages (bodies can be large HTML pages). */
function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
