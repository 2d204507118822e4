import type { Hype, Interval } from './protocol';
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

/** One judge's judgments: on generated images and on real ones, and how many of each they got wrong. */
export interface JudgeTally {
  fakeJudged: number;
  fakeCalledReal: number;
  realJudged: number;
  realCalledFake: number;
}

/**
 * HYPE∞ (Zhou et al. 2019): each judge's error rate over every image they judged, averaged over the
 * judges; 50% is chance (the room cannot tell real from fake). The 95% interval is a percentile
 * bootstrap over JUDGES: one judge's votes go up and down together (a sharp judge is sharp on every
 * image), so resampling votes as if independent makes the interval too narrow; resampling whole
 * judges keeps that. fakeError / realError: the mean over judges of their error on fakes (judges who
 * judged a fake) and on reals (judges who judged a real). Judges with no judgment are left out; with
 * fewer than two judges there is nothing to resample and the interval is null. Deterministic given rng.
 */
export function hypeInfinity(judges: readonly JudgeTally[], rng: Rng, resamples = 1000, level = 0.95): Hype {
  const rates: number[] = [];
  let fakeSum = 0;
  let fakeN = 0;
  let realSum = 0;
  let realN = 0;
  for (const j of judges) {
    const judged = j.fakeJudged + j.realJudged;
    if (judged <= 0) continue;
    rates.push((j.fakeCalledReal + j.realCalledFake) / judged);
    if (j.fakeJudged > 0) {
      fakeSum += j.fakeCalledReal / j.fakeJudged;
      fakeN++;
    }
    if (j.realJudged > 0) {
      realSum += j.realCalledFake / j.realJudged;
      realN++;
    }
  }
  const n = rates.length;
  const score = n ? mean(rates) : null;
  return {
    score,
    interval: n >= 2 ? bootstrapMean(rates, rng, resamples, level) : null,
    fakeError: fakeN ? fakeSum / fakeN : null,
    realError: realN ? realSum / realN : null,
    judges: n,
  };
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Above this many values a resampled mean is drawn from its normal approximation. */
export const MEAN_EXACT_UP_TO = 100;

/**
 * Percentile bootstrap interval for a mean of rates: resample the values with replacement. Up to
 * MEAN_EXACT_UP_TO values each resample is drawn value by value; above, a resample of n values costs n
 * draws, too much for a big room's projector, and the resampled mean is drawn from its normal
 * approximation (mean, sd/√n), indistinguishable at screen precision, kept inside [0, 1].
 */
export function bootstrapMean(xs: readonly number[], rng: Rng, resamples = 1000, level = 0.95): Interval | null {
  const n = xs.length;
  if (n === 0) return null;
  const m = mean(xs);
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / n);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    if (n <= MEAN_EXACT_UP_TO) {
      let s = 0;
      for (let i = 0; i < n; i++) s += xs[Math.floor(rng() * n)];
      means[r] = s / n;
    } else {
      means[r] = Math.min(1, Math.max(0, m + (sd / Math.sqrt(n)) * gaussian(rng)));
    }
  }
  means.sort();
  const lowIdx = Math.floor(((1 - level) / 2) * resamples);
  const highIdx = Math.min(resamples - 1, Math.ceil((1 - (1 - level) / 2) * resamples) - 1);
  return { low: means[lowIdx], high: means[highIdx] };
}
