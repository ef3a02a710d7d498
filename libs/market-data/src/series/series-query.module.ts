import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { SeriesQueryService } from './series-query.service';

/** The read side of stored market data (for the API; the worker does not need it). */
@Module({
  imports: [PersistenceModule],
  providers: [SeriesQueryService],
  exports: [SeriesQueryService],
})
export class SeriesQueryModule {}
