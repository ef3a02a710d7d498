/**
 * Which instruments of the registry a batch runs over: `"all"` (every active symbol of the
 * batch's provider) or a filter. Every list matches any of its values; the parts combine with AND.
 * `provider` names whose registry rows to take when it is not the batch's own provider (e.g. the
 * JPX stocks, registered under `yahoo`, fetched from `synthetic` in the demo); `limit` keeps the
 * first N in code order.
 */
export interface UniverseFilter {
  provider?: string;
  exchange?: string;
  market_segment?: string[];
  asset_class?: string[];
  industry_code?: string[];
  limit?: number;
}

export type Universe = 'all' | UniverseFilter;

/** The filter keys, in the order they are described. */
export const UNIVERSE_FILTER_KEYS = [
  'provider',
  'exchange',
  'market_segment',
  'asset_class',
  'industry_code',
  'limit',
] as const satisfies readonly (keyof UniverseFilter)[];

/** `universe "all"` or `universe {"exchange":"TSE","market_segment":["Prime"]}`, for messages. */
export function describeUniverse(universe: Universe): string {
  return universe === 'all' ? 'universe "all"' : `universe ${JSON.stringify(universe)}`;
}
