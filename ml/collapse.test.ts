import { describe, expect, it } from 'vitest';
import { NOT_IMAGES_GREY, detectCollapse, greyShare } from './collapse';
import { evaluatePoints, modeReport, toyModeReport } from './eval';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const real = modeReport([98, 113, 103, 101, 98, 89, 96, 103, 97, 102]);

describe('detectCollapse on class histograms', () => {
  it('flags a generator whose samples are all one class, naming it', () => {
    const v = detectCollapse(modeReport([0, 0, 0, 0, 0, 0, 0, 200, 0, 0]), real, { labels: DIGITS });
    expect(v).toMatchObject({ collapsed: true, covered: 1, coverage: 0.1, entropy: 0 });
    expect(v.reason).toMatch(/100% of the samples look like "7"/);
    expect(v.reason).toMatch(/mode collapse/);
  });

  it('does not flag a diverse generator', () => {
    const v = detectCollapse(modeReport([25, 18, 22, 20, 19, 21, 17, 23, 16, 19]), real, { labels: DIGITS });
    expect(v.collapsed).toBe(false);
    expect(v.reason).toMatch(/10 of 10 classes/);
  });

  it('flags an even spread over only 3 classes (coverage below half)', () => {
    const v = detectCollapse(modeReport([70, 0, 0, 65, 0, 0, 0, 0, 65, 0]), real, { labels: DIGITS });
    expect(v.collapsed).toBe(true);
    expect(v.reason).toMatch(/Only 3 of 10 classes show up \("0", "3", "8"\)/);
  });

  it('flags a spread that reaches most classes but piles onto a few (entropy well below the real data)', () => {
    // 8 of 304 is just over a quarter of a fair share, so all 10 count as covered; entropy is 0.65.
    const v = detectCollapse(modeReport([120, 120, 8, 8, 8, 8, 8, 8, 8, 8]), real);
    expect(v).toMatchObject({ collapsed: true, covered: 10 });
    expect(v.reason).toMatch(/very unevenly \(variety 0\.65 against 1\.00/);
  });

  it('says "not images yet" instead of "collapse" for static the classifier files under one class', () => {
    // Uniform noise: the digits classifier reads 995 of 1,000 noise images as "8"; half its pixels are grey.
    const noise = modeReport([0, 0, 4, 1, 0, 0, 0, 0, 995, 0]);
    const v = detectCollapse(noise, real, { labels: DIGITS, grey: { fake: 0.5, real: 0.05 } });
    expect(v).toMatchObject({ collapsed: false, notImages: true });
    expect(v.reason).toMatch(/^Not images yet: 50% of the pixels are grey static, where real images have 5%/);
    expect(v.reason).not.toMatch(/mode collapse/);
    // The same histogram from a sharp generator (few grey pixels) is collapse.
    expect(detectCollapse(noise, real, { labels: DIGITS, grey: { fake: 0.02, real: 0.05 } })).toMatchObject({ collapsed: true, notImages: false });
  });

  it('draws the line between static and first strokes on both data sets (measured shares)', () => {
    const at = (fake: number, realGrey: number) => detectCollapse(real, real, { grey: { fake, real: realGrey } }).notImages;
    // Digits: trajectory step 50 (static) 0.68, step 150 (first strokes) 0.10, real 0.05.
    expect([at(0.68, 0.05), at(0.1, 0.05)]).toEqual([true, false]);
    // Fashion: step 50 0.64, step 150 0.25, real 0.22; uniform noise 0.50.
    expect([at(0.64, 0.22), at(0.25, 0.22), at(0.5, 0.22)]).toEqual([true, false, true]);
    expect(at(0.05 + NOT_IMAGES_GREY, 0.05)).toBe(true);
    expect(at(Number.NaN, 0.05)).toBe(true);
  });

  it('counts grey pixels: neither background (< 64) nor ink (≥ 192)', () => {
    expect(greyShare([Uint8Array.from([0, 63, 64, 191]), Uint8Array.from([192, 255, 128, 10])])).toBe(3 / 8);
    expect(greyShare([])).toBe(0);
  });

  it('judges without a reference against a perfectly even spread', () => {
    expect(detectCollapse(modeReport([30, 30, 30, 30, 30, 30, 30, 30, 30, 30])).collapsed).toBe(false);
    expect(detectCollapse(modeReport([])).collapsed).toBe(false);
  });
});

describe('detectCollapse on 2-D toy mixtures', () => {
  const grid = Array.from({ length: 25 }, (_, i) => [(i % 5) - 2, Math.floor(i / 5) - 2] as const);
  const sigma = 0.05;

  it('flags all points at one mode', () => {
    const points = Array.from({ length: 500 }, (_, i) => [1 + 0.01 * Math.sin(i), 1 + 0.01 * Math.cos(i)] as const);
    const v = detectCollapse(toyModeReport(points, grid, sigma));
    expect(v.collapsed).toBe(true);
    expect(evaluatePoints(points, grid, sigma).collapse).toEqual(v);
    expect(v.reason).toMatch(/mode 18/);
  });

  it('does not flag points on every mode, nor blame a handful of points for missing 25 modes', () => {
    const every = Array.from({ length: 500 }, (_, i) => grid[i % 25]);
    expect(detectCollapse(toyModeReport(every, grid, sigma)).collapsed).toBe(false);
    const few = grid.slice(0, 8);
    expect(detectCollapse(toyModeReport(few, grid, sigma)).collapsed).toBe(false);
  });

  it('explains points that land near no mode as "still learning", not collapse', () => {
    const v = detectCollapse(toyModeReport([[10, 10], [-10, 3]], grid, sigma));
    expect(v.collapsed).toBe(false);
    expect(v.reason).toMatch(/still learning/);
  });
});
