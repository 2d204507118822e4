import { describe, expect, it } from 'vitest';
import { seededRng } from '../game/rng';
import { fakeProbability, makeJudges, median, nearestDistances, vote } from './lesson-judges';

describe('simulated judges', () => {
  it('call real-looking images real and static fake, sharper judges more firmly', () => {
    const avg = { sharpness: 1 };
    expect(fakeProbability(1, avg)).toBeCloseTo(0.119, 3);
    expect(fakeProbability(1.5, avg)).toBe(0.5);
    expect(fakeProbability(5, avg)).toBeGreaterThan(0.999);
    expect(fakeProbability(1, { sharpness: 1.5 })).toBeLessThan(fakeProbability(1, { sharpness: 0.5 }));
  });

  it('tally every judge on every image, errors by truth', () => {
    const rng = seededRng(4);
    const judges = makeJudges(30, rng);
    const r = vote([1, 6, 1, 6], ['real', 'fake', 'fake', 'real'], judges, rng);
    expect(r.votes).toEqual([30, 30, 30, 30]);
    expect(r.fakeVotes[1]).toBe(30);
    expect(r.fakeVotes[0]).toBeLessThan(15);
    for (const t of r.tallies) expect([t.fakeJudged, t.realJudged]).toEqual([2, 2]);
    // The fake at z = 1 fools most judges; the real at z = 6 is called fake by all.
    expect(r.tallies.reduce((s, t) => s + t.realCalledFake, 0)).toBeGreaterThanOrEqual(30);
  });

  it('measures nearest distances, leaving an image itself out when asked', () => {
    const ref = [[0, 0], [3, 4], [10, 0]];
    expect(nearestDistances([[0, 0]], ref)).toEqual([0]);
    expect(nearestDistances(ref, ref, [0, 1, 2])).toEqual([5, 5, Math.sqrt(65)]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
