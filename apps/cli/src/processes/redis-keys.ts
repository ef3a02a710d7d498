import { Redis } from 'ioredis';

/**
 * Deletes every key of a run's QUEUE_PREFIX from the Redis at `url`: the queue keys under `prefix`
 * and the API rate limiter's and the dashboard sessions' under `throttle:<prefix>` and
 * `session:<prefix>`. Returns how many.
 */
export async function deleteKeysUnder(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  let deleted = 0;
  try {
    await redis.connect();
    for (const pattern of [`${prefix}*`, `throttle:${prefix}*`, `session:${prefix}*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        if (keys.length > 0) deleted += await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}
