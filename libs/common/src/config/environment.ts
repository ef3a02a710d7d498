import {
  AppConfig,
  AppRole,
  LOG_FORMATS,
  LOG_LEVELS,
  PROVIDER_NAMES,
  ProviderName,
  TIMESCALE_MODES,
} from './app-config';
import { ConfigValidationError } from './config-validation.error';
import { isIpLiteral } from '../net/address-class';
import { assertDeliverableUrl, normalHost, UndeliverableUrlError } from '../net/outbound-policy';

type Env = Record<string, string | undefined>;

interface VariableSpec {
  name: string;
  description: string;
  default?: string;
  /** Roles for which the variable must be set (no default applies). */
  requiredFor?: AppRole[];
  secret?: boolean;
}

/** Every variable the system reads; the README's table and `.env.example` follow this list. */
export const ENVIRONMENT_VARIABLES: VariableSpec[] = [
  {
    name: 'DATABASE_URL',
    description: 'PostgreSQL connection URL',
    default: 'postgres://postgres@127.0.0.1:5432/market_ingest',
    secret: true,
  },
  {
    name: 'REDIS_URL',
    description: 'Redis connection URL',
    default: 'redis://127.0.0.1:6379',
    secret: true,
  },
  {
    name: 'API_KEYS',
    description: 'Comma-separated API keys accepted in X-API-KEY',
    requiredFor: ['api'],
    secret: true,
  },
  { name: 'PORT', description: 'HTTP port of the API', default: '3000' },
  {
    name: 'API_RATE_LIMIT',
    description: 'Requests per minute per API key on the API (0: no limit)',
    default: '600',
  },
  {
    name: 'CORS_ORIGINS',
    description: 'Comma-separated origins allowed by CORS ("*": any); empty: CORS off',
    default: '',
  },
  {
    name: 'WORKER_HEALTH_PORT',
    description: 'HTTP port of the worker health routes',
    default: '3001',
  },
  {
    name: 'WORKER_CONCURRENCY',
    description: 'Jobs processed at once by one worker process',
    default: '8',
  },
  {
    name: 'QUEUE_PREFIX',
    description: 'Prefix of every BullMQ key in Redis',
    default: 'market-ingest',
  },
  {
    name: 'MARKET_DATA_PROVIDER',
    description: 'Provider used when a batch names none',
    default: 'yahoo',
  },
  {
    name: 'YAHOO_BASE_URL',
    description: 'Yahoo Finance chart API base URL',
    default: 'https://query2.finance.yahoo.com',
  },
  {
    name: 'BINANCE_BASE_URL',
    description: 'Binance USD-M futures API base URL',
    default: 'https://fapi.binance.com',
  },
  {
    name: 'BYBIT_BASE_URL',
    description: 'Bybit v5 API base URL',
    default: 'https://api.bybit.com',
  },
  { name: 'TIMESCALEDB', description: 'auto | required | off', default: 'auto' },
  {
    name: 'RECONCILE_INTERVAL_MS',
    description: 'How often the reconciler re-enqueues lost jobs',
    default: '30000',
  },
  { name: 'MAX_SYMBOLS_PER_BATCH', description: 'Largest accepted batch', default: '5000' },
  {
    name: 'PROVIDER_TIMEOUT_MS',
    description: 'Timeout of one provider HTTP request',
    default: '15000',
  },
  { name: 'YAHOO_RATE_LIMIT', description: 'Yahoo requests per second', default: '5' },
  { name: 'BINANCE_RATE_LIMIT', description: 'Binance requests per second', default: '10' },
  { name: 'BYBIT_RATE_LIMIT', description: 'Bybit requests per second', default: '10' },
  { name: 'CSV_RATE_LIMIT', description: 'CSV provider files per second', default: '1000' },
  {
    name: 'SYNTHETIC_RATE_LIMIT',
    description: 'Synthetic provider requests per second',
    default: '100000',
  },
  {
    name: 'CSV_DATA_DIR',
    description: 'Directory of the CSV provider (one <SYMBOL>.csv per symbol)',
    default: './data/csv',
  },
  { name: 'DATABASE_POOL_SIZE', description: 'PostgreSQL connections per process', default: '10' },
  {
    name: 'JOB_ATTEMPTS',
    description: 'Attempts of a fetch job before its symbol fails',
    default: '5',
  },
  {
    name: 'JOB_BACKOFF_MS',
    description: 'First retry delay (doubles per attempt, with jitter)',
    default: '2000',
  },
  {
    name: 'JOB_LOCK_MS',
    description: "Lock of a running job; a dead worker's jobs run again after about this long",
    default: '30000',
  },
  {
    name: 'TS_COMPRESS_AFTER',
    description: 'TimescaleDB: compress chunks older than this (e.g. "7 days")',
    default: '7 days',
  },
  {
    name: 'TS_RETENTION',
    description:
      'TimescaleDB: drop old chunks, "5 years" for every table or "ohlcv_data=5 years,funding_rate_data=2 years"',
    default: '',
  },
  {
    name: 'SYNTHETIC_LATENCY_MS',
    description: 'Simulated response time of the synthetic provider',
    default: '0',
  },
  {
    name: 'WEBHOOK_URL',
    description: 'http(s) URL that receives a signed JSON POST when a batch ends; empty: none',
    default: '',
    // Webhook URLs often carry a token in their path: never echo the value.
    secret: true,
  },
  {
    name: 'WEBHOOK_SECRET',
    description: 'HMAC-SHA256 key of the X-Market-Ingest-Signature header; empty: unsigned',
    default: '',
    secret: true,
  },
  {
    name: 'WEBHOOK_ALLOWED_HOSTS',
    description:
      'Comma-separated hosts a batch\'s own webhook_url may name ("hooks.example.com", "*.example.com" for its subdomains, "10.0.0.5", "::1"); empty: any host. A listed host may also resolve to a non-public address',
    default: '',
  },
  {
    name: 'WEBHOOK_ALLOW_PRIVATE',
    description:
      'true: webhooks may reach loopback, private, link-local and unique-local addresses; false: only public addresses (checked on the literal host and on the resolved address), except hosts of WEBHOOK_ALLOWED_HOSTS',
    default: 'false',
  },
  {
    name: 'WEBHOOK_ATTEMPTS',
    description: 'Attempts of one webhook delivery before it is recorded as failed',
    default: '8',
  },
  {
    name: 'WEBHOOK_BACKOFF_MS',
    description: 'First webhook retry delay (doubles per attempt, with jitter)',
    default: '2000',
  },
  {
    name: 'WEBHOOK_TIMEOUT_MS',
    description: 'Timeout of one webhook POST',
    default: '10000',
  },
  {
    name: 'MIGRATE_BACKUP_DIR',
    description:
      'migrate up (and the container entrypoint): pg_dump the database into this folder before applying pending migrations; empty: no backup',
    default: '',
  },
  {
    name: 'MIGRATE_BACKUP_KEEP',
    description: 'Backups of a database kept in MIGRATE_BACKUP_DIR (older ones are deleted)',
    default: '5',
  },
  { name: 'LOG_LEVEL', description: LOG_LEVELS.join(' | '), default: 'info' },
  {
    name: 'LOG_FORMAT',
    description: 'json (one JSON object per line) | text (readable lines, for terminals)',
    default: 'json',
  },
];

/**
 * Validates the environment of a process and returns its typed configuration.
 * Throws one ConfigValidationError listing every problem, each naming its variable.
 * Values of secret variables never appear in messages.
 */
export function validateEnvironment(env: Env, role: AppRole): AppConfig {
  const problems: string[] = [];
  const value = (name: string): string => {
    const spec = ENVIRONMENT_VARIABLES.find((v) => v.name === name);
    const raw = env[name];
    if (raw !== undefined && raw.trim() !== '') return raw.trim();
    if (spec?.requiredFor?.includes(role)) {
      problems.push(`${name} is required (${spec.description}) but is not set`);
      return '';
    }
    return spec?.default ?? '';
  };
  const shown = (name: string, raw: string): string =>
    ENVIRONMENT_VARIABLES.find((v) => v.name === name)?.secret ? '<redacted>' : JSON.stringify(raw);

  const url = (name: string, protocols: string[]): string => {
    const raw = value(name);
    if (raw === '') return raw;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      problems.push(`${name} must be a URL (${protocols.join(' or ')}), got ${shown(name, raw)}`);
      return raw;
    }
    if (!protocols.includes(parsed.protocol)) {
      problems.push(
        `${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}" in ${shown(name, raw)}`,
      );
    } else if (name === 'DATABASE_URL' && parsed.pathname.replace(/^\//, '') === '') {
      problems.push(`${name} must name a database (postgres://user@host:port/<database>)`);
    }
    return raw;
  };
  const int = (name: string, min: number, max: number): number => {
    const raw = value(name);
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${shown(name, raw)}`);
      return min;
    }
    return Number(raw);
  };
  const positive = (name: string): number => {
    const raw = value(name);
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n) || n <= 0) {
      problems.push(`${name} must be a positive number, got ${shown(name, raw)}`);
      return 1;
    }
    return n;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T => {
    const raw = value(name).toLowerCase();
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')}, got ${shown(name, raw)}`);
      return allowed[0];
    }
    return raw as T;
  };

  const bool = (name: string): boolean => {
    const raw = value(name).toLowerCase();
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (!['false', '0', 'no'].includes(raw)) {
      problems.push(`${name} must be true or false, got ${shown(name, raw)}`);
    }
    return false;
  };

  const apiKeysRaw = value('API_KEYS');
  const apiKeys = apiKeysRaw
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (role === 'api' && apiKeysRaw !== '') {
    if (apiKeys.length === 0) problems.push('API_KEYS must contain at least one key');
    if (apiKeys.some((k) => k.length < 16)) {
      problems.push('API_KEYS: every key must be at least 16 characters long');
    }
  }

  const corsOrigins = value('CORS_ORIGINS')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of corsOrigins) {
    let valid = origin === '*';
    try {
      const parsed = new URL(origin);
      valid ||= ['http:', 'https:'].includes(parsed.protocol) && parsed.origin === origin;
    } catch {
      // not a URL: reported below
    }
    if (!valid) {
      problems.push(
        `CORS_ORIGINS: "${origin}" must be "*" or an origin such as https://app.example.com (scheme, host, optional port; no path or trailing slash)`,
      );
    }
  }

  const webhookAllowedHosts = value('WEBHOOK_ALLOWED_HOSTS')
    .split(',')
    .map((h) => normalHost(h.trim()))
    .filter((h) => h !== '');
  for (const host of webhookAllowedHosts) {
    if (
      !isIpLiteral(host) &&
      !/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)
    ) {
      problems.push(
        `WEBHOOK_ALLOWED_HOSTS: "${host}" must be a host name or address (e.g. hooks.example.com, *.example.com, 10.0.0.5), without scheme, port or path`,
      );
    }
  }

  const INTERVAL_TEXT = /^\d+\s*(minute|hour|day|week|month|year)s?$/i;
  const TIMESERIES = ['ohlcv_data', 'funding_rate_data', 'open_interest_data'];
  const tsCompressAfter = value('TS_COMPRESS_AFTER');
  if (!INTERVAL_TEXT.test(tsCompressAfter)) {
    problems.push(
      `TS_COMPRESS_AFTER must look like "7 days" (number and unit), got ${shown('TS_COMPRESS_AFTER', tsCompressAfter)}`,
    );
  }
  const tsRetention: Record<string, string> = {};
  for (const part of value('TS_RETENTION')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [table, keep] = part.includes('=') ? part.split('=').map((x) => x.trim()) : ['*', part];
    if (!INTERVAL_TEXT.test(keep) || (table !== '*' && !TIMESERIES.includes(table))) {
      problems.push(
        `TS_RETENTION: "${part}" must be "<interval>" or "<table>=<interval>" with a table of ${TIMESERIES.join(', ')}`,
      );
      continue;
    }
    for (const t of table === '*' ? TIMESERIES : [table]) tsRetention[t] = keep;
  }

  const rateLimits = Object.fromEntries(
    PROVIDER_NAMES.map((p) => [p, positive(`${p.toUpperCase()}_RATE_LIMIT`)]),
  ) as Record<ProviderName, number>;

  const queuePrefix = value('QUEUE_PREFIX');
  if (!/^[A-Za-z0-9_.-]+$/.test(queuePrefix)) {
    problems.push(
      `QUEUE_PREFIX may contain only letters, digits, "_", "." and "-", got ${shown('QUEUE_PREFIX', queuePrefix)}`,
    );
  }

  const config: AppConfig = {
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    apiKeys,
    port: int('PORT', 0, 65535),
    apiRateLimit: int('API_RATE_LIMIT', 0, 1_000_000),
    corsOrigins,
    workerHealthPort: int('WORKER_HEALTH_PORT', 0, 65535),
    workerConcurrency: int('WORKER_CONCURRENCY', 1, 1000),
    queuePrefix,
    marketDataProvider: oneOf('MARKET_DATA_PROVIDER', PROVIDER_NAMES),
    yahooBaseUrl: url('YAHOO_BASE_URL', ['http:', 'https:']),
    binanceBaseUrl: url('BINANCE_BASE_URL', ['http:', 'https:']),
    bybitBaseUrl: url('BYBIT_BASE_URL', ['http:', 'https:']),
    timescaledb: oneOf('TIMESCALEDB', TIMESCALE_MODES),
    reconcileIntervalMs: int('RECONCILE_INTERVAL_MS', 100, 86_400_000),
    maxSymbolsPerBatch: int('MAX_SYMBOLS_PER_BATCH', 1, 1_000_000),
    providerTimeoutMs: int('PROVIDER_TIMEOUT_MS', 100, 600_000),
    rateLimits,
    csvDataDir: value('CSV_DATA_DIR'),
    databasePoolSize: int('DATABASE_POOL_SIZE', 1, 1000),
    jobAttempts: int('JOB_ATTEMPTS', 1, 100),
    jobBackoffMs: int('JOB_BACKOFF_MS', 0, 3_600_000),
    jobLockMs: int('JOB_LOCK_MS', 1000, 3_600_000),
    tsCompressAfter,
    tsRetention,
    syntheticLatencyMs: int('SYNTHETIC_LATENCY_MS', 0, 600_000),
    webhookUrl: url('WEBHOOK_URL', ['http:', 'https:']),
    webhookSecret: value('WEBHOOK_SECRET'),
    webhookAllowedHosts,
    webhookAllowPrivate: bool('WEBHOOK_ALLOW_PRIVATE'),
    webhookAttempts: int('WEBHOOK_ATTEMPTS', 1, 100),
    webhookBackoffMs: int('WEBHOOK_BACKOFF_MS', 0, 3_600_000),
    webhookTimeoutMs: int('WEBHOOK_TIMEOUT_MS', 100, 600_000),
    migrateBackupDir: value('MIGRATE_BACKUP_DIR'),
    migrateBackupKeep: int('MIGRATE_BACKUP_KEEP', 1, 1000),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS),
    logFormat: oneOf('LOG_FORMAT', LOG_FORMATS),
  };
  if (config.webhookUrl !== '') {
    try {
      assertDeliverableUrl(
        config.webhookUrl,
        { allowPrivate: config.webhookAllowPrivate, allowedHosts: webhookAllowedHosts },
        'WEBHOOK_URL',
      );
    } catch (error) {
      if (error instanceof UndeliverableUrlError && error.reason !== 'invalid-url') {
        problems.push(error.message); // names the host at most, never the URL (secret)
      }
    }
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}
