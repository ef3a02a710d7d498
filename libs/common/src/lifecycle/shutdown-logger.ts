import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/** Logs the end of a graceful shutdown (after every other module closed its connections). */
@Injectable()
export class ShutdownLogger implements OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  onApplicationShutdown(signal?: string): void {
    this.logger.log(`stopped cleanly${signal ? ` on ${signal}` : ''}`);
  }
}
