import { PROVIDER_NAMES } from '@app/common';
import { isInterval, normaliseSymbol, symbolProblem } from '@app/market-data';
import { ALERT_KINDS, AlertKind, ANOMALY_KINDS } from '@app/persistence';
import { AlertValidationError } from '../errors/alert-validation.error';

/** The parameters of each kind, with their defaults filled in (what a stored rule holds). */
export interface AlertParamsByKind {
  batch_failed: { min_failed_ratio: number; provider?: string };
  batch_stalled: { minutes: number; provider?: string };
  symbol_stale: { sessions: number; interval: string; source?: string; symbols?: string[] };
  repeated_failures: { count: number; provider?: string };
  data_anomaly: { kinds: string[]; window_minutes: number; source?: string };
  provider_errors: {
    ratio: number;
    window_minutes: number;
    min_attempts: number;
    provider?: string;
  };
}

/** Symbols a symbol_stale rule may list (more: leave `symbols` out to watch every series). */
export const MAX_RULE_SYMBOLS = 5000;

type Reader = (value: unknown, field: string) => unknown;

const fail = (field: string, message: string): never => {
  throw new AlertValidationError(`${field} ${message}`, field);
};

const number =
  (min: number, max: number, { integer = false, minExclusive = false } = {}): Reader =>
  (value, field) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return fail(field, 'must be a number');
    if (integer && !Number.isInteger(value)) return fail(field, 'must be an integer');
    if (minExclusive ? value <= min : value < min) {
      return fail(field, `must be ${minExclusive ? 'greater than' : 'at least'} ${min}`);
    }
    if (value > max) return fail(field, `must be at most ${max}`);
    return value;
  };

const provider: Reader = (value, field) => {
  if (typeof value !== 'string' || !(PROVIDER_NAMES as readonly string[]).includes(value)) {
    return fail(field, `must be one of ${PROVIDER_NAMES.join(', ')}`);
  }
  return value;
};

const interval: Reader = (value, field) => {
  if (typeof value !== 'string' || !isInterval(value)) {
    return fail(field, 'must be an interval such as 1d or 1h');
  }
  return value;
};

const symbols: Reader = (value, field) => {
  if (!Array.isArray(value) || value.length === 0) {
    return fail(field, 'must be a non-empty array of symbols');
  }
  if (value.length > MAX_RULE_SYMBOLS) return fail(field, `may list at most ${MAX_RULE_SYMBOLS}`);
  const out = value.map((s: unknown, i) => {
    if (typeof s !== 'string') return fail(`${field}[${i}]`, 'must be a string');
    const problem = symbolProblem(s.trim());
    if (problem) return fail(`${field}[${i}]`, `is not a symbol: ${problem}`);
    return normaliseSymbol(s.trim());
  });
  return [...new Set(out)];
};

const anomalyKinds: Reader = (value, field) => {
  if (!Array.isArray(value) || value.length === 0) {
    return fail(field, `must be a non-empty array of ${ANOMALY_KINDS.join(', ')}`);
  }
  value.forEach((k: unknown, i) => {
    if (typeof k !== 'string' || !(ANOMALY_KINDS as readonly string[]).includes(k)) {
      fail(`${field}[${i}]`, `must be one of ${ANOMALY_KINDS.join(', ')}`);
    }
  });
  return [...new Set(value as string[])];
};

/** Each kind's parameters: reader and default (`undefined`: optional, no default). */
const SPECS: Record<AlertKind, Record<string, { read: Reader; default?: unknown }>> = {
  batch_failed: {
    min_failed_ratio: { read: number(0, 1, { minExclusive: true }), default: 0.5 },
    provider: { read: provider },
  },
  batch_stalled: {
    minutes: { read: number(0, 10_080, { minExclusive: true }), default: 30 },
    provider: { read: provider },
  },
  symbol_stale: {
    sessions: { read: number(1, 250, { integer: true }), default: 3 },
    interval: { read: interval, default: '1d' },
    source: { read: provider },
    symbols: { read: symbols },
  },
  repeated_failures: {
    count: { read: number(2, 100, { integer: true }), default: 3 },
    provider: { read: provider },
  },
  data_anomaly: {
    kinds: { read: anomalyKinds, default: [...ANOMALY_KINDS] },
    window_minutes: { read: number(1, 10_080, { integer: true }), default: 60 },
    source: { read: provider },
  },
  provider_errors: {
    ratio: { read: number(0, 1, { minExclusive: true }), default: 0.5 },
    window_minutes: { read: number(1, 1440, { integer: true }), default: 15 },
    min_attempts: { read: number(1, 1_000_000, { integer: true }), default: 20 },
    provider: { read: provider },
  },
};

export function isAlertKind(value: unknown): value is AlertKind {
  return typeof value === 'string' && (ALERT_KINDS as readonly string[]).includes(value);
}

/** The parameter names of a kind, for messages and documentation. */
export function alertParamNames(kind: AlertKind): string[] {
  return Object.keys(SPECS[kind]);
}

/**
 * Checks a rule's `params` for its kind and fills in the defaults; throws AlertValidationError
 * naming the field (`params.minutes`) for an unknown name or a bad value.
 */
export function normaliseAlertParams<K extends AlertKind>(
  kind: K,
  raw: unknown,
): AlertParamsByKind[K] {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    fail('params', 'must be an object');
  }
  const given = (raw ?? {}) as Record<string, unknown>;
  const spec = SPECS[kind];
  for (const name of Object.keys(given)) {
    if (!(name in spec)) {
      fail(
        `params.${name}`,
        `is not a parameter of ${kind} (its parameters: ${Object.keys(spec).join(', ')})`,
      );
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, { read, default: fallback }] of Object.entries(spec)) {
    const value = given[name];
    if (value === undefined || value === null) {
      if (fallback !== undefined) out[name] = Array.isArray(fallback) ? [...fallback] : fallback;
      continue;
    }
    out[name] = read(value, `params.${name}`);
  }
  return out as AlertParamsByKind[K];
}
