import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AppConfig, createRedisConnection, RedisClient } from '@app/common';
import { within } from './within';

/** Who uses the queues: producers fail fast when Redis is down, workers wait for it. */
export type QueueRole = 'producer' | 'worker';

/**
 * The Redis connection every queue of this process shares (made by the one connection factory,
 * standalone or cluster). BullMQ leaves a connection it was given open; workers duplicate it for
 * their own connections. Nest would run this hook before @nestjs/bullmq closes the workers, so
 * it closes them first (Worker.close is idempotent: it waits for the jobs in flight, which may
 * still enqueue through this connection), then quits.
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueConnection.name);
  readonly client: RedisClient;

  constructor(
    config: AppConfig,
    role: QueueRole,
    private readonly discovery: DiscoveryService,
  ) {
    this.client = createRedisConnection(config, role, `market-ingest-${role}-queues`);
    // Reported through health, 503s and the queues' own quiet error log.
    this.client.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    const hosts = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
    await Promise.all(
      hosts.map(async (host) => {
        try {
          await host.worker.close();
        } catch {
          // never started (its onModuleInit did not run): nothing to wait for
        }
      }),
    );
    // QUIT would wait in the offline queue of a worker's connection while Redis is away.
    if (this.client.status !== 'ready') {
      this.client.disconnect();
      return;
    }
    try {
      await within(2000, 'quit', this.client.quit());
    } catch (error) {
      this.logger.debug(`queue connection closed: ${String(error)}`);
    }
    this.client.disconnect();
  }
}
