import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Name of the dashboard's session cookie. */
export const SESSION_COOKIE = 'mi_session';
/** Only the API reads it: the pages under /ui/ are public static files. */
export const SESSION_COOKIE_PATH = '/api';

/** Signs cookies when SESSION_SECRET is empty: one per process, so every codec of it agrees. */
const PROCESS_SECRET = randomBytes(32);

/** What a session cookie carries once its signature and expiry are checked. */
export interface SessionCookieValue {
  /** Random session id (base64url of 32 bytes); the server-side record is keyed by its hash. */
  sid: string;
  /** Unix seconds. */
  expiresAt: number;
}

/**
 * The cookie's value: `<sid>.<expires>.<HMAC-SHA256(secret, sid.expires)>`, all base64url or
 * digits. The signature lets the API refuse a forged or expired cookie without a lookup, and
 * keeps a copy of the session store (Redis) from being enough to forge one. Written here rather
 * than taken from cookie-signature: that package signs without an expiry and with its own
 * prefix; this is the same HMAC with the expiry inside, in 30 lines.
 */
export class SessionCookieCodec {
  private readonly secret: Buffer;

  constructor(secret: string) {
    // Empty SESSION_SECRET: a random key of this process (sessions end when it restarts).
    this.secret = secret === '' ? PROCESS_SECRET : Buffer.from(secret, 'utf8');
  }

  static newSessionId(): string {
    return randomBytes(32).toString('base64url');
  }

  encode(value: SessionCookieValue): string {
    const body = `${value.sid}.${value.expiresAt}`;
    return `${body}.${this.sign(body)}`;
  }

  /** The cookie's content when its signature holds and it has not expired at `nowSeconds`. */
  decode(cookie: string | undefined, nowSeconds: number): SessionCookieValue | null {
    if (cookie === undefined) return null;
    const match = /^([A-Za-z0-9_-]{43})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
    if (match === null) return null;
    const [, sid, expires, signature] = match;
    const expected = Buffer.from(this.sign(`${sid}.${expires}`), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const expiresAt = Number(expires);
    return expiresAt > nowSeconds ? { sid, expiresAt } : null;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body, 'utf8').digest('base64url');
  }
}
