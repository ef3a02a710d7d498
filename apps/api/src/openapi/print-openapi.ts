import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { validateEnvironment } from '@app/common';
import { AppModule } from '../app.module';
import { buildOpenApiDocument } from './openapi.setup';

/**
 * Prints the API's OpenAPI document (the JSON of /docs-json) without a database or Redis: Nest's
 * preview mode resolves the modules and routes but instantiates no provider. The dashboard's
 * typed client is generated from it (`npm run dashboard:openapi`).
 */
async function main(): Promise<void> {
  const config = validateEnvironment(
    { API_KEYS: 'openapi-document-only-key', API_RATE_LIMIT: '0', LOG_LEVEL: 'error' },
    'api',
  );
  const app = await NestFactory.create(AppModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  process.stdout.write(`${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

void main();
