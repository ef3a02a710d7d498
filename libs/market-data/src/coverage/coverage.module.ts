import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { SeriesQueryModule } from '../series/series-query.module';
import { CoverageService } from './coverage.service';

/** Calendar-aware coverage of daily candles and backfill plans (API and batch). */
@Module({
  imports: [PersistenceModule, SeriesQueryModule],
  providers: [CoverageService],
  exports: [CoverageService],
})
export class CoverageModule {}
