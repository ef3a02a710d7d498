import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';

/**
 * A redis-server of the chaos run's own (no persistence: a restart loses every key, as a lost
 * cache node would). It may be restarted, stalled (SIGSTOP/SIGCONT) and flushed; it is never the
 * shared server on 6379.
 */
export class OwnRedis {
  private child: ChildProcess | null = null;
  private stalled = false;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(port: number): Promise<OwnRedis> {
    const redis = new OwnRedis(port);
    await redis.launch();
    return redis;
  }

  /** Stops the server (SIGTERM, no save) and starts it again on the same port, empty. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** SIGSTOP: the server keeps its connections open and answers nothing. */
  stall(): void {
    if (this.child?.pid && !this.stalled) {
      process.kill(this.child.pid, 'SIGSTOP');
      this.stalled = true;
    }
  }

  resume(): void {
    if (this.child?.pid && this.stalled) {
      process.kill(this.child.pid, 'SIGCONT');
      this.stalled = false;
    }
  }

  async flushAll(): Promise<void> {
    await this.command((r) => r.flushall());
  }

  /** A short-lived client for one call (the run's own checks). */
  async command<T>(fn: (redis: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await fn(client);
    } finally {
      client.disconnect();
    }
  }

  /** Idempotent. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.resume();
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
    this.child = null;
  }

  private async launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
      try {
        if ((await this.command((r) => r.ping())) === 'PONG') return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not start`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
