import { Injectable } from '@nestjs/common';
import { AnomalyRecord, AnomalyRepository, NewAnomaly, Tx } from '@app/persistence';
import { AlertQueue } from './alert-queue';

/**
 * The door ingest (issue 15) records anomalies through: stores them (a finding recorded before
 * is not new) and tells the alert evaluator about the series with new ones. Inside a
 * transaction, call `record` with it, then `announce` the returned rows after the commit.
 */
@Injectable()
export class AnomalyService {
  constructor(
    private readonly anomalies: AnomalyRepository,
    private readonly alerts: AlertQueue,
  ) {}

  /** Records and announces (no transaction of the caller's): returns the new findings. */
  async recordAndAnnounce(rows: NewAnomaly[]): Promise<AnomalyRecord[]> {
    const recorded = await this.anomalies.record(rows);
    await this.announce(recorded);
    return recorded;
  }

  /** Stores the findings in `tx` (when given); returns the new ones, to announce after commit. */
  async record(rows: NewAnomaly[], tx: Tx | null = null): Promise<AnomalyRecord[]> {
    return this.anomalies.record(rows, tx);
  }

  /** The data_anomaly event: best effort (the sweep finds anomalies it did not hear about). */
  async announce(recorded: Pick<AnomalyRecord, 'source' | 'symbol'>[]): Promise<void> {
    if (recorded.length === 0) return;
    await this.alerts.anomaliesRecorded(
      recorded.map((r) => ({ source: r.source, symbol: r.symbol })),
    );
  }
}
