import { Injectable } from '@nestjs/common';
import { GroupCommit } from '@app/common';
import {
  BatchRepository,
  BeginResult,
  OutcomeInput,
  OutcomeResult,
  WrittenOutcome,
} from '@app/persistence';

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
 * The worker's door to a symbol's begin and outcome, with group commit: the begins (and the
 * outcomes) of the jobs that run at the same time in this process share one statement and one
 * commit. A job waits at most for the flush before its own; with one job in flight nothing waits.
 * This is what lets a worker's throughput follow its concurrency instead of the database's
 * round trips and WAL flushes per symbol (see the `jobs` bench scenario).
 */
@Injectable()
export class OutcomeRecorder {
  private readonly begins: GroupCommit<BeginTicket, BeginResult>;
  private readonly outcomes: GroupCommit<OutcomeInput, WrittenOutcome>;
  /** Begins waiting for BEGIN_DEFER_MS, and the one timer that submits them. */
  private readonly deferred: (() => void)[] = [];
  private deferTimer: NodeJS.Timeout | null = null;

  constructor(private readonly batches: BatchRepository) {
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
    // The group is the write alone: the probe whether a batch ended (finishIfDone) runs after,
    // outside it, so the next group's statement starts as soon as this one has committed.
    this.outcomes = new GroupCommit((items) => batches.writeOutcomes(items), {
      maxItems: MAX_GROUP,
      // One statement at a time: on a busy database larger groups (fewer statements) win.
      maxInFlight: 1,
    });
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
  async record(outcome: OutcomeInput): Promise<OutcomeResult> {
    return this.batches.endIfLast(outcome.batchId, await this.outcomes.submit(outcome));
  }
}
