import type { Interval, Universe } from '@app/market-data';

/**
 * A backfill as clients send it (`POST /api/backfill`, the `backfill` of a schedule), validated
 * field by field: the symbols (or a universe), the window (`from`/`to` days, or the last
 * `sessions` sessions up to `to`), and whether ranges the provider answered empty are asked again.
 */
export interface BackfillRequestBody {
  symbols?: string[];
  universe?: Universe;
  interval: Interval;
  provider?: string;
  from?: string;
  to?: string;
  sessions?: number;
  include_empty?: boolean;
  webhook_url?: string;
}
