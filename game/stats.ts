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
 * Expanded percentile bootstrap interval (Hesterberg 2015) for a mean of rates: resample the values
 * with replacement, and read the resampled means at percentiles pushed out so that, for a normal
 * sample, the interval matches Student's t: α' = 2Φ(−√(n/(n−1))·t(1−α/2, n−1)). The plain percentile
 * interval is too narrow with a class of 12–40 judges (it covered 93% in simulation; game/hype.test.ts).
 * Up to MEAN_EXACT_UP_TO values each resample is drawn value by value; above, a resample of n values
 * costs n draws, too much for a big room's projector, and the resampled mean is drawn from its normal
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
  const tail = n >= 2 ? 2 * normalCdf(-Math.sqrt(n / (n - 1)) * studentQuantile(1 - (1 - level) / 2, n - 1)) : 1 - level;
  const lowIdx = Math.min(resamples - 1, Math.floor((tail / 2) * resamples));
  const highIdx = Math.max(0, Math.min(resamples - 1, Math.ceil((1 - tail / 2) * resamples) - 1));
  return { low: means[lowIdx], high: means[highIdx] };
}

/** Φ(x), the standard normal CDF (Abramowitz & Stegun 7.1.26: error below 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Φ⁻¹(p) (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lowP = 0.02425;
  if (p < lowP) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lowP) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Student's t quantile with ν degrees of freedom, by the Cornish–Fisher expansion around the normal
 * quantile (Abramowitz & Stegun 26.7.5): at 97.5% within 0.1% of the exact value from ν = 3 (0.8%
 * at ν = 2), closer as ν grows. ν = 1 (two judges) is the Cauchy quantile, exactly.
 */
export function studentQuantile(p: number, nu: number): number {
  if (nu <= 1) return Math.tan(Math.PI * (p - 0.5));
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z2 + 1) * z / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
}
