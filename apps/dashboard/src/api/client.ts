import createClient, { type Middleware } from 'openapi-fetch';
import type { PendingPaths } from './pending-paths';
import type { components, paths } from './schema';

/** Every route the pages call: the API's generated ones, and the contract's pending ones. */
export type ApiPaths = paths & PendingPaths;
export type Schemas = components['schemas'];
export type Batch = Schemas['BatchDto'];
export type Detail = Schemas['DetailDto'];
export type StartBatchBody = Schemas['StartBatchDto'];
export type Role = 'read' | 'admin';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
let csrfToken: string | null = null;
let onUnauthorized: () => void = () => undefined;

/** The session's CSRF token, sent as X-CSRF-Token with every change. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 (session expired or signed out elsewhere). */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

const session: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method) && csrfToken !== null) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !request.url.endsWith('/api/session')) onUnauthorized();
    return response;
  },
};

/** The typed client (openapi-fetch over the generated paths); the cookie goes along by itself. */
export const api = createClient<ApiPaths>({ baseUrl: location.origin, credentials: 'same-origin' });
api.use(session);

/** An error answer of the API, `{success:false, error:{code, message}}`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The route does not exist on this server (a capability still to land). */
  get missing(): boolean {
    return this.status === 404 && this.code === 'NOT_FOUND';
  }
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a 2xx answer, or throws ApiError with the API's code and message. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (error) {
    throw new ApiError(0, 'NETWORK', `the API did not answer: ${String(error)}`);
  }
  if (result.response.ok) return result.data as T;
  const body = result.error as
    { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined;
  throw new ApiError(
    result.response.status,
    body?.error?.code ?? `HTTP_${result.response.status}`,
    body?.error?.message ?? result.response.statusText,
    body?.error?.details,
  );
}
