import type { Interval } from './protocol';
import { type Rng, randomInt } from './rng';

/**
 * Percentile bootstrap interval for a proportion of 0/1 outcomes.
 * With few votes the interval is wide, and the screen should say so rather than hide it.
 */
export function bootstrapProportion(outcomes: readonly (0 | 1)[], rng: Rng, resamples = 1000, level = 0.95): Interval | null {
  const n = outcomes.length;
  if (n === 0) return null;
  // Resampling n outcomes with replacement from a 0/1 vector is a binomial draw; doing it by index keeps it exact.
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += outcomes[randomInt(rng, n)];
    means[r] = s / n;
  }
  means.sort();
  const lowIdx = Math.floor(((1 - level) / 2) * resamples);
  const highIdx = Math.min(resamples - 1, Math.ceil((1 - (1 - level) / 2) * resamples) - 1);
  return { low: means[lowIdx], high: means[highIdx] };
}
