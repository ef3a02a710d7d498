import {
  ApiKeyEntry,
  ApiRole,
  AppConfig,
  AppRole,
  LOG_FORMATS,
  LOG_LEVELS,
  PROVIDER_NAMES,
  ProviderName,
  TIMESCALE_MODES,
} from './app-config';
import { ConfigValidationError } from './config-validation.error';
import { parseClusterNode } from '../redis/redis-connection';
import { isIpLiteral } from '../net/address-class';
import { assertDeliverableUrl, normalHost, UndeliverableUrlError } from '../net/outbound-policy';
import {
  boolean,
  integer,
  list,
  matching,
  oneOf,
  ParseContext,
  positiveNumber,
  text,
  url,
  variable,
  VariableSpec,
} from './variable';

export type { VariableSpec } from './variable';

type Env = Record<string, string | undefined>;

/** The `.env.example` values of API_KEYS, SESSION_SECRET and POSTGRES_PASSWORD: refused at start-up. */
export const API_KEYS_PLACEHOLDER = 'replace-with-a-long-random-key';
export const SESSION_SECRET_PLACEHOLDER = 'replace-with-a-long-random-secret';
export const POSTGRES_PASSWORD_PLACEHOLDER = 'replace-with-a-strong-password';

const INTERVAL_TEXT = /^\d+\s*(minute|hour|day|week|month|year)s?$/i;
const TIMESERIES = ['ohlcv_data', 'funding_rate_data', 'open_interest_data'];

/**
 * One API_KEYS entry: `read:<key>` or `admin:<key>` names its role; anything else is the whole key,
 * an admin key (so keys configured before roles existed keep working, even with a colon inside).
 */
export function toApiKeyEntry(entry: string): ApiKeyEntry {
  const match = /^(read|admin):(.+)$/.exec(entry);
  return match === null
    ? { key: entry, role: 'admin' }
    : { key: match[2], role: match[1] as ApiRole };
}

const apiKeys = (raw: string, ctx: ParseContext): ApiKeyEntry[] => {
  const entries = list()(raw, ctx).map(toApiKeyEntry);
  if (ctx.role === 'api' && raw !== '') {
    if (entries.length === 0) ctx.problem('API_KEYS must contain at least one key');
    if (entries.some((e) => e.key.length < 16)) {
      ctx.problem('API_KEYS: every key must be at least 16 characters long');
    }
    const roles = new Map<string, ApiRole>();
    entries.forEach((e, i) => {
      const before = roles.get(e.key);
      if (before !== undefined && before !== e.role) {
        ctx.problem(`API_KEYS: entry ${i + 1} repeats an earlier key with another role`);
      }
      roles.set(e.key, e.role);
    });
  }
  return entries;
};

/** Optional; set, it must be long enough to be a real HMAC key, and not the placeholder. */
const sessionSecret = (raw: string, ctx: ParseContext): string => {
  if (ctx.role !== 'api' || raw === '') return raw;
  if (raw === SESSION_SECRET_PLACEHOLDER) {
    ctx.problem(
      `SESSION_SECRET still holds the placeholder of .env.example ("${SESSION_SECRET_PLACEHOLDER}"): set your own value (e.g. openssl rand -hex 32)`,
    );
  } else if (raw.length < 32) {
    ctx.problem('SESSION_SECRET must be at least 32 characters long');
  }
  return raw;
};

const corsOrigin = (origin: string, ctx: ParseContext): void => {
  let valid = origin === '*';
  try {
    const parsed = new URL(origin);
    valid ||= ['http:', 'https:'].includes(parsed.protocol) && parsed.origin === origin;
  } catch {
    // not a URL: reported below
  }
  if (!valid) {
    ctx.problem(
      `${ctx.name}: "${origin}" must be "*" or an origin such as https://app.example.com (scheme, host, optional port; no path or trailing slash)`,
    );
  }
};

const hostName = (host: string, ctx: ParseContext): void => {
  if (
    !isIpLiteral(host) &&
    !/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)
  ) {
    ctx.problem(
      `${ctx.name}: "${host}" must be a host name or address (e.g. hooks.example.com, *.example.com, 10.0.0.5), without scheme, port or path`,
    );
  }
};

const intervalText = (raw: string, ctx: ParseContext): string => {
  if (!INTERVAL_TEXT.test(raw)) {
    ctx.problem(`${ctx.name} must look like "7 days" (number and unit), got ${ctx.shown(raw)}`);
  }
  return raw;
};

const retention = (raw: string, ctx: ParseContext): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const part of list()(raw, ctx)) {
    const [table, keep] = part.includes('=') ? part.split('=').map((x) => x.trim()) : ['*', part];
    if (!INTERVAL_TEXT.test(keep) || (table !== '*' && !TIMESERIES.includes(table))) {
      ctx.problem(
        `${ctx.name}: "${part}" must be "<interval>" or "<table>=<interval>" with a table of ${TIMESERIES.join(', ')}`,
      );
      continue;
    }
    for (const t of table === '*' ? TIMESERIES : [table]) result[t] = keep;
  }
  return result;
};

const rateLimit = (name: string, what: string, perSecond: string) =>
  variable({
    name,
    description: `${what} per second, shared by every worker replica through Redis`,
    default: perSecond,
    parse: positiveNumber(),
  });

/**
 * Every variable the processes read, keyed by its AppConfig property: the one place to add one.
 * AppConfig's type, start-up validation, `.env.example` and the README's configuration table all
 * come from these entries (`npm run docs:config` writes the files; a unit test fails on drift).
 */
export const ENVIRONMENT_SCHEMA = {
  databaseUrl: variable({
    name: 'DATABASE_URL',
    description:
      'PostgreSQL URL (must name a database; `npm run migrate -- up` creates it when missing)',
    default: 'postgres://postgres@127.0.0.1:5432/market_ingest',
    secret: true,
    parse: url(['postgres:', 'postgresql:'], {
      database: true,
      refusePassword: POSTGRES_PASSWORD_PLACEHOLDER,
    }),
  }),
  databaseReadUrl: variable({
    name: 'DATABASE_READ_URL',
    description:
      'PostgreSQL read replica of candle, funding-rate, open-interest, CSV and coverage reads (see Scaling); batch state stays on the primary',
    default: '',
    emptyMeans: 'reads from the primary',
    secret: true,
    parse: url(['postgres:', 'postgresql:'], { database: true }),
  }),
  redisUrl: variable({
    name: 'REDIS_URL',
    description: 'Redis URL of the BullMQ queues, locks and rate limits',
    default: 'redis://127.0.0.1:6379',
    secret: true,
    parse: url(['redis:', 'rediss:']),
  }),
  redisClusterNodes: variable({
    name: 'REDIS_CLUSTER_NODES',
    description:
      'seed nodes of a Redis Cluster, `host:port,…` (or `redis://[user:pass@]host:port`); set: used instead of `REDIS_URL` (see Scaling)',
    default: '',
    emptyMeans: 'standalone Redis at `REDIS_URL`',
    // Entries may carry credentials: problems name an entry by position, never by value.
    secret: true,
    parse: (raw: string, ctx: ParseContext): string[] => {
      const nodes = list()(raw, ctx);
      nodes.forEach((node, i) => {
        if (parseClusterNode(node) === null) {
          ctx.problem(
            `${ctx.name}: entry ${i + 1} must be host:port or redis://[user:pass@]host:port`,
          );
        }
      });
      return nodes;
    },
  }),
  redisTimeoutMs: variable({
    name: 'REDIS_TIMEOUT_MS',
    description:
      'longest wait for Redis on a request path (one command, the connect, one enqueue); then 503 `QUEUE_UNAVAILABLE`',
    default: '2000',
    parse: integer(100, 600_000),
  }),
  apiKeys: variable({
    name: 'API_KEYS',
    description:
      'comma-separated keys accepted in `X-API-KEY` and by the dashboard sign-in, 16+ characters each: `<key>` or `admin:<key>` may do anything, `read:<key>` may only read (any change answers 403 `FORBIDDEN`); the `.env.example` placeholder is refused',
    requiredFor: ['api'],
    secret: true,
    placeholder: API_KEYS_PLACEHOLDER,
    parse: apiKeys,
  }),
  sessionSecret: variable({
    name: 'SESSION_SECRET',
    description:
      'signs the dashboard session cookies (HMAC-SHA256), 32+ characters, the same on every API replica; the `.env.example` placeholder is refused',
    emptyMeans:
      'a random secret made at each start of the API: sessions end when it restarts and hold on one API replica only',
    secret: true,
    placeholder: SESSION_SECRET_PLACEHOLDER,
    parse: sessionSecret,
  }),
  sessionTtlSeconds: variable({
    name: 'SESSION_TTL_S',
    description:
      'lifetime of a dashboard session in seconds (then sign in again); sign-out ends it at once',
    default: '28800',
    parse: integer(60, 2_592_000),
  }),
  port: variable({
    name: 'PORT',
    description: 'HTTP port of the API',
    default: '3000',
    parse: integer(0, 65535),
  }),
  apiRateLimit: variable({
    name: 'API_RATE_LIMIT',
    description: 'requests per minute per API key on the API (`0`: no limit); over it → 429',
    default: '600',
    parse: integer(0, 1_000_000),
  }),
  corsOrigins: variable({
    name: 'CORS_ORIGINS',
    description:
      'comma-separated origins allowed by CORS, e.g. `https://app.example.com` (`*`: any)',
    emptyMeans: 'CORS off',
    parse: list(corsOrigin),
  }),
  workerHealthPort: variable({
    name: 'WORKER_HEALTH_PORT',
    description: 'HTTP port of the worker health and metrics routes',
    default: '3001',
    parse: integer(0, 65535),
  }),
  workerConcurrency: variable({
    name: 'WORKER_CONCURRENCY',
    description: 'jobs one worker process runs at once (per provider queue)',
    default: '8',
    parse: integer(1, 1000),
  }),
  outcomeWriteBehind: variable({
    name: 'OUTCOME_WRITE_BEHIND',
    description:
      'outcomes one worker process may acknowledge to the queue before they commit, written in large groups right after (0: a job completes only once its outcome committed); those a killed worker had not committed are fetched again by the reconciler after JOB_LOCK_MS',
    default: '256',
    parse: integer(0, 10_000),
  }),
  queuePrefix: variable({
    name: 'QUEUE_PREFIX',
    description:
      'prefix of every BullMQ key in Redis (letters, digits, `_ . -`); give each deployment sharing a Redis its own',
    default: 'market-ingest',
    parse: matching(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits, "_", "." and "-"'),
  }),
  marketDataProvider: variable({
    name: 'MARKET_DATA_PROVIDER',
    description: `provider of a batch that names none: ${PROVIDER_NAMES.map((p) => `\`${p}\``).join(', ')}`,
    default: 'yahoo',
    parse: oneOf(PROVIDER_NAMES),
  }),
  yahooBaseUrl: variable({
    name: 'YAHOO_BASE_URL',
    description: 'Yahoo Finance chart API base URL',
    default: 'https://query2.finance.yahoo.com',
    parse: url(['http:', 'https:']),
  }),
  binanceBaseUrl: variable({
    name: 'BINANCE_BASE_URL',
    description: 'Binance USD-M futures API base URL',
    default: 'https://fapi.binance.com',
    parse: url(['http:', 'https:']),
  }),
  bybitBaseUrl: variable({
    name: 'BYBIT_BASE_URL',
    description: 'Bybit v5 API base URL',
    default: 'https://api.bybit.com',
    parse: url(['http:', 'https:']),
  }),
  jpxListingUrl: variable({
    name: 'JPX_LISTING_URL',
    description:
      "JPX's list of TSE-listed issues (`data_j.xls`, the .xls JPX publishes monthly), read by `universe sync jpx`",
    default:
      'https://www.jpx.co.jp/markets/statistics-equities/misc/tvdivq0000001vg2-att/data_j.xls',
    parse: url(['http:', 'https:']),
  }),
  timescaledb: variable({
    name: 'TIMESCALEDB',
    description:
      '`auto`: use TimescaleDB when the server offers it; `required`: fail without it; `off`: never',
    default: 'auto',
    parse: oneOf(TIMESCALE_MODES),
  }),
  reconcileIntervalMs: variable({
    name: 'RECONCILE_INTERVAL_MS',
    description: "how often the worker's reconciler re-enqueues symbols whose jobs Redis lost",
    default: '30000',
    parse: integer(100, 86_400_000),
  }),
  maxSymbolsPerBatch: variable({
    name: 'MAX_SYMBOLS_PER_BATCH',
    description: 'largest accepted batch (symbols)',
    default: '5000',
    parse: integer(1, 1_000_000),
  }),
  statusCacheMs: variable({
    name: 'STATUS_CACHE_MS',
    description:
      "how long the API answers a batch's status from memory (0: never); its own stop, pause, resume and retry are seen at once",
    default: '100',
    parse: integer(0, 10_000),
  }),
  providerTimeoutMs: variable({
    name: 'PROVIDER_TIMEOUT_MS',
    description: 'timeout of one provider HTTP request',
    default: '15000',
    parse: integer(100, 600_000),
  }),
  /** Requests per second, per provider. */
  rateLimits: {
    yahoo: rateLimit('YAHOO_RATE_LIMIT', 'Yahoo requests', '5'),
    binance: rateLimit('BINANCE_RATE_LIMIT', 'Binance requests', '10'),
    bybit: rateLimit('BYBIT_RATE_LIMIT', 'Bybit requests', '10'),
    csv: rateLimit('CSV_RATE_LIMIT', 'CSV provider files read', '1000'),
    synthetic: rateLimit('SYNTHETIC_RATE_LIMIT', 'synthetic provider requests', '100000'),
  },
  csvDataDir: variable({
    name: 'CSV_DATA_DIR',
    description: 'folder of the csv provider: one `<SYMBOL>.csv` per symbol',
    default: './data/csv',
    parse: text(),
  }),
  databasePoolSize: variable({
    name: 'DATABASE_POOL_SIZE',
    description: 'PostgreSQL connections per process',
    default: '10',
    parse: integer(1, 1000),
  }),
  jobAttempts: variable({
    name: 'JOB_ATTEMPTS',
    description: 'attempts of a fetch job before its symbol is recorded as failed',
    default: '5',
    parse: integer(1, 100),
  }),
  jobBackoffMs: variable({
    name: 'JOB_BACKOFF_MS',
    description: 'first retry delay of a fetch job (doubles per attempt, with jitter)',
    default: '2000',
    parse: integer(0, 3_600_000),
  }),
  jobLockMs: variable({
    name: 'JOB_LOCK_MS',
    description:
      "lock of a running job: a dead worker's job runs again elsewhere after about this long",
    default: '30000',
    parse: integer(1000, 3_600_000),
  }),
  anomalyJumpRatio: variable({
    name: 'ANOMALY_JUMP_RATIO',
    description:
      'ingest records a `price_jump` anomaly when a close is more than this many times the previous close, or less than its inverse, with no corporate action that day (> 1; 1.8 catches an unadjusted 2:1 split)',
    default: '1.8',
    parse: (raw, ctx): number => {
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n) || n <= 1) {
        ctx.problem(`${ctx.name} must be a number above 1 (e.g. 1.8), got ${ctx.shown(raw)}`);
        return 2;
      }
      return n;
    },
  }),
  anomalyZeroVolumeRun: variable({
    name: 'ANOMALY_ZERO_VOLUME_RUN',
    description:
      'ingest records a `zero_volume_run` anomaly when this many consecutive candles of a series have volume 0',
    default: '5',
    parse: integer(2, 1000),
  }),
  staleSessions: variable({
    name: 'STALE_SESSIONS',
    description:
      "ingest records a `stale` anomaly when this many sessions of the symbol's exchange went by after its newest candle",
    default: '3',
    parse: integer(1, 10_000),
  }),
  tsCompressAfter: variable({
    name: 'TS_COMPRESS_AFTER',
    description:
      'TimescaleDB: compress chunks older than this (e.g. `7 days`); applied by `migrate up`',
    default: '7 days',
    parse: intervalText,
  }),
  tsRetention: variable({
    name: 'TS_RETENTION',
    description:
      'TimescaleDB: drop chunks older than this, `5 years` for every time-series table or `ohlcv_data=5 years,funding_rate_data=2 years`',
    emptyMeans: 'keep everything',
    parse: retention,
  }),
  syntheticLatencyMs: variable({
    name: 'SYNTHETIC_LATENCY_MS',
    description: 'simulated response time of the synthetic provider (benchmarks, demos)',
    default: '0',
    parse: integer(0, 600_000),
  }),
  scheduleMinIntervalSeconds: variable({
    name: 'SCHEDULE_MIN_INTERVAL_S',
    description:
      'shortest period a schedule may have: a cron whose ticks come closer is refused with 400 `SCHEDULE_TOO_FREQUENT`',
    default: '60',
    parse: integer(1, 31_622_400),
  }),
  webhookUrl: variable({
    name: 'WEBHOOK_URL',
    description:
      'http(s) URL that gets a signed JSON POST when any batch ends (see Webhooks); never echoed',
    emptyMeans: 'none',
    // Webhook URLs often carry a token in their path: never echo the value.
    secret: true,
    parse: url(['http:', 'https:']),
  }),
  webhookSecret: variable({
    name: 'WEBHOOK_SECRET',
    description: 'HMAC-SHA256 key of `X-Market-Ingest-Signature`; never logged',
    emptyMeans: 'unsigned',
    secret: true,
    parse: text(),
  }),
  webhookAllowedHosts: variable({
    name: 'WEBHOOK_ALLOWED_HOSTS',
    description:
      "hosts a batch's own `webhook_url` may name (`hooks.example.com`, `*.example.com` for its subdomains, `10.0.0.5`, `::1`); others are refused with 400 `WEBHOOK_HOST_NOT_ALLOWED`; a listed host may also resolve to a non-public address",
    emptyMeans: 'any host',
    parse: (raw, ctx) => {
      const hosts = list()(raw, ctx).map(normalHost);
      for (const host of hosts) hostName(host, ctx);
      return hosts;
    },
  }),
  webhookAllowPrivate: variable({
    name: 'WEBHOOK_ALLOW_PRIVATE',
    description:
      '`true`: webhooks may reach loopback, private, link-local and unique-local addresses; `false`: public addresses only (checked on the literal host and on the resolved address), except hosts of `WEBHOOK_ALLOWED_HOSTS`',
    default: 'false',
    parse: boolean(),
  }),
  webhookAttempts: variable({
    name: 'WEBHOOK_ATTEMPTS',
    description: 'attempts of one webhook delivery before it is recorded as failed',
    default: '8',
    parse: integer(1, 100),
  }),
  webhookBackoffMs: variable({
    name: 'WEBHOOK_BACKOFF_MS',
    description: 'first retry delay of a webhook delivery (doubles per attempt, with jitter)',
    default: '2000',
    parse: integer(0, 3_600_000),
  }),
  webhookTimeoutMs: variable({
    name: 'WEBHOOK_TIMEOUT_MS',
    description: 'timeout of one webhook POST',
    default: '10000',
    parse: integer(100, 600_000),
  }),
  workerProviders: variable({
    name: 'WORKER_PROVIDERS',
    description: `provider queues this worker takes fetch jobs from, comma-separated (${PROVIDER_NAMES.map((p) => `\`${p}\``).join(', ')}); \`none\`: no fetch job (a worker that only evaluates alerts, delivers notifications and reconciles)`,
    default: '',
    emptyMeans: 'every provider',
    parse: (raw, ctx): ProviderName[] => {
      if (raw === '') return [...PROVIDER_NAMES];
      if (raw.trim().toLowerCase() === 'none') return [];
      const names = list(undefined, { lowerCase: true })(raw, ctx);
      for (const name of names) {
        if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
          ctx.problem(
            `${ctx.name}: "${name}" is not a provider; use names of ${PROVIDER_NAMES.join(', ')}, or none`,
          );
        }
      }
      return [...new Set(names)].filter((n): n is ProviderName =>
        (PROVIDER_NAMES as readonly string[]).includes(n),
      );
    },
  }),
  alertSweepIntervalMs: variable({
    name: 'ALERT_SWEEP_INTERVAL_MS',
    description:
      'how often one worker sweeps the alert rules whose kind depends on time (batch_stalled, symbol_stale, provider_errors, and quiet data_anomaly alerts); batch endings and anomalies are evaluated as they happen',
    default: '60000',
    parse: integer(1000, 86_400_000),
  }),
  alertAttempts: variable({
    name: 'ALERT_ATTEMPTS',
    description:
      'attempts of one alert notification (Slack, e-mail, webhook) before it is recorded as failed',
    default: '10',
    parse: integer(1, 100),
  }),
  alertBackoffMs: variable({
    name: 'ALERT_BACKOFF_MS',
    description: 'first retry delay of an alert notification (doubles per attempt, with jitter)',
    default: '5000',
    parse: integer(0, 3_600_000),
  }),
  smtpUrl: variable({
    name: 'SMTP_URL',
    description:
      'SMTP server of e-mail alerts: `smtp://user:pass@host:587` (STARTTLS when the server offers it; `?requireTLS=true` insists), `smtps://user:pass@host:465` (TLS from the first byte); never logged',
    emptyMeans: 'no e-mail channel',
    secret: true,
    parse: url(['smtp:', 'smtps:']),
  }),
  alertEmailFrom: variable({
    name: 'ALERT_EMAIL_FROM',
    description: 'From address of e-mail alerts, e.g. `market-ingest <alerts@example.com>`',
    default: 'market-ingest <alerts@localhost>',
    parse: (raw, ctx) => {
      const address = /<([^<>]+)>\s*$/.exec(raw)?.[1] ?? raw;
      if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address.trim())) {
        ctx.problem(
          `${ctx.name} must be an address (alerts@example.com) or a name and one (market-ingest <alerts@example.com>), got ${ctx.shown(raw)}`,
        );
      }
      return raw;
    },
  }),
  publicUrl: variable({
    name: 'PUBLIC_URL',
    description:
      'base URL people reach the API and dashboard at (`https://ingest.example.com`): notifications link to `<PUBLIC_URL>/ui/batches/<id>` and `/ui/alerts`',
    emptyMeans: 'no links in notifications',
    parse: (raw, ctx) => url(['http:', 'https:'])(raw.replace(/\/+$/, ''), ctx),
  }),
  migrateBackupDir: variable({
    name: 'MIGRATE_BACKUP_DIR',
    description:
      '`migrate up` (and the container entrypoint): `pg_dump` the database into this folder before applying pending migrations',
    emptyMeans: 'no backup',
    parse: text(),
  }),
  migrateBackupKeep: variable({
    name: 'MIGRATE_BACKUP_KEEP',
    description: 'backups of a database kept in `MIGRATE_BACKUP_DIR` (older ones are deleted)',
    default: '5',
    parse: integer(1, 1000),
  }),
  logLevel: variable({
    name: 'LOG_LEVEL',
    description: LOG_LEVELS.map((l) => `\`${l}\``).join(', '),
    default: 'info',
    parse: oneOf(LOG_LEVELS),
  }),
  logFormat: variable({
    name: 'LOG_FORMAT',
    description: '`json`: one JSON object per line; `text`: readable lines, for a terminal',
    default: 'json',
    parse: oneOf(LOG_FORMATS),
  }),
};

/**
 * Rules that involve more than one variable, checked on the parsed configuration once every
 * variable has passed its own parser. Keep this list short: most rules belong to one variable.
 */
export const ENVIRONMENT_RULES: ((
  config: AppConfig,
  problem: (message: string) => void,
) => void)[] = [
  // WEBHOOK_URL must be deliverable under WEBHOOK_ALLOW_PRIVATE and WEBHOOK_ALLOWED_HOSTS.
  (config, problem) => {
    if (config.webhookUrl === '') return;
    try {
      assertDeliverableUrl(
        config.webhookUrl,
        { allowPrivate: config.webhookAllowPrivate, allowedHosts: config.webhookAllowedHosts },
        'WEBHOOK_URL',
      );
    } catch (error) {
      if (error instanceof UndeliverableUrlError && error.reason !== 'invalid-url') {
        problem(error.message); // names the host at most, never the URL (secret)
      }
    }
  },
];

/** Read by docker compose only (not by the processes); documented with the others. */
export const COMPOSE_VARIABLES: VariableSpec[] = [
  variable({
    name: 'POSTGRES_PASSWORD',
    description:
      "docker compose only: password of the TimescaleDB container's `postgres` user (the `.env.example` placeholder is refused)",
    secret: true,
    placeholder: POSTGRES_PASSWORD_PLACEHOLDER,
    parse: text(),
  }),
];

type Entry = VariableSpec | Record<string, VariableSpec>;
const isVariable = (entry: Entry): entry is VariableSpec =>
  typeof (entry as VariableSpec).parse === 'function';

/** Every variable the processes read, in schema order. */
export const ENVIRONMENT_VARIABLES: VariableSpec[] = Object.values(
  ENVIRONMENT_SCHEMA as Record<string, Entry>,
).flatMap((entry) => (isVariable(entry) ? [entry] : Object.values(entry)));

/**
 * Validates the environment of a process and returns its typed configuration.
 * Throws one ConfigValidationError listing every problem, each naming its variable.
 * Values of secret variables never appear in messages.
 */
export function validateEnvironment(env: Env, role: AppRole): AppConfig {
  const problems: string[] = [];
  const read = (spec: VariableSpec): unknown => {
    const ctx: ParseContext = {
      name: spec.name,
      role,
      shown: (raw) => (spec.secret ? '<redacted>' : JSON.stringify(raw)),
      problem: (message) => problems.push(message),
    };
    const raw = env[spec.name]?.trim() ?? '';
    const required = spec.requiredFor?.includes(role) ?? false;
    if (raw === '' && required) {
      problems.push(`${spec.name} is required (${spec.description}) but is not set`);
    } else if (raw !== '' && required && raw === spec.placeholder) {
      problems.push(
        `${spec.name} still holds the placeholder of .env.example ("${spec.placeholder}"): set your own value`,
      );
    }
    return spec.parse(raw === '' ? (spec.default ?? '') : raw, ctx);
  };
  const config: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(ENVIRONMENT_SCHEMA as Record<string, Entry>)) {
    config[key] = isVariable(entry)
      ? read(entry)
      : Object.fromEntries(Object.entries(entry).map(([k, spec]) => [k, read(spec)]));
  }
  for (const rule of ENVIRONMENT_RULES) {
    rule(config as unknown as AppConfig, (message) => problems.push(message));
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  // The keys and value types are AppConfig's by construction: AppConfig is derived from the schema.
  return config as unknown as AppConfig;
}
