import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfigOrExit, nestLogLevels } from '@app/common';
import { AppModule } from './app.module';
import { jsonBodyLimit } from './http/json-body-limit';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
    bodyParser: false,
  });
  // JSON bodies only; larger than the limit → 413 PAYLOAD_TOO_LARGE, malformed → 400 INVALID_JSON.
  app.useBodyParser('json', { limit: jsonBodyLimit(config.maxSymbolsPerBatch) });
  app.enableShutdownHooks();
  await app.listen(config.port);
}

void bootstrap();
