import { MarketDataError } from './market-data.error';

/** A transient failure (5xx, timeout, connection error, malformed body): retried with backoff. */
export class ProviderUnavailableError extends MarketDataError {
  readonly permanent = false;
}
