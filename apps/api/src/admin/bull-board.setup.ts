import type { NestExpressApplication } from '@nestjs/platform-express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import {
  AlertNotificationQueue,
  AlertQueue,
  FetchQueues,
  ScheduleQueue,
  WebhookQueue,
} from '@app/batch';
import { AppConfig, PROVIDER_NAMES } from '@app/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { adminAuth } from './admin-auth.middleware';

/** Where Bull Board is served. */
export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over the fetch queue of every provider, the schedules, webhooks, alerts and
 * alert-notifications queues, behind the API key (header or basic auth).
 * Read-only: PostgreSQL is the source of truth of batches, so jobs are retried, removed or
 * promoted through the batch routes (retry-failed, stop, pause, resume), never behind its back.
 */
export function setupBullBoard(app: NestExpressApplication): void {
  const queues = app.get(FetchQueues, { strict: false });
  const keys = new ApiKeyGuard(app.get(AppConfig, { strict: false }));
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: [
      ...PROVIDER_NAMES.map((provider) => queues.queue(provider)),
      app.get(ScheduleQueue, { strict: false }).queue,
      app.get(WebhookQueue, { strict: false }).queue,
      app.get(AlertQueue, { strict: false }).queue,
      app.get(AlertNotificationQueue, { strict: false }).queue,
    ].map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'market-ingest' } },
  });
  app.use(BULL_BOARD_PATH, adminAuth(keys), serverAdapter.getRouter());
}
