import type { DataType, Interval, Universe } from '@app/market-data';
import type { FetchMode } from './jobs/fetch-symbol.job';

/**
 * A batch request as clients send it (`POST /api/bulk/start`, the `batch` of a schedule), already
 * validated field by field. Schedules store it as given and turn it into a StartBatchRequest at
 * every tick.
 */
export interface BatchRequestBody {
  symbols?: string[];
  /** Instead of symbols: `"all"` active symbols of the provider, or a registry filter. */
  universe?: Universe;
  interval: Interval;
  provider?: string;
  from?: string;
  to?: string;
  mode?: FetchMode;
  data_type?: DataType;
  webhook_url?: string;
}

/** What BatchService.start takes (dates parsed, camelCase). */
export interface StartBatchRequest {
  symbols?: string[];
  universe?: Universe;
  interval: Interval;
  provider?: string;
  from?: Date;
  to?: Date;
  mode?: FetchMode;
  dataType?: DataType;
  batchType?: string;
  /** Notified when the batch ends, in addition to WEBHOOK_URL. */
  webhookUrl?: string;
  /**
   * A backfill: what its plan was (kept in the batch's params) and the ranges each symbol's job
   * fetches ([from, to) ISO instants), keyed by symbol as the batch stores it.
   */
  backfill?: { plan: Record<string, unknown>; ranges: Record<string, [string, string][]> };
  /** Set when a schedule starts the batch: at most one batch per (schedule, tick). */
  schedule?: { id: number; tick: Date };
}

export function toStartBatchRequest(body: BatchRequestBody): StartBatchRequest {
  return {
    symbols: body.symbols,
    universe: body.universe,
    interval: body.interval,
    provider: body.provider,
    from: body.from === undefined ? undefined : new Date(body.from),
    to: body.to === undefined ? undefined : new Date(body.to),
    mode: body.mode,
    dataType: body.data_type,
    webhookUrl: body.webhook_url,
  };
}

/** The body without undefined fields (what a schedule stores and shows). */
export function compactBody(body: BatchRequestBody): BatchRequestBody {
  return Object.fromEntries(
    Object.entries(body).filter(([, v]) => v !== undefined),
  ) as unknown as BatchRequestBody;
}
