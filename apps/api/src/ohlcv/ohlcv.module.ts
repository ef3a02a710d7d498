import { Module } from '@nestjs/common';
import { SeriesQueryModule } from '@app/market-data';
import { OhlcvController } from './ohlcv.controller';

@Module({ imports: [SeriesQueryModule], controllers: [OhlcvController] })
export class OhlcvModule {}
