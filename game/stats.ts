import type { Interval } from './protocol';
import type { Rng } from './rng';

/**
 * Percentile bootstrap interval for a proportion of 0/1 outcomes.
 * With few votes the interval is wide, and the screen should say so rather than hide it.
 */
export function bootstrapProportion(outcomes: readonly (0 | 1)[], rng: Rng, resamples = 1000, level = 0.95): Interval | null {
  const n = outcomes.length;
  if (n === 0) return null;
  let ones = 0;
  for (const x of outcomes) ones += x;
  const p = ones / n;
  // Resampling n outcomes with replacement from a 0/1 vector is a Binomial(n, p̂) draw. Small n: draw it
  // exactly, by inverting the binomial CDF (one uniform and a binary search a resample; drawing it
  // outcome by outcome cost n, and a room's projector asked for it thousands of times). Large n (a
  // school assembly: thousands of votes): the normal approximation, indistinguishable at screen precision.
  const cdf = n <= EXACT_UP_TO ? binomialCdf(n, p) : null;
  const sd = Math.sqrt(n * p * (1 - p));
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    if (cdf) {
      const u = rng();
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      means[r] = lo / n;
    } else {
      means[r] = Math.min(n, Math.max(0, Math.round(n * p + sd * gaussian(rng)))) / n;
    }
  }
  means.sort();
  const lowIdx = Math.floor(((1 - level) / 2) * resamples);
  const highIdx = Math.min(resamples - 1, Math.ceil((1 - (1 - level) / 2) * resamples) - 1);
  return { low: means[lowIdx], high: means[highIdx] };
}

/** P(K ≤ k) for K ~ Binomial(n, p), k = 0..n; the last entry is exactly 1. Worked out in logs so no term underflows. */
export function binomialCdf(n: number, p: number): Float64Array {
  const cdf = new Float64Array(n + 1);
  if (p <= 0 || p >= 1) {
    // Every resample is all zeros or all ones.
    cdf.fill(1, p <= 0 ? 0 : n);
    return cdf;
  }
  const logPmf = new Float64Array(n + 1);
  logPmf[0] = n * Math.log1p(-p);
  const odds = Math.log(p) - Math.log1p(-p);
  for (let k = 0; k < n; k++) logPmf[k + 1] = logPmf[k] + Math.log((n - k) / (k + 1)) + odds;
  const top = Math.max(...logPmf);
  let total = 0;
  for (let k = 0; k <= n; k++) total += cdf[k] = Math.exp(logPmf[k] - top);
  let run = 0;
  for (let k = 0; k <= n; k++) cdf[k] = run += cdf[k] / total;
  cdf[n] = 1;
  return cdf;
}

/** Above this many outcomes the binomial resample uses its normal approximation. */
export const EXACT_UP_TO = 400;

/** A standard normal draw (Box–Muller). */
function gaussian(rng: Rng): number {
  const u = Math.max(rng(), Number.MIN_VALUE);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
