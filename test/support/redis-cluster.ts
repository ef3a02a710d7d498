import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from '../../apps/cli/src/processes/app-launcher';

export interface RedisCluster {
  /** `127.0.0.1:p1,127.0.0.1:p2,…`: the value of REDIS_CLUSTER_NODES. */
  nodes: string;
  ports: number[];
  /** Runs a command on every master (e.g. FLUSHALL). */
  onEveryNode: (command: string, ...args: string[]) => Promise<unknown[]>;
  stop: () => Promise<void>;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A real Redis Cluster of `masters` masters (no replicas) on free loopback ports, in a temporary
 * directory: `redis-server --cluster-enabled yes` per node, joined with
 * `redis-cli --cluster create … --cluster-yes`, ready when every node reports cluster_state:ok.
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'mi-cluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const clients: Redis[] = [];
  const stop = async () => {
    for (const c of clients) c.disconnect();
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i += 1) {
      const port = await freePort();
      ports.push(port);
      children.push(
        spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            join(dir, `nodes-${port}.conf`),
            '--cluster-node-timeout',
            '5000',
            '--dir',
            dir,
            '--save',
            '',
            '--appendonly',
            'no',
            '--logfile',
            '',
          ],
          { stdio: 'ignore' },
        ),
      );
      const client = new Redis(port, '127.0.0.1', {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => 100,
      });
      client.on('error', () => undefined);
      clients.push(client);
    }
    for (const client of clients) {
      await waitFor('redis-server did not start', async () => {
        if (client.status === 'wait') await client.connect();
        return (await client.ping()) === 'PONG' ? true : undefined;
      });
    }
    await promisify(execFile)(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { timeout: 60_000 },
    );
    for (const client of clients) {
      await waitFor('the cluster did not reach cluster_state:ok', async () =>
        /cluster_state:ok/.test(String(await client.call('CLUSTER', 'INFO'))) ? true : undefined,
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    ports,
    onEveryNode: (command, ...args) => Promise.all(clients.map((c) => c.call(command, ...args))),
    stop,
  };
}
