import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, nestLogLevels } from '@app/common';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('api');
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
  });
  app.enableShutdownHooks();
  await app.listen(config.port);
}

void bootstrap();
