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
  // exactly, outcome by outcome. Large n (a school assembly: thousands of votes): its normal
  // approximation is indistinguishable at screen precision and costs O(1) a resample instead of O(n).
  const exact = n <= EXACT_UP_TO;
  const sd = Math.sqrt(n * p * (1 - p));
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    if (exact) {
      let k = 0;
      for (let i = 0; i < n; i++) k += rng() < p ? 1 : 0;
      means[r] = k / n;
    } else {
      means[r] = Math.min(n, Math.max(0, Math.round(n * p + sd * gaussian(rng)))) / n;
    }
  }
  means.sort();
  const lowIdx = Math.floor(((1 - level) / 2) * resamples);
  const highIdx = Math.min(resamples - 1, Math.ceil((1 - (1 - level) / 2) * resamples) - 1);
  return { low: means[lowIdx], high: means[highIdx] };
}

/** Above this many outcomes the binomial resample uses its normal approximation. */
export const EXACT_UP_TO = 400;

/** A standard normal draw (Box–Muller). */
function gaussian(rng: Rng): number {
  const u = Math.max(rng(), Number.MIN_VALUE);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
