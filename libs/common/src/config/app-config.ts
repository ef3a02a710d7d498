export const PROVIDER_NAMES = ['yahoo', 'binance', 'bybit', 'csv', 'synthetic'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export const TIMESCALE_MODES = ['auto', 'required', 'off'] as const;
export type TimescaleMode = (typeof TIMESCALE_MODES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Which process is starting: decides which variables are required. */
export type AppRole = 'api' | 'worker' | 'cli';

/** The validated, typed configuration of every process. Built once by `validateEnvironment`. */
export class AppConfig {
  databaseUrl!: string;
  redisUrl!: string;
  /** Accepted API keys. Never logged. */
  apiKeys!: string[];
  port!: number;
  /** Requests per minute per API key on the API; 0: no limit. */
  apiRateLimit!: number;
  /** Origins allowed by CORS (`*`: any); empty: CORS off. */
  corsOrigins!: string[];
  workerHealthPort!: number;
  workerConcurrency!: number;
  queuePrefix!: string;
  marketDataProvider!: ProviderName;
  yahooBaseUrl!: string;
  binanceBaseUrl!: string;
  bybitBaseUrl!: string;
  timescaledb!: TimescaleMode;
  reconcileIntervalMs!: number;
  maxSymbolsPerBatch!: number;
  providerTimeoutMs!: number;
  /** Requests per second, per provider. */
  rateLimits!: Record<ProviderName, number>;
  csvDataDir!: string;
  /** PostgreSQL connections per process. */
  databasePoolSize!: number;
  /** Attempts of a fetch job before the symbol is recorded as failed. */
  jobAttempts!: number;
  /** First retry delay; doubles per attempt, with jitter. */
  jobBackoffMs!: number;
  /** A job whose worker stops renewing its lock this long is stalled and runs again elsewhere. */
  jobLockMs!: number;
  /** TimescaleDB: compress chunks older than this (PostgreSQL interval text). */
  tsCompressAfter!: string;
  /** TimescaleDB: per time-series table, drop chunks older than this; absent: keep forever. */
  tsRetention!: Record<string, string>;
  /** Delay of every synthetic-provider fetch (simulated provider latency). */
  syntheticLatencyMs!: number;
  /** Receives a POST when any batch ends; '' for none. Batches may add their own `webhook_url`. */
  webhookUrl!: string;
  /** HMAC-SHA256 key of the webhook signature header; '' sends deliveries unsigned. Never logged. */
  webhookSecret!: string;
  /** Attempts of one webhook delivery before it is recorded as failed. */
  webhookAttempts!: number;
  /** First webhook retry delay; doubles per attempt, with jitter. */
  webhookBackoffMs!: number;
  /** Hosts a batch's own webhook_url may name (`*.example.com`: its subdomains); empty: any. */
  webhookAllowedHosts!: string[];
  /** Webhooks may reach non-public addresses (loopback, private, link-local …); default false. */
  webhookAllowPrivate!: boolean;
  /** Timeout of one webhook POST. */
  webhookTimeoutMs!: number;
  /** `migrate up` dumps the database here before applying migrations; '' for no backup. */
  migrateBackupDir!: string;
  /** Backups of one database kept in migrateBackupDir. */
  migrateBackupKeep!: number;
  logLevel!: LogLevel;
  /** json: one JSON object per line (default); text: one readable line per entry. */
  logFormat!: LogFormat;
}
