import { Module } from '@nestjs/common';
import { CoverageModule as CoverageLibModule } from '@app/market-data';
import { CoverageController } from './coverage.controller';

@Module({ imports: [CoverageLibModule], controllers: [CoverageController] })
export class CoverageApiModule {}
