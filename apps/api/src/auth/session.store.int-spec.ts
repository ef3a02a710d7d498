import { Redis } from 'ioredis';
import { validateEnvironment } from '@app/common';
import { deleteRedisKeys, queuePrefix, TEST_REDIS_URL } from '../../../../test/support/test-env';
import { SessionStore } from './session.store';
import { SessionUnavailableError } from './session-unavailable.error';

describe('SessionStore on the real Redis', () => {
  const prefix = queuePrefix();
  const config = validateEnvironment(
    { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, SESSION_TTL_S: '60' },
    'worker',
  );
  const store = new SessionStore(config);
  const redis = new Redis(TEST_REDIS_URL);
  const now = Math.floor(Date.now() / 1000);

  afterAll(async () => {
    store.onApplicationShutdown();
    await deleteRedisKeys(TEST_REDIS_URL, prefix);
    redis.disconnect();
  });

  it('opens a session that expires with its TTL, keyed by a hash of its id, without the key', async () => {
    const { sid, session } = await store.open('k'.repeat(64), now);
    expect(session).toMatchObject({ keyId: 'k'.repeat(64), expiresAt: now + 60 });
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(store.find(sid, now)).resolves.toEqual(session);
    const keys = await redis.keys(`session:${prefix}:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(sid);
    const ttl = await redis.ttl(keys[0]);
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(60);
    // Past its expiry it is gone even if Redis still held it.
    await expect(store.find(sid, now + 60)).resolves.toBeNull();
  });

  it('revoking ends the session at once; unknown ids find nothing', async () => {
    const { sid } = await store.open('r'.repeat(64), now);
    await store.revoke(sid);
    await expect(store.find(sid, now)).resolves.toBeNull();
    await expect(store.find('never-opened', now)).resolves.toBeNull();
  });

  it('a Redis that does not answer is SessionUnavailableError (503), not a hang', async () => {
    const dead = new SessionStore(
      validateEnvironment(
        { REDIS_URL: 'redis://127.0.0.1:1', REDIS_TIMEOUT_MS: '300', QUEUE_PREFIX: prefix },
        'worker',
      ),
    );
    try {
      await expect(dead.find('x', now)).rejects.toBeInstanceOf(SessionUnavailableError);
    } finally {
      dead.onApplicationShutdown();
    }
  });
});
