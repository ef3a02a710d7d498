import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig, GroupCommit, Metrics } from '@app/common';
import {
  BatchRepository,
  BeginResult,
  CandleRow,
  DatabaseUnavailableError,
  isTransientDatabaseError,
  OhlcvRepository,
  OutcomeInput,
  OutcomeResult,
  WrittenOutcome,
} from '@app/persistence';
import type { TailRequest } from './tail-reader';

/** Most symbols one begin or outcome statement takes. */
const MAX_GROUP = 64;

/**
 * How long a begin waits before it is flushed. The fetch runs meanwhile, so the wait costs a job
 * nothing; a fetch that ends within it (a cached or local provider) takes its begin back and its
 * outcome begins the symbol in the same statement: one statement per job instead of two. A slower
 * fetch finds its begin flushed (with the others of those milliseconds) long before it ends.
 * 25 ms rather than 5: the "fetch" includes reading the series' tail, which under load waits for
 * its own group; at 5 ms a quarter of the jobs bench's begins were flushed on their own (751 of
 * 1,612 groups), at 25 ms about 180. A real provider's answer takes longer either way.
 */
export const BEGIN_DEFER_MS = 25;

/** A symbol's begin, submitted and not yet necessarily flushed. */
export interface BeginHandle {
  /** The begin's answer (after its flush). */
  result(): Promise<BeginResult>;
  /**
   * Takes the begin back when no flush has taken it yet; the outcome then begins the symbol
   * itself (`OutcomeInput.begin`), so a job whose fetch was quicker than the begin's flush costs
   * one statement instead of two.
   */
  withdraw(): boolean;
}

interface BeginTicket {
  detailId: string;
  state: 'waiting' | 'taken' | 'withdrawn';
}

/** What a withdrawn begin answers (nobody waits for it). */
const WITHDRAWN: BeginResult = { run: false, batchStatus: null, detailStatus: null };

/**
 * Stored candles an outcome needs read right before it is written, and what it makes of them: the
 * anomaly context of a fetch from a date (the candles before it) is read with the group's write
 * instead of before the fetch, one statement per group instead of one round trip per job.
 */
export interface OutcomeContext {
  read: TailRequest;
  /** The outcome's `write` given those candles (its findings stored with it, or none). */
  apply(stored: CandleRow[]): OutcomeInput['write'];
}

/** An outcome to record, with the stored context it needs read first, if any. */
export interface PendingOutcome extends OutcomeInput {
  context?: OutcomeContext;
}

/** Candle rows at most held by outcomes handed over and not yet committed (with one, any size). */
const WRITE_BEHIND_ROWS = 100_000;
/** Waits between attempts of a handed-over outcome while the database is unavailable. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;
/** Attempts of an outcome whose statement failed for a transient reason other than unavailability. */
const TRANSIENT_TRIES = 5;
/** How long a shutdown waits for handed-over outcomes to commit. */
const SHUTDOWN_FLUSH_MS = 15_000;

/**
 * The worker's door to a symbol's begin and outcome, with group commit: the begins (and the
 * outcomes) of the jobs that run at the same time in this process share one statement and one
 * commit. A job waits at most for the flush before its own; with one job in flight nothing waits.
 * This is what lets a worker's throughput follow its concurrency instead of the database's
 * round trips and WAL flushes per symbol (see the `jobs` bench scenario).
 *
 * Write-behind (OUTCOME_WRITE_BEHIND > 0, `handOver`): a job may complete once its outcome is
 * taken, before it commits, so the outcomes of many more jobs than the worker's concurrency share
 * a statement. At most that many outcomes (and WRITE_BEHIND_ROWS candles) wait at once; more
 * wait for room. An outcome handed over is written until it commits: while the database is
 * unavailable it is tried again (backing off up to RETRY_MAX_MS), after a transient failure
 * (deadlock, lock or statement timeout) up to TRANSIENT_TRIES times; one the database refuses is
 * recorded as the symbol's failure. A shutdown takes no more and waits for those taken. What a
 * killed process held is lost with it: its symbols are still open in PostgreSQL, with completed
 * jobs, and the reconciler enqueues them again once JOB_LOCK_MS has passed (as BullMQ does with a
 * dead worker's active jobs). Exactly-once holds as ever: only an open symbol is written.
 */
@Injectable()
export class OutcomeRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(OutcomeRecorder.name);
  private readonly begins: GroupCommit<BeginTicket, BeginResult>;
  private readonly outcomes: GroupCommit<PendingOutcome, WrittenOutcome>;
  /** Begins waiting for BEGIN_DEFER_MS, and the one timer that submits them. */
  private readonly deferred: (() => void)[] = [];
  private deferTimer: NodeJS.Timeout | null = null;
  /** Outcomes handed over and not yet settled, and their candle rows. */
  private behind = 0;
  private behindRows = 0;
  /** Hand-overs waiting for room. */
  private readonly room: (() => void)[] = [];
  private readonly writing = new Set<Promise<void>>();
  private closing = false;
  /** Set when a shutdown stopped waiting: handed-over outcomes are no longer tried again. */
  private abandoned = false;
  private readonly writeBehind: number;

  constructor(
    private readonly batches: BatchRepository,
    ohlcv: OhlcvRepository,
    config: AppConfig,
  ) {
    this.writeBehind = config.outcomeWriteBehind;
    Metrics.get().unwrittenOutcomes = () => this.behind;
    this.begins = new GroupCommit(
      async (tickets) => {
        // Runs synchronously up to the first await: a ticket taken here can no longer be withdrawn.
        const live = tickets.filter((t) => t.state === 'waiting');
        for (const t of live) t.state = 'taken';
        const results =
          live.length > 0 ? await batches.beginSymbols(live.map((t) => t.detailId)) : [];
        const byTicket = new Map(live.map((t, i) => [t, results[i]]));
        return tickets.map((t) => ({ status: 'fulfilled', value: byTicket.get(t) ?? WITHDRAWN }));
      },
      { maxItems: MAX_GROUP, maxInFlight: 1 },
    );
    // The group is the context read and the write: the probe whether a batch ended
    // (finishIfDone) runs after, outside it, so the next group's statement starts as soon as this
    // one has committed.
    this.outcomes = new GroupCommit(
      async (items) => {
        try {
          await readContexts(ohlcv, items);
        } catch (reason) {
          return items.map(() => ({ status: 'rejected' as const, reason }));
        }
        return batches.writeOutcomes(items);
      },
      {
        maxItems: MAX_GROUP,
        // One statement at a time: on a busy database larger groups (fewer statements) win.
        maxInFlight: 1,
      },
    );
  }

  /**
   * beginSymbol, grouped with the begins of other jobs of this process, after BEGIN_DEFER_MS (at
   * once when its result is awaited).
   */
  begin(detailId: string): BeginHandle {
    const ticket: BeginTicket = { detailId, state: 'waiting' };
    let result: Promise<BeginResult> | null = null;
    const submit = (): Promise<BeginResult> => {
      if (result === null) {
        result = this.begins.submit(ticket);
        // A withdrawn ticket's answer is never awaited: its rejection (database down) is not unhandled.
        result.catch(() => undefined);
      }
      return result;
    };
    this.deferred.push(() => {
      if (ticket.state === 'waiting') void submit();
    });
    this.deferTimer ??= setTimeout(() => {
      this.deferTimer = null;
      for (const run of this.deferred.splice(0)) run();
    }, BEGIN_DEFER_MS);
    return {
      result: submit,
      withdraw: () => {
        if (ticket.state !== 'waiting') return false;
        ticket.state = 'withdrawn';
        return true;
      },
    };
  }

  /**
   * recordSuccess / recordFailure, grouped with the outcomes of other jobs of this process; the
   * last counted outcome of its batch in the group then ends the batch when no symbol is left open
   * (BatchRepository.endIfLast, after the group's commit, as recordOutcomes does).
   */
  async record(outcome: PendingOutcome): Promise<OutcomeResult> {
    return this.batches.endIfLast(outcome.batchId, await this.outcomes.submit(outcome));
  }

  /**
   * Write-behind: takes the outcome to record after the caller has gone on, once there is room,
   * and runs `settled` with its result after the commit. Resolves false, taking nothing, when
   * write-behind is off or the process is shutting down: the caller then awaits `record`.
   */
  async handOver(
    outcome: PendingOutcome,
    settled: (result: OutcomeResult) => Promise<unknown>,
  ): Promise<boolean> {
    const rows = outcome.candles?.rows.length ?? 0;
    while (
      !this.closing &&
      this.writeBehind > 0 &&
      this.behind > 0 &&
      (this.behind >= this.writeBehind || this.behindRows + rows > WRITE_BEHIND_ROWS)
    ) {
      await new Promise<void>((resolve) => this.room.push(resolve));
    }
    if (this.closing || this.writeBehind === 0) return false;
    this.behind += 1;
    this.behindRows += rows;
    const written = this.writeUntilSettled(outcome, settled).finally(() => {
      this.behind -= 1;
      this.behindRows -= rows;
      this.writing.delete(written);
      this.room.shift()?.();
    });
    this.writing.add(written);
    return true;
  }

  /** Outcomes handed over and not yet settled. */
  get pending(): number {
    return this.behind;
  }

  /** Takes no more hand-overs and waits (at most SHUTDOWN_FLUSH_MS) for those taken to commit. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const wake of this.room.splice(0)) wake();
    if (this.writing.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const flushed = await Promise.race([
      Promise.allSettled([...this.writing]).then(() => true),
      new Promise<false>(
        (resolve) => (timer = setTimeout(() => resolve(false), SHUTDOWN_FLUSH_MS)),
      ),
    ]);
    clearTimeout(timer);
    if (!flushed) {
      this.abandoned = true;
      this.logger.warn(
        `${this.writing.size} outcome(s) not committed at shutdown: their symbols stay open and the reconciler enqueues them again`,
      );
    }
  }

  /**
   * Records a handed-over outcome: again while the database is unavailable; as the symbol's
   * failure when the database refuses it; then `settled`. Never rejects.
   */
  private async writeUntilSettled(
    outcome: PendingOutcome,
    settled: (result: OutcomeResult) => Promise<unknown>,
  ): Promise<void> {
    let wait = RETRY_FIRST_MS;
    let refused = false;
    let transient = 0;
    let result: OutcomeResult | null = null;
    while (result === null) {
      try {
        result = await this.record(outcome);
      } catch (error) {
        // Unavailable: until it is back (or a shutdown gives up). Deadlocks, lock or statement
        // timeouts and the like: a few times, then as a refusal.
        const unavailable = error instanceof DatabaseUnavailableError;
        if (
          unavailable ||
          (isTransientDatabaseError(error) && (transient += 1) <= TRANSIENT_TRIES)
        ) {
          if (this.abandoned) return;
          await new Promise((resolve) => setTimeout(resolve, wait));
          wait = Math.min(wait * 2, RETRY_MAX_MS);
          continue;
        }
        const message = `could not store the outcome: ${error instanceof Error ? error.message : String(error)}`;
        this.logger.warn(`symbol of detail ${outcome.detailId}: ${message}`);
        if (refused) return; // its failure neither: left open, for the reconciler
        refused = true;
        outcome = {
          batchId: outcome.batchId,
          detailId: outcome.detailId,
          status: 'failed',
          message,
          rejected: outcome.rejected,
          begin: outcome.begin,
        };
      }
    }
    await settled(result).catch((error: unknown) =>
      this.logger.warn(
        `after the outcome of detail ${outcome.detailId}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
}

/** Reads the stored context of the outcomes that need one (one statement) and applies it. */
async function readContexts(ohlcv: OhlcvRepository, items: PendingOutcome[]): Promise<void> {
  const needing = items.filter((item) => item.context);
  if (needing.length === 0) return;
  const stored = await ohlcv.tails(needing.map((item) => item.context!.read));
  needing.forEach((item, i) => {
    item.write = item.context!.apply(stored[i]);
  });
}
