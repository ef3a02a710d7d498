import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import { AppConfig } from '@app/common';
import { CodedHttpException } from '../errors/coded-http.exception';
import { ApiKeys } from './api-keys';
import { Principal, RoutedRequest, SAFE_METHODS } from './principal';
import { PUBLIC_ROUTE, ROLE_EXEMPT_ROUTE } from './public-route.decorator';
import { SESSION_COOKIE, SessionCookieCodec } from './session-cookie';
import { SessionStore } from './session.store';

export type { RoutedRequest } from './principal';

export const API_KEY_HEADER = 'x-api-key';
export const CSRF_HEADER = 'x-csrf-token';

function header(request: RoutedRequest, name: string): string | undefined {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/**
 * Every route under /api needs a credential: the `X-API-KEY` header (one of API_KEYS, compared
 * in constant time, never logged), or the dashboard's signed session cookie (see SessionStore).
 * The header wins when both are sent, so API clients behave as before. A `read` key may call any
 * GET; any other method answers 403 FORBIDDEN. A change made with the cookie must also carry the
 * session's CSRF token in `X-CSRF-Token` (else 403 CSRF_TOKEN_INVALID): SameSite=Strict already
 * keeps other sites' forms from sending the cookie; the token also covers same-site pages and
 * browsers that ignore SameSite. Routes outside /api (health, metrics, /ui/) are open.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  readonly keys: ApiKeys;
  readonly cookies: SessionCookieCodec;

  constructor(
    config: AppConfig,
    private readonly sessions: SessionStore,
    private readonly reflector: Reflector,
  ) {
    this.keys = new ApiKeys(config);
    this.cookies = new SessionCookieCodec(config.sessionSecret);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    if (!ApiKeyGuard.isProtected(request)) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const principal = await this.authenticate(request);
    request.principal = principal;
    if (SAFE_METHODS.includes((request.method ?? 'GET').toUpperCase())) return true;
    if (principal.session !== undefined && !this.csrfHolds(request, principal.session.csrfToken)) {
      throw new CodedHttpException(
        'CSRF_TOKEN_INVALID',
        'a change made with the session cookie needs the X-CSRF-Token header of the session (GET /api/session)',
        undefined,
        403,
      );
    }
    if (
      principal.role !== 'admin' &&
      !this.reflector.getAllAndOverride<boolean>(ROLE_EXEMPT_ROUTE, targets)
    ) {
      throw new ForbiddenException('this API key may only read (role read): no change is allowed');
    }
    return true;
  }

  /** The request's principal: its X-API-KEY, else its session cookie; 401 when neither holds. */
  async authenticate(request: RoutedRequest): Promise<Principal> {
    const key = header(request, API_KEY_HEADER);
    if (key !== undefined) {
      const matched = this.keys.match(key);
      if (matched === null) throw new UnauthorizedException('invalid API key');
      return { ...matched, via: 'key' };
    }
    const now = Math.floor(Date.now() / 1000);
    const cookie = this.sessionCookie(request);
    if (cookie === undefined) throw new UnauthorizedException('missing X-API-KEY header');
    const signed = this.cookies.decode(cookie, now);
    const stored = signed === null ? null : await this.sessions.find(signed.sid, now);
    const role = stored === null ? null : this.keys.roleOf(stored.keyId);
    if (signed === null || stored === null || role === null) {
      throw new UnauthorizedException('session expired or signed out: sign in again');
    }
    return {
      role,
      keyId: stored.keyId,
      via: 'session',
      session: { sid: signed.sid, csrfToken: stored.csrfToken, expiresAt: stored.expiresAt },
    };
  }

  /**
   * Why the request has no credential, or null when its X-API-KEY is valid or it carries a
   * cookie with a valid signature (checked without the store: the exception filter asks this
   * synchronously, to answer 401 rather than 404 for an unknown route).
   */
  keyProblem(request: RoutedRequest): string | null {
    const key = header(request, API_KEY_HEADER);
    if (key !== undefined) return this.keys.accepts(key) ? null : 'invalid API key';
    const cookie = this.sessionCookie(request);
    if (cookie !== undefined && this.cookies.decode(cookie, Math.floor(Date.now() / 1000))) {
      return null;
    }
    return 'missing X-API-KEY header';
  }

  /** True when `key` equals one of the configured keys (Bull Board's check). */
  accepts(key: string): boolean {
    return this.keys.accepts(key);
  }

  sessionCookie(request: RoutedRequest): string | undefined {
    const raw = header(request, 'cookie');
    return raw === undefined ? undefined : parseCookies(raw)[SESSION_COOKIE];
  }

  private csrfHolds(request: RoutedRequest, expected: string): boolean {
    const given = Buffer.from(header(request, CSRF_HEADER) ?? '', 'utf8');
    const wanted = Buffer.from(expected, 'utf8');
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }

  /** The route's declared path (case-insensitive routing cannot dodge it) is /api or below. */
  static isProtected(request: RoutedRequest): boolean {
    const declared = request.route?.path;
    const path = (typeof declared === 'string' ? declared : (request.path ?? '/')).toLowerCase();
    return path === '/api' || path.startsWith('/api/');
  }
}
