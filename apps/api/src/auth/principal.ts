import type { ApiRole } from '@app/common';

/** Who a request under /api is, set on the request by ApiKeyGuard. */
export interface Principal {
  role: ApiRole;
  /** Hex SHA-256 of the API key (directly, or the one the session was opened with). */
  keyId: string;
  /** `key`: X-API-KEY header; `session`: the dashboard's cookie. */
  via: 'key' | 'session';
  /** Cookie sessions only. */
  session?: { sid: string; csrfToken: string; expiresAt: number };
}

/** The request as the guard, the throttler and the session routes see it. */
export interface RoutedRequest {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Express: the matched route; its path is the declared pattern, not the request's URL. */
  route?: { path?: unknown };
  path?: string;
  principal?: Principal;
}

/** Methods that change nothing: every role may call them. */
export const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];
