import type { ENVIRONMENT_SCHEMA } from './environment';
import type { VariableSpec } from './variable';

export const PROVIDER_NAMES = ['yahoo', 'binance', 'bybit', 'csv', 'synthetic'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** What an API key may do: `read` GETs anything under /api; `admin` may also change things. */
export const API_ROLES = ['read', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** One entry of API_KEYS: `<key>` (admin) or `<role>:<key>`. */
export interface ApiKeyEntry {
  key: string;
  role: ApiRole;
}

export const TIMESCALE_MODES = ['auto', 'required', 'off'] as const;
export type TimescaleMode = (typeof TIMESCALE_MODES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Which process is starting: decides which variables are required. */
export type AppRole = 'api' | 'worker' | 'cli';

type ValueOf<V> = V extends VariableSpec<infer T> ? T : never;
/** The config type of a schema: each variable's parser gives its property's type. */
export type ConfigOf<S> = {
  [K in keyof S]: S[K] extends VariableSpec
    ? ValueOf<S[K]>
    : { [P in keyof S[K]]: ValueOf<S[K][P]> };
};

/**
 * The validated, typed configuration of every process, built once by `validateEnvironment`. Its
 * properties are ENVIRONMENT_SCHEMA's keys (libs/common/src/config/environment.ts), typed by each
 * variable's parser: adding a variable there adds the property here. The class is the DI token.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface AppConfig extends ConfigOf<typeof ENVIRONMENT_SCHEMA> {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AppConfig {}
