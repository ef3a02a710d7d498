import { ValidateBy, ValidationOptions } from 'class-validator';
import { PROVIDER_NAMES } from '@app/common';
import { UNIVERSE_FILTER_KEYS } from '@app/market-data';

const LIST_KEYS = ['market_segment', 'asset_class', 'industry_code'] as const;
const MAX_LIST = 100;
const MAX_LIMIT = 1_000_000;

const SHAPE = `universe must be "all" or a filter object {${UNIVERSE_FILTER_KEYS.join(', ')}}`;

/** Why `value` is not a universe (`"all"` or a filter, see UniverseFilterDto), or null. */
export function universeProblem(value: unknown): string | null {
  if (value === 'all') return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return SHAPE;
  const filter = value as Record<string, unknown>;
  for (const key of Object.keys(filter)) {
    if (!(UNIVERSE_FILTER_KEYS as readonly string[]).includes(key)) {
      return `universe.${key} is not a filter; filters: ${UNIVERSE_FILTER_KEYS.join(', ')}`;
    }
  }
  const { provider, exchange, limit } = filter;
  if (
    provider !== undefined &&
    !(typeof provider === 'string' && (PROVIDER_NAMES as readonly string[]).includes(provider))
  ) {
    return `universe.provider must be one of ${PROVIDER_NAMES.join(', ')}`;
  }
  if (
    exchange !== undefined &&
    !(typeof exchange === 'string' && exchange.length >= 1 && exchange.length <= 32)
  ) {
    return 'universe.exchange must be a string of 1 to 32 characters';
  }
  for (const key of LIST_KEYS) {
    const list = filter[key];
    if (list === undefined) continue;
    if (
      !Array.isArray(list) ||
      list.length < 1 ||
      list.length > MAX_LIST ||
      !list.every((v) => typeof v === 'string' && v.length >= 1 && v.length <= 64)
    ) {
      return `universe.${key} must be an array of 1 to ${MAX_LIST} strings (1 to 64 characters each)`;
    }
  }
  if (
    limit !== undefined &&
    !(typeof limit === 'number' && Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT)
  ) {
    return `universe.limit must be an integer from 1 to ${MAX_LIMIT}`;
  }
  return null;
}

/** `"all"` or a universe filter object; the message names the first problem. */
export function IsUniverse(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUniverse',
      validator: {
        validate: (value: unknown) => universeProblem(value) === null,
        defaultMessage: (args) => universeProblem(args?.value) ?? SHAPE,
      },
    },
    options,
  );
}
