import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfigOrExit, nestLogLevels, useAppLogging } from '@app/common';
import { setupBullBoard } from './admin/bull-board.setup';
import { AppModule } from './app.module';
import { setupDashboard } from './dashboard/dashboard.setup';
import { applyHttpSecurity } from './http/http-security.setup';
import { jsonBodyLimit, verifyJsonBody } from './http/json-body-limit';
import { setupOpenApi } from './openapi/openapi.setup';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
    // Lines written before the pino logger is in place wait for it (one JSON format throughout).
    bufferLogs: true,
    bodyParser: false,
  });
  useAppLogging(app);
  // Helmet headers on every answer; CORS only when CORS_ORIGINS is set.
  applyHttpSecurity(app, config);
  // JSON bodies only; larger than the limit → 413 PAYLOAD_TOO_LARGE, malformed → 400 INVALID_JSON,
  // not UTF-8 → 415, too deep or wide → 400 before parsing (verifyJsonBody).
  // Nest's option type omits `verify` because it reserves it for `rawBody: true`, which this app
  // does not use; body-parser takes it as usual.
  const jsonOptions = { limit: jsonBodyLimit(config.maxSymbolsPerBatch), verify: verifyJsonBody };
  app.useBodyParser('json', jsonOptions);
  // /admin/queues (API key or basic auth admin:<key>), /docs and /docs-json (open).
  setupBullBoard(app);
  setupOpenApi(app);
  // /ui/: the dashboard's built files (it signs in through POST /api/session).
  setupDashboard(app);
  app.enableShutdownHooks();
  await app.listen(config.port);
}

void bootstrap();
