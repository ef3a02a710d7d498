import { Injectable } from '@nestjs/common';
import { GroupCommit } from '@app/common';
import { BatchRepository, BeginResult, OutcomeInput, OutcomeResult } from '@app/persistence';

/** Most symbols one begin or outcome statement takes. */
const MAX_GROUP = 64;

/**
 * The worker's door to a symbol's begin and outcome, with group commit: the begins (and the
 * outcomes) of the jobs that run at the same time in this process share one statement and one
 * commit. A job waits at most for the flush before its own; with one job in flight nothing waits.
 * This is what lets a worker's throughput follow its concurrency instead of the database's
 * round trips and WAL flushes per symbol (see the `jobs` bench scenario).
 */
@Injectable()
export class OutcomeRecorder {
  private readonly begins: GroupCommit<string, BeginResult>;
  private readonly outcomes: GroupCommit<OutcomeInput, OutcomeResult>;

  constructor(batches: BatchRepository) {
    this.begins = new GroupCommit(async (ids) => settled(await batches.beginSymbols(ids)), {
      maxItems: MAX_GROUP,
      maxInFlight: 1,
    });
    this.outcomes = new GroupCommit((items) => batches.recordOutcomes(items), {
      maxItems: MAX_GROUP,
      maxInFlight: 1,
    });
  }

  /** beginSymbol, grouped with the begins of other jobs of this process. */
  begin(detailId: string): Promise<BeginResult> {
    return this.begins.submit(detailId);
  }

  /** recordSuccess / recordFailure, grouped with the outcomes of other jobs of this process. */
  record(outcome: OutcomeInput): Promise<OutcomeResult> {
    return this.outcomes.submit(outcome);
  }
}

function settled<T>(values: T[]): PromiseSettledResult<T>[] {
  return values.map((value) => ({ status: 'fulfilled', value }));
}
