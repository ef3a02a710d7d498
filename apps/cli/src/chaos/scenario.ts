import type { ChaosStack } from './chaos-stack';
import type { ScenarioCheck } from './chaos-report';
import type { StopReturn } from './invariants';

/** Sizes of one run: the full run, or --smoke (small, CI). */
export interface ChaosSizes {
  /** Symbols of a batch that runs while a fault is injected. */
  batchSymbols: number;
  /** Concurrent starts of api-kill, and requests in flight during outages. */
  concurrency: number;
  /** Batches raced by the races scenario, and concurrent operations on each. */
  raceBatches: number;
  raceOps: number;
  /** Symbols per fault kind of provider-faults. */
  faultSymbols: number;
  /** PostgreSQL outage and Redis stall, ms. */
  outageMs: number;
  stallMs: number;
  /** Worker kills of worker-kill. */
  workerKills: number;
  /** Time allowed for a scenario's batches to end after the fault, ms. */
  settleMs: number;
}

export interface ScenarioContext {
  stack: ChaosStack;
  sizes: ChaosSizes;
  smoke: boolean;
  /** A prefix unique to this scenario's run: symbols never collide across scenarios. */
  tag: string;
  /** Prints a progress line. */
  progress: (line: string) => void;
  /** MAX_SYMBOLS_PER_BATCH of the API. */
  maxSymbols: number;
}

/** What a scenario hands back; the launcher adds the invariants and the answer counts. */
export interface ScenarioOutcome {
  /** Batch ids the scenario knows of (the launcher also checks every batch created during it). */
  batchIds?: number[];
  /** Stops that answered 200 and when (the "nothing after a stop" invariant). */
  stops?: StopReturn[];
  checks?: ScenarioCheck[];
  recoveryMs?: Record<string, number | null>;
  figures?: Record<string, unknown>;
  /** false: the scenario writes nothing, skip the data invariants (bad-input checks its own). */
  dataInvariants?: boolean;
}

export interface ChaosScenario {
  name: string;
  description: string;
  run(ctx: ScenarioContext): Promise<ScenarioOutcome>;
}

/** Symbols `<tag><i>` (synthetic: upper case, digits). */
export function symbolsOf(tag: string, n: number, suffix = ''): string[] {
  return Array.from({ length: n }, (_, i) => `${tag}${String(i).padStart(4, '0')}${suffix}`);
}

/** A start body of the synthetic provider, 60 daily candles per symbol. */
export function batchBody(symbols: string[]): Record<string, unknown> {
  return {
    symbols,
    interval: '1d',
    provider: 'synthetic',
    from: '2024-01-01T00:00:00Z',
    to: '2024-03-01T00:00:00Z',
  };
}

export async function processed(ctx: ScenarioContext, id: number): Promise<number> {
  const [row] = await ctx.stack.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM batch_execution_details
     WHERE batch_execution_id = $1 AND status IN ('succeeded','failed','cancelled')`,
    [id],
  );
  return row?.n ?? 0;
}

/** Runs `call` every `everyMs` (up to `parallel` at once) until the returned stop is awaited. */
export function background(
  call: () => Promise<unknown>,
  everyMs: number,
  parallel = 1,
): () => Promise<void> {
  let running = true;
  const loops = Array.from({ length: parallel }, async () => {
    while (running) {
      await call().catch(() => undefined);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

/** Waits until `n` symbols of batch `id` have ended (false on timeout). */
export async function untilProcessed(
  ctx: ScenarioContext,
  id: number,
  n: number,
  timeoutMs = 60_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await processed(ctx, id).catch(() => 0)) >= n) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
