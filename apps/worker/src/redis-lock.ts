import type { RedisClient } from '@app/common';

/** Extends the lock only while `token` still owns it (a lock that expired and was taken is not). */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes the lock only while `token` still owns it (never another owner's). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** A Redis lock with an owner token: renew and release compare the token first (one Lua call). */
export class RedisLock {
  constructor(
    private readonly redis: RedisClient,
    readonly key: string,
    private readonly token: string,
    readonly ttlMs: number,
  ) {}

  async acquire(): Promise<boolean> {
    return (await this.redis.set(this.key, this.token, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  /** True when the lock was still ours and now lives ttlMs more. */
  async renew(): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key, this.token, this.ttlMs)) === 1;
  }

  /** True when the lock was ours and is gone. */
  async release(): Promise<boolean> {
    return (await this.redis.eval(RELEASE, 1, this.key, this.token)) === 1;
  }
}
