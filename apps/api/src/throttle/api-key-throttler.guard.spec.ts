import { createHash } from 'node:crypto';
import { ApiKeyThrottlerGuard } from './api-key-throttler.guard';

describe('ApiKeyThrottlerGuard.trackerOf', () => {
  it('tracks a hash of the API key, never the key itself', () => {
    const key = 'throttle-test-key-0123456789';
    const tracker = ApiKeyThrottlerGuard.trackerOf({
      headers: { 'x-api-key': key },
      ip: '10.0.0.1',
    });
    expect(tracker).toBe(`key:${createHash('sha256').update(key).digest('hex')}`);
    expect(tracker).not.toContain(key);
  });

  it('falls back to the client IP without a key', () => {
    expect(ApiKeyThrottlerGuard.trackerOf({ headers: {}, ip: '10.0.0.1' })).toBe('ip:10.0.0.1');
    expect(ApiKeyThrottlerGuard.trackerOf({ headers: { 'x-api-key': '' }, ip: '::1' })).toBe(
      'ip:::1',
    );
  });
});
