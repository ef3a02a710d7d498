import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { AppConfig } from '@app/common';
import { dropDatabaseIfExists, openReportDatabase } from '@app/persistence';
import { assertBuilt } from '../processes/app-launcher';
import { runMigrationsUp } from '../migrate/migrate.command';
import { deleteKeysUnder } from '../processes/redis-keys';
import { BenchContext, FULL, round, ScenarioResult, SMOKE } from './bench-context';
import { SCENARIOS } from './scenarios';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface BenchOptions {
  smoke?: boolean;
  scenario?: string;
  json?: string;
  keep?: boolean;
}

/**
 * `npm run bench [-- --smoke] [--scenario a,b] [--json file]`: the launcher. Each scenario
 * (scenarios/<name>.scenario.ts) measures beside its baseline in the same run, against the
 * bench's own database (`mi_bench_<ms>`, dropped after) and queue prefix; the launcher prints one
 * JSON report with every scenario's figures, targets and pass/fail.
 */
export function benchCommand(config: AppConfig, io: Io): Command {
  const names = SCENARIOS.map((s) => s.name);
  return new Command('bench')
    .description(`measure scenarios against their baselines: ${names.join(', ')}`)
    .option('--smoke', 'tiny sizes (CI): checks that every scenario runs; targets are not judged')
    .option('--scenario <names>', `comma-separated, from: ${names.join(',')}`)
    .option('--only <names>', 'the same as --scenario (kept for old scripts)')
    .option('--json <file>', 'also write the report to this file')
    .option('--keep', 'keep the benchmark database')
    .action(async (opts: BenchOptions & { only?: string }) => {
      const wanted = (opts.scenario ?? opts.only)?.split(',').map((s) => s.trim()) ?? names;
      const unknown = wanted.filter((w) => !names.includes(w));
      if (unknown.length > 0) {
        throw new Error(`unknown scenario ${unknown.join(', ')}; one of ${names.join(', ')}`);
      }
      assertBuilt();
      const report = await runBench(config, io, { ...opts, scenario: wanted.join(',') });
      const text = JSON.stringify(report, null, 2);
      io.out(text);
      if (opts.json) writeFileSync(opts.json, `${text}\n`);
      if (report.errors.length > 0) process.exitCode = 1;
    });
}

interface BenchReport {
  bench: 'market-ingest';
  started_at: string;
  smoke: boolean;
  machine: { cpus: number; node: string };
  worker_concurrency: number;
  seconds: number;
  scenarios: ScenarioResult[];
  /** Targets missed (full runs only). */
  missed: string[];
  errors: { scenario: string; error: string }[];
}

async function runBench(config: AppConfig, io: Io, opts: BenchOptions): Promise<BenchReport> {
  const started = new Date();
  const t0 = performance.now();
  const tag = `${started.getTime()}`;
  const dbUrl = new URL(config.databaseUrl);
  dbUrl.pathname = `/mi_bench_${tag}`;
  const benchConfig: AppConfig = {
    ...config,
    databaseUrl: dbUrl.toString(),
    queuePrefix: `mi-bench-${tag}`,
  };
  const quiet: Io = { out: () => undefined, err: io.err };
  const report: BenchReport = {
    bench: 'market-ingest',
    started_at: started.toISOString(),
    smoke: Boolean(opts.smoke),
    machine: { cpus: availableParallelism(), node: process.version },
    worker_concurrency: config.workerConcurrency,
    seconds: 0,
    scenarios: [],
    missed: [],
    errors: [],
  };
  await runMigrationsUp(benchConfig, quiet);
  const db = await openReportDatabase(benchConfig.databaseUrl);
  const ctx = new BenchContext(
    opts.smoke ? SMOKE : FULL,
    Boolean(opts.smoke),
    benchConfig,
    randomBytes(24).toString('hex'),
    resolve('bench-logs'),
    db,
  );
  try {
    const wanted = new Set(opts.scenario?.split(','));
    for (const scenario of SCENARIOS.filter((s) => wanted.has(s.name))) {
      io.err(`bench: ${scenario.name} — ${scenario.description}`);
      const s0 = performance.now();
      try {
        const { targets = [], ...figures } = await scenario.run(ctx);
        const judged = targets.filter((t) => t.pass !== null);
        const result: ScenarioResult = {
          scenario: scenario.name,
          ...figures,
          seconds: round((performance.now() - s0) / 1000, 1),
          targets,
          pass: judged.length === 0 ? null : judged.every((t) => t.pass),
        };
        report.scenarios.push(result);
        for (const t of judged.filter((x) => !x.pass)) {
          report.missed.push(
            `${scenario.name}: ${t.name} = ${t.value} (target ${t.op} ${t.bound})`,
          );
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report.errors.push({ scenario: scenario.name, error: message });
        io.err(`bench: ${scenario.name} failed: ${message}`);
      }
    }
  } finally {
    await db.close().catch(() => undefined);
    await deleteKeysUnder(config.redisUrl, benchConfig.queuePrefix);
    if (!opts.keep) await dropDatabaseIfExists(benchConfig.databaseUrl);
  }
  report.seconds = round((performance.now() - t0) / 1000, 1);
  return report;
}
