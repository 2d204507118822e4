import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { classHistogram, defaultMinShare, evaluateImages, frechetDistance, frechetFromMoments, modeReport, normalisedEntropy, toyModeReport } from './eval';
import { loadClassifier } from './classifier';
import { EVAL_HELD_OUT, decodeImageSet, heldOutPath, imageAt } from './format';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const diag = (...v: number[]): Float64Array => {
  const out = new Float64Array(v.length * v.length);
  v.forEach((x, i) => (out[i * v.length + i] = x));
  return out;
};

describe('Fréchet distance', () => {
  it('is 0 for identical feature sets', () => {
    const rand = rng(1);
    const rows = Array.from({ length: 200 }, () => Array.from({ length: 16 }, () => gaussian(rand)));
    expect(frechetDistance(rows, rows)).toBeLessThan(1e-8);
  });

  it('is 0, not NaN, for a singular set (fewer samples than features)', () => {
    const rand = rng(2);
    const rows = Array.from({ length: 5 }, () => Array.from({ length: 20 }, () => rand()));
    const d = frechetDistance(rows, rows);
    expect(Number.isFinite(d)).toBe(true);
    expect(d).toBeLessThan(1e-8);
  });

  it('matches ||μ1−μ2||² + Σ(σ1−σ2)² for diagonal covariances', () => {
    // σ1 = (1, 2, 3), σ2 = (2, 1, 3): 5 + 1 + 1 + 0
    const d = frechetFromMoments({ mean: Float64Array.from([0, 0, 0]), covariance: diag(1, 4, 9) }, { mean: Float64Array.from([1, 2, 0]), covariance: diag(4, 1, 9) });
    expect(d).toBeCloseTo(7, 10);
  });

  it('matches the closed form for commuting, non-diagonal covariances (same eigenvectors)', () => {
    // Σ = R diag(d) Rᵀ with a 2-D rotation R: the distance only sees the spectra, Σ(√d1−√d2)².
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    const rotated = (a: number, b: number): Float64Array => Float64Array.from([a * c * c + b * s * s, (a - b) * c * s, (a - b) * c * s, a * s * s + b * c * c]);
    const d = frechetFromMoments({ mean: Float64Array.from([1, 1]), covariance: rotated(9, 1) }, { mean: Float64Array.from([1, 3]), covariance: rotated(1, 16) });
    expect(d).toBeCloseTo(4 + (3 - 1) ** 2 + (1 - 4) ** 2, 10);
  });

  it('estimated from samples, approaches the closed form of the Gaussians they came from', () => {
    const rand = rng(3);
    const draw = (mu: number[], sd: number[]): number[][] => Array.from({ length: 20_000 }, () => mu.map((m, i) => m + sd[i] * gaussian(rand)));
    const d = frechetDistance(draw([0, 0], [1, 2]), draw([1, 0], [2, 2]));
    // ||μ1−μ2||² = 1 and (1−2)² + (2−2)² = 1; 20,000 samples leave a few hundredths of estimation noise.
    expect(Math.abs(d - 2)).toBeLessThan(0.15);
  });
});

describe('histogram, coverage and entropy', () => {
  const oneHot = (k: number): number[] => Array.from({ length: 10 }, (_, i) => (i === k ? 0.9 : 0.1 / 9));

  it('counts each sample under its most likely class', () => {
    const probs = [oneHot(3), oneHot(3), oneHot(7), oneHot(0)];
    expect(classHistogram(probs, 10)).toEqual([1, 0, 0, 2, 0, 0, 0, 1, 0, 0]);
    expect(() => classHistogram([[0.5, 0.5]], 10)).toThrow(/10 probabilities/);
  });

  it('scores an even spread as full coverage and entropy 1', () => {
    const r = modeReport(new Array(10).fill(30));
    expect(r).toMatchObject({ total: 300, covered: 10, coverage: 1 });
    expect(r.entropy).toBeCloseTo(1, 12);
  });

  it('scores a single class as coverage 1/10 and entropy 0', () => {
    const r = modeReport([0, 0, 0, 0, 0, 0, 0, 300, 0, 0]);
    expect(r).toMatchObject({ covered: 1, coverage: 0.1, entropy: 0 });
  });

  it('needs a quarter of a fair share to count a class as covered', () => {
    expect(defaultMinShare(10)).toBe(0.025);
    // 400 samples: a class needs 10; 9 stray samples do not make a mode.
    const r = modeReport([100, 100, 100, 81, 9, 10, 0, 0, 0, 0]);
    expect(r.covered).toBe(5);
    // Two equally filled classes out of four: ln 2 / ln 4 = 0.5.
    expect(normalisedEntropy([50, 0, 50, 0])).toBeCloseTo(0.5, 12);
  });
});

describe('2-D toy mixtures', () => {
  const ring = Array.from({ length: 8 }, (_, i) => [2 * Math.cos((2 * Math.PI * i) / 8), 2 * Math.sin((2 * Math.PI * i) / 8)] as const);
  const sigma = 0.02;

  it('assigns points within 3σ of a mode, covers all 8 modes of a faithful sample', () => {
    const rand = rng(4);
    const points = Array.from({ length: 800 }, (_, i) => {
      const [cx, cy] = ring[i % 8];
      return [cx + sigma * gaussian(rand), cy + sigma * gaussian(rand)] as const;
    });
    const r = toyModeReport(points, ring, sigma);
    expect(r.coverage).toBe(1);
    expect(r.highQuality).toBeGreaterThan(0.97);
    expect(r.entropy).toBeGreaterThan(0.99);
    expect(r.radius).toBeCloseTo(0.06, 12);
  });

  it('takes a flat [x0, y0, x1, y1, …] array (generator output) and counts points between modes as low quality', () => {
    const flat = Float32Array.from([2, 0, 2.01, 0, 0, 0, 1, 1]);
    const r = toyModeReport(flat, ring, sigma);
    expect(r.histogram[0]).toBe(2);
    expect(r.total).toBe(4);
    expect(r.highQuality).toBe(0.5);
    expect(() => toyModeReport(Float32Array.from([1, 2, 3]), ring, sigma)).toThrow(/even/);
  });
});

describe('evaluateImages', () => {
  it('flags a one-digit generator, passes real digits, and leaks no tensors', async () => {
    await tf.setBackend('cpu');
    const classifier = await loadClassifier('digits', { readFile: (rel) => readFile(path.join(__dirname, '..', 'public', rel)) });
    const set = decodeImageSet(new Uint8Array(await readFile(path.join(__dirname, '..', heldOutPath('digits')))));
    const heldOut = Array.from({ length: EVAL_HELD_OUT }, (_, i) => imageAt(set, i));
    const realA = heldOut.slice(0, 300);
    const realB = heldOut.slice(300, 600);
    const ones = heldOut.filter((_, i) => set.labels[i] === 1).slice(0, 100);

    const good = await evaluateImages(classifier, realA, realB);
    const before = tf.memory().numTensors;
    const collapsed = await evaluateImages(classifier, ones, realB);
    expect(tf.memory().numTensors).toBe(before);

    expect(good.collapse.collapsed).toBe(false);
    expect(good.coverage).toBe(1);
    expect(good.entropy).toBeGreaterThan(0.95);
    expect(collapsed.collapse.collapsed).toBe(true);
    expect(collapsed.collapse.reason).toMatch(/"1"/);
    expect(collapsed.histogram[1]).toBeGreaterThan(90);
    // Real against real is close; one digit against all ten is far.
    expect(collapsed.fid).toBeGreaterThan(5 * good.fid);
    classifier.dispose();
  });
});
