import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, nestLogLevels, useAppLogging } from '@app/common';
import { WorkerModule } from './worker.module';

/** The worker: BullMQ processors plus health routes on WORKER_HEALTH_PORT (no API routes). */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('worker');
  const app = await NestFactory.create(WorkerModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
    // Lines written before the pino logger is in place wait for it (one JSON format throughout).
    bufferLogs: true,
  });
  useAppLogging(app);
  app.enableShutdownHooks();
  await app.listen(config.workerHealthPort);
}

void bootstrap();
