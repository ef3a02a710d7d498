import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig, toApiKeyEntry } from '@app/common';
import { ApiKeyGuard } from './api-key.guard';
import { keyDigest } from './api-keys';
import { RoutedRequest } from './principal';
import { PUBLIC_ROUTE, ROLE_EXEMPT_ROUTE } from './public-route.decorator';
import { SESSION_COOKIE } from './session-cookie';
import { SessionStore, StoredSession } from './session.store';

const ADMIN = 'first-key-0123456789';
const READER = 'reader-key-abcdefghijkl';
const SECRET = 's'.repeat(40);

/** The store's contract in memory: what was opened and not revoked. */
class MemorySessions {
  readonly sessions = new Map<string, StoredSession>();
  find(sid: string): Promise<StoredSession | null> {
    return Promise.resolve(this.sessions.get(sid) ?? null);
  }
}

function setup(keys = [ADMIN, `read:${READER}`]) {
  const store = new MemorySessions();
  const config = {
    apiKeys: keys.map(toApiKeyEntry),
    sessionSecret: SECRET,
  } as unknown as AppConfig;
  const guard = new ApiKeyGuard(config, store as unknown as SessionStore, new Reflector());
  /** A signed cookie of a live session of `key`. */
  const session = (key: string, csrfToken = 'csrf-token-of-this-session') => {
    const sid = 'A'.repeat(43);
    const expiresAt = Math.floor(Date.now() / 1000) + 600;
    store.sessions.set(sid, { keyId: keyDigest(key).toString('hex'), csrfToken, expiresAt });
    return `${SESSION_COOKIE}=${guard.cookies.encode({ sid, expiresAt })}`;
  };
  return { guard, store, session };
}

function http(
  routePath: string,
  headers: Record<string, string> = {},
  method = 'GET',
  meta: Record<string, boolean> = {},
): ExecutionContext & { request: RoutedRequest } {
  const request: RoutedRequest = { method, headers, route: { path: routePath }, path: routePath };
  const handler = () => undefined;
  for (const [key, value] of Object.entries(meta)) Reflect.defineMetadata(key, value, handler);
  return {
    request,
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext & { request: RoutedRequest };
}

describe('ApiKeyGuard', () => {
  it('accepts every configured key, whatever its role, and nothing else', () => {
    const { guard } = setup();
    for (const key of [ADMIN, READER]) expect(guard.accepts(key)).toBe(true);
    for (const key of ['', 'first-key', `${ADMIN}x`, ADMIN.toUpperCase(), `read:${READER}`]) {
      expect(guard.accepts(key)).toBe(false);
    }
  });

  it('protects /api and everything below it, whatever the case; leaves the rest open', async () => {
    const { guard } = setup();
    for (const path of ['/api', '/api/bulk/start', '/API/batches/:id', '/Api/x']) {
      await expect(guard.canActivate(http(path))).rejects.toThrow(UnauthorizedException);
      await expect(guard.canActivate(http(path, { 'x-api-key': ADMIN }))).resolves.toBe(true);
    }
    for (const path of ['/health', '/health/ready', '/apiary', '/', '/ui/batches']) {
      await expect(guard.canActivate(http(path))).resolves.toBe(true);
    }
  });

  it('names a missing header apart from a wrong key, and lets a public route through', async () => {
    const { guard } = setup();
    await expect(guard.canActivate(http('/api/batches'))).rejects.toThrow(
      'missing X-API-KEY header',
    );
    await expect(guard.canActivate(http('/api/batches', { 'x-api-key': '' }))).rejects.toThrow(
      'missing X-API-KEY header',
    );
    await expect(guard.canActivate(http('/api/batches', { 'x-api-key': 'nope' }))).rejects.toThrow(
      'invalid API key',
    );
    await expect(
      guard.canActivate(http('/api/session', {}, 'POST', { [PUBLIC_ROUTE]: true })),
    ).resolves.toBe(true);
  });

  it('a read key reads anything and changes nothing: 403 FORBIDDEN on every other method', async () => {
    const { guard } = setup();
    const reader = { 'x-api-key': READER };
    await expect(guard.canActivate(http('/api/batches', reader))).resolves.toBe(true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      await expect(guard.canActivate(http('/api/bulk/start', reader, method))).rejects.toThrow(
        ForbiddenException,
      );
      await expect(
        guard.canActivate(http('/api/bulk/start', { 'x-api-key': ADMIN }, method)),
      ).resolves.toBe(true);
    }
  });

  it('takes the session cookie; its changes need the CSRF token, and its role is its key’s', async () => {
    const { guard, session } = setup();
    const admin = session(ADMIN);
    const get = http('/api/batches', { cookie: admin });
    await expect(guard.canActivate(get)).resolves.toBe(true);
    expect(get.request.principal).toMatchObject({ role: 'admin', via: 'session' });

    const noToken = http('/api/bulk/start', { cookie: admin }, 'POST');
    await expect(guard.canActivate(noToken)).rejects.toMatchObject({
      code: 'CSRF_TOKEN_INVALID',
      status: 403,
    });
    const wrongToken = { cookie: admin, 'x-csrf-token': 'csrf-token-of-this-sessioX' };
    await expect(guard.canActivate(http('/api/bulk/start', wrongToken, 'POST'))).rejects.toThrow(
      'X-CSRF-Token',
    );
    const withToken = { cookie: admin, 'x-csrf-token': 'csrf-token-of-this-session' };
    await expect(guard.canActivate(http('/api/bulk/start', withToken, 'POST'))).resolves.toBe(true);

    const reader = { cookie: session(READER), 'x-csrf-token': 'csrf-token-of-this-session' };
    await expect(guard.canActivate(http('/api/bulk/start', reader, 'POST'))).rejects.toThrow(
      ForbiddenException,
    );
    // Signing out is a change every role may make.
    await expect(
      guard.canActivate(http('/api/session', reader, 'DELETE', { [ROLE_EXEMPT_ROUTE]: true })),
    ).resolves.toBe(true);
  });

  it('refuses a forged, expired or revoked cookie, and one whose key left API_KEYS', async () => {
    const { guard, store, session } = setup();
    const cookie = session(ADMIN);
    const forged = cookie.slice(0, -2) + (cookie.endsWith('AA') ? 'BB' : 'AA');
    await expect(guard.canActivate(http('/api/batches', { cookie: forged }))).rejects.toThrow(
      'session expired or signed out',
    );
    store.sessions.clear();
    await expect(guard.canActivate(http('/api/batches', { cookie }))).rejects.toThrow(
      'session expired or signed out',
    );
    const other = setup([READER]);
    const orphan = other.session(ADMIN);
    await expect(other.guard.canActivate(http('/api/batches', { cookie: orphan }))).rejects.toThrow(
      UnauthorizedException,
    );
    // The header wins over the cookie: API clients behave as before.
    await expect(
      guard.canActivate(http('/api/bulk/start', { cookie: forged, 'x-api-key': ADMIN }, 'POST')),
    ).resolves.toBe(true);
  });
});
