import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Command } from 'commander';
import { AppConfig, readEnvironment } from '@app/common';
import { ChildProcess, spawn } from 'node:child_process';
import { runMigrationsUp } from '../migrate/migrate.command';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const DIST_APPS = join(__dirname, '..', '..', '..');

async function waitReady(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.status === 200) return res.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}

/**
 * The main job on one machine: migrate, start the API and a worker against the configured
 * PostgreSQL and Redis, wait until both are ready, and report.
 */
export function demoCommand(config: AppConfig, io: Io): Command {
  return new Command('demo')
    .description('migrate, start the API and a worker, and check that both are ready')
    .option('--keep-running', 'leave the API and the worker running until Ctrl-C')
    .action(async (opts: { keepRunning?: boolean }) => {
      const started = performance.now();
      await runMigrationsUp(config, io);
      const apiKey = config.apiKeys[0] ?? `demo-${randomBytes(12).toString('hex')}`;
      const env = { ...readEnvironment(), API_KEYS: config.apiKeys.join(',') || apiKey };
      const children = [
        spawn(process.execPath, [join(DIST_APPS, 'api', 'src', 'main.js')], {
          env,
          stdio: 'inherit',
        }),
        spawn(process.execPath, [join(DIST_APPS, 'worker', 'src', 'main.js')], {
          env,
          stdio: 'inherit',
        }),
      ];
      const stop = async (): Promise<void> => {
        await Promise.all(
          children.map(
            (c) =>
              new Promise<void>((resolve) => {
                if (c.exitCode !== null || c.signalCode !== null) return resolve();
                c.once('exit', () => resolve());
                c.kill('SIGTERM');
              }),
          ),
        );
      };
      try {
        const api = `http://127.0.0.1:${config.port}/health/ready`;
        const worker = `http://127.0.0.1:${config.workerHealthPort}/health/ready`;
        await waitReady(api, children[0]);
        await waitReady(worker, children[1]);
        io.out(`API ready at http://127.0.0.1:${config.port} (health: ${api})`);
        io.out(`worker ready (health: ${worker})`);
        io.out(`ready in ${Math.round(performance.now() - started)} ms`);
      } catch (error) {
        await stop();
        throw error;
      }
      if (!opts.keepRunning) {
        await stop();
        io.out('stopped the API and the worker (use --keep-running to leave them up)');
        return;
      }
      io.out('running; press Ctrl-C to stop');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await stop();
    });
}
