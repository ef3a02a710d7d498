import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/common';
import { buildDataSourceOptions } from './data-source-options';

/** Connects the app to PostgreSQL (never synchronizes: the schema belongs to migrations). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({ databaseUrl: config.databaseUrl }),
        retryAttempts: 0,
      }),
    }),
  ],
})
export class PersistenceModule {}
