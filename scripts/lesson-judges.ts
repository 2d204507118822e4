/**
 * Simulated judges for `npm run bench:lesson`: how 30 students might vote on a round's images,
 * from how far each image sits from real data in the project classifier's feature space.
 *
 * An image's strangeness z is the distance from its classifier features to the nearest of the
 * held-out real images' features, over d0, the median of that distance for a real image (leave one
 * out). A real image has z ≈ 1; static and blobs have z of several. Judge j says "fake" with
 * probability σ(4·sⱼ·(z − 1.5)), sⱼ ~ U(0.5, 1.5) their sharpness: a real image is called fake about
 * 12% of the time by an average judge, a sample at z = 1.5 is a coin flip, static is always caught.
 * A model, not people: it stands in for the room so that the human term and HYPE∞ can be replayed.
 */
import type { Rng } from '../game/rng';
import type { JudgeTally } from '../game/stats';

export interface Judge {
  sharpness: number;
}

export function makeJudges(n: number, rng: Rng): Judge[] {
  return Array.from({ length: n }, () => ({ sharpness: 0.5 + rng() }));
}

export function fakeProbability(z: number, judge: Judge): number {
  return 1 / (1 + Math.exp(-4 * judge.sharpness * (z - 1.5)));
}

const dist2 = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
};

/** Distance from each of `features` to its nearest in `reference`, skipping index `skip[i]` (leave one out). */
export function nearestDistances(features: readonly ArrayLike<number>[], reference: readonly ArrayLike<number>[], skip?: readonly number[]): number[] {
  return features.map((f, i) => {
    let best = Infinity;
    reference.forEach((r, k) => {
      if (skip && skip[i] === k) return;
      best = Math.min(best, dist2(f, r));
    });
    return Math.sqrt(best);
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface RoundVotes {
  /** Per image: how many judges voted and how many said fake. */
  fakeVotes: number[];
  votes: number[];
  /** Per judge, for HYPE∞. */
  tallies: JudgeTally[];
}

/** Every judge votes on every image. */
export function vote(z: readonly number[], truth: readonly ('real' | 'fake')[], judges: readonly Judge[], rng: Rng): RoundVotes {
  const fakeVotes = z.map(() => 0);
  const tallies = judges.map((judge) => {
    const t: JudgeTally = { fakeJudged: 0, fakeCalledReal: 0, realJudged: 0, realCalledFake: 0 };
    z.forEach((zi, i) => {
      const saysFake = rng() < fakeProbability(zi, judge);
      if (saysFake) fakeVotes[i]++;
      if (truth[i] === 'fake') {
        t.fakeJudged++;
        if (!saysFake) t.fakeCalledReal++;
      } else {
        t.realJudged++;
        if (saysFake) t.realCalledFake++;
      }
    });
    return t;
  });
  return { fakeVotes, votes: z.map(() => judges.length), tallies };
}
