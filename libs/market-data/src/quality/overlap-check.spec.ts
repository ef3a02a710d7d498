import { overlapDisagreement, OverlapCandle } from './overlap-check';

const stored: OverlapCandle = {
  ts: new Date('2020-11-06T00:00:00Z'),
  open: 118.32,
  high: 119.2,
  low: 116.13,
};

describe('overlapDisagreement', () => {
  it('agrees with the same candle, and with one that only finished (high up, low down)', () => {
    expect(overlapDisagreement(stored, { ...stored })).toBeNull();
    expect(overlapDisagreement(stored, { ...stored, high: 121, low: 115 })).toBeNull();
  });

  it('agrees within rounding (0.1 %)', () => {
    expect(overlapDisagreement(stored, { ...stored, open: 118.3 })).toBeNull();
    expect(overlapDisagreement(stored, { ...stored, high: 119.1 })).toBeNull();
  });

  it('disagrees when the candle is on another basis (a 4:1 split applied)', () => {
    const adjusted = { ...stored, open: 118.32 / 4, high: 119.2 / 4, low: 116.13 / 4 };
    expect(overlapDisagreement(stored, adjusted)).toBe(
      'the candle of 2020-11-06T00:00:00.000Z opened at 29.58, stored 118.32',
    );
    const reverse = { ...stored, open: 1183.2, high: 1192, low: 1161.3 };
    expect(overlapDisagreement(stored, reverse)).toMatch(/opened at 1183.2, stored 118.32/);
  });

  it('disagrees when a high went down or a low went up (a correction)', () => {
    expect(overlapDisagreement(stored, { ...stored, high: 118.9 })).toBe(
      'the candle of 2020-11-06T00:00:00.000Z has high 118.9, below the stored 119.2',
    );
    expect(overlapDisagreement(stored, { ...stored, low: 116.5 })).toMatch(
      /has low 116.5, above the stored 116.13/,
    );
  });

  it('takes a tolerance', () => {
    expect(overlapDisagreement(stored, { ...stored, open: 118.3 }, 0)).not.toBeNull();
  });
});
