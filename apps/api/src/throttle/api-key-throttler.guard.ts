import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { API_KEY_HEADER } from '../auth/api-key.guard';
import type { Principal } from '../auth/principal';

/** The routes the limit leaves alone: probes and scraping must never be refused. */
const UNTHROTTLED = /^\/(health(\/.*)?|metrics)$/;

interface TrackedRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  route?: { path?: unknown };
  path?: string;
  principal?: Principal;
}

/**
 * API_RATE_LIMIT requests per minute per API key, over all routes together. Runs after
 * ApiKeyGuard, so on /api only valid keys and sessions get here. The tracker is a SHA-256 of the
 * key (the raw key is never kept in memory as a map key; a session counts as its key), or the
 * client IP when there is neither (signing in). Over the
 * limit: 429 RATE_LIMITED (mapped in errors/api-error.ts) with Retry-After in seconds.
 */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<TrackedRequest>();
    const declared = request.route?.path;
    const path = (typeof declared === 'string' ? declared : (request.path ?? '/')).toLowerCase();
    return Promise.resolve(UNTHROTTLED.test(path.replace(/\/+$/, '') || '/'));
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    return Promise.resolve(ApiKeyThrottlerGuard.trackerOf(request as unknown as TrackedRequest));
  }

  /** One bucket per tracker for the whole API (the default is one per route and tracker). */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const minutes = detail.ttl / 60_000;
    const per = minutes === 1 ? 'minute' : `${minutes} minutes`;
    throw new ThrottlerException(
      `rate limit of ${detail.limit} requests per ${per} exceeded; retry after ${detail.timeToBlockExpire} s`,
    );
  }

  static trackerOf(request: TrackedRequest): string {
    // A dashboard session counts against the key it was opened with (same id as the header's).
    if (request.principal !== undefined) return `key:${request.principal.keyId}`;
    const header = request.headers[API_KEY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    if (key !== undefined && key !== '') {
      return `key:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
    }
    return `ip:${request.ip ?? 'unknown'}`;
  }
}
