import { Test } from '@nestjs/testing';
import { AppConfigModule, validateEnvironment } from '@app/common';
import { MarketDataModule } from '../market-data.module';
import { ProviderRegistry } from '../provider-registry';
import { BinanceFuturesProvider } from './binance-futures.provider';
import { BybitLinearProvider } from './bybit-linear.provider';
import { CsvProvider } from './csv.provider';
import { YahooChartProvider } from './yahoo-chart.provider';

describe('MarketDataModule registry', () => {
  it('registers yahoo, binance, bybit, csv and synthetic from the configuration', async () => {
    const config = validateEnvironment({ API_KEYS: 'k'.repeat(32) }, 'worker');
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), MarketDataModule],
    }).compile();
    const registry = moduleRef.get(ProviderRegistry);
    expect(registry.names()).toEqual(['binance', 'bybit', 'csv', 'synthetic', 'yahoo']);
    expect(registry.get('bybit')).toBeInstanceOf(BybitLinearProvider);
    expect(registry.get('bybit').dataTypes).toEqual(['ohlcv', 'funding_rate', 'open_interest']);
    expect(registry.get('yahoo')).toBeInstanceOf(YahooChartProvider);
    expect(registry.get('binance')).toBeInstanceOf(BinanceFuturesProvider);
    expect(registry.get('csv')).toBeInstanceOf(CsvProvider);
    expect(registry.get('binance').dataTypes).toEqual(['ohlcv', 'funding_rate', 'open_interest']);
    expect(registry.get('yahoo').dataTypes).toEqual(['ohlcv']);
    await moduleRef.close();
  });
});
