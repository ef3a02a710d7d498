/**
 * The closed sets of the alert tables (their CHECK constraints list the same values): kinds of
 * rules, states of alerts, channel types and notification events, and the anomaly kinds ingest
 * records. Kept here, beside the batch state machine, because libs/batch and the API build on
 * them and persistence may not import libs/batch.
 */

export const ALERT_KINDS = [
  'batch_failed',
  'batch_stalled',
  'symbol_stale',
  'repeated_failures',
  'data_anomaly',
  'provider_errors',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** `acknowledged` is still open (no second notification); `resolved` is closed. */
export const ALERT_STATES = ['firing', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const OPEN_ALERT_STATES = [
  'firing',
  'acknowledged',
] as const satisfies readonly AlertState[];

export const ALERT_CHANNEL_TYPES = ['slack', 'email', 'webhook'] as const;
export type AlertChannelType = (typeof ALERT_CHANNEL_TYPES)[number];

/** A notification tells that an alert fired or that it resolved. */
export const ALERT_EVENTS = ['firing', 'resolved'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** What ingest finds wrong in a series (issue 15): `data_anomalies.kind`. */
export const ANOMALY_KINDS = ['price_jump', 'zero_volume_run', 'stale'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
