import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Metrics } from '@app/common';
import { exchangeOfSymbol, utcDayOf } from '@app/market-data';
import {
  AlertKind,
  AlertRecord,
  AlertRepository,
  AlertRuleRecord,
  AlertRuleRepository,
  AlertSignalsRepository,
  AnomalyRepository,
  BatchSignal,
} from '@app/persistence';
import {
  batchFailedVerdict,
  batchStalledVerdict,
  missedSessions,
  providerErrorsVerdict,
  repeatedFailuresVerdict,
  Verdict,
} from './alert-conditions';
import { AlertNotificationQueue } from './alert-notification-queue';
import type { AlertParamsByKind } from './alert-rule-params';
import {
  batchIdOfSubject,
  batchSubject,
  providerOfSubject,
  providerSubject,
  seriesOfSubject,
  seriesSubject,
} from './alert-subjects';

/** What one evaluation changed. */
export interface EvaluationSummary {
  rules: number;
  opened: number;
  resolved: number;
}

/** Running batches and recently ended ones looked at per rule and sweep. */
const BATCH_LIMIT = 5000;
/** The sweep's catch-up window for events that were never enqueued: at least this long. */
const MIN_LOOKBACK_MS = 15 * 60_000;

type Rule<K extends AlertKind> = AlertRuleRecord & { kind: K; params: AlertParamsByKind[K] };

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const minutesText = (ms: number): string =>
  ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;

/**
 * Decides which alerts are open. Every kind is a condition on the data (not a count of events),
 * evaluated for candidate subjects: an event narrows the candidates (the batch that ended, the
 * series with new anomalies), the sweep takes them all (running batches, batches ended lately,
 * every watched series, every provider, every open alert). Opening an alert that is open only
 * refreshes it; resolving one that is closed does nothing: so evaluating twice, or an event and
 * a sweep of the same thing, notifies once. The worker runs one evaluation at a time across
 * replicas (the `alerts` queue's global concurrency); the database's partial unique index and
 * conditional updates keep that true even if two ran at once.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger(AlertEvaluator.name);

  constructor(
    private readonly config: AppConfig,
    private readonly rules: AlertRuleRepository,
    private readonly alerts: AlertRepository,
    private readonly signals: AlertSignalsRepository,
    private readonly anomalies: AnomalyRepository,
    private readonly notifications: AlertNotificationQueue,
  ) {}

  /** A batch ended: batch_failed, batch_stalled (resolution) and repeated_failures rules. */
  async batchEnded(batchId: number, now = new Date()): Promise<EvaluationSummary> {
    const rules = await this.rules.enabled(['batch_failed', 'batch_stalled', 'repeated_failures']);
    const summary = { rules: rules.length, opened: 0, resolved: 0 };
    if (rules.length === 0) return summary;
    const [batch] = await this.signals.batches([batchId]);
    if (!batch) return summary;
    const open = await this.openIndex(rules);
    for (const rule of rules) {
      if (rule.kind === 'batch_failed') {
        await this.judgeBatchFailed(rule as Rule<'batch_failed'>, batch, open, summary);
      } else if (rule.kind === 'batch_stalled') {
        await this.judgeBatchStalled(rule as Rule<'batch_stalled'>, batch, now, open, summary);
      } else {
        await this.repeatedFailures(rule as Rule<'repeated_failures'>, [batch], open, summary);
      }
    }
    return summary;
  }

  /** New anomalies were recorded for these series: data_anomaly rules open their alerts. */
  async anomaliesRecorded(
    series: { source: string; symbol: string }[],
    now = new Date(),
  ): Promise<EvaluationSummary> {
    const rules = (await this.rules.enabled(['data_anomaly'])) as Rule<'data_anomaly'>[];
    const summary = { rules: rules.length, opened: 0, resolved: 0 };
    for (const rule of rules) {
      const watched = series.filter((s) => !rule.params.source || s.source === rule.params.source);
      if (watched.length > 0) await this.dataAnomaly(rule, now, watched, new Map(), summary);
    }
    return summary;
  }

  /** Every enabled rule over every candidate subject. */
  async sweep(now = new Date()): Promise<EvaluationSummary> {
    const rules = await this.rules.enabled();
    const summary = { rules: rules.length, opened: 0, resolved: 0 };
    if (rules.length === 0) return summary;
    const open = await this.openIndex(rules);
    const lookback = Math.max(MIN_LOOKBACK_MS, 3 * this.config.alertSweepIntervalMs);
    const running = rules.some((r) => r.kind === 'batch_stalled')
      ? await this.signals.runningBatchIds(BATCH_LIMIT)
      : [];
    for (const rule of rules) {
      const since = new Date(Math.max(rule.createdAt.getTime(), now.getTime() - lookback));
      const openIds = [...(open.get(rule.id)?.values() ?? [])]
        .map((a) => batchIdOfSubject(a.subject))
        .filter((id): id is number => id !== null);
      try {
        switch (rule.kind) {
          case 'batch_failed': {
            const ended = await this.signals.endedBatchIds(since, BATCH_LIMIT);
            for (const batch of await this.signals.batches(unique([...ended, ...openIds]))) {
              await this.judgeBatchFailed(rule as Rule<'batch_failed'>, batch, open, summary);
            }
            break;
          }
          case 'batch_stalled':
            for (const batch of await this.signals.batches(unique([...running, ...openIds]))) {
              await this.judgeBatchStalled(
                rule as Rule<'batch_stalled'>,
                batch,
                now,
                open,
                summary,
              );
            }
            break;
          case 'repeated_failures': {
            const ended = await this.signals.endedBatchIds(since, BATCH_LIMIT);
            const batches = await this.signals.batches(ended);
            await this.repeatedFailures(rule as Rule<'repeated_failures'>, batches, open, summary);
            break;
          }
          case 'symbol_stale':
            await this.symbolStale(rule as Rule<'symbol_stale'>, now, open, summary);
            break;
          case 'data_anomaly':
            await this.dataAnomaly(rule as Rule<'data_anomaly'>, now, null, open, summary);
            break;
          case 'provider_errors':
            await this.providerErrors(rule as Rule<'provider_errors'>, now, open, summary);
            break;
        }
      } catch (error) {
        // One rule's failure (a bad stored parameter, a query error) must not stop the others.
        this.logger.warn(
          `rule ${rule.id} (${rule.kind}) could not be evaluated: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
    }
    return summary;
  }

  // ---------------------------------------------------------------------------------------------

  private async judgeBatchFailed(
    rule: Rule<'batch_failed'>,
    batch: BatchSignal,
    open: OpenIndex,
    summary: EvaluationSummary,
  ): Promise<void> {
    if (rule.params.provider && batch.provider !== rule.params.provider) return;
    // A batch that ended before the rule existed is not news (unless its alert is open).
    const subject = batchSubject(batch.id);
    if (!open.get(rule.id)?.has(subject) && batch.endTime && batch.endTime < rule.createdAt) return;
    const verdict = batchFailedVerdict(batch, rule.params.min_failed_ratio);
    const failed = batch.failedStocks;
    const total = batch.totalStocks;
    const message =
      batch.status === 'failed'
        ? `batch ${batch.id} (${batch.jobId}) failed on ${batch.provider}${
            batch.errorMessage ? `: ${batch.errorMessage}` : ''
          }`
        : `batch ${batch.id} (${batch.jobId}) ended with ${failed} of ${total} symbols failed (${pct(
            total > 0 ? failed / total : 0,
          )}) on ${batch.provider}`;
    await this.decide(rule, subject, verdict, open, summary, {
      message,
      details: batchDetails(batch),
      resolution: `batch ${batch.id} ended ${batch.status}`,
    });
  }

  private async judgeBatchStalled(
    rule: Rule<'batch_stalled'>,
    batch: BatchSignal,
    now: Date,
    open: OpenIndex,
    summary: EvaluationSummary,
  ): Promise<void> {
    if (rule.params.provider && batch.provider !== rule.params.provider) return;
    const verdict = batchStalledVerdict(batch, rule.params.minutes, now);
    const idle = now.getTime() - batch.lastActivity.getTime();
    await this.decide(rule, batchSubject(batch.id), verdict, open, summary, {
      message: `batch ${batch.id} (${batch.jobId}) on ${batch.provider} has made no progress for ${minutesText(
        idle,
      )} (${batch.processedStocks} of ${batch.totalStocks} symbols done)`,
      details: { ...batchDetails(batch), last_activity: batch.lastActivity.toISOString() },
      resolution:
        batch.status === 'running'
          ? `batch ${batch.id} is making progress again`
          : `batch ${batch.id} is ${batch.status}`,
    });
  }

  /**
   * Symbols that failed in these batches are checked for `count` failures in a row (fire); every
   * open alert of the rule is checked for a newer success (resolve).
   */
  private async repeatedFailures(
    rule: Rule<'repeated_failures'>,
    batches: BatchSignal[],
    open: OpenIndex,
    summary: EvaluationSummary,
  ): Promise<void> {
    const byProvider = new Map<string, Set<string>>();
    const want = (provider: string, symbol: string): void => {
      if (rule.params.provider && provider !== rule.params.provider) return;
      const set = byProvider.get(provider) ?? new Set<string>();
      set.add(symbol);
      byProvider.set(provider, set);
    };
    for (const batch of batches) {
      if (batch.endTime && batch.endTime < rule.createdAt) continue;
      for (const symbol of await this.signals.failedSymbolsOf(batch.id)) {
        want(batch.provider, symbol);
      }
    }
    for (const alert of open.get(rule.id)?.values() ?? []) {
      const series = seriesOfSubject(alert.subject);
      if (series?.source) want(series.source, series.symbol);
    }
    const n = rule.params.count;
    for (const [provider, symbols] of byProvider) {
      for (const o of await this.signals.lastOutcomes(provider, [...symbols], n)) {
        const verdict = repeatedFailuresVerdict(o.statuses, n);
        const failedIn = o.batchIds.slice(0, n);
        await this.decide(rule, seriesSubject(provider, o.symbol), verdict, open, summary, {
          message: `${provider}:${o.symbol} failed in ${n} consecutive batches (${failedIn
            .slice()
            .reverse()
            .join(', ')})`,
          details: {
            source: provider,
            symbol: o.symbol,
            batch_ids: failedIn,
            batch_id: failedIn[0],
          },
          resolution: `${o.symbol} succeeded in batch ${o.batchIds[0]}`,
        });
      }
    }
  }

  private async symbolStale(
    rule: Rule<'symbol_stale'>,
    now: Date,
    open: OpenIndex,
    summary: EvaluationSummary,
  ): Promise<void> {
    const { sessions, interval } = rule.params;
    const source = rule.params.source ?? null;
    const latest = await this.signals.latestCandles(interval, source, rule.params.symbols ?? null);
    for (const candle of latest) {
      const exchange = exchangeOfSymbol(candle.symbol, candle.source, candle.exchange);
      if (exchange === null) continue; // no trading calendar to count sessions with
      const missed = missedSessions(candle.ts, interval, exchange, now);
      if (missed === null) continue;
      const last = utcDayOf(candle.ts);
      await this.decide(
        rule,
        seriesSubject(candle.source, candle.symbol),
        missed >= sessions,
        open,
        summary,
        {
          message: `${candle.source}:${candle.symbol} has no new ${interval} candle for ${missed} ${exchange} session(s) (last ${last}; limit ${sessions})`,
          details: {
            source: candle.source,
            symbol: candle.symbol,
            interval,
            exchange,
            last_candle: candle.ts.toISOString(),
            missed_sessions: missed,
          },
          resolution: `${candle.symbol} has a candle of ${last} (${missed} session(s) missed)`,
        },
      );
    }
  }

  /**
   * Open while the series has anomalies of the rule's kinds detected within the last
   * `window_minutes` (and since the rule exists); the sweep resolves it once the window is quiet.
   * `series` (an event) limits the candidates and resolves nothing.
   */
  private async dataAnomaly(
    rule: Rule<'data_anomaly'>,
    now: Date,
    series: { source: string; symbol: string }[] | null,
    open: OpenIndex,
    summary: EvaluationSummary,
  ): Promise<void> {
    const window = rule.params.window_minutes;
    const since = new Date(Math.max(rule.createdAt.getTime(), now.getTime() - window * 60_000));
    const found = await this.anomalies.subjectsSince(since, rule.params.kinds, series);
    const seen = new Set<string>();
    for (const s of found) {
      if (rule.params.source && s.source !== rule.params.source) continue;
      const subject = seriesSubject(s.source, s.symbol);
      seen.add(subject);
      await this.decide(rule, subject, true, open, summary, {
        message: `${s.source}:${s.symbol}: ${s.count} anomal${s.count === 1 ? 'y' : 'ies'} (${s.kinds.join(', ')}) in the last ${window} min; latest ${s.lastKind} at ${s.lastTs.toISOString()}`,
        details: {
          source: s.source,
          symbol: s.symbol,
          anomalies: s.count,
          kinds: s.kinds,
          last_kind: s.lastKind,
          last_ts: s.lastTs.toISOString(),
          last_detected_at: s.lastDetectedAt.toISOString(),
        },
        resolution: '',
      });
    }
    if (series !== null) return;
    for (const alert of open.get(rule.id)?.values() ?? []) {
      if (seen.has(alert.subject)) continue;
      await this.decide(rule, alert.subject, false, open, summary, {
        message: alert.message,
        details: alert.details,
        resolution: `no new anomaly for ${window} min`,
      });
    }
  }

  private async providerErrors(
    rule: Rule<'provider_errors'>,
    now: Date,
    open: OpenIndex,
    summary: EvaluationSummary,
  ): Promise<void> {
    const { ratio, window_minutes: window, min_attempts: minAttempts } = rule.params;
    const figures = new Map(
      (await this.signals.providerAttempts(new Date(now.getTime() - window * 60_000))).map((f) => [
        f.provider,
        f,
      ]),
    );
    const providers = new Set<string>(figures.keys());
    for (const alert of open.get(rule.id)?.values() ?? []) {
      const p = providerOfSubject(alert.subject);
      if (p) providers.add(p);
    }
    for (const provider of providers) {
      if (rule.params.provider && provider !== rule.params.provider) continue;
      const f = figures.get(provider);
      const shown = f
        ? `${pct(f.attempts ? f.errors / f.attempts : 0)} (${f.errors} of ${f.attempts})`
        : 'none';
      await this.decide(
        rule,
        providerSubject(provider),
        providerErrorsVerdict(f, ratio, minAttempts),
        open,
        summary,
        {
          message: `provider ${provider}: ${shown} of fetch attempts failed in the last ${window} min`,
          details: {
            provider,
            attempts: f?.attempts ?? 0,
            errors: f?.errors ?? 0,
            window_minutes: window,
          },
          resolution: `error ratio of ${provider} is ${shown} over the last ${window} min`,
        },
      );
    }
  }

  /**
   * Acts on a verdict: true opens (or refreshes) the alert, false resolves the open one, null
   * leaves it. Notifications created by the change are enqueued right after its commit.
   */
  private async decide(
    rule: AlertRuleRecord,
    subject: string,
    verdict: Verdict,
    open: OpenIndex,
    summary: EvaluationSummary,
    text: { message: string; details: Record<string, unknown>; resolution: string },
  ): Promise<void> {
    const metrics = Metrics.get();
    if (verdict === true) {
      // Already open with the same message: nothing to write (a sweep over thousands of stale
      // series must not rewrite thousands of rows).
      if (open.get(rule.id)?.get(subject)?.message === text.message.slice(0, 2000)) return;
      const result = await this.alerts.open({
        ruleId: rule.id,
        kind: rule.kind,
        subject,
        message: text.message.slice(0, 2000),
        details: text.details,
      });
      if (!result) return;
      indexAlert(open, result.alert);
      if (!result.opened) return;
      summary.opened += 1;
      metrics.alertTransitions.inc({ kind: rule.kind, event: 'firing' });
      this.logger.log(`alert ${result.alert.id} firing (rule ${rule.id}): ${text.message}`);
      await this.notifications.notify(result.notificationIds);
    } else if (verdict === false && open.get(rule.id)?.has(subject)) {
      const result = await this.alerts.resolve(rule.id, subject, text.resolution);
      open.get(rule.id)?.delete(subject);
      if (!result) return;
      summary.resolved += 1;
      metrics.alertTransitions.inc({ kind: rule.kind, event: 'resolved' });
      this.logger.log(`alert ${result.alert.id} resolved (rule ${rule.id}): ${text.resolution}`);
      await this.notifications.notify(result.notificationIds);
    }
  }

  private async openIndex(rules: AlertRuleRecord[]): Promise<OpenIndex> {
    const index: OpenIndex = new Map();
    for (const alert of await this.alerts.openOf(rules.map((r) => r.id))) indexAlert(index, alert);
    return index;
  }
}

/** Open alerts by rule, then subject. */
type OpenIndex = Map<number, Map<string, AlertRecord>>;

function indexAlert(index: OpenIndex, alert: AlertRecord): void {
  const byRule = index.get(alert.ruleId) ?? new Map<string, AlertRecord>();
  byRule.set(alert.subject, alert);
  index.set(alert.ruleId, byRule);
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}

function batchDetails(batch: BatchSignal): Record<string, unknown> {
  return {
    batch_id: batch.id,
    job_id: batch.jobId,
    provider: batch.provider,
    status: batch.status,
    total: batch.totalStocks,
    processed: batch.processedStocks,
    failed: batch.failedStocks,
    ...(batch.errorMessage ? { error_message: batch.errorMessage } : {}),
    ...(batch.scheduleId !== null ? { schedule_id: batch.scheduleId } : {}),
  };
}
