import { describe, expect, it } from 'vitest';
import { MIN_MATH_SCALE, fitScale } from './mathFit';

describe('fitScale', () => {
  it('leaves a formula that fits at full size', () => {
    expect(fitScale(500, 300)).toBe(1);
    expect(fitScale(500, 500)).toBe(1);
  });

  it('shrinks a wider formula just enough to fit', () => {
    const s = fitScale(500, 600);
    expect(s).toBeLessThan(1);
    expect(s * 600).toBeLessThanOrEqual(500);
    expect(s * 600).toBeGreaterThan(490);
  });

  it('stops at the smallest readable size (the block wraps from there)', () => {
    expect(fitScale(300, 1200)).toBe(MIN_MATH_SCALE);
  });

  it('does nothing before layout (zero or missing widths)', () => {
    expect(fitScale(0, 600)).toBe(1);
    expect(fitScale(500, 0)).toBe(1);
    expect(fitScale(Number.NaN, 600)).toBe(1);
  });
});
