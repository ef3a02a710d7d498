import { AlertValidationError } from '../errors/alert-validation.error';
import { normaliseAlertParams } from './alert-rule-params';

const refusal = (fn: () => unknown): { field: string; message: string } => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AlertValidationError)
      return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('accepted');
};

describe('normaliseAlertParams', () => {
  it('fills in the defaults of each kind', () => {
    expect(normaliseAlertParams('batch_failed', undefined)).toEqual({ min_failed_ratio: 0.5 });
    expect(normaliseAlertParams('batch_stalled', {})).toEqual({ minutes: 30 });
    expect(normaliseAlertParams('symbol_stale', { sessions: 2 })).toEqual({
      sessions: 2,
      interval: '1d',
    });
    expect(normaliseAlertParams('repeated_failures', null)).toEqual({ count: 3 });
    expect(normaliseAlertParams('data_anomaly', {})).toEqual({
      kinds: ['price_jump', 'zero_volume_run', 'stale'],
      window_minutes: 60,
    });
    expect(normaliseAlertParams('provider_errors', { provider: 'yahoo' })).toEqual({
      ratio: 0.5,
      window_minutes: 15,
      min_attempts: 20,
      provider: 'yahoo',
    });
  });

  it('upper-cases and de-duplicates symbols, accepts fractional minutes', () => {
    expect(
      normaliseAlertParams('symbol_stale', {
        symbols: ['7203.t', '7203.T', 'aapl'],
        source: 'yahoo',
      }),
    ).toEqual({ sessions: 3, interval: '1d', source: 'yahoo', symbols: ['7203.T', 'AAPL'] });
    expect(normaliseAlertParams('batch_stalled', { minutes: 0.05 })).toEqual({ minutes: 0.05 });
  });

  it('refuses unknown names and bad values, naming the field', () => {
    expect(refusal(() => normaliseAlertParams('batch_stalled', { minute: 5 }))).toEqual({
      field: 'params.minute',
      message:
        'params.minute is not a parameter of batch_stalled (its parameters: minutes, provider)',
    });
    expect(refusal(() => normaliseAlertParams('batch_stalled', { minutes: '5' })).field).toBe(
      'params.minutes',
    );
    expect(refusal(() => normaliseAlertParams('batch_stalled', { minutes: 0 })).message).toBe(
      'params.minutes must be greater than 0',
    );
    expect(
      refusal(() => normaliseAlertParams('batch_failed', { min_failed_ratio: 1.5 })).message,
    ).toBe('params.min_failed_ratio must be at most 1');
    expect(refusal(() => normaliseAlertParams('repeated_failures', { count: 2.5 })).message).toBe(
      'params.count must be an integer',
    );
    expect(refusal(() => normaliseAlertParams('symbol_stale', { interval: '2d' })).field).toBe(
      'params.interval',
    );
    expect(
      refusal(() => normaliseAlertParams('symbol_stale', { symbols: ['ok', 'a b'] })).field,
    ).toBe('params.symbols[1]');
    expect(refusal(() => normaliseAlertParams('data_anomaly', { kinds: ['gap'] })).field).toBe(
      'params.kinds[0]',
    );
    expect(
      refusal(() => normaliseAlertParams('provider_errors', { provider: 'nasdaq' })).message,
    ).toBe('params.provider must be one of yahoo, binance, bybit, csv, synthetic');
    expect(refusal(() => normaliseAlertParams('batch_failed', [1])).field).toBe('params');
  });
});
