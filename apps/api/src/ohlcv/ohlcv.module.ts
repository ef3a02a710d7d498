import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { OhlcvController } from './ohlcv.controller';

@Module({ imports: [PersistenceModule], controllers: [OhlcvController] })
export class OhlcvModule {}
