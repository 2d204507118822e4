/**
 * The little dense linear algebra the Fréchet distance needs, in plain TypeScript on Float64Array so it
 * runs the same on the server, in a worker and in a page, and in double precision: FID subtracts
 * traces of similar size, and float32 would leave noise of the order of the answer for close sets.
 *
 * Matrices are square, row-major Float64Array of length n*n.
 */

export interface Eigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Row-major n×n; column j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

function sizeOf(a: Float64Array): number {
  const n = Math.round(Math.sqrt(a.length));
  if (n * n !== a.length) throw new Error(`expected a square matrix, got ${a.length} entries`);
  return n;
}

export function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

export function matMul(a: Float64Array, b: Float64Array): Float64Array {
  const n = sizeOf(a);
  if (b.length !== a.length) throw new Error(`cannot multiply ${n}×${n} by a matrix of ${b.length} entries`);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}

export function trace(a: Float64Array): number {
  const n = sizeOf(a);
  let t = 0;
  for (let i = 0; i < n; i++) t += a[i * n + i];
  return t;
}

/** (A + Aᵀ)/2: removes the rounding asymmetry products like S½ Σ S½ pick up before Jacobi. */
export function symmetrize(a: Float64Array): Float64Array {
  const n = sizeOf(a);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = (a[i * n + j] + a[j * n + i]) / 2;
  return out;
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan §8.5).
 * Chosen over QR for being short, unconditionally stable and accurate on the small (≤ 64×64)
 * covariances here; each sweep zeroes every off-diagonal entry once, and a handful of sweeps
 * converge quadratically.
 */
export function jacobiEigen(matrix: Float64Array, options: { tolerance?: number; maxSweeps?: number } = {}): Eigen {
  const n = sizeOf(matrix);
  const a = Float64Array.from(matrix);
  const v = identity(n);
  const tolerance = options.tolerance ?? 1e-14;
  const maxSweeps = options.maxSweeps ?? 100;
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale += a[i] * a[i];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off <= tolerance * tolerance * scale || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        // The rotation angle that zeroes a[p][q], taking the smaller root for stability.
        const tau = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from];
  });
  return { values, vectors };
}

/** V f(Λ) Vᵀ for a symmetric matrix. */
export function applyToEigenvalues(matrix: Float64Array, f: (lambda: number) => number): Float64Array {
  const n = sizeOf(matrix);
  const { values, vectors } = jacobiEigen(symmetrize(matrix));
  const fl = values.map(f);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += vectors[i * n + k] * fl[k] * vectors[j * n + k];
      out[i * n + j] = sum;
      out[j * n + i] = sum;
    }
  }
  return out;
}

/**
 * Principal square root of a symmetric positive semi-definite matrix. Covariances estimated from
 * fewer samples than dimensions are singular, and rounding then leaves eigenvalues like -1e-17:
 * they are clamped to 0 rather than producing NaN.
 */
export function sqrtPsd(matrix: Float64Array): Float64Array {
  return applyToEigenvalues(matrix, (l) => Math.sqrt(Math.max(0, l)));
}

export interface Moments {
  mean: Float64Array;
  /** d×d unbiased covariance (divides by count − 1). */
  covariance: Float64Array;
  count: number;
}

/** Mean and covariance of a set of equal-length rows. */
export function meanAndCovariance(rows: readonly ArrayLike<number>[]): Moments {
  if (rows.length < 2) throw new Error(`need at least 2 rows for a covariance, got ${rows.length}`);
  const d = rows[0].length;
  const mean = new Float64Array(d);
  for (const r of rows) {
    if (r.length !== d) throw new Error(`rows differ in length: ${r.length} vs ${d}`);
    for (let j = 0; j < d; j++) mean[j] += r[j];
  }
  for (let j = 0; j < d; j++) mean[j] /= rows.length;
  const covariance = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (const r of rows) {
    for (let j = 0; j < d; j++) centred[j] = r[j] - mean[j];
    for (let i = 0; i < d; i++) {
      const ci = centred[i];
      if (ci === 0) continue;
      for (let j = i; j < d; j++) covariance[i * d + j] += ci * centred[j];
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const c = covariance[i * d + j] / (rows.length - 1);
      covariance[i * d + j] = c;
      covariance[j * d + i] = c;
    }
  }
  return { mean, covariance, count: rows.length };
}

/** Index of the largest entry (the first, on ties). */
export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}
