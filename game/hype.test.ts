/**
 * HYPE∞ and its interval, checked by simulation against a known truth, and the reason it replaced the
 * vote-level interval: a judge's votes are not independent of each other.
 */
import { describe, expect, it } from 'vitest';
import { type Rng, seededRng } from './rng';
import { type JudgeTally, bootstrapMean, bootstrapProportion, hypeInfinity, normalCdf, normalQuantile, studentQuantile } from './stats';

/** Kumaraswamy(a, b): a Beta-like spread on [0, 1] with a closed-form inverse CDF. */
const kumaraswamy = (rng: Rng, a: number, b: number) => (1 - (1 - rng()) ** (1 / b)) ** (1 / a);
/** Its mean, ∫₀¹ P(X > x) dx = ∫₀¹ (1 − xᵃ)ᵇ dx, by the midpoint rule (error far below the test's tolerances). */
function kumaraswamyMean(a: number, b: number): number {
  const steps = 200_000;
  let s = 0;
  for (let i = 0; i < steps; i++) s += (1 - ((i + 0.5) / steps) ** a) ** b;
  return s / steps;
}

/**
 * The generative process. A room has a pool of 12 real and 12 generated images; image i has its own
 * difficulty q_i, the chance that a judge who does not see through it gets it wrong (a fake called
 * real, a real called fake), drawn Beta-like: fakes spread widely around the middle, reals mostly
 * easy. Each judge has a skill s_j (the chance of seeing through any image), drawn U-shaped: a class
 * has sharp judges and guessers. A judge judges a random subset of 6–12 of the pool (mixed real and
 * fake) and errs on image i with probability (1 − s_j)·q_i.
 *
 * The truth: the expected HYPE∞ of the population of judges on the room's images. A judge's subset is
 * uniform, so their expected error rate is (1 − s_j)·mean(q), and over the population of judges it is
 * (1 − E[s])·mean(q), E[s] worked out analytically.
 */
const SKILL = { a: 0.6, b: 0.6 };
const FAKE_Q = { a: 2, b: 2 };
const REAL_Q = { a: 1, b: 3 };
const POOL = 12;

interface SimRoom {
  judges: JudgeTally[];
  /** Every vote, 1 for an error: what the old interval resampled. */
  votes: (0 | 1)[];
  truth: number;
}

function simulateRoom(rng: Rng, meanSkill: number): SimRoom {
  const pool = [
    ...Array.from({ length: POOL }, () => ({ fake: true, q: kumaraswamy(rng, FAKE_Q.a, FAKE_Q.b) })),
    ...Array.from({ length: POOL }, () => ({ fake: false, q: kumaraswamy(rng, REAL_Q.a, REAL_Q.b) })),
  ];
  const truth = (1 - meanSkill) * (pool.reduce((s, img) => s + img.q, 0) / pool.length);
  const judgeCount = 12 + Math.floor(rng() * 29); // 12–40 judges: a class
  const judges: JudgeTally[] = [];
  const votes: (0 | 1)[] = [];
  const order = pool.map((_, i) => i);
  for (let j = 0; j < judgeCount; j++) {
    const skill = kumaraswamy(rng, SKILL.a, SKILL.b);
    const k = 6 + Math.floor(rng() * 7); // 6–12 images
    // A uniform random subset: the first k of a partial Fisher–Yates shuffle.
    for (let i = 0; i < k; i++) {
      const r = i + Math.floor(rng() * (order.length - i));
      [order[i], order[r]] = [order[r], order[i]];
    }
    const t: JudgeTally = { fakeJudged: 0, fakeCalledReal: 0, realJudged: 0, realCalledFake: 0 };
    for (let i = 0; i < k; i++) {
      const img = pool[order[i]];
      const wrong = rng() < (1 - skill) * img.q;
      if (img.fake) {
        t.fakeJudged++;
        if (wrong) t.fakeCalledReal++;
      } else {
        t.realJudged++;
        if (wrong) t.realCalledFake++;
      }
      votes.push(wrong ? 1 : 0);
    }
    judges.push(t);
  }
  return { judges, votes, truth };
}

describe('hypeInfinity', () => {
  it('averages each judge’s error rate, not the votes, and splits fakes from reals per judge', () => {
    const judges: JudgeTally[] = [
      // 1 of 4 wrong (fakes 1/2, reals 0/2): 25%
      { fakeJudged: 2, fakeCalledReal: 1, realJudged: 2, realCalledFake: 0 },
      // 6 of 8 wrong (fakes 4/4, reals 2/4): 75%
      { fakeJudged: 4, fakeCalledReal: 4, realJudged: 4, realCalledFake: 2 },
      // only fakes, 0 of 1 wrong: 0%
      { fakeJudged: 1, fakeCalledReal: 0, realJudged: 0, realCalledFake: 0 },
      // judged nothing: left out
      { fakeJudged: 0, fakeCalledReal: 0, realJudged: 0, realCalledFake: 0 },
    ];
    const h = hypeInfinity(judges, seededRng(1));
    expect(h.judges).toBe(3);
    expect(h.score).toBeCloseTo((0.25 + 0.75 + 0) / 3, 12); // pooled votes would say 7/13
    expect(h.fakeError).toBeCloseTo((0.5 + 1 + 0) / 3, 12);
    expect(h.realError).toBeCloseTo((0 + 0.5) / 2, 12);
    expect(h.interval!.low).toBeGreaterThanOrEqual(0);
    expect(h.interval!.low).toBeLessThanOrEqual(h.score!);
    expect(h.interval!.high).toBeGreaterThanOrEqual(h.score!);
    expect(h.interval!.high).toBeLessThanOrEqual(0.75);
    // Deterministic given the rng.
    expect(hypeInfinity(judges, seededRng(1))).toEqual(h);
  });

  it('widens small rooms’ intervals as Student’s t would (the expanded percentile bootstrap)', () => {
    expect(studentQuantile(0.975, 11)).toBeCloseTo(2.201, 3);
    expect(studentQuantile(0.975, 39)).toBeCloseTo(2.0227, 3);
    expect(studentQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    // Twelve judges: the interval reaches further out than the plain 2.5th–97.5th percentiles.
    const rates = [0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.5, 0.6, 0.7, 0.8, 1];
    const expanded = bootstrapMean(rates, seededRng(5))!;
    const draws = seededRng(5);
    const plain = Array.from({ length: 1000 }, () => rates.reduce((s) => s + rates[Math.floor(draws() * rates.length)], 0) / rates.length).sort((a, b) => a - b);
    expect(expanded.low).toBeLessThan(plain[25]);
    expect(expanded.high).toBeGreaterThan(plain[974]);
  });

  it('has no interval with fewer than two judges, and no score with none', () => {
    const one = hypeInfinity([{ fakeJudged: 3, fakeCalledReal: 1, realJudged: 3, realCalledFake: 2 }], seededRng(2));
    expect(one).toEqual({ score: 0.5, interval: null, fakeError: 1 / 3, realError: 2 / 3, judges: 1 });
    expect(hypeInfinity([], seededRng(2))).toEqual({ score: null, interval: null, fakeError: null, realError: null, judges: 0 });
  });

  it('resamples a big room’s mean from its normal approximation, close to the exact bootstrap', () => {
    const rng = seededRng(3);
    const rates = Array.from({ length: 2000 }, () => Math.floor(rng() * 13) / 12);
    const big = bootstrapMean(rates, seededRng(4))!;
    const m = rates.reduce((s, x) => s + x, 0) / rates.length;
    const sd = Math.sqrt(rates.reduce((s, x) => s + (x - m) ** 2, 0) / rates.length / rates.length);
    expect(big.low).toBeCloseTo(m - 1.96 * sd, 2);
    expect(big.high).toBeCloseTo(m + 1.96 * sd, 2);
  });

  it('covers the true HYPE∞ in ≥ 90% of simulated classrooms, where the old vote-level interval clearly falls short', () => {
    const SEED = 20191204;
    const ROOMS = 600;
    const rng = seededRng(SEED);
    const meanSkill = kumaraswamyMean(SKILL.a, SKILL.b);
    let judgeCovers = 0;
    let voteCovers = 0;
    let judgeWidth = 0;
    let voteWidth = 0;
    // Not asserted, printed for honesty: the judge bootstrap speaks for these images. Against the
    // generator's expected HYPE∞ over fresh images it covers less, since a room sees only 24 of them.
    const generatorTruth = (1 - meanSkill) * (kumaraswamyMean(FAKE_Q.a, FAKE_Q.b) + kumaraswamyMean(REAL_Q.a, REAL_Q.b)) / 2;
    let generatorCovers = 0;
    for (let r = 0; r < ROOMS; r++) {
      const room = simulateRoom(rng, meanSkill);
      const h = hypeInfinity(room.judges, rng);
      const old = bootstrapProportion(room.votes, rng)!;
      if (h.interval!.low <= room.truth && room.truth <= h.interval!.high) judgeCovers++;
      if (old.low <= room.truth && room.truth <= old.high) voteCovers++;
      if (h.interval!.low <= generatorTruth && generatorTruth <= h.interval!.high) generatorCovers++;
      judgeWidth += h.interval!.high - h.interval!.low;
      voteWidth += old.high - old.low;
    }
    const judgeCoverage = judgeCovers / ROOMS;
    const voteCoverage = voteCovers / ROOMS;
    console.log(
      `HYPE∞ 95% intervals over ${ROOMS} simulated rooms (seed ${SEED}): judge bootstrap covers the truth in ` +
        `${(100 * judgeCoverage).toFixed(1)}% (mean width ${((100 * judgeWidth) / ROOMS).toFixed(1)} points), ` +
        `vote bootstrap in ${(100 * voteCoverage).toFixed(1)}% (mean width ${((100 * voteWidth) / ROOMS).toFixed(1)} points); ` +
        `the judge bootstrap covers the generator's HYPE∞ over fresh images in ${((100 * generatorCovers) / ROOMS).toFixed(1)}%`,
    );
    expect(judgeCoverage).toBeGreaterThanOrEqual(0.9);
    expect(voteCoverage).toBeLessThan(judgeCoverage - 0.05);
  });
});
