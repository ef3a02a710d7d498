import { ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { ApiKeyGuard } from './api-key.guard';

const KEYS = ['first-key-0123456789', 'second-key-abcdefghijkl'];

function guard(): ApiKeyGuard {
  return new ApiKeyGuard({ apiKeys: KEYS } as AppConfig);
}

function http(routePath: string, headers: Record<string, string> = {}): ExecutionContext {
  const request = { headers, route: { path: routePath }, path: routePath };
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('ApiKeyGuard', () => {
  it('accepts every configured key and nothing else', () => {
    const g = guard();
    for (const key of KEYS) expect(g.accepts(key)).toBe(true);
    for (const key of ['', 'first-key', `${KEYS[0]}x`, KEYS[0].toUpperCase(), KEYS.join(',')]) {
      expect(g.accepts(key)).toBe(false);
    }
  });

  it('protects /api and everything below it, whatever the case; leaves the rest open', () => {
    const g = guard();
    for (const path of ['/api', '/api/bulk/start', '/API/batches/:id', '/Api/x']) {
      expect(() => g.canActivate(http(path))).toThrow(UnauthorizedException);
      expect(g.canActivate(http(path, { 'x-api-key': KEYS[1] }))).toBe(true);
    }
    for (const path of ['/health', '/health/ready', '/apiary', '/']) {
      expect(g.canActivate(http(path))).toBe(true);
    }
  });

  it('names a missing header apart from a wrong key', () => {
    const g = guard();
    expect(() => g.canActivate(http('/api/batches'))).toThrow('missing X-API-KEY header');
    expect(() => g.canActivate(http('/api/batches', { 'x-api-key': '' }))).toThrow(
      'missing X-API-KEY header',
    );
    expect(() => g.canActivate(http('/api/batches', { 'x-api-key': 'nope' }))).toThrow(
      'invalid API key',
    );
  });
});
