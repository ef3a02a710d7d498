import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { AppConfig } from '@app/common';
import { ChaosStack } from './chaos-stack';
import {
  buildReport,
  progressLine,
  ScenarioCheck,
  ScenarioResult,
  scenarioResult,
} from './chaos-report';
import { checkInvariants, InvariantResult } from './invariants';
import type { ChaosScenario, ChaosSizes, ScenarioOutcome } from './scenario';
import { apiKill } from './scenarios/api-kill.scenario';
import { badInput } from './scenarios/bad-input.scenario';
import { postgresOutage } from './scenarios/postgres-outage.scenario';
import { postgresRestart } from './scenarios/postgres-restart.scenario';
import { providerFaults } from './scenarios/provider-faults.scenario';
import { races } from './scenarios/races.scenario';
import { redisRestart } from './scenarios/redis-restart.scenario';
import { redisStall } from './scenarios/redis-stall.scenario';
import { workerKill } from './scenarios/worker-kill.scenario';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Every scenario, in the order they run. */
export const SCENARIOS: readonly ChaosScenario[] = [
  workerKill,
  apiKill,
  redisRestart,
  redisStall,
  postgresRestart,
  postgresOutage,
  providerFaults,
  races,
  badInput,
];

const FULL: ChaosSizes = {
  batchSymbols: 200,
  concurrency: 8,
  raceBatches: 6,
  raceOps: 50,
  faultSymbols: 4,
  outageMs: 15_000,
  stallMs: 10_000,
  workerKills: 4,
  settleMs: 120_000,
};
const SMOKE: ChaosSizes = {
  batchSymbols: 40,
  concurrency: 4,
  raceBatches: 2,
  raceOps: 50,
  faultSymbols: 1,
  outageMs: 3_000,
  stallMs: 6_000,
  workerKills: 1,
  settleMs: 60_000,
};

const MAX_SYMBOLS = 1000;
/** The apps' JOB_LOCK_MS: how long a dead worker's active jobs stay locked. */
const JOB_LOCK_MS = 5_000;

/** What the apps of the chaos stack run with: quick failure detection, quick reconciling. */
function appEnv(smoke: boolean): Record<string, string> {
  return {
    MARKET_DATA_PROVIDER: 'synthetic',
    SYNTHETIC_RATE_LIMIT: '1000000',
    SYNTHETIC_LATENCY_MS: smoke ? '50' : '100',
    BINANCE_RATE_LIMIT: '1000',
    PROVIDER_TIMEOUT_MS: '2000',
    API_RATE_LIMIT: '0',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    RECONCILE_INTERVAL_MS: '2000',
    JOB_LOCK_MS: String(JOB_LOCK_MS),
    JOB_ATTEMPTS: '5',
    JOB_BACKOFF_MS: '200',
    WORKER_CONCURRENCY: '8',
    DATABASE_POOL_SIZE: '10',
    TIMESCALEDB: 'off',
    MAX_SYMBOLS_PER_BATCH: String(MAX_SYMBOLS),
    WEBHOOK_URL: '',
    WEBHOOK_ATTEMPTS: '1',
  };
}

const run = promisify(execFile);

/** `migrate up` of this CLI, as a process, against the chaos database. */
async function migrate(databaseUrl: string, redisUrl: string): Promise<void> {
  await run(process.execPath, [join(__dirname, '..', 'main.js'), 'migrate', 'up'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, TIMESCALEDB: 'off' },
    timeout: 120_000,
  });
}

/** Puts the stack back as a scenario expects it: Redis answering, PostgreSQL up, apps running. */
async function heal(stack: ChaosStack, io: Io): Promise<void> {
  stack.redis.resume();
  try {
    await stack.query('SELECT 1');
  } catch {
    io.err('[chaos] PostgreSQL was down after a scenario: starting it');
    await stack.pg.startAgain().catch(() => undefined);
  }
  if (!stack.api || stack.api.exitCode !== null || stack.api.signalCode !== null) {
    await stack.startApi();
  }
  for (let i = 0; i < stack.workers.length; i += 1) {
    const w = stack.workers[i];
    if (!w || w.exitCode !== null || w.signalCode !== null) await stack.startWorker(i);
  }
}

async function runScenario(
  scenario: ChaosScenario,
  index: number,
  stack: ChaosStack,
  sizes: ChaosSizes,
  smoke: boolean,
  io: Io,
): Promise<ScenarioResult> {
  io.out(`[chaos] ▶ ${scenario.name}: ${scenario.description}`);
  stack.http.reset();
  const t0 = performance.now();
  const [{ max: firstId }] = await stack.query<{ max: number }>(
    `SELECT coalesce(max(id), 0)::int AS max FROM batch_executions`,
  );
  let outcome: ScenarioOutcome = {};
  let error: string | undefined;
  try {
    outcome = await scenario.run({
      stack,
      sizes,
      smoke,
      tag: `C${String.fromCharCode(65 + index)}`,
      progress: (line) => io.out(`[chaos]   ${scenario.name}: ${line.trim()}`),
      maxSymbols: MAX_SYMBOLS,
    });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const checks: ScenarioCheck[] = [...(outcome.checks ?? [])];
  let invariants: InvariantResult[] = [];
  let batches = 0;
  try {
    await heal(stack, io);
    if (outcome.dataInvariants !== false) {
      // Every batch created while the scenario ran, including starts whose answer was lost.
      const created = await stack.query<{ id: number }>(
        `SELECT id FROM batch_executions WHERE id > $1`,
        [firstId],
      );
      const ids = [...new Set([...created.map((r) => r.id), ...(outcome.batchIds ?? [])])];
      batches = ids.length;
      const settled = await stack.settle(ids, sizes.settleMs);
      checks.push({ name: 'batches_ended', ok: settled, detail: `${ids.length} batches` });
      // Jobs of a stop racing its last symbols need a moment to leave Redis, and so do the active
      // jobs of a SIGKILLed worker whose outcomes had committed: they stay active under the dead
      // worker's lock until it expires (JOB_LOCK_MS) and BullMQ's stalled check moves them on
      // (half that later). A job still open past both is one left behind.
      const deadline = Date.now() + 2 * JOB_LOCK_MS;
      for (;;) {
        invariants = checkInvariants(await stack.snapshot(ids, outcome.stops ?? []));
        const orphans = invariants.find((r) => r.name === 'no_open_job_for_ended_batch');
        if (orphans?.ok !== false || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } catch (e) {
    error ??= `checking the invariants: ${e instanceof Error ? e.message : String(e)}`;
  }
  const crashed = stack.crashed();
  checks.push({ name: 'apps_alive', ok: crashed.length === 0, detail: crashed.join(', ') });
  if (crashed.length > 0) await heal(stack, io).catch(() => undefined);
  return scenarioResult({
    scenario: scenario.name,
    durationMs: performance.now() - t0,
    batches,
    counts: stack.http.counts,
    unexpected: stack.http.unexpected,
    invariants,
    checks,
    recoveryMs: outcome.recoveryMs ?? {},
    figures: outcome.figures ?? {},
    error,
  });
}

/** `npm run chaos -- [--scenario <names>] [--smoke] [--json <file>]`. */
export function chaosCommand(_config: AppConfig, io: Io): Command {
  return new Command('chaos')
    .description(
      'resilience suite: own PostgreSQL and Redis, the API and two workers as processes, faults injected, invariants checked',
    )
    .option('--scenario <names>', `comma-separated: ${SCENARIOS.map((s) => s.name).join(',')}`)
    .option('--smoke', 'one pass of each scenario at small sizes (CI)')
    .option('--json <file>', 'also write the JSON report to this file')
    .action(async (opts: { scenario?: string; smoke?: boolean; json?: string }) => {
      const smoke = opts.smoke === true;
      const names = opts.scenario?.split(',').map((s) => s.trim());
      const unknown = names?.filter((n) => !SCENARIOS.some((s) => s.name === n)) ?? [];
      if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
      const chosen = SCENARIOS.filter((s) => !names || names.includes(s.name));
      const sizes = smoke ? SMOKE : FULL;
      const startedAt = new Date();
      const t0 = performance.now();
      io.out(
        `[chaos] starting PostgreSQL, Redis, the API and ${2} workers (${smoke ? 'smoke' : 'full'})`,
      );
      const stack = await ChaosStack.start(
        { env: appEnv(smoke), logDir: resolve('chaos-logs'), slowMs: 800, graceMs: 5_000 },
        migrate,
      );
      const results: ScenarioResult[] = [];
      // Ctrl-C or a CI timeout: the private PostgreSQL and Redis go with the run.
      const interrupted = (signal: NodeJS.Signals) => {
        io.err(`[chaos] ${signal}: stopping the stack`);
        void stack.shutdown().finally(() => process.exit(130));
      };
      process.once('SIGINT', interrupted);
      process.once('SIGTERM', interrupted);
      try {
        for (const scenario of chosen) {
          const result = await runScenario(
            scenario,
            SCENARIOS.indexOf(scenario),
            stack,
            sizes,
            smoke,
            io,
          );
          results.push(result);
          io.out(progressLine(result));
        }
      } finally {
        process.off('SIGINT', interrupted);
        process.off('SIGTERM', interrupted);
        await stack.shutdown();
      }
      const report = buildReport(results, startedAt, performance.now() - t0, smoke);
      const json = JSON.stringify(report, null, 2);
      io.out(json);
      if (opts.json) writeFileSync(opts.json, `${json}\n`);
      io.out(
        `[chaos] ${report.passed ? 'PASSED' : 'FAILED'}: ${report.scenarios_passed}/${results.length} scenarios in ${report.duration_s} s${report.scenarios_failed.length ? ` (failed: ${report.scenarios_failed.join(', ')})` : ''}`,
      );
      if (!report.passed) process.exitCode = 1;
    });
}
