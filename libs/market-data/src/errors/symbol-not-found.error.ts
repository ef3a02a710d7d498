import { MarketDataError } from './market-data.error';

/** The provider does not know the symbol (or has no data for it at all): never retried. */
export class SymbolNotFoundError extends MarketDataError {
  readonly permanent = true;
  constructor(
    readonly symbol: string,
    providerMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`symbol ${symbol} not found: ${providerMessage}`, options);
  }
}
