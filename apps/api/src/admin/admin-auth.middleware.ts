import type { NextFunction, Request, Response } from 'express';
import { API_KEY_HEADER } from '../auth/api-key.guard';

/** User name of HTTP basic auth on the admin pages; the password is any configured API key. */
export const ADMIN_USER = 'admin';

/** What the middleware needs of ApiKeyGuard: the constant-time key check. */
export interface KeyChecker {
  accepts(key: string): boolean;
}

/** The password of `Authorization: Basic base64(admin:<password>)`, or undefined. */
export function basicAuthPassword(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(0, colon) !== ADMIN_USER) return undefined;
  return decoded.slice(colon + 1);
}

/**
 * Lets a request through with `X-API-KEY: <key>` or HTTP basic auth `admin:<key>` (so that a
 * browser can open the page); otherwise 401 with `WWW-Authenticate: Basic` and the API's error
 * body. Keys are checked by ApiKeyGuard.accepts (SHA-256 digests, timingSafeEqual).
 */
export function adminAuth(keys: KeyChecker) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const header = request.headers[API_KEY_HEADER];
    const apiKey = Array.isArray(header) ? header[0] : header;
    const password = basicAuthPassword(request.headers.authorization);
    const given = apiKey !== undefined && apiKey !== '' ? apiKey : password;
    if (given !== undefined && given !== '' && keys.accepts(given)) {
      next();
      return;
    }
    response
      .status(401)
      .set('WWW-Authenticate', 'Basic realm="market-ingest admin", charset="UTF-8"')
      .json({
        success: false,
        error: {
          code: 'UNAUTHORIZED',
          message:
            given === undefined || given === ''
              ? 'credentials required: X-API-KEY header, or basic auth as admin with an API key as password'
              : 'invalid credentials',
        },
      });
  };
}
