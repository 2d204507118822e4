import { describe, expect, it } from 'vitest';
import { CORRECT_POINTS, SPEED_MAX, STREAK_CAP, STREAK_STEP, scoreJudgment, speedBonus } from './scoring';
import { binomialCdf, bootstrapProportion } from './stats';
import { seededRng } from './rng';

describe('scoring', () => {
  const t = { startedAt: 0, deadline: 10_000 };
  it('gives the full speed bonus at once, none at the deadline, and clamps outside', () => {
    expect(speedBonus({ ...t, at: 0 })).toBe(SPEED_MAX);
    expect(speedBonus({ ...t, at: 5_000 })).toBe(SPEED_MAX / 2);
    expect(speedBonus({ ...t, at: 10_000 })).toBe(0);
    expect(speedBonus({ ...t, at: 20_000 })).toBe(0);
    expect(speedBonus({ startedAt: 5, deadline: 5, at: 5 })).toBe(0);
  });

  it('scores nothing and resets the streak when wrong', () => {
    expect(scoreJudgment({ ...t, at: 0, correct: false }, 4)).toEqual({ points: 0, streak: 0 });
  });

  it('adds a capped streak bonus', () => {
    expect(scoreJudgment({ ...t, at: 10_000, correct: true }, 0)).toEqual({ points: CORRECT_POINTS, streak: 1 });
    expect(scoreJudgment({ ...t, at: 10_000, correct: true }, 2)).toEqual({ points: CORRECT_POINTS + 2 * STREAK_STEP, streak: 3 });
    expect(scoreJudgment({ ...t, at: 10_000, correct: true }, 50).points).toBe(CORRECT_POINTS + STREAK_CAP * STREAK_STEP);
  });
});

describe('bootstrap interval', () => {
  it('is null without data, a point for constant data, and brackets the mean otherwise', () => {
    const rng = seededRng(1);
    expect(bootstrapProportion([], rng)).toBeNull();
    expect(bootstrapProportion([1, 1, 1], rng)).toEqual({ low: 1, high: 1 });
    const data: (0 | 1)[] = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const ci = bootstrapProportion(data, rng)!;
    expect(ci.low).toBeLessThan(0.25);
    expect(ci.high).toBeGreaterThan(0.25);
    // The normal approximation gives ±0.06 here; the bootstrap should be close to it.
    expect(ci.high - ci.low).toBeGreaterThan(0.08);
    expect(ci.high - ci.low).toBeLessThan(0.16);
  });

  it('agrees with the normal interval for thousands of votes, in constant time per resample', () => {
    const rng = seededRng(2);
    const n = 6000;
    const data: (0 | 1)[] = Array.from({ length: n }, (_, i) => (i % 10 < 3 ? 1 : 0));
    const ci = bootstrapProportion(data, rng)!;
    // p = 0.3, standard error sqrt(0.3·0.7/6000) ≈ 0.0059: the 95% interval is about ±0.0116.
    expect(ci.low).toBeCloseTo(0.3 - 0.0116, 2);
    expect(ci.high).toBeCloseTo(0.3 + 0.0116, 2);
    expect(ci.low).toBeLessThan(0.3);
    expect(ci.high).toBeGreaterThan(0.3);
  });
});

describe('binomial CDF', () => {
  it('sums the binomial distribution, ends at exactly 1, and survives the extremes', () => {
    const cdf = binomialCdf(4, 0.5);
    expect([...cdf].map((x) => Math.round(x * 16))).toEqual([1, 5, 11, 15, 16]);
    expect(binomialCdf(400, 0.999)[400]).toBe(1);
    expect(binomialCdf(400, 0.999)[390]).toBeLessThan(0.001);
    expect([...binomialCdf(3, 0)]).toEqual([1, 1, 1, 1]);
    expect([...binomialCdf(3, 1)]).toEqual([0, 0, 0, 1]);
  });

  it('draws exact resamples whose spread matches the binomial variance', () => {
    const data = Array.from({ length: 200 }, (_, i) => (i < 60 ? 1 : 0)) as (0 | 1)[];
    const ci = bootstrapProportion(data, seededRng(3), 4000)!;
    // p = 0.3, n = 200: sd of the mean 0.0324, so a 95% interval of about ±0.064.
    expect(ci.low).toBeCloseTo(0.3 - 0.064, 1);
    expect(ci.high).toBeCloseTo(0.3 + 0.064, 1);
    expect(ci.high - ci.low).toBeGreaterThan(0.11);
    expect(ci.high - ci.low).toBeLessThan(0.145);
  });
});
