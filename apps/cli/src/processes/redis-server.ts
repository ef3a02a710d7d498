import { Redis } from 'ioredis';
import { freePort, launchProcess, LaunchedProcess, waitFor } from './app-launcher';

/**
 * A private redis-server on a free loopback port, for a run that may flush, stop or kill its
 * Redis (tests, bench, chaos) — never the shared one. No persistence: it dies with its data.
 */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  readonly process: LaunchedProcess;
  /** FLUSHALL on this server only. */
  flushAll: () => Promise<void>;
  /** SIGTERM (SIGKILL after a grace time); idempotent. */
  stop: () => Promise<void>;
  /** SIGKILL, as a crash; idempotent. */
  kill: () => Promise<void>;
  /** Sends a signal (SIGSTOP: Redis stops answering without refusing; SIGCONT: it goes on). */
  signal: (signal: NodeJS.Signals) => void;
}

async function pingOnce(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Starts `redis-server` (on `port`, e.g. to restart one on the same port) and waits for PONG. */
export async function startRedisServer(
  options: { port?: number; logFile?: string } = {},
): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const url = `redis://127.0.0.1:${port}`;
  const proc = launchProcess(
    `redis-server:${port}`,
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { env: { PATH: process.env.PATH ?? '' }, logFile: options.logFile },
  );
  await waitFor(
    `redis-server on port ${port} answering PING`,
    async () => {
      if (!proc.running()) {
        throw new Error(`redis-server on port ${port} exited:\n${proc.output()}`);
      }
      return (await pingOnce(url)) ? true : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 50 },
  );
  return {
    url,
    port,
    process: proc,
    flushAll: async () => {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
    stop: async () => {
      if (proc.running()) proc.child.kill('SIGCONT'); // a stopped (SIGSTOP) server cannot exit
      await proc.stop('SIGTERM', 5_000);
    },
    kill: async () => {
      await proc.stop('SIGKILL');
    },
    signal: (signal) => {
      if (proc.running()) proc.child.kill(signal);
    },
  };
}
