import { Injectable } from '@nestjs/common';
import { parseSymbol } from '@app/market-data';
import { AnomalyRecord, AnomalyRepository } from '@app/persistence';
import { AnomalyQueryError } from '../errors/anomaly-query.error';

/** A data anomaly as the API shows it (snake_case). */
export interface AnomalyView {
  id: number;
  source: string;
  symbol: string;
  interval: string;
  kind: string;
  /** The candle it is about. */
  ts: string;
  detected_at: string;
  batch_execution_id: number | null;
  details: Record<string, unknown>;
}

export interface AnomalyListQuery {
  source?: string;
  symbol?: string;
  interval?: string;
  kind?: string[];
  /** Candle time in [from, to). */
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export function toAnomalyView(a: AnomalyRecord): AnomalyView {
  return {
    id: Number(a.id),
    source: a.source,
    symbol: a.symbol,
    interval: a.interval,
    kind: a.kind,
    ts: a.ts.toISOString(),
    detected_at: a.detectedAt.toISOString(),
    batch_execution_id: a.batchExecutionId,
    details: a.details,
  };
}

/**
 * `GET /api/anomalies`: what ingest flagged (data_anomalies), newest candle first. The symbol is
 * checked with the providers' grammar and upper-cased, the source (checked by the API) lower-cased:
 * their stored forms.
 */
@Injectable()
export class AnomalyQueryService {
  constructor(private readonly anomalies: AnomalyRepository) {}

  async list(query: AnomalyListQuery) {
    let symbol: string | undefined;
    if (query.symbol !== undefined) {
      const parsed = parseSymbol(query.symbol);
      if (!('symbol' in parsed)) {
        throw new AnomalyQueryError(
          'INVALID_SYMBOL',
          `symbol ${JSON.stringify(query.symbol)}: ${parsed.problem}`,
          'symbol',
        );
      }
      symbol = parsed.symbol;
    }
    if (query.from && query.to && query.from.getTime() >= query.to.getTime()) {
      throw new AnomalyQueryError('INVALID_RANGE', 'from must be before to', 'from');
    }
    const { items, total } = await this.anomalies.list({
      source: query.source?.toLowerCase(),
      symbol,
      interval: query.interval,
      kind: query.kind,
      from: query.from,
      to: query.to,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return {
      items: items.map(toAnomalyView),
      total,
      page: query.page,
      page_size: query.pageSize,
    };
  }
}
