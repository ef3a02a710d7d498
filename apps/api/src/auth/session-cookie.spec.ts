import { SessionCookieCodec } from './session-cookie';

describe('SessionCookieCodec', () => {
  const codec = new SessionCookieCodec('x'.repeat(40));
  const sid = SessionCookieCodec.newSessionId();
  const now = 1_800_000_000;

  it('reads back what it signed until it expires', () => {
    const cookie = codec.encode({ sid, expiresAt: now + 60 });
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(codec.decode(cookie, now)).toEqual({ sid, expiresAt: now + 60 });
    expect(codec.decode(cookie, now + 60)).toBeNull();
  });

  it('refuses a changed expiry or id, another secret, and anything malformed', () => {
    const cookie = codec.encode({ sid, expiresAt: now + 60 });
    const [id, expires, signature] = cookie.split('.');
    expect(codec.decode(`${id}.${Number(expires) + 3600}.${signature}`, now)).toBeNull();
    const otherId = SessionCookieCodec.newSessionId();
    expect(codec.decode(`${otherId}.${expires}.${signature}`, now)).toBeNull();
    expect(new SessionCookieCodec('y'.repeat(40)).decode(cookie, now)).toBeNull();
    for (const bad of [undefined, '', 'x', `${cookie}.`, cookie.replace('.', '..')]) {
      expect(codec.decode(bad, now)).toBeNull();
    }
  });

  it('without SESSION_SECRET signs with a random key of the process, not a guessable one', () => {
    const a = new SessionCookieCodec('');
    const cookie = a.encode({ sid, expiresAt: now + 60 });
    expect(new SessionCookieCodec('').decode(cookie, now)).toEqual({ sid, expiresAt: now + 60 });
    expect(new SessionCookieCodec(' ').decode(cookie, now)).toBeNull();
    expect(codec.decode(cookie, now)).toBeNull();
  });
});
