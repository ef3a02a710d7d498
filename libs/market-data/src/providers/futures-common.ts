import { InvalidRequestError } from '../errors/invalid-request.error';
import { ProviderUnavailableError } from '../errors/provider-unavailable.error';

/** Options of the crypto-futures providers (binance, bybit). */
export interface FuturesProviderOptions {
  /** <PROVIDER>_BASE_URL, e.g. https://fapi.binance.com */
  baseUrl: string;
  /** PROVIDER_TIMEOUT_MS */
  timeoutMs: number;
  /** Clock, for tests. */
  now?: () => Date;
}

/** Why `symbol` is no contract symbol of `provider` (A-Z and 0-9, 2 to `maxLength`), or null. */
export function contractSymbolProblem(
  provider: string,
  symbol: string,
  maxLength: number,
): string | null {
  return new RegExp(`^[A-Z0-9]{2,${maxLength}}$`).test(symbol)
    ? null
    : `${provider} symbols are 2-${maxLength} characters A-Z and 0-9 (e.g. BTCUSDT, 1000PEPEUSDT)`;
}

/** Throws InvalidRequestError when `problem` is set. */
export function assertSymbol(provider: string, symbol: string, problem: string | null): void {
  if (problem) throw new InvalidRequestError(`${provider}: ${problem}: ${JSON.stringify(symbol)}`);
}

/** A row the provider's answer should not contain. */
export function malformedRow(
  provider: string,
  what: string,
  row: unknown,
): ProviderUnavailableError {
  return new ProviderUnavailableError(
    `${provider}: malformed ${what}: ${JSON.stringify(row)?.slice(0, 200)}`,
  );
}

/** `?a=1&b=x` of a query object. */
export function queryString(query: Record<string, string | number>): string {
  return new URLSearchParams(
    Object.entries(query).map(([k, v]) => [k, String(v)] as [string, string]),
  ).toString();
}
