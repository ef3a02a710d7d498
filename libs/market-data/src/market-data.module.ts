import { Global, Module } from '@nestjs/common';
import { AppConfig, PROVIDER_NAMES } from '@app/common';
import { ProviderRegistry } from './provider-registry';
import { BinanceFuturesProvider } from './providers/binance-futures.provider';
import { BybitLinearProvider } from './providers/bybit-linear.provider';
import { CsvProvider } from './providers/csv.provider';
import { SyntheticProvider } from './providers/synthetic.provider';
import { YahooChartProvider } from './providers/yahoo-chart.provider';
import { ListingFetcher } from './universe/listing-fetcher';

/** The provider registry, built from the configuration, and the listing fetcher. */
@Global()
@Module({
  providers: [
    {
      provide: ProviderRegistry,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        completeRegistry([
          new SyntheticProvider({ latencyMs: config.syntheticLatencyMs }),
          new YahooChartProvider({
            baseUrl: config.yahooBaseUrl,
            timeoutMs: config.providerTimeoutMs,
          }),
          new BinanceFuturesProvider({
            baseUrl: config.binanceBaseUrl,
            timeoutMs: config.providerTimeoutMs,
          }),
          new BybitLinearProvider({
            baseUrl: config.bybitBaseUrl,
            timeoutMs: config.providerTimeoutMs,
          }),
          new CsvProvider({ dataDir: config.csvDataDir }),
        ]),
    },
    ListingFetcher,
  ],
  exports: [ProviderRegistry, ListingFetcher],
})
export class MarketDataModule {}

/**
 * The registry, refusing to start unless it serves exactly PROVIDER_NAMES: the names are listed
 * once (libs/common, where the configuration validates MARKET_DATA_PROVIDER and the per-provider
 * rate limits) and every provider's `name` is typed against that list.
 */
function completeRegistry(providers: ConstructorParameters<typeof ProviderRegistry>[0]) {
  const registry = new ProviderRegistry(providers);
  const names = registry.names();
  const missing = PROVIDER_NAMES.filter((n) => !registry.has(n));
  if (missing.length > 0 || names.length !== PROVIDER_NAMES.length) {
    throw new Error(`providers ${names.join(', ')} do not match PROVIDER_NAMES`);
  }
  return registry;
}
