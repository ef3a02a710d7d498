import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Command } from 'commander';
import { AppConfig, readEnvironment, validateEnvironment } from '@app/common';
import { isTerminalBatchStatus } from '@app/batch';
import { openReportDatabase } from '@app/persistence';
import { launchApp, stopAll, waitForHttp } from '../processes/app-launcher';
import { runMigrationsUp } from '../migrate/migrate.command';
import { serveListingFile } from './listing-server';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * The bundled recorded listing the demo syncs the universe from: JPX's 東証上場銘柄一覧 of
 * 2025-09-30 (provenance: test/fixtures/universe/README.md).
 */
export const DEMO_LISTING = join('test', 'fixtures', 'universe', 'jpx', 'data_j-20250930.xls');

/** The universe the demo's batch runs over: TSE Prime stocks of the registry, first N by code. */
const DEMO_UNIVERSE = { provider: 'yahoo', exchange: 'TSE', market_segment: ['Prime'] };

/** The repository root (the folder of package.json above this file, in src/ or dist/). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

function bar(fraction: number, width = 30): string {
  const full = Math.round(fraction * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}

/**
 * The main job on one machine: migrate, start the API and a worker, sync the instrument universe
 * from a recorded JPX listing (served by a local stand-in for JPX, through POST /api/universe/sync),
 * submit a batch over a universe filter (TSE Prime, the first N by code), follow its progress from
 * the status route, and report what was stored.
 */
export function demoCommand(config: AppConfig, io: Io): Command {
  return new Command('demo')
    .description(
      'migrate, start the API and a worker, sync the TSE universe from a recorded JPX listing, run a batch over TSE Prime and report',
    )
    .option('--keep-running', 'leave the API and the worker running until Ctrl-C')
    .option('--symbols <n>', 'how many TSE Prime stocks, first by code (1-5000)', '100')
    .option('--from <date>', 'first day to fetch', '2015-01-01')
    .option('--listing <file>', 'the JPX listing (data_j.xls) to sync from', DEMO_LISTING)
    .action(
      async (opts: { keepRunning?: boolean; symbols: string; from: string; listing: string }) => {
        const started = performance.now();
        const env = readEnvironment();
        const provider = env.MARKET_DATA_PROVIDER?.trim() ? config.marketDataProvider : 'synthetic';
        // The batch needs an admin key: the first of API_KEYS that may change things, else a new one.
        const own = config.apiKeys.find((k) => k.role === 'admin')?.key;
        const apiKey = own ?? `demo-${randomBytes(16).toString('hex')}`;
        const listingFile = isAbsolute(opts.listing)
          ? opts.listing
          : existsSync(resolve(opts.listing))
            ? resolve(opts.listing)
            : join(repositoryRoot(), opts.listing);
        if (!existsSync(listingFile)) throw new Error(`no listing file at ${listingFile}`);
        const limit = Math.min(5000, Math.max(1, Math.trunc(Number(opts.symbols)) || 100));
        const jpx = await serveListingFile(listingFile);
        // The API downloads "JPX's" listing from the stand-in, as it would from JPX_LISTING_URL.
        const childEnv = {
          ...env,
          API_KEYS:
            own === undefined ? [env.API_KEYS, apiKey].filter(Boolean).join(',') : env.API_KEYS,
          JPX_LISTING_URL: jpx.url,
        };
        try {
          // The API would refuse to start (e.g. API_KEYS still the .env.example placeholder): say
          // why before migrating, rather than "the process exited" with the reason in the logs.
          validateEnvironment(childEnv, 'api');
          await runMigrationsUp(config, io);
        } catch (error) {
          await jpx.close();
          throw error;
        }
        const logs = resolve('demo-logs');
        mkdirSync(logs, { recursive: true });
        const children = [
          launchApp('api', { env: childEnv, logFile: join(logs, 'api.log') }),
          launchApp('worker', { env: childEnv, logFile: join(logs, 'worker.log') }),
        ];
        const stop = async (): Promise<void> => {
          await stopAll(children);
          await jpx.close();
        };
        const base = `http://127.0.0.1:${config.port}`;
        try {
          await waitForHttp(`${base}/health/ready`, children[0], { status: 200 });
          const worker = `http://127.0.0.1:${config.workerHealthPort}`;
          await waitForHttp(`${worker}/health/ready`, children[1], { status: 200 });
          io.out(
            `API ready at ${base}; worker ready (health port ${config.workerHealthPort}); logs in ${logs}`,
          );
          await syncUniverse(io, base, apiKey, listingFile);
          const symbols = await runBatch(io, base, apiKey, provider, limit, opts.from, config);
          await repairDemo(io, base, apiKey, provider, symbols, opts.from, config);
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
        io.out(`dashboard: ${base}/ui/ (sign in with the API key below)`);
        io.out(
          `running; API key for X-API-KEY: ${own !== undefined ? '(yours, from API_KEYS)' : apiKey}`,
        );
        io.out('press Ctrl-C to stop');
        await new Promise<void>((done) => {
          process.once('SIGINT', done);
          process.once('SIGTERM', done);
        });
        await stop();
      },
    );
}

/** POST /api/universe/sync {source: jpx}, then what the registry holds for TSE Prime. */
async function syncUniverse(io: Io, base: string, apiKey: string, file: string): Promise<void> {
  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
  const t0 = performance.now();
  const res = await fetch(`${base}/api/universe/sync`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ source: 'jpx' }),
  });
  const sync = (await res.json()) as {
    as_of?: string;
    added: number;
    updated: number;
    delisted: number;
    relisted: number;
    unchanged: number;
    active: number;
    error?: { code: string; message: string };
  };
  if (res.status !== 200) {
    throw new Error(
      `POST /api/universe/sync answered ${res.status}: ${sync.error ? `${sync.error.code} ${sync.error.message}` : JSON.stringify(sync)}`,
    );
  }
  io.out(
    `universe: synced the JPX listing of ${sync.as_of} (${file}) in ${((performance.now() - t0) / 1000).toFixed(1)} s: ` +
      `${sync.active} active instruments (${sync.added} added, ${sync.updated} updated, ${sync.delisted} delisted, ` +
      `${sync.relisted} relisted, ${sync.unchanged} unchanged)`,
  );
  const prime = await fetch(
    `${base}/api/symbols?exchange=TSE&market_segment=Prime&active=true&page_size=3`,
    { headers },
  );
  const page = (await prime.json()) as { total: number; items: { symbol: string; name: string }[] };
  io.out(
    `registry: ${page.total} active TSE Prime stocks (GET /api/symbols), e.g. ${page.items
      .map((i) => `${i.symbol} ${i.name}`)
      .join(', ')}`,
  );
}

async function runBatch(
  io: Io,
  base: string,
  apiKey: string,
  provider: string,
  limit: number,
  from: string,
  config: AppConfig,
): Promise<string[]> {
  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
  const universe = { ...DEMO_UNIVERSE, limit };
  const res = await fetch(`${base}/api/bulk/start`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      universe,
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
  const batch = await fetch(`${base}/api/batches/${started.batch_db_id}`, { headers });
  const { params } = (await batch.json()) as { params: { universe_symbols: string[] } };
  const symbols = params.universe_symbols;
  io.out(
    `batch ${started.job_id} (id ${started.batch_db_id}) over universe ${JSON.stringify(universe)}: ` +
      `${symbols.length} symbols (${symbols[0]} … ${symbols.at(-1)}), 1d candles from ${from}, provider ${provider}`,
  );
  const t0 = performance.now();
  const status = await follow(io, base, headers, started.batch_db_id);
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
  return symbols;
}

interface BatchStatus {
  status: string;
  progress: {
    total: number;
    processed: number;
    successful: number;
    failed: number;
    percent: number;
  };
}

/** Polls a batch's status until it ends, drawing its progress. */
async function follow(
  io: Io,
  base: string,
  headers: Record<string, string>,
  batchId: number,
): Promise<BatchStatus> {
  let status: BatchStatus;
  let lastLine = '';
  for (;;) {
    const s = await fetch(`${base}/api/bulk/status/${batchId}`, { headers });
    status = (await s.json()) as BatchStatus;
    const p = status.progress;
    const line = `${bar(p.total ? p.processed / p.total : 1)} ${p.processed}/${p.total} (${p.percent}%) ok ${p.successful} failed ${p.failed} ${status.status}`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
    else if (line !== lastLine && (p.processed % 10 === 0 || p.processed === p.total)) io.out(line);
    lastLine = line;
    if (isTerminalBatchStatus(status.status)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  return status;
}

interface CoverageItem {
  symbol: string;
  expected_sessions: number;
  stored_sessions: number;
  missing_sessions: number;
  empty_fetched_sessions: number;
}
interface BackfillAnswer {
  job_id?: string;
  batch_db_id?: number;
  nothing_to_do?: boolean;
  plan: { symbols: number; ranges: number; missing_sessions: number; requests: number };
  items: { symbol: string; ranges: { from: string; to: string; sessions: number }[] }[];
  error?: { code: string; message: string };
}

/**
 * The repair loop on the demo's universe: its coverage, an outage simulated by deleting a week of
 * candles of three symbols, the coverage that finds the hole, a backfill dry run that plans it,
 * the backfill, and the coverage and dry run after it.
 */
async function repairDemo(
  io: Io,
  base: string,
  apiKey: string,
  provider: string,
  symbols: string[],
  from: string,
  config: AppConfig,
): Promise<void> {
  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
  const fromDay = new Date(from).toISOString().slice(0, 10);
  const coverage = async (): Promise<CoverageItem[]> => {
    const q = new URLSearchParams({
      interval: '1d',
      provider,
      from: fromDay,
      symbols: symbols.join(','),
      page_size: '500',
    });
    const res = await fetch(`${base}/api/coverage?${q.toString()}`, { headers });
    const body = (await res.json()) as { items: CoverageItem[]; error?: { message: string } };
    if (res.status !== 200)
      throw new Error(`GET /api/coverage answered ${res.status}: ${body.error?.message}`);
    return body.items;
  };
  const report = (items: CoverageItem[], when: string): void => {
    const sum = (k: keyof CoverageItem) => items.reduce((n, i) => n + (i[k] as number), 0);
    const holed = items.filter((i) => i.missing_sessions > 0);
    io.out(
      `coverage ${when}: ${items.length} symbols since ${fromDay}: ${sum('stored_sessions')} of ${sum('expected_sessions')} sessions stored, ` +
        `${sum('missing_sessions')} missing, ${sum('empty_fetched_sessions')} answered empty by the provider` +
        (holed.length > 0
          ? `; with holes: ${holed.map((i) => `${i.symbol} (${i.missing_sessions})`).join(', ')}`
          : ''),
    );
  };
  const backfill = async (dryRun: boolean): Promise<{ status: number; body: BackfillAnswer }> => {
    const res = await fetch(`${base}/api/backfill`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ symbols, interval: '1d', provider, from: fromDay, dry_run: dryRun }),
    });
    const body = (await res.json()) as BackfillAnswer;
    if (res.status >= 400)
      throw new Error(`POST /api/backfill answered ${res.status}: ${body.error?.message}`);
    return { status: res.status, body };
  };
  const plan = (body: BackfillAnswer, what: string): void => {
    const p = body.plan;
    io.out(
      `${what}: ${p.symbols} symbol(s), ${p.ranges} range(s), ${p.missing_sessions} session(s), ${p.requests} provider request(s)` +
        (body.items.length > 0
          ? `: ${body.items
              .slice(0, 5)
              .map((i) => `${i.symbol} ${i.ranges.map((r) => `${r.from}..${r.to}`).join(' ')}`)
              .join('; ')}`
          : ''),
    );
  };

  report(await coverage(), 'after the batch');
  // An outage: a week of candles of three symbols, a month ago, is lost.
  const victims = symbols.slice(0, 3);
  const end = new Date(Date.now() - 30 * 86_400_000);
  const start = new Date(end.getTime() - 6 * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const db = await openReportDatabase(config.databaseUrl);
  let deleted: number;
  try {
    deleted = await db.deleteDailyCandles(provider, victims, day(start), day(end));
  } finally {
    await db.close();
  }
  io.out(
    `simulated an outage: deleted ${deleted} candles of ${victims.join(', ')} from ${day(start)} to ${day(end)}`,
  );
  report(await coverage(), 'after the outage');
  plan((await backfill(true)).body, 'backfill dry run');
  const started = await backfill(false);
  if (started.body.batch_db_id === undefined) {
    plan(started.body, 'backfill: nothing to do');
    return;
  }
  io.out(`backfill batch ${started.body.job_id} (id ${started.body.batch_db_id}) started`);
  const status = await follow(io, base, headers, started.body.batch_db_id);
  io.out(
    `backfill ${status.status}: ${status.progress.successful} of ${status.progress.total} symbols repaired`,
  );
  report(await coverage(), 'after the backfill');
  plan((await backfill(true)).body, 'backfill dry run again');
}
