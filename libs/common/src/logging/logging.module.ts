import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { Logger, LoggerModule } from 'nestjs-pino';
import { createHttpLogger, createRootLogger, LogApp, LogSettings } from './logger-options';

/** Injection token of the request-logging middleware (pino-http) that main.ts mounts. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * The app logger (nestjs-pino over one pino logger): `app.useLogger(app.get(Logger))` in main.ts
 * makes every `new Logger(Context)` of the code base write pino lines. The request logger
 * (`app.use(app.get(HTTP_LOGGER))`, before any other middleware) gives each request its id, and
 * nestjs-pino (`useExisting`) binds it to every line logged while the request is handled.
 */
@Module({})
export class LoggingModule {
  static forRoot(settings: LogSettings, app: LogApp): DynamicModule {
    const root = createRootLogger(settings, app);
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root }, useExisting: true })],
      providers: [{ provide: HTTP_LOGGER, useValue: createHttpLogger(root) }],
      exports: [LoggerModule, HTTP_LOGGER],
    };
  }
}

/**
 * Makes a created app (NestFactory.create with `bufferLogs: true`) log through pino, and mounts the
 * request logger before any other middleware (the body parser included), so a request refused
 * for its body still gets a request id and a line.
 */
export function useAppLogging(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.use(app.get<RequestHandler>(HTTP_LOGGER));
}
