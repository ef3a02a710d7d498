import { BeforeApplicationShutdown, Injectable, Logger, MessageEvent } from '@nestjs/common';
import { Observable, Subscriber } from 'rxjs';
import { BatchService, BatchView } from '@app/batch';
import { EVENTS_KEEP_ALIVE_MS, EVENTS_POLL_MS } from './batch-events.service';

/** Most batches one stream may follow (a page of the dashboard's history shows at most 100). */
export const MAX_WATCHED_BATCHES = 200;

interface Watcher {
  /** Batches still followed: a batch leaves once its terminal view was sent. */
  ids: Set<number>;
  /** Last sent `status|processed` per batch. */
  sent: Map<number, string>;
  /** Newest batch id this stream knows of. */
  latest: number | null;
  lastSentAt: number;
  subscriber: Subscriber<MessageEvent>;
}

/**
 * Live rows of the dashboard's batch history over one server-sent stream per page, however many
 * batches it shows: `progress` (the batch's status body) when a followed batch's status or count
 * changes, and `created` ({batch_db_id}) when a newer batch appears. One poller per API process
 * serves every open stream: each tick reads the union of the followed batches in one query, plus
 * the newest id (an index lookup), so N open pages cost what one costs, and nothing runs while
 * none is open. (`GET /api/batches/:id/events` follows a single batch, as before.)
 */
@Injectable()
export class BatchWatchService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(BatchWatchService.name);
  private readonly watchers = new Set<Watcher>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(private readonly batches: BatchService) {}

  watch(ids: number[]): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const watcher: Watcher = {
        ids: new Set(ids),
        sent: new Map(),
        latest: null,
        lastSentAt: Date.now(),
        subscriber,
      };
      this.watchers.add(watcher);
      // The first tick comes at once: the page gets every followed batch's state now.
      this.schedule(0);
      return () => {
        this.watchers.delete(watcher);
      };
    });
  }

  beforeApplicationShutdown(): void {
    clearTimeout(this.timer);
    for (const watcher of [...this.watchers]) watcher.subscriber.complete();
    this.watchers.clear();
  }

  private schedule(delay: number): void {
    if (this.ticking || this.watchers.size === 0) return;
    if (delay === 0 || this.timer === undefined) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.tick(), delay);
    }
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.ticking = true;
    try {
      const union = new Set<number>();
      for (const watcher of this.watchers) for (const id of watcher.ids) union.add(id);
      const [views, latest] = await Promise.all([
        this.batches.many([...union]),
        this.batches.latestId(),
      ]);
      const byId = new Map(views.map((v) => [v.batch_db_id, v]));
      for (const watcher of this.watchers) this.deliver(watcher, byId, latest);
    } catch (error) {
      // A database hiccup: the streams stay open and the next tick tries again.
      this.logger.warn(`batch history events: could not read the batches: ${String(error)}`);
    } finally {
      this.ticking = false;
      this.schedule(EVENTS_POLL_MS);
    }
  }

  private deliver(watcher: Watcher, byId: Map<number, BatchView>, latest: number | null): void {
    const now = Date.now();
    const send = (event: MessageEvent): void => {
      watcher.lastSentAt = now;
      watcher.subscriber.next(event);
    };
    for (const id of [...watcher.ids]) {
      const view = byId.get(id);
      if (view === undefined) {
        watcher.ids.delete(id); // no such batch: nothing to follow
        continue;
      }
      const state = `${view.status}|${view.progress.processed}`;
      if (watcher.sent.get(id) !== state) {
        watcher.sent.set(id, state);
        send({ type: 'progress', data: { success: true, ...view } });
      }
      if (this.batches.isTerminal(view.status)) watcher.ids.delete(id);
    }
    if (latest !== null && watcher.latest !== null && latest > watcher.latest) {
      send({ type: 'created', data: { batch_db_id: latest } });
    }
    if (latest !== null) watcher.latest = latest;
    if (now - watcher.lastSentAt >= EVENTS_KEEP_ALIVE_MS) send({ comment: 'keep-alive' });
  }
}
