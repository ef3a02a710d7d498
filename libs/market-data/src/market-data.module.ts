import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { ProviderRegistry } from './provider-registry';
import { SyntheticProvider } from './providers/synthetic.provider';

/** The provider registry, built from the configuration. */
@Global()
@Module({
  providers: [
    {
      provide: ProviderRegistry,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new ProviderRegistry([new SyntheticProvider({ latencyMs: config.syntheticLatencyMs })]),
    },
  ],
  exports: [ProviderRegistry],
})
export class MarketDataModule {}
