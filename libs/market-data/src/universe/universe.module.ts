import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { MarketDataModule } from '../market-data.module';
import { SymbolRegistryService } from './symbol-registry.service';
import { UniverseSyncService } from './universe-sync.service';

/**
 * The instrument universe: syncs from listings (the ListingFetcher of MarketDataModule) and reads
 * of the registry. Needs PostgreSQL only (no queue), so the CLI uses it as the API and the worker do.
 */
@Module({
  imports: [PersistenceModule, MarketDataModule],
  providers: [UniverseSyncService, SymbolRegistryService],
  exports: [UniverseSyncService, SymbolRegistryService],
})
export class UniverseModule {}
