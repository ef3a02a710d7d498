import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiRole, AppConfig } from '@app/common';

/** SHA-256 of a key: how keys are compared, and (hex) how a session or a rate limit names one. */
export function keyDigest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** A configured key that matched: its role and its id (hex SHA-256 of the key, never the key). */
export interface MatchedKey {
  keyId: string;
  role: ApiRole;
}

/**
 * The keys of API_KEYS with their roles. A key is compared as a SHA-256 digest with
 * timingSafeEqual against every configured key, always all of them, so the time taken tells
 * nothing about a key's content or length. Keys are never logged.
 */
export class ApiKeys {
  private readonly entries: { digest: Buffer; keyId: string; role: ApiRole }[];

  constructor(config: Pick<AppConfig, 'apiKeys'>) {
    this.entries = config.apiKeys.map(({ key, role }) => {
      const digest = keyDigest(key);
      return { digest, keyId: digest.toString('hex'), role };
    });
  }

  /** The configured key equal to `key`, or null. */
  match(key: string): MatchedKey | null {
    const given = keyDigest(key);
    let found: MatchedKey | null = null;
    for (const entry of this.entries) {
      if (timingSafeEqual(given, entry.digest) && found === null) {
        found = { keyId: entry.keyId, role: entry.role };
      }
    }
    return found;
  }

  /** True when `key` equals one of the configured keys, whatever its role. */
  accepts(key: string): boolean {
    return this.match(key) !== null;
  }

  /** The role of the key a session was opened with; null once that key left API_KEYS. */
  roleOf(keyId: string): ApiRole | null {
    return this.entries.find((e) => e.keyId === keyId)?.role ?? null;
  }
}
