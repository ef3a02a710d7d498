import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { AppConfig, createRedisConnection, RedisClient } from '@app/common';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Sliding window in a sorted set, atomically: drop hits older than the window, refuse when the
 * window is full (no hit added), else add this hit. Time comes from Redis, the one clock every
 * API replica shares. Returns [hits in window, ms until the oldest hit leaves it, refused 0|1].
 */
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
local hits = redis.call('ZCARD', KEYS[1])
local refused = 0
if hits >= limit then
  refused = 1
else
  redis.call('ZADD', KEYS[1], now, t[1] .. t[2] .. ':' .. ARGV[3])
  hits = hits + 1
end
redis.call('PEXPIRE', KEYS[1], ttl)
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local wait = ttl
if oldest[2] then wait = tonumber(oldest[2]) + ttl - now end
return { hits, wait, refused }
`;

/**
 * Hits of API_RATE_LIMIT counted in Redis, so every API replica shares one limit per key. If
 * Redis does not answer, the request is counted in this process instead (the in-memory storage
 * of @nestjs/throttler) rather than refused or failed: the limit protects the API, an outage of
 * Redis must not take the read routes down with it.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: RedisClient;
  private readonly fallback = new ThrottlerStorageService();
  private readonly prefix: string;
  private lastErrorLog = 0;
  private sequence = 0;

  constructor(config: AppConfig) {
    // Outside QUEUE_PREFIX:*, where only queue keys live.
    this.prefix = `throttle:${config.queuePrefix}:`;
    // One key per script call (KEYS[1]), so it runs on a cluster too: the key's slot's master.
    this.redis = createRedisConnection(config, 'throttle', 'market-ingest-throttle');
    this.redis.on('error', () => undefined); // reported by increment(), at most every 10 s
    this.redis.defineCommand('slidingWindowHit', { numberOfKeys: 1, lua: SLIDING_WINDOW });
    this.redis.connect().catch(() => undefined);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const hit = (this.redis as unknown as Record<string, unknown>).slidingWindowHit as (
        key: string,
        ttl: number,
        limit: number,
        member: string,
      ) => Promise<[number, number, number]>;
      this.sequence = (this.sequence + 1) % 1_000_000_000;
      const [hits, waitMs, refused] = await hit.call(
        this.redis,
        this.prefix + key,
        ttl,
        limit,
        `${process.pid}.${this.sequence}`,
      );
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      return {
        totalHits: refused === 1 ? hits + 1 : hits,
        timeToExpire: seconds,
        isBlocked: refused === 1,
        timeToBlockExpire: refused === 1 ? seconds : 0,
      };
    } catch (error) {
      if (Date.now() - this.lastErrorLog > 10_000) {
        this.lastErrorLog = Date.now();
        this.logger.warn(
          `rate limit counted in this process only, Redis did not answer: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
    this.redis.disconnect();
  }
}
