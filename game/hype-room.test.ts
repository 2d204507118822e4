/** HYPE∞ in a room: a round's known ballots give the expected score on the reveal and in the level's realism. */
import { describe, expect, it } from 'vitest';
import { HOST, harness } from './test-harness';
import { hostView } from './views';
import type { Room } from './state';

/**
 * Three judges on six images: p0 right on every image (error 0), p1 "real" to every image (wrong on
 * the F fakes: F/6), p2 "real" to one fake and one real only (1 of 2 wrong).
 */
function judgedRound() {
  const h = harness({ roundSeconds: 10 });
  h.join();
  h.join();
  h.join();
  h.startRound();
  const images = h.images();
  const fake = images.find((i) => i.truth === 'fake')!;
  const real = images.find((i) => i.truth === 'real')!;
  for (const img of images) h.vote(0, img.id, img.truth);
  for (const img of images) h.vote(1, img.id, 'real');
  h.vote(2, fake.id, 'real');
  h.vote(2, real.id, 'real');
  h.later(11_000).send({ type: 'tick' }); // p2 leaves four unjudged: the deadline closes the round
  expect(h.state.phase.kind).toBe('reveal');
  const fakes = images.filter((i) => i.truth === 'fake').length;
  const expected = {
    score: (0 + fakes / 6 + 1 / 2) / 3,
    fakeError: (0 + 1 + 1) / 3,
    realError: (0 + 0 + 0) / 3,
    judges: 3,
  };
  return { h, expected, fakes };
}

describe('HYPE∞ in the room', () => {
  it('scores the reveal per judge, and the projector’s reveal view carries it next to the old fooled rate', () => {
    const { h, expected, fakes } = judgedRound();
    const phase = h.state.phase;
    if (phase.kind !== 'reveal') throw new Error();
    expect(phase.results.hype).toMatchObject(expected);
    expect(phase.results.hype!.score).toBeCloseTo(expected.score, 12);
    const { low, high } = phase.results.hype!.interval!;
    expect(low).toBeLessThanOrEqual(expected.score);
    expect(high).toBeGreaterThanOrEqual(expected.score);
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThanOrEqual(1);
    // The old vote-pooled figure stays: of 2·fakes + 1 votes on fakes, fakes + 1 said real (p1's and p2's).
    expect(phase.results.fooledRate).toBeCloseTo((fakes + 1) / (2 * fakes + 1), 12);
    const view = hostView(h.state, h.now).phase;
    if (view.kind !== 'reveal') throw new Error();
    expect(view.hype).toEqual(phase.results.hype);
    expect(view.fooledRate).toBe(phase.results.fooledRate);
  });

  it('pools each judge over the level’s rounds for the level’s realism', () => {
    const { h, expected } = judgedRound();
    h.send({ type: 'advance', hostToken: HOST }); // end the reveal
    expect(h.state.phase.kind).toBe('training');
    expect(h.state.players[2].perLevel[1]).toMatchObject({ correct: 1, judged: 2, fakeJudged: 1, fakeCalledReal: 1, realJudged: 1, realCalledFake: 0 });
    const realism = hostView(h.state, h.now).realism!;
    expect(realism.hype).toMatchObject(expected);
    expect(realism.hype!.score).toBeCloseTo(expected.score, 12);
    expect(realism.hype!.interval).not.toBeNull();
  });

  it('shows no HYPE∞, and does not crash, for a room saved before it existed', () => {
    const { h } = judgedRound();
    const phase = h.state.phase;
    if (phase.kind !== 'reveal') throw new Error();
    const { hype: _, ...oldResults } = phase.results;
    const old: Room = {
      ...h.state,
      players: h.state.players.map((p) => ({ ...p, perLevel: { 1: { correct: p.perLevel[1].correct, judged: p.perLevel[1].judged, answerMs: p.perLevel[1].answerMs } } })),
      phase: { ...phase, results: oldResults },
    };
    const view = hostView(old, h.now);
    if (view.phase.kind !== 'reveal') throw new Error();
    expect(view.phase.hype).toBeNull();
    // After the reveal the level's pooled figures are there as before, without a HYPE∞ to show.
    h.send({ type: 'advance', hostToken: HOST });
    const training: Room = { ...h.state, players: old.players };
    const realism = hostView(training, h.now).realism!;
    expect(realism.judgments).toBeGreaterThan(0);
    expect(realism.hype).toBeNull();
  });
});

describe('HYPE∞ on the teacher’s page (server/db/stats.ts realismByLevel)', () => {
  it('groups the level’s vote rows by judge', async () => {
    const { realismByLevel } = await import('../server/db/stats');
    const row = (playerId: string, level: number, truth: 'real' | 'fake', verdict: 'real' | 'fake', i: number) => ({ playerId, round: 1, level, imageId: `i${i}`, truth, verdict, answerMs: 1000 });
    const votes = [
      // a: 1 of 4 wrong (a fake called real)
      row('a', 1, 'fake', 'real', 0), row('a', 1, 'fake', 'fake', 1), row('a', 1, 'real', 'real', 2), row('a', 1, 'real', 'real', 3),
      // b: 1 of 1 wrong (a real called fake)
      row('b', 1, 'real', 'fake', 2),
      // another level's vote: not counted
      row('c', 2, 'fake', 'real', 4),
    ];
    const [r] = realismByLevel(votes, [1]);
    expect(r.errorRate).toBeCloseTo(2 / 5, 12); // pooled over votes
    expect(r.hype).toMatchObject({ judges: 2, fakeError: 0.5, realError: 0.5 });
    expect(r.hype.score).toBeCloseTo((0.25 + 1) / 2, 12); // averaged over judges
    expect(r.hype.interval).not.toBeNull();
  });
});
