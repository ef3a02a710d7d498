import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { ProviderRegistry } from './provider-registry';
import { BinanceFuturesProvider } from './providers/binance-futures.provider';
import { BybitLinearProvider } from './providers/bybit-linear.provider';
import { CsvProvider } from './providers/csv.provider';
import { SyntheticProvider } from './providers/synthetic.provider';
import { YahooChartProvider } from './providers/yahoo-chart.provider';

/** The provider registry, built from the configuration. */
@Global()
@Module({
  providers: [
    {
      provide: ProviderRegistry,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new ProviderRegistry([
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
  ],
  exports: [ProviderRegistry],
})
export class MarketDataModule {}
