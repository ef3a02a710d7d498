import { MarketDataError } from './market-data.error';

/** A request the provider can never answer (e.g. a range it refuses): never retried. */
export class InvalidRequestError extends MarketDataError {
  readonly permanent = true;
}
