import { parseEnv } from 'node:util';
import { renderEnvExample } from './config-docs';
import { ConfigValidationError } from './config-validation.error';
import {
  API_KEYS_PLACEHOLDER,
  ENVIRONMENT_VARIABLES,
  POSTGRES_PASSWORD_PLACEHOLDER,
  SESSION_SECRET_PLACEHOLDER,
  validateEnvironment,
} from './environment';

const KEY = 'k'.repeat(32);

function problems(
  env: Record<string, string | undefined>,
  role: 'api' | 'worker' | 'cli' = 'api',
): string[] {
  try {
    validateEnvironment(env, role);
    return [];
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
}

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const config = validateEnvironment({ API_KEYS: KEY }, 'api');
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/market_ingest');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.port).toBe(3000);
    expect(config.workerHealthPort).toBe(3001);
    expect(config.maxSymbolsPerBatch).toBe(5000);
    expect(config.timescaledb).toBe('auto');
    expect(config.marketDataProvider).toBe('yahoo');
    expect(config.apiKeys).toEqual([{ key: KEY, role: 'admin' }]);
    expect(config.sessionSecret).toBe('');
    expect(config.sessionTtlSeconds).toBe(28800);
  });

  it('requires API_KEYS for the API only', () => {
    expect(problems({}, 'api')).toEqual([expect.stringMatching(/^API_KEYS is required/)]);
    expect(problems({}, 'worker')).toEqual([]);
    expect(problems({}, 'cli')).toEqual([]);
  });

  it('splits API_KEYS on commas and rejects short keys', () => {
    expect(validateEnvironment({ API_KEYS: ` ${KEY} , ${KEY}2 ` }, 'api').apiKeys).toEqual([
      { key: KEY, role: 'admin' },
      { key: `${KEY}2`, role: 'admin' },
    ]);
    expect(problems({ API_KEYS: 'short' })).toEqual([expect.stringContaining('at least 16')]);
  });

  it('reads a role before a key: read:<key>, admin:<key>; any other colon is part of the key', () => {
    const keys = validateEnvironment(
      { API_KEYS: `read:${KEY}r, admin:${KEY}a, ${KEY}, other:${KEY}` },
      'api',
    ).apiKeys;
    expect(keys).toEqual([
      { key: `${KEY}r`, role: 'read' },
      { key: `${KEY}a`, role: 'admin' },
      { key: KEY, role: 'admin' },
      { key: `other:${KEY}`, role: 'admin' },
    ]);
    expect(problems({ API_KEYS: 'read:short-key' })).toEqual([
      expect.stringContaining('at least 16'),
    ]);
    expect(problems({ API_KEYS: `read:${KEY},admin:${KEY}` })).toEqual([
      'API_KEYS: entry 2 repeats an earlier key with another role',
    ]);
  });

  it('SESSION_SECRET: optional, 32+ characters, never the placeholder, never echoed', () => {
    expect(
      validateEnvironment({ API_KEYS: KEY, SESSION_SECRET: 's'.repeat(32) }, 'api').sessionSecret,
    ).toBe('s'.repeat(32));
    const short = problems({ API_KEYS: KEY, SESSION_SECRET: 'hunter2-secret' });
    expect(short).toEqual(['SESSION_SECRET must be at least 32 characters long']);
    expect(problems({ API_KEYS: KEY, SESSION_SECRET: SESSION_SECRET_PLACEHOLDER })).toEqual([
      expect.stringMatching(/^SESSION_SECRET still holds the placeholder of .env.example/),
    ]);
    // Only the API signs cookies.
    expect(problems({ SESSION_SECRET: SESSION_SECRET_PLACEHOLDER }, 'worker')).toEqual([]);
  });

  it('names the variable and hides secret values', () => {
    const found = problems({ API_KEYS: KEY, DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^DATABASE_URL must use postgres: or postgresql:/);
    expect(found[0]).not.toContain('hunter2');
    expect(problems({ API_KEYS: KEY, DATABASE_URL: 'not a url' })[0]).toMatch(
      /^DATABASE_URL must be a URL/,
    );
    expect(problems({ API_KEYS: KEY, DATABASE_URL: 'postgres://h:5432/' })[0]).toMatch(
      /^DATABASE_URL must name a database/,
    );
  });

  it('reports every problem at once', () => {
    const found = problems({
      PORT: '70000',
      TIMESCALEDB: 'sometimes',
      MARKET_DATA_PROVIDER: 'bloomberg',
      WORKER_CONCURRENCY: '0',
      YAHOO_RATE_LIMIT: '-1',
      LOG_LEVEL: 'loud',
      REDIS_URL: 'http://x',
      QUEUE_PREFIX: 'a:b',
    });
    const names = found.map((p) => p.split(/[ :]/)[0]);
    expect(names.sort()).toEqual(
      [
        'API_KEYS',
        'LOG_LEVEL',
        'MARKET_DATA_PROVIDER',
        'PORT',
        'QUEUE_PREFIX',
        'REDIS_URL',
        'TIMESCALEDB',
        'WORKER_CONCURRENCY',
        'YAHOO_RATE_LIMIT',
      ].sort(),
    );
  });

  it('reads API_RATE_LIMIT (default 600, 0 disables) and CORS_ORIGINS (default off)', () => {
    const defaults = validateEnvironment({}, 'worker');
    expect(defaults.apiRateLimit).toBe(600);
    expect(defaults.corsOrigins).toEqual([]);
    expect(validateEnvironment({ API_RATE_LIMIT: '0' }, 'worker').apiRateLimit).toBe(0);
    expect(
      validateEnvironment(
        { CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' },
        'worker',
      ).corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(validateEnvironment({ CORS_ORIGINS: '*' }, 'worker').corsOrigins).toEqual(['*']);
    expect(problems({ API_RATE_LIMIT: '-1' }, 'worker')).toEqual([
      expect.stringContaining('API_RATE_LIMIT must be an integer'),
    ]);
    expect(problems({ CORS_ORIGINS: 'https://app.example.com/' }, 'worker')).toEqual([
      expect.stringContaining('CORS_ORIGINS'),
    ]);
    expect(problems({ CORS_ORIGINS: 'ftp://x' }, 'worker')).toHaveLength(1);
  });

  it('accepts every documented TIMESCALEDB mode and provider', () => {
    for (const mode of ['auto', 'required', 'off']) {
      expect(validateEnvironment({ TIMESCALEDB: mode }, 'worker').timescaledb).toBe(mode);
    }
    for (const p of ['yahoo', 'binance', 'bybit', 'csv', 'synthetic']) {
      expect(validateEnvironment({ MARKET_DATA_PROVIDER: p }, 'worker').marketDataProvider).toBe(p);
    }
  });

  it('validates the webhook variables and never echoes WEBHOOK_URL or WEBHOOK_SECRET', () => {
    const config = validateEnvironment({}, 'worker');
    expect(config.webhookUrl).toBe('');
    expect(config.webhookSecret).toBe('');
    expect(config.webhookAttempts).toBe(8);
    expect(config.webhookBackoffMs).toBe(2000);
    expect(config.webhookTimeoutMs).toBe(10000);
    const ok = validateEnvironment(
      { WEBHOOK_URL: 'https://hooks.example.com/hook', WEBHOOK_SECRET: 's3cret' },
      'worker',
    );
    expect(ok.webhookUrl).toBe('https://hooks.example.com/hook');
    expect(ok.webhookSecret).toBe('s3cret');
    const found = problems(
      {
        WEBHOOK_URL: 'ftp://token-xyz@example.com/',
        WEBHOOK_ATTEMPTS: '0',
        WEBHOOK_TIMEOUT_MS: 'x',
      },
      'worker',
    );
    expect(found).toEqual([
      expect.stringMatching(/^WEBHOOK_URL must use http: or https:/),
      expect.stringMatching(/^WEBHOOK_ATTEMPTS must be an integer from 1 to 100/),
      expect.stringMatching(/^WEBHOOK_TIMEOUT_MS must be an integer/),
    ]);
    expect(found.join(' ')).not.toContain('token-xyz');
  });

  it('refuses a WEBHOOK_URL on a literal non-public address unless WEBHOOK_ALLOW_PRIVATE or the allow-list allows it', () => {
    expect(validateEnvironment({}, 'worker').webhookAllowPrivate).toBe(false);
    for (const url of [
      'http://127.0.0.1:8080/hook/tok-123',
      'http://[::1]:8080/hook/tok-123',
      'http://169.254.169.254/hook/tok-123',
      'http://10.0.0.5/hook/tok-123',
    ]) {
      const found = problems({ WEBHOOK_URL: url }, 'worker');
      expect(found).toEqual([
        expect.stringMatching(
          /^WEBHOOK_URL names \S+, an? .* address: .*WEBHOOK_ALLOW_PRIVATE=true/,
        ),
      ]);
      expect(found.join(' ')).not.toContain('tok-123');
    }
    const allowed = validateEnvironment(
      { WEBHOOK_URL: 'http://127.0.0.1:8080/hook', WEBHOOK_ALLOW_PRIVATE: 'true' },
      'worker',
    );
    expect(allowed.webhookAllowPrivate).toBe(true);
    expect(
      validateEnvironment(
        { WEBHOOK_URL: 'http://[::1]:8080/hook', WEBHOOK_ALLOWED_HOSTS: '[::1]' },
        'worker',
      ).webhookAllowedHosts,
    ).toEqual(['::1']);
    // A name is not resolved at start-up: it is checked on its resolved address at delivery.
    expect(
      validateEnvironment({ WEBHOOK_URL: 'http://localhost:8080/' }, 'worker').webhookUrl,
    ).toBe('http://localhost:8080/');
    expect(problems({ WEBHOOK_ALLOW_PRIVATE: 'maybe' }, 'worker')).toEqual([
      'WEBHOOK_ALLOW_PRIVATE must be true or false, got "maybe"',
    ]);
  });

  it('refuses a WEBHOOK_URL with user info (user:password@) without echoing it', () => {
    for (const url of [
      'https://bot:pw-9f8e7d@hooks.example.com/x',
      'https://pw-9f8e7d@hooks.example.com/',
    ]) {
      const found = problems({ WEBHOOK_URL: url, WEBHOOK_ALLOW_PRIVATE: 'true' }, 'worker');
      expect(found).toEqual([expect.stringMatching(/^WEBHOOK_URL must not carry credentials/)]);
      expect(found.join(' ')).not.toMatch(/pw-9f8e7d|bot|hooks\.example/);
    }
  });

  it('reads WEBHOOK_ALLOWED_HOSTS (default: any host) and refuses entries that are not hosts', () => {
    expect(validateEnvironment({}, 'worker').webhookAllowedHosts).toEqual([]);
    expect(
      validateEnvironment({ WEBHOOK_ALLOWED_HOSTS: 'Hooks.Example.com, *.corp.example' }, 'worker')
        .webhookAllowedHosts,
    ).toEqual(['hooks.example.com', '*.corp.example']);
    expect(
      problems({ WEBHOOK_ALLOWED_HOSTS: 'https://hooks.example.com/x,ok.example' }, 'worker'),
    ).toEqual([expect.stringMatching(/^WEBHOOK_ALLOWED_HOSTS: "https:\/\/hooks.example.com\/x"/)]);
  });

  it('the API refuses the API_KEYS placeholder of .env.example, naming the variable', () => {
    expect(problems({ API_KEYS: API_KEYS_PLACEHOLDER }, 'api')).toEqual([
      `API_KEYS still holds the placeholder of .env.example ("${API_KEYS_PLACEHOLDER}"): set your own value`,
    ]);
    // .env.example copied as it is: the API does not start.
    const copied = parseEnv(renderEnvExample());
    expect(problems(copied, 'api')).toEqual([
      expect.stringMatching(/^API_KEYS still holds the placeholder/),
      expect.stringMatching(/^SESSION_SECRET still holds the placeholder/),
    ]);
    // The worker and the CLI do not read API_KEYS.
    expect(problems({ API_KEYS: API_KEYS_PLACEHOLDER }, 'worker')).toEqual([]);
  });

  it('every process refuses a DATABASE_URL built from the POSTGRES_PASSWORD placeholder, without echoing it whole', () => {
    const env = {
      API_KEYS: KEY,
      DATABASE_URL: `postgres://postgres:${POSTGRES_PASSWORD_PLACEHOLDER}@timescaledb:5432/market_ingest`,
    };
    for (const role of ['api', 'worker', 'cli'] as const) {
      expect(problems(env, role)).toEqual([
        expect.stringMatching(
          /^DATABASE_URL holds the placeholder password of .env.example .*set POSTGRES_PASSWORD/,
        ),
      ]);
    }
    expect(problems({ ...env, DATABASE_URL: 'postgres://postgres:s3cret@db/x' })).toEqual([]);
  });

  it('reads SCHEDULE_MIN_INTERVAL_S (default 60 s)', () => {
    expect(validateEnvironment({}, 'worker').scheduleMinIntervalSeconds).toBe(60);
    expect(
      validateEnvironment({ SCHEDULE_MIN_INTERVAL_S: '1' }, 'worker').scheduleMinIntervalSeconds,
    ).toBe(1);
    expect(problems({ SCHEDULE_MIN_INTERVAL_S: '0' }, 'worker')).toEqual([
      expect.stringMatching(/^SCHEDULE_MIN_INTERVAL_S must be an integer from 1/),
    ]);
  });

  it('every schema entry is documented, named once, and its own default passes its parser', () => {
    const names = ENVIRONMENT_VARIABLES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of ENVIRONMENT_VARIABLES) {
      expect(spec.name).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(spec.description.length).toBeGreaterThan(5);
    }
    // Only the API's required API_KEYS has no default; everything else starts from defaults.
    expect(problems({}, 'worker')).toEqual([]);
    expect(problems({}, 'cli')).toEqual([]);
  });
});
