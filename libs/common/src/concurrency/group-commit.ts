/** How a GroupCommit forms its groups. */
export interface GroupCommitOptions {
  /** Most items one flush takes. */
  maxItems: number;
  /** Flushes that may run at once; further items wait and join the next group. */
  maxInFlight: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

/**
 * Group commit: items submitted while a flush is running wait and go together into the next one,
 * so N concurrent callers pay for a few database round trips and one WAL flush instead of N.
 * An item that finds no flush running is flushed at once (no timer, no added latency when idle);
 * under load the groups grow by themselves up to `maxItems`. `flush` answers one settled result
 * per item, in order (an item may fail alone); when it throws, every item of the group is
 * rejected with that error.
 *
 * Hand-written (40 lines) rather than DataLoader: DataLoader groups what arrives in one tick and
 * is built around keyed, cached reads; this groups what arrives while the previous write runs.
 */
export class GroupCommit<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;

  constructor(
    private readonly flush: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
    private readonly options: GroupCommitOptions,
  ) {
    if (options.maxItems < 1 || options.maxInFlight < 1)
      throw new RangeError('maxItems and maxInFlight must be at least 1');
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.drain();
    });
  }

  /** Items waiting for a flush (not counting those being flushed). */
  get backlog(): number {
    return this.waiting.length;
  }

  private drain(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.options.maxItems);
      this.inFlight += 1;
      void this.run(group).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  private async run(group: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.flush(group.map((w) => w.item));
      if (results.length !== group.length)
        throw new Error(`flush answered ${results.length} results for ${group.length} items`);
      group.forEach((w, i) => {
        const result = results[i];
        if (result.status === 'fulfilled') w.resolve(result.value);
        else w.reject(result.reason);
      });
    } catch (error) {
      for (const w of group) w.reject(error);
    }
  }
}
