import { Module } from '@nestjs/common';
import { CoverageModule, SeriesQueryModule } from '@app/market-data';
import { OhlcvController } from './ohlcv.controller';

@Module({ imports: [SeriesQueryModule, CoverageModule], controllers: [OhlcvController] })
export class OhlcvModule {}
