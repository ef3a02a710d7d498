import { Injectable, Logger } from '@nestjs/common';
import {
  BackfillPlanView,
  CoverageService,
  ProviderRegistry,
  SeriesQueryError,
} from '@app/market-data';
import { BatchService, StartedBatch } from '../batch.service';
import { BatchValidationError } from '../errors/batch-validation.error';
import type { BackfillRequestBody } from './backfill-request';

/** A plan as the API answers it: the summary and, per symbol with a gap, its ranges. */
export interface BackfillPlanAnswer {
  provider: string;
  plan: Omit<BackfillPlanView, 'items'>;
  items: {
    symbol: string;
    source: string;
    exchange: string | null;
    missing_sessions: number;
    requests: number;
    ranges: { from: string; to: string; sessions: number }[];
  }[];
}

export type BackfillOutcome =
  | ({ kind: 'planned' } & BackfillPlanAnswer)
  | ({ kind: 'nothing_to_do' } & BackfillPlanAnswer)
  | ({ kind: 'started'; started: StartedBatch } & BackfillPlanAnswer);

/**
 * Targeted backfill: plans from coverage (the sessions of each symbol's exchange that are neither
 * stored nor answered empty before) and starts a `backfill` batch whose jobs fetch only their
 * symbol's missing ranges, one provider request per range of consecutive sessions.
 */
@Injectable()
export class BackfillService {
  private readonly logger = new Logger(BackfillService.name);

  constructor(
    private readonly batches: BatchService,
    private readonly coverage: CoverageService,
    private readonly providers: ProviderRegistry,
  ) {}

  /** The plan (dry run), or the batch that runs it; nothing to fetch starts nothing. */
  async run(
    body: BackfillRequestBody,
    options: { dryRun: boolean; schedule?: { id: number; tick: Date } },
  ): Promise<BackfillOutcome> {
    if (body.interval !== '1d') {
      throw new BatchValidationError(
        `a backfill plans from calendar-aware coverage, which daily candles have: interval must be 1d, got ${body.interval}`,
        { field: 'interval' },
        'UNSUPPORTED_INTERVAL',
      );
    }
    if (body.from === undefined && body.sessions === undefined) {
      throw new BatchValidationError('a backfill needs from (a day) or sessions (the last N)', {
        field: 'from',
      });
    }
    if (body.from !== undefined && body.sessions !== undefined) {
      throw new BatchValidationError('give either from or sessions, not both', {
        field: 'sessions',
      });
    }
    // The same checks as a batch: provider, interval, symbols, the universe's selection, the count.
    const { provider, symbols } = await this.batches.selection({
      symbols: body.symbols,
      universe: body.universe,
      interval: body.interval,
      provider: body.provider,
      dataType: 'ohlcv',
      webhookUrl: body.webhook_url,
    });
    let plan: BackfillPlanView;
    try {
      plan = await this.coverage.plan({
        provider,
        symbols,
        from: body.from,
        to: body.to,
        sessions: body.sessions,
        includeEmpty: body.include_empty === true,
        candlesPerRequest: this.providers.get(provider).candlesPerRequest,
      });
    } catch (error) {
      if (error instanceof SeriesQueryError) {
        throw new BatchValidationError(error.message, { field: error.field }, error.code);
      }
      throw error;
    }
    const { items, ...summary } = plan;
    const answer: BackfillPlanAnswer = {
      provider,
      plan: summary,
      items: items.map(({ windows: _windows, ...item }) => item),
    };
    if (options.dryRun) return { kind: 'planned', ...answer };
    if (items.length === 0) return { kind: 'nothing_to_do', ...answer };
    const ranges = Object.fromEntries(
      items.map((i) => [
        i.symbol,
        i.windows.map((w) => [w.from.toISOString(), w.to.toISOString()] as [string, string]),
      ]),
    );
    const started = await this.batches.start({
      symbols: items.map((i) => i.symbol),
      interval: body.interval,
      provider,
      mode: 'full',
      dataType: 'ohlcv',
      batchType: 'backfill',
      webhookUrl: body.webhook_url,
      schedule: options.schedule,
      backfill: {
        plan: {
          ...summary,
          ...(body.universe !== undefined ? { universe: body.universe } : {}),
        },
        ranges,
      },
    });
    this.logger.log(
      `backfill batch ${started.batch.batch_db_id}: ${summary.symbols} symbol(s), ${summary.ranges} range(s), ${summary.missing_sessions} session(s)`,
    );
    return { kind: 'started', started, ...answer };
  }
}
