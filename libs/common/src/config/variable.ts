import type { AppRole } from './app-config';

/** What a parser may ask about the variable it reads, and where it reports a problem. */
export interface ParseContext {
  name: string;
  role: AppRole;
  /** The raw value as it may appear in a message: `<redacted>` for secrets. */
  shown: (raw: string) => string;
  problem: (message: string) => void;
}

/** Turns the raw text (default applied, trimmed) into a config value; reports problems, never throws. */
export type Parser<T> = (raw: string, ctx: ParseContext) => T;

/**
 * One environment variable: everything about it lives in this entry. The parser gives the value's
 * type in AppConfig and its validation messages; the rest feeds `.env.example` and the README's
 * configuration table (`npm run docs:config`).
 */
export interface VariableSpec<T = unknown> {
  name: string;
  /** One sentence (Markdown: `code` in backticks); the README's "meaning", `.env.example`'s comment. */
  description: string;
  /** Raw text used when the variable is unset or blank; absent means ''. */
  default?: string;
  /** What an empty default means, for the README ("CORS off", "any host"…). */
  emptyMeans?: string;
  /** Roles for which the variable must be set (no default applies). */
  requiredFor?: readonly AppRole[];
  /** Values of secret variables never appear in messages. */
  secret?: boolean;
  /** The value `.env.example` shows instead of the default: the processes that read it refuse it. */
  placeholder?: string;
  parse: Parser<T>;
}

/** Declares a variable; `T` is inferred from the parser. */
export function variable<T>(spec: VariableSpec<T>): VariableSpec<T> {
  return spec;
}

// ---- parsers -------------------------------------------------------------------------------

export const text = (): Parser<string> => (raw) => raw;

export const integer =
  (min: number, max: number): Parser<number> =>
  (raw, ctx) => {
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      ctx.problem(`${ctx.name} must be an integer from ${min} to ${max}, got ${ctx.shown(raw)}`);
      return min;
    }
    return Number(raw);
  };

export const positiveNumber = (): Parser<number> => (raw, ctx) => {
  const n = Number(raw);
  if (raw === '' || !Number.isFinite(n) || n <= 0) {
    ctx.problem(`${ctx.name} must be a positive number, got ${ctx.shown(raw)}`);
    return 1;
  }
  return n;
};

/** Case-insensitive choice among `allowed`. */
export const oneOf =
  <T extends string>(allowed: readonly T[]): Parser<T> =>
  (raw, ctx) => {
    const value = raw.toLowerCase();
    if (!(allowed as readonly string[]).includes(value)) {
      ctx.problem(`${ctx.name} must be one of ${allowed.join(', ')}, got ${ctx.shown(value)}`);
      return allowed[0];
    }
    return value as T;
  };

export const boolean = (): Parser<boolean> => (raw, ctx) => {
  const value = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off', ''].includes(value)) return false;
  ctx.problem(`${ctx.name} must be true or false, got ${ctx.shown(raw)}`);
  return false;
};

/** An optional URL ('' allowed) with one of `protocols`; `database` also requires a path. */
export const url =
  (protocols: string[], options: { database?: boolean; refusePassword?: string } = {}) =>
  (raw: string, ctx: ParseContext): string => {
    if (raw === '') return raw;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      ctx.problem(`${ctx.name} must be a URL (${protocols.join(' or ')}), got ${ctx.shown(raw)}`);
      return raw;
    }
    if (!protocols.includes(parsed.protocol)) {
      ctx.problem(
        `${ctx.name} must use ${protocols.join(' or ')}, got "${parsed.protocol}" in ${ctx.shown(raw)}`,
      );
    } else if (options.database && parsed.pathname.replace(/^\//, '') === '') {
      ctx.problem(`${ctx.name} must name a database (postgres://user@host:port/<database>)`);
    } else if (
      options.refusePassword !== undefined &&
      decodeURIComponent(parsed.password) === options.refusePassword
    ) {
      ctx.problem(
        `${ctx.name} holds the placeholder password of .env.example ("${options.refusePassword}"): set POSTGRES_PASSWORD in .env to a strong password of your own`,
      );
    }
    return raw;
  };

/** A comma-separated list: items trimmed, empty ones dropped, each checked by `check`. */
export const list =
  (
    check: (item: string, ctx: ParseContext) => void = () => undefined,
    options: { lowerCase?: boolean } = {},
  ): Parser<string[]> =>
  (raw, ctx) => {
    const items = raw
      .split(',')
      .map((item) => (options.lowerCase ? item.trim().toLowerCase() : item.trim()))
      .filter((item) => item !== '');
    for (const item of items) check(item, ctx);
    return items;
  };

/** Text that must match `pattern`; `rule` says in words what it may contain. */
export const matching =
  (pattern: RegExp, rule: string): Parser<string> =>
  (raw, ctx) => {
    if (!pattern.test(raw)) ctx.problem(`${ctx.name} ${rule}, got ${ctx.shown(raw)}`);
    return raw;
  };
