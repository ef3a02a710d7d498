import { BeforeApplicationShutdown, Injectable, Logger, MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { BatchNotFoundError, BatchService, BatchView } from '@app/batch';

/** How often the batch is read while a client listens. */
export const EVENTS_POLL_MS = 500;
/** A comment is sent after this long without an event, so that proxies keep the stream open. */
export const EVENTS_KEEP_ALIVE_MS = 15_000;

/**
 * Server-sent progress of one batch: a `progress` event at once and whenever the status or the
 * processed count changes, then an `end` event once the status is terminal, and the stream ends.
 * On shutdown every open stream ends (without `end`), so the HTTP server can close; an
 * EventSource then reconnects, to another instance if there is one.
 */
@Injectable()
export class BatchEventsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(BatchEventsService.name);
  /** One function per open stream, which ends it. */
  private readonly streams = new Set<() => void>();

  constructor(private readonly batches: BatchService) {}

  /**
   * Reads the batch first, so an unknown id fails (404) before the stream starts. `release` is
   * called when a shutdown ends the stream, to close the client's connection once the stream's
   * end is written (a keep-alive connection would otherwise hold the HTTP server open).
   */
  async stream(id: string, release?: () => void): Promise<Observable<MessageEvent>> {
    return this.follow(await this.batches.get(id), release);
  }

  private follow(first: BatchView, release?: () => void): Observable<MessageEvent> {
    const id = String(first.batch_db_id);
    return new Observable<MessageEvent>((subscriber) => {
      let closed = false;
      let timer: NodeJS.Timeout | undefined;
      let last = first;
      let lastSentAt = Date.now();

      /** Sends the view; ends the stream when it is terminal (returns true then). */
      const send = (view: BatchView): boolean => {
        lastSentAt = Date.now();
        subscriber.next({ type: 'progress', data: { success: true, ...view } });
        if (!this.batches.isTerminal(view.status)) return false;
        subscriber.next({ type: 'end', data: { success: true, ...view } });
        subscriber.complete();
        return true;
      };

      const poll = async (): Promise<void> => {
        try {
          const now = await this.batches.get(id);
          if (closed) return;
          if (now.status !== last.status || now.progress.processed !== last.progress.processed) {
            last = now;
            if (send(now)) return;
          } else if (Date.now() - lastSentAt >= EVENTS_KEEP_ALIVE_MS) {
            lastSentAt = Date.now();
            subscriber.next({ comment: 'keep-alive' });
          }
        } catch (error) {
          if (closed) return;
          if (error instanceof BatchNotFoundError) {
            subscriber.next({
              type: 'error',
              data: { success: false, error: { code: 'NOT_FOUND', message: error.message } },
            });
            subscriber.complete();
            return;
          }
          // A database hiccup: keep the client and try again at the next tick.
          this.logger.warn(`events of batch ${id}: could not read the batch: ${String(error)}`);
        }
        if (!closed) timer = setTimeout(() => void poll(), EVENTS_POLL_MS);
      };

      // Completing runs the teardown below, as does the client going away.
      const finish = (): void => {
        release?.();
        subscriber.complete();
      };
      if (!send(first)) {
        this.streams.add(finish);
        timer = setTimeout(() => void poll(), EVENTS_POLL_MS);
      }
      return () => {
        closed = true;
        clearTimeout(timer);
        this.streams.delete(finish);
      };
    });
  }

  beforeApplicationShutdown(): void {
    for (const finish of [...this.streams]) finish();
  }
}
