import { validateEnvironment } from '@app/common';
import { AlertValidationError } from '../errors/alert-validation.error';
import { normaliseChannels, shownChannel } from './alert-channels';

const config = (env: Record<string, string> = {}) =>
  validateEnvironment({ SMTP_URL: 'smtp://u:p@mail.example.com:587', ...env }, 'worker');

const refusal = (fn: () => unknown): { field: string; code: string } => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AlertValidationError) return { field: error.field, code: error.code };
    throw error;
  }
  throw new Error('accepted');
};

describe('normaliseChannels', () => {
  it('keeps the three kinds of channel as stored', () => {
    expect(
      normaliseChannels(
        [
          { type: 'slack', url: 'https://hooks.slack.com/services/T0/B0/x' },
          { type: 'email', to: ['ops@example.com', ' dev@example.com', 'ops@example.com'] },
          { type: 'webhook', url: 'https://hooks.example.com/in' },
        ],
        config(),
      ),
    ).toEqual([
      { type: 'slack', url: 'https://hooks.slack.com/services/T0/B0/x' },
      { type: 'email', to: ['ops@example.com', 'dev@example.com'] },
      { type: 'webhook', url: 'https://hooks.example.com/in' },
    ]);
    expect(normaliseChannels([], config())).toEqual([]);
  });

  it('refuses bad channels naming the field', () => {
    expect(refusal(() => normaliseChannels({}, config()))).toEqual({
      field: 'channels',
      code: 'INVALID_ALERT_RULE',
    });
    expect(refusal(() => normaliseChannels([{ type: 'sms' }], config())).field).toBe(
      'channels[0].type',
    );
    expect(refusal(() => normaliseChannels([{ type: 'slack' }], config())).field).toBe(
      'channels[0].url',
    );
    expect(
      refusal(() => normaliseChannels([{ type: 'webhook', url: 'ftp://x.example.com/' }], config()))
        .field,
    ).toBe('channels[0].url');
    expect(
      refusal(() =>
        normaliseChannels(
          [{ type: 'slack', url: 'https://hooks.slack.com/x', channel: '#ops' }],
          config(),
        ),
      ).field,
    ).toBe('channels[0].channel');
    expect(
      refusal(() => normaliseChannels([{ type: 'email', to: ['not an address'] }], config())).field,
    ).toBe('channels[0].to[0]');
    expect(refusal(() => normaliseChannels([{ type: 'email', to: [] }], config())).field).toBe(
      'channels[0].to',
    );
  });

  it('needs SMTP_URL for an e-mail channel', () => {
    expect(
      refusal(() =>
        normaliseChannels(
          [{ type: 'email', to: ['ops@example.com'] }],
          validateEnvironment({}, 'worker'),
        ),
      ).field,
    ).toBe('channels[0].type');
  });

  it('applies WEBHOOK_ALLOWED_HOSTS and the private-address rule with the webhook codes', () => {
    const allowed = config({ WEBHOOK_ALLOWED_HOSTS: 'hooks.slack.com' });
    expect(
      normaliseChannels([{ type: 'slack', url: 'https://hooks.slack.com/services/x' }], allowed),
    ).toHaveLength(1);
    expect(
      refusal(() =>
        normaliseChannels(
          [
            { type: 'slack', url: 'https://hooks.slack.com/services/x' },
            { type: 'webhook', url: 'https://evil.example.com/' },
          ],
          allowed,
        ),
      ),
    ).toEqual({ field: 'channels[1].url', code: 'WEBHOOK_HOST_NOT_ALLOWED' });
    expect(
      refusal(() => normaliseChannels([{ type: 'webhook', url: 'http://10.0.0.5/x' }], config())),
    ).toEqual({ field: 'channels[0].url', code: 'WEBHOOK_PRIVATE_ADDRESS' });
    expect(
      refusal(() =>
        normaliseChannels([{ type: 'webhook', url: 'https://u:p@hooks.example.com/' }], config()),
      ),
    ).toEqual({ field: 'channels[0].url', code: 'WEBHOOK_URL_CREDENTIALS' });
    expect(
      normaliseChannels(
        [{ type: 'webhook', url: 'http://127.0.0.1:9/x' }],
        config({ WEBHOOK_ALLOW_PRIVATE: 'true' }),
      ),
    ).toEqual([{ type: 'webhook', url: 'http://127.0.0.1:9/x' }]);
  });
});

describe('shownChannel', () => {
  it('shows only the origin of a Slack URL (a credential), others as they are', () => {
    expect(
      shownChannel({ type: 'slack', url: 'https://hooks.slack.com/services/T0/B0/secret' }),
    ).toEqual({
      type: 'slack',
      url: 'https://hooks.slack.com/…',
    });
    expect(shownChannel({ type: 'webhook', url: 'https://h.example.com/x' })).toEqual({
      type: 'webhook',
      url: 'https://h.example.com/x',
    });
  });
});
