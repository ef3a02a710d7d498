import { Redis } from 'ioredis';
import { freePort, launchProcess, waitFor, waitForHttp } from './app-launcher';
import { startRedisServer } from './redis-server';

/** The shared process launcher and private redis-server (real processes, real Redis). */
describe('process launcher', () => {
  const env = { PATH: process.env.PATH ?? '' };

  it('stop() sends SIGTERM and kills a process that ignores it after the grace time', async () => {
    const stubborn = launchProcess(
      'stubborn',
      process.execPath,
      [
        '-e',
        "process.on('SIGTERM', () => console.log('ignored')); console.log('up'); setInterval(() => {}, 1000);",
      ],
      { env },
    );
    await waitFor('the child printing up', () =>
      stubborn.output().includes('up') ? true : undefined,
    );
    expect(await stubborn.stop('SIGTERM', 300)).toBe('SIGKILL');
    expect(stubborn.output()).toContain('ignored');
    expect(stubborn.running()).toBe(false);
    expect(await stubborn.stop()).toBe('SIGKILL'); // idempotent
  });

  it('waitForHttp fails at once, with the output, when the process exits before answering', async () => {
    const port = await freePort();
    const dying = launchProcess(
      'dying',
      process.execPath,
      ['-e', "console.error('boom'); process.exit(3)"],
      {
        env,
      },
    );
    await expect(
      waitForHttp(`http://127.0.0.1:${port}/`, dying, { timeoutMs: 20_000 }),
    ).rejects.toThrow(/dying exited \(3\)[\s\S]*boom/);
  });

  it('waitForHttp waits for the asked status', async () => {
    const port = await freePort();
    const server = launchProcess(
      'server',
      process.execPath,
      [
        '-e',
        `let n = 0; require('node:http').createServer((q, s) => { n += 1; s.statusCode = n < 3 ? 503 : 200; s.end(); }).listen(${port}, '127.0.0.1');`,
      ],
      { env },
    );
    try {
      const res = await waitForHttp(`http://127.0.0.1:${port}/`, server, { status: 200 });
      expect(res.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('a private redis-server: answers, FLUSHALL empties it, kill ends it', async () => {
    const redis = await startRedisServer();
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.set('k', 'v');
      await redis.flushAll();
      expect(await client.dbsize()).toBe(0);
      await redis.kill();
      expect(redis.process.running()).toBe(false);
      await expect(client.ping()).rejects.toThrow();
    } finally {
      client.disconnect();
      await redis.kill();
    }
  });
});
