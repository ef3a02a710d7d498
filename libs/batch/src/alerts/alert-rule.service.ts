import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { ALERT_KINDS, AlertRuleRecord, AlertRuleRepository, StoredChannel } from '@app/persistence';
import { AlertNotFoundError } from '../errors/alert-not-found.error';
import { AlertValidationError } from '../errors/alert-validation.error';
import { normaliseChannels, shownChannel } from './alert-channels';
import { isAlertKind, normaliseAlertParams } from './alert-rule-params';

/** A rule as the API shows it. */
export interface AlertRuleView {
  id: number;
  name: string;
  kind: string;
  params: Record<string, unknown>;
  channels: StoredChannel[];
  enabled: boolean;
  created_at: string;
}

export interface NewAlertRule {
  name: string;
  kind: string;
  params?: unknown;
  channels: unknown;
  enabled?: boolean;
}

function toView(rule: AlertRuleRecord): AlertRuleView {
  return {
    id: rule.id,
    name: rule.name,
    kind: rule.kind,
    params: rule.params,
    channels: rule.channels.map(shownChannel),
    enabled: rule.enabled,
    created_at: rule.createdAt.toISOString(),
  };
}

/** Parses an id of the routes: a positive integer, else AlertValidationError naming `id`. */
export function parseAlertId(id: string, what: 'alert rule' | 'alert'): string {
  if (!/^[1-9]\d{0,17}$/.test(id)) {
    throw new AlertValidationError(
      `${what} id must be a positive integer, got "${id.slice(0, 40)}"`,
      'id',
      'INVALID_ID',
    );
  }
  return id;
}

/**
 * Alert rules over the API: checked in depth (kind, the kind's parameters with defaults filled in,
 * each channel, URLs under WEBHOOK_ALLOWED_HOSTS) before anything is stored.
 */
@Injectable()
export class AlertRuleService {
  constructor(
    private readonly config: AppConfig,
    private readonly rules: AlertRuleRepository,
  ) {}

  async create(input: NewAlertRule): Promise<AlertRuleView> {
    if (!isAlertKind(input.kind)) {
      throw new AlertValidationError(
        `kind must be one of ${ALERT_KINDS.join(', ')}`,
        'kind',
        'INVALID_ALERT_RULE',
      );
    }
    const params = normaliseAlertParams(input.kind, input.params) as Record<string, unknown>;
    const channels = normaliseChannels(input.channels, this.config);
    const rule = await this.rules.create({
      name: input.name.trim(),
      kind: input.kind,
      params,
      channels,
      enabled: input.enabled ?? true,
    });
    return toView(rule);
  }

  async list(page: number, pageSize: number) {
    const { items, total } = await this.rules.list({
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: items.map(toView), total, page, page_size: pageSize };
  }

  async get(id: string): Promise<AlertRuleView> {
    const rule = await this.rules.findById(Number(parseAlertId(id, 'alert rule')));
    if (!rule) throw new AlertNotFoundError('alert rule', id);
    return toView(rule);
  }

  /** Deletes the rule; its open alerts are closed without notification. */
  async delete(id: string): Promise<void> {
    if (!(await this.rules.delete(Number(parseAlertId(id, 'alert rule'))))) {
      throw new AlertNotFoundError('alert rule', id);
    }
  }
}
