import { AppConfig } from '@app/common';
import type { StoredChannel } from '@app/persistence';
import { ALERT_CHANNEL_TYPES } from '@app/persistence';
import { BatchValidationError } from '../errors/batch-validation.error';
import { AlertValidationError } from '../errors/alert-validation.error';
import { assertWebhookUrlAccepted } from '../webhooks/webhook-host';

/** Channels one rule may have, and recipients one e-mail channel may list. */
export const MAX_CHANNELS = 10;
export const MAX_RECIPIENTS = 20;
const MAX_URL_LENGTH = 2048;

/**
 * An address as people write it in a To field: local@domain, no display name, no spaces, no
 * commas or angle brackets (each recipient is one entry of `to`).
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

const fail = (field: string, message: string, code?: string): never => {
  throw new AlertValidationError(`${field} ${message}`, field, code);
};

function onlyKeys(value: Record<string, unknown>, keys: string[], field: string): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      fail(
        `${field}.${key}`,
        `is not a field of a ${String(value.type)} channel (${keys.join(', ')})`,
      );
    }
  }
}

/** A Slack or webhook URL: http(s), obeying WEBHOOK_ALLOWED_HOSTS and the private-address rule. */
function channelUrl(value: unknown, field: string, config: AppConfig): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, 'must be a URL');
  const url = value.trim();
  if (url.length > MAX_URL_LENGTH)
    return fail(field, `must be at most ${MAX_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(field, 'must be an http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return fail(field, 'must be an http(s) URL');
  }
  try {
    assertWebhookUrlAccepted(url, config, field);
  } catch (error) {
    if (error instanceof BatchValidationError) {
      const code = error.code === 'INVALID_BATCH' ? 'INVALID_ALERT_RULE' : error.code;
      throw new AlertValidationError(error.message, field, code);
    }
    throw error;
  }
  return url;
}

/**
 * Checks a rule's channels and returns them as stored: `{type: "slack", url}`,
 * `{type: "email", to: [...]}` (needs SMTP_URL), `{type: "webhook", url}`. Throws
 * AlertValidationError naming the field (`channels[1].url`), with the webhook codes
 * (WEBHOOK_HOST_NOT_ALLOWED, WEBHOOK_PRIVATE_ADDRESS, WEBHOOK_URL_CREDENTIALS) for refused URLs.
 */
export function normaliseChannels(raw: unknown, config: AppConfig): StoredChannel[] {
  if (!Array.isArray(raw)) return fail('channels', 'must be an array');
  if (raw.length > MAX_CHANNELS) return fail('channels', `may hold at most ${MAX_CHANNELS}`);
  return raw.map((value: unknown, i): StoredChannel => {
    const field = `channels[${i}]`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail(field, 'must be an object with a type');
    }
    const channel = value as Record<string, unknown>;
    if (!(ALERT_CHANNEL_TYPES as readonly unknown[]).includes(channel.type)) {
      return fail(`${field}.type`, `must be one of ${ALERT_CHANNEL_TYPES.join(', ')}`);
    }
    if (channel.type === 'email') {
      onlyKeys(channel, ['type', 'to'], field);
      if (config.smtpUrl === '') {
        fail(`${field}.type`, 'email needs SMTP_URL to be set (the server mails go through)');
      }
      const to = channel.to;
      if (!Array.isArray(to) || to.length === 0) {
        return fail(`${field}.to`, 'must be a non-empty array of e-mail addresses');
      }
      if (to.length > MAX_RECIPIENTS) {
        return fail(`${field}.to`, `may list at most ${MAX_RECIPIENTS} addresses`);
      }
      const addresses = to.map((a: unknown, k) => {
        if (typeof a !== 'string' || a.length > 254 || !EMAIL.test(a.trim())) {
          return fail(`${field}.to[${k}]`, 'must be an e-mail address such as ops@example.com');
        }
        return a.trim();
      });
      return { type: 'email', to: [...new Set(addresses)] };
    }
    onlyKeys(channel, ['type', 'url'], field);
    const url = channelUrl(channel.url, `${field}.url`, config);
    return channel.type === 'slack' ? { type: 'slack', url } : { type: 'webhook', url };
  });
}

/**
 * A channel as the API shows it: a Slack incoming-webhook URL is a credential (whoever has it
 * may post to the channel), so only its origin is shown.
 */
export function shownChannel(channel: StoredChannel): StoredChannel {
  if (channel.type !== 'slack') return channel;
  try {
    return { type: 'slack', url: `${new URL(channel.url).origin}/…` };
  } catch {
    return { type: 'slack', url: '…' };
  }
}
