import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@app/common';

export const API_KEY_HEADER = 'x-api-key';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export interface RoutedRequest {
  headers: Record<string, string | string[] | undefined>;
  /** Express: the matched route; its path is the declared pattern, not the request's URL. */
  route?: { path?: unknown };
  path?: string;
}

/**
 * Every route under /api needs `X-API-KEY` equal to one of API_KEYS. Keys are compared as SHA-256
 * digests with timingSafeEqual against every configured key, so the time taken tells nothing
 * about a key's content or length. Keys are never logged. Routes outside /api (health) are open.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keyDigests: Buffer[];

  constructor(config: AppConfig) {
    this.keyDigests = config.apiKeys.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    if (!ApiKeyGuard.isProtected(request)) return true;
    const problem = this.keyProblem(request);
    if (problem !== null) throw new UnauthorizedException(problem);
    return true;
  }

  /** Why the request's X-API-KEY is refused, or null when it is one of API_KEYS. */
  keyProblem(request: RoutedRequest): string | null {
    const header = request.headers[API_KEY_HEADER];
    const given = Array.isArray(header) ? header[0] : header;
    if (given === undefined || given === '') return 'missing X-API-KEY header';
    return this.accepts(given) ? null : 'invalid API key';
  }

  /** True when `key` equals one of the configured keys; every key is compared, always. */
  accepts(key: string): boolean {
    const given = digest(key);
    let match = false;
    for (const expected of this.keyDigests) match = timingSafeEqual(given, expected) || match;
    return match;
  }

  /** The route's declared path (case-insensitive routing cannot dodge it) is /api or below. */
  static isProtected(request: RoutedRequest): boolean {
    const declared = request.route?.path;
    const path = (typeof declared === 'string' ? declared : (request.path ?? '/')).toLowerCase();
    return path === '/api' || path.startsWith('/api/');
  }
}
