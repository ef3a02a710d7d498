import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig, createRedisConnection, RedisClient } from '@app/common';
import { SessionCookieCodec } from './session-cookie';
import { SessionUnavailableError } from './session-unavailable.error';

/** A dashboard session as the store keeps it. */
export interface StoredSession {
  /** Hex SHA-256 of the API key it was opened with: its role is that key's role now. */
  keyId: string;
  /** Sent back in X-CSRF-Token by every cookie-authenticated change. */
  csrfToken: string;
  /** Unix seconds. */
  expiresAt: number;
}

/**
 * Dashboard sessions in Redis, one key per session that expires with it: sign-out deletes it, so
 * a revoked cookie is refused at once by every API replica. Redis, not PostgreSQL: a session is
 * short-lived state that may be lost (everyone signs in again) and expires by itself. Keys are
 * `session:<QUEUE_PREFIX>:<sha256(sid)>`, outside the queue keys, and hold no API key.
 */
@Injectable()
export class SessionStore implements OnApplicationShutdown {
  private readonly redis: RedisClient;
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly timeoutMs: number;

  constructor(config: AppConfig) {
    this.prefix = `session:${config.queuePrefix}:`;
    this.ttlSeconds = config.sessionTtlSeconds;
    this.timeoutMs = config.redisTimeoutMs;
    this.redis = createRedisConnection(config, 'producer', 'market-ingest-session');
    this.redis.on('error', () => undefined); // a failed command says it (503)
  }

  /** Opens a session for the key; returns its id and record. */
  async open(keyId: string, nowSeconds: number): Promise<{ sid: string; session: StoredSession }> {
    const sid = SessionCookieCodec.newSessionId();
    const session: StoredSession = {
      keyId,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: nowSeconds + this.ttlSeconds,
    };
    await this.call(() =>
      this.redis.set(this.key(sid), JSON.stringify(session), 'EX', this.ttlSeconds),
    );
    return { sid, session };
  }

  /** The live session of `sid`, or null (signed out, expired, never existed). */
  async find(sid: string, nowSeconds: number): Promise<StoredSession | null> {
    const raw = await this.call(() => this.redis.get(this.key(sid)));
    if (raw === null) return null;
    const session = JSON.parse(raw) as StoredSession;
    return session.expiresAt > nowSeconds ? session : null;
  }

  async revoke(sid: string): Promise<void> {
    await this.call(() => this.redis.del(this.key(sid)));
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private key(sid: string): string {
    return this.prefix + createHash('sha256').update(sid, 'utf8').digest('hex');
  }

  /** Waits (REDIS_TIMEOUT_MS at most) for a connection being made; the command then reports. */
  private async ready(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, this.timeoutMs);
      this.redis.once('ready', done);
    });
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      await this.ready();
      return await command();
    } catch (error) {
      throw new SessionUnavailableError({ cause: error });
    }
  }
}
