import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { AppConfig, readEnvironment, validateEnvironment } from '@app/common';
import { isTerminalBatchStatus } from '@app/batch';
import { openReportDatabase } from '@app/persistence';
import { launchApp, stopAll, waitForHttp } from '../processes/app-launcher';
import { runMigrationsUp } from '../migrate/migrate.command';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** 100 large US listings: real-looking symbols for any provider. */
export const DEMO_SYMBOLS = (
  'AAPL MSFT AMZN NVDA GOOGL META BRK-B TSLA UNH XOM JNJ JPM V PG MA AVGO HD CVX MRK ABBV LLY PEP KO ' +
  'COST ADBE WMT MCD CSCO CRM BAC TMO ACN PFE ABT NFLX LIN CMCSA DHR AMD DIS ORCL TXN NKE VZ WFC PM ' +
  'NEE INTC BMY RTX UPS QCOM MS HON T COP LOW UNP SPGI IBM AMGN CAT INTU GS BA SBUX ELV DE PLD MDT ' +
  'BLK GE LMT AMAT ISRG GILD ADP AXP SYK MDLZ TJX BKNG CVS MMC ADI C VRTX REGN MO SCHW CB ZTS PGR ' +
  'TMUS CI SO BDX DUK SLB NOW'
).split(' ');

function bar(fraction: number, width = 30): string {
  const full = Math.round(fraction * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}

/**
 * The main job on one machine: migrate, start the API and a worker, submit a batch of 100 symbols,
 * follow its progress from the status route, and report what was stored.
 */
export function demoCommand(config: AppConfig, io: Io): Command {
  return new Command('demo')
    .description('migrate, start the API and a worker, run a 100-symbol batch and report')
    .option('--keep-running', 'leave the API and the worker running until Ctrl-C')
    .option('--symbols <n>', 'how many of the demo symbols (1-100)', '100')
    .option('--from <date>', 'first day to fetch', '2015-01-01')
    .action(async (opts: { keepRunning?: boolean; symbols: string; from: string }) => {
      const started = performance.now();
      const env = readEnvironment();
      const provider = env.MARKET_DATA_PROVIDER?.trim() ? config.marketDataProvider : 'synthetic';
      const apiKey = config.apiKeys[0] ?? `demo-${randomBytes(16).toString('hex')}`;
      const childEnv = { ...env, API_KEYS: config.apiKeys.join(',') || apiKey };
      // The API would refuse to start (e.g. API_KEYS still the .env.example placeholder): say why
      // before migrating, rather than "the process exited" with the reason in demo-logs/api.log.
      validateEnvironment(childEnv, 'api');
      await runMigrationsUp(config, io);
      const logs = resolve('demo-logs');
      mkdirSync(logs, { recursive: true });
      const children = [
        launchApp('api', { env: childEnv, logFile: join(logs, 'api.log') }),
        launchApp('worker', { env: childEnv, logFile: join(logs, 'worker.log') }),
      ];
      const stop = (): Promise<void> => stopAll(children);
      const base = `http://127.0.0.1:${config.port}`;
      try {
        await waitForHttp(`${base}/health/ready`, children[0], { status: 200 });
        await waitForHttp(`http://127.0.0.1:${config.workerHealthPort}/health/ready`, children[1], {
          status: 200,
        });
        io.out(
          `API ready at ${base}; worker ready (health port ${config.workerHealthPort}); logs in ${logs}`,
        );
        await runBatch(
          io,
          base,
          apiKey,
          provider,
          DEMO_SYMBOLS.slice(0, Number(opts.symbols) || 100),
          opts.from,
          config,
        );
        io.out(`demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        await stop();
        throw error;
      }
      if (!opts.keepRunning) {
        await stop();
        io.out('stopped the API and the worker (use --keep-running to leave them up)');
        return;
      }
      io.out(
        `running; API key for X-API-KEY: ${config.apiKeys.length ? '(yours, from API_KEYS)' : apiKey}`,
      );
      io.out('press Ctrl-C to stop');
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
      await stop();
    });
}

async function runBatch(
  io: Io,
  base: string,
  apiKey: string,
  provider: string,
  symbols: string[],
  from: string,
  config: AppConfig,
): Promise<void> {
  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
  const res = await fetch(`${base}/api/bulk/start`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      symbols,
      interval: '1d',
      provider,
      mode: 'full',
      from: new Date(from).toISOString(),
    }),
  });
  const started = (await res.json()) as {
    job_id?: string;
    batch_db_id?: number;
    error?: { message: string };
  };
  if (res.status !== 202 || !started.batch_db_id) {
    throw new Error(
      `POST /api/bulk/start answered ${res.status}: ${started.error?.message ?? JSON.stringify(started)}`,
    );
  }
  io.out(
    `batch ${started.job_id} (id ${started.batch_db_id}): ${symbols.length} symbols, 1d candles from ${from}, provider ${provider}`,
  );
  const t0 = performance.now();
  type Status = {
    status: string;
    progress: {
      total: number;
      processed: number;
      successful: number;
      failed: number;
      percent: number;
    };
  };
  let status: Status;
  let lastLine = '';
  for (;;) {
    const s = await fetch(`${base}/api/bulk/status/${started.batch_db_id}`, { headers });
    status = (await s.json()) as Status;
    const p = status.progress;
    const line = `${bar(p.total ? p.processed / p.total : 1)} ${p.processed}/${p.total} (${p.percent}%) ok ${p.successful} failed ${p.failed} ${status.status}`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
    else if (line !== lastLine && (p.processed % 10 === 0 || p.processed === p.total)) io.out(line);
    lastLine = line;
    if (isTerminalBatchStatus(status.status)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  const seconds = (performance.now() - t0) / 1000;

  const db = await openReportDatabase(config.databaseUrl);
  try {
    const records = await db.recordsOfBatch(started.batch_db_id);
    const stored = await db.storedCandles(provider, symbols, '1d');
    const p = status.progress;
    io.out(`status ${status.status}: ${p.successful} succeeded, ${p.failed} failed of ${p.total}`);
    io.out(
      `candles stored for these symbols: ${stored} (written by this batch: ${records}; ` +
        `unchanged candles from an earlier run are not rewritten); ` +
        `${seconds.toFixed(1)} s, ${Math.round(stored / seconds)} candles/s processed`,
    );
    io.out(`latest candles of ${symbols[0]}:`);
    for (const r of await db.latestCandles(provider, symbols[0], '1d', 5)) {
      io.out(`  ${r.day}  o ${r.open}  h ${r.high}  l ${r.low}  c ${r.close}  v ${r.volume}`);
    }
  } finally {
    await db.close();
  }
}
