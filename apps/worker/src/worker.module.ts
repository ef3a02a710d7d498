import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule, ShutdownLogger } from '@app/common';
import { HealthModule, PersistenceModule } from '@app/persistence';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), PersistenceModule, HealthModule],
      providers: [ShutdownLogger],
    };
  }
}
