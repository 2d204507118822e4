import { describe, expect, it } from 'vitest';
import { applyToEigenvalues, argmax, identity, jacobiEigen, matMul, meanAndCovariance, sqrtPsd, trace } from './linalg';

/** Seeded so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomSpd(n: number, rank: number, rand: () => number): Float64Array {
  // B Bᵀ with B n×rank: positive semi-definite, singular when rank < n.
  const b = Array.from({ length: n * rank }, () => rand() * 2 - 1);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < rank; k++) out[i * n + j] += b[i * rank + k] * b[j * rank + k];
  return out;
}

function column(m: Float64Array, n: number, j: number): number[] {
  return Array.from({ length: n }, (_, i) => m[i * n + j]);
}

/** Equal up to sign, as eigenvectors are. */
function expectVector(actual: number[], expected: number[]): void {
  const sign = Math.sign(actual.reduce((s, a, i) => s + a * expected[i], 0));
  actual.forEach((a, i) => expect(a * sign).toBeCloseTo(expected[i], 12));
}

describe('jacobiEigen', () => {
  it('solves [[2,1],[1,2]] by hand: eigenvalues 3 and 1, vectors (1,1)/√2 and (1,−1)/√2', () => {
    const { values, vectors } = jacobiEigen(Float64Array.from([2, 1, 1, 2]));
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expectVector(column(vectors, 2, 0), [Math.SQRT1_2, Math.SQRT1_2]);
    expectVector(column(vectors, 2, 1), [Math.SQRT1_2, -Math.SQRT1_2]);
  });

  it('solves the 3×3 second-difference matrix: eigenvalues 2+√2, 2, 2−√2', () => {
    const { values, vectors } = jacobiEigen(Float64Array.from([2, -1, 0, -1, 2, -1, 0, -1, 2]));
    expect(Array.from(values)).toEqual([expect.closeTo(2 + Math.SQRT2, 12), expect.closeTo(2, 12), expect.closeTo(2 - Math.SQRT2, 12)]);
    expectVector(column(vectors, 3, 0), [0.5, -Math.SQRT1_2, 0.5]);
    expectVector(column(vectors, 3, 1), [Math.SQRT1_2, 0, -Math.SQRT1_2]);
    expectVector(column(vectors, 3, 2), [0.5, Math.SQRT1_2, 0.5]);
  });

  it('leaves a diagonal matrix alone and sorts its values', () => {
    const { values } = jacobiEigen(Float64Array.from([1, 0, 0, 0, 5, 0, 0, 0, 3]));
    expect(Array.from(values)).toEqual([5, 3, 1]);
  });

  it('satisfies A V = V Λ with orthonormal V on a random 40×40 symmetric matrix', () => {
    const n = 40;
    const a = randomSpd(n, n, rng(1));
    const { values, vectors } = jacobiEigen(a);
    const av = matMul(a, vectors);
    const scale = values[0];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(av[i * n + j] - vectors[i * n + j] * values[j])).toBeLessThan(1e-10 * scale);
    const vtv = matMul(transpose(vectors, n), vectors);
    const id = identity(n);
    vtv.forEach((v, i) => expect(v).toBeCloseTo(id[i], 10));
  });
});

function transpose(m: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] = m[i * n + j];
  return out;
}

describe('sqrtPsd', () => {
  it('squares back to the original for a full-rank matrix', () => {
    const a = randomSpd(12, 12, rng(2));
    const r = sqrtPsd(a);
    matMul(r, r).forEach((v, i) => expect(v).toBeCloseTo(a[i], 10));
  });

  it('handles a singular covariance (rank 3 of 10) without NaN', () => {
    const a = randomSpd(10, 3, rng(3));
    const r = sqrtPsd(a);
    expect(r.every(Number.isFinite)).toBe(true);
    matMul(r, r).forEach((v, i) => expect(v).toBeCloseTo(a[i], 8));
  });

  it('matches the hand value for diag(4, 9)', () => {
    expect(Array.from(sqrtPsd(Float64Array.from([4, 0, 0, 9])))).toEqual([2, 0, 0, 3]);
  });

  it('applies any function to the spectrum: the inverse of [[2,1],[1,2]] is [[2,−1],[−1,2]]/3', () => {
    const inv = applyToEigenvalues(Float64Array.from([2, 1, 1, 2]), (l) => 1 / l);
    [2 / 3, -1 / 3, -1 / 3, 2 / 3].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 14));
  });
});

describe('meanAndCovariance and helpers', () => {
  it('computes the unbiased covariance of a hand-sized set', () => {
    const { mean, covariance } = meanAndCovariance([
      [1, 2],
      [3, 2],
      [5, 8],
    ]);
    expect(Array.from(mean)).toEqual([3, 4]);
    // deviations x: −2, 0, 2; y: −2, −2, 4 → var x 8/2, cov 12/2, var y 24/2
    expect(Array.from(covariance)).toEqual([4, 6, 6, 12]);
  });

  it('refuses too few or ragged rows', () => {
    expect(() => meanAndCovariance([[1, 2]])).toThrow(/at least 2/);
    expect(() => meanAndCovariance([[1, 2], [1]])).toThrow(/differ/);
  });

  it('trace, argmax and a non-square refusal', () => {
    expect(trace(Float64Array.from([1, 2, 3, 4]))).toBe(5);
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(() => trace(new Float64Array(3))).toThrow(/square/);
  });
});
