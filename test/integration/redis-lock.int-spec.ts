import { Redis } from 'ioredis';
import { RedisLock } from '../../apps/worker/src/redis-lock';
import { queuePrefix, TEST_REDIS_URL } from '../support/test-env';

describe('RedisLock (the reconciler lock, real Redis)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const key = `${queuePrefix()}:reconciler-lock`;
  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it('renews and releases only while its token owns the lock', async () => {
    const mine = new RedisLock(redis, key, 'token-a', 60_000);
    const theirs = new RedisLock(redis, key, 'token-b', 60_000);
    expect(await mine.acquire()).toBe(true);
    expect(await theirs.acquire()).toBe(false);
    // Another owner neither extends nor deletes it.
    await redis.pexpire(key, 5_000);
    expect(await theirs.renew()).toBe(false);
    expect(await redis.pttl(key)).toBeLessThanOrEqual(5_000);
    expect(await theirs.release()).toBe(false);
    expect(await redis.get(key)).toBe('token-a');
    // The owner does.
    expect(await mine.renew()).toBe(true);
    expect(await redis.pttl(key)).toBeGreaterThan(5_000);
    expect(await mine.release()).toBe(true);
    expect(await redis.exists(key)).toBe(0);
    // A lock that expired and was taken by another replica stays theirs.
    expect(await theirs.acquire()).toBe(true);
    expect(await mine.renew()).toBe(false);
    expect(await mine.release()).toBe(false);
    expect(await redis.get(key)).toBe('token-b');
  });
});
