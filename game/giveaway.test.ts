import { describe, expect, it } from 'vitest';
import { ballotOf } from './ballots';
import { GIVEAWAY_BINS, binOf, heatField, heatOf, hotspots, hottestRegion, regionOf, roundGiveaways } from './giveaway';
import { parsePayload } from './protocol';
import { HOST, harness } from './test-harness';
import { hostView, playerView } from './views';

describe('binning giveaway taps', () => {
  it('puts a spot in the bin under it, the right and bottom edges in the last bins', () => {
    expect(binOf({ x: 0, y: 0 }, 14)).toBe(0);
    expect(binOf({ x: 1, y: 0 }, 14)).toBe(13);
    expect(binOf({ x: 0, y: 1 }, 14)).toBe(13 * 14);
    expect(binOf({ x: 1, y: 1 }, 14)).toBe(14 * 14 - 1);
    // 0.5 is the first bin of the right half; just under it the last of the left half.
    expect(binOf({ x: 0.5, y: 0.5 }, 14)).toBe(7 * 14 + 7);
    expect(binOf({ x: 0.499, y: 0.499 }, 14)).toBe(6 * 14 + 6);
  });

  it('counts taps per bin, the total too, and gives nothing for no taps', () => {
    expect(heatOf([])).toBeNull();
    const heat = heatOf([{ x: 0.1, y: 0.1 }, { x: 0.11, y: 0.12 }, { x: 0.9, y: 0.5 }], 4)!;
    expect(heat.bins).toBe(4);
    expect(heat.taps).toBe(3);
    expect(heat.counts).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(heatOf([{ x: 0.3, y: 0.3 }])!.counts).toHaveLength(GIVEAWAY_BINS * GIVEAWAY_BINS);
  });

  it('names the hottest bins, most taps first, at their centres', () => {
    const heat = heatOf([{ x: 0.9, y: 0.9 }, { x: 0.1, y: 0.1 }, { x: 0.12, y: 0.05 }, { x: 0.6, y: 0.1 }], 4)!;
    expect(hotspots(heat)).toEqual([
      { x: 0.125, y: 0.125, count: 2 },
      // A tie: the one nearer the top left first.
      { x: 0.625, y: 0.125, count: 1 },
      { x: 0.875, y: 0.875, count: 1 },
    ]);
    expect(hotspots(heat, 1)).toHaveLength(1);
  });

  it('says in which ninth of the image the most taps fell', () => {
    expect(regionOf({ x: 0.1, y: 0.1 })).toBe('top-left');
    expect(regionOf({ x: 0.5, y: 0.5 })).toBe('centre');
    expect(regionOf({ x: 1, y: 0.5 })).toBe('right');
    expect(regionOf({ x: 0.5, y: 1 })).toBe('bottom');
    expect(hottestRegion(heatOf([{ x: 0.8, y: 0.9 }, { x: 0.85, y: 0.95 }, { x: 0.1, y: 0.1 }])!)).toBe('bottom-right');
  });

  it('draws a smooth field that peaks (at 1) where the taps are and is zero far away', () => {
    const heat = heatOf([{ x: 0.25, y: 0.25 }, { x: 0.26, y: 0.24 }, { x: 0.8, y: 0.8 }])!;
    const size = 56;
    const f = heatField(heat, size);
    let at = 0;
    for (let i = 1; i < f.length; i++) if (f[i] > f[at]) at = i;
    expect(f[at]).toBeCloseTo(1, 5);
    expect(Math.abs((at % size) / size - 0.25)).toBeLessThan(0.06);
    expect(Math.abs(Math.floor(at / size) / size - 0.25)).toBeLessThan(0.06);
    // The single tap is a smaller bump than the double one; a far corner stays empty.
    const one = f[Math.floor(0.8 * size) * size + Math.floor(0.8 * size)];
    expect(one).toBeGreaterThan(0.3);
    expect(one).toBeLessThan(0.75);
    expect(f[size - 1]).toBe(0);
  });
});

describe('the wire', () => {
  const base = { pin: '123456', playerToken: 'player-token-0-abcdef', imageId: 'abcd1234' };
  it('takes a spot inside the image, or null to clear it, and refuses anything else in plain words', () => {
    expect(parsePayload('player:flag', { ...base, spot: { x: 0, y: 1 } }).ok).toBe(true);
    expect(parsePayload('player:flag', { ...base, spot: null }).ok).toBe(true);
    for (const spot of [{ x: 1.01, y: 0.5 }, { x: -0.1, y: 0.5 }, { x: 0.5, y: Number.NaN }, { x: 0.5 }, undefined, '0.5,0.5']) {
      const r = parsePayload('player:flag', { ...base, spot });
      expect(r.ok, JSON.stringify(spot)).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/^spot/);
    }
    const outside = parsePayload('player:flag', { ...base, spot: { x: 2, y: 0.5 } });
    expect(!outside.ok && outside.error.message).toBe('spot.x: a spot is inside the image: x from 0 to 1');
  });

  it('lets a vote carry a spot, or none', () => {
    expect(parsePayload('player:vote', { ...base, verdict: 'fake' }).ok).toBe(true);
    expect(parsePayload('player:vote', { ...base, verdict: 'fake', spot: { x: 0.2, y: 0.3 } }).ok).toBe(true);
    expect(parsePayload('player:vote', { ...base, verdict: 'fake', spot: { x: 0.2, y: 3 } }).ok).toBe(false);
  });
});

/** Two judges in a round of six images; the images split by truth. */
function judging() {
  const h = harness({ imagesPerRound: 6, roundSeconds: 30 });
  h.join('Ada');
  h.join('Bo');
  h.startRound();
  const images = h.images();
  const fakes = images.filter((i) => i.truth === 'fake');
  const reals = images.filter((i) => i.truth === 'real');
  const flag = (p: number, imageId: string, spot: { x: number; y: number } | null) => h.send({ type: 'flag', token: `player-token-${p}-abcdef`, imageId, spot });
  const voteWith = (p: number, imageId: string, spot: { x: number; y: number }) =>
    h.send({ type: 'vote', token: `player-token-${p}-abcdef`, imageId, verdict: 'fake', spot });
  return { h, images, fakes, reals, flag, voteWith };
}

const spotOf = (h: ReturnType<typeof harness>, playerId: string, imageId: string) => {
  const phase = h.state.phase;
  if (phase.kind !== 'judging' && phase.kind !== 'reveal') throw new Error(phase.kind);
  return ballotOf(phase, playerId)?.[imageId]?.spot;
};

describe('the engine: flag the giveaway', () => {
  it('marks, moves and clears a spot on an image the player called fake, recording each and sending no view', () => {
    const { h, fakes, flag } = judging();
    const id = fakes[0].id;
    h.vote(0, id, 'fake');
    const r = flag(0, id, { x: 0.25, y: 0.75 });
    expect(r.error).toBeUndefined();
    expect(r.reply).toEqual({ kind: 'flagged', playerId: 'p0', imageId: id, spot: { x: 0.25, y: 0.75 } });
    expect(r.effects).toEqual([{ type: 'record', record: { kind: 'flag', round: 1, playerId: 'p0', imageId: id, spot: { x: 0.25, y: 0.75 } } }]);
    expect(spotOf(h, 'p0', id)).toEqual({ x: 0.25, y: 0.75 });
    flag(0, id, { x: 0.5, y: 0.5 });
    expect(spotOf(h, 'p0', id)).toEqual({ x: 0.5, y: 0.5 });
    // The vote itself is untouched: same verdict, same time (its score does not move).
    const phase = h.state.phase;
    if (phase.kind !== 'judging') throw new Error();
    expect(ballotOf(phase, 'p0')![id]).toMatchObject({ verdict: 'fake' });
    const cleared = flag(0, id, null);
    expect(cleared.reply).toMatchObject({ spot: null });
    expect(spotOf(h, 'p0', id)).toBeUndefined();
    const after = h.state.phase;
    if (after.kind !== 'judging') throw new Error();
    expect(ballotOf(after, 'p0')![id]).toEqual({ verdict: 'fake', at: ballotOf(phase, 'p0')![id].at });
  });

  it('takes a spot along with a fake vote, never with a real one', () => {
    const { h, fakes, voteWith } = judging();
    const r = voteWith(0, fakes[0].id, { x: 0.1, y: 0.2 });
    expect(r.error).toBeUndefined();
    expect(r.effects).toContainEqual({ type: 'record', record: expect.objectContaining({ kind: 'vote', verdict: 'fake', spot: { x: 0.1, y: 0.2 } }) });
    expect(spotOf(h, 'p0', fakes[0].id)).toEqual({ x: 0.1, y: 0.2 });
    const real = h.send({ type: 'vote', token: 'player-token-0-abcdef', imageId: fakes[1].id, verdict: 'real', spot: { x: 0.1, y: 0.2 } });
    expect(real.error?.code).toBe('not_fake');
  });

  it('refuses a mark before a fake vote, on a real vote, from a non-judge, on an unknown image, while paused and after the deadline', () => {
    const { h, fakes, flag } = judging();
    const id = fakes[0].id;
    expect(flag(0, id, { x: 0.5, y: 0.5 }).error).toMatchObject({ code: 'not_fake', message: expect.stringMatching(/call the image fake first/) });
    h.vote(0, id, 'real');
    expect(flag(0, id, { x: 0.5, y: 0.5 }).error?.code).toBe('not_fake');
    expect(flag(0, 'zzzz9999', { x: 0.5, y: 0.5 }).error?.code).toBe('unknown_image');
    expect(h.send({ type: 'flag', token: 'nobody-token-abcdefgh', imageId: id, spot: null }).error?.code).toBe('not_player');
    h.join('Late');
    expect(flag(2, id, { x: 0.5, y: 0.5 }).error?.code).toBe('not_in_round');
    h.vote(1, fakes[1].id, 'fake');
    h.send({ type: 'pause', hostToken: HOST, paused: true });
    expect(flag(1, fakes[1].id, { x: 0.5, y: 0.5 }).error?.code).toBe('paused');
    h.send({ type: 'pause', hostToken: HOST, paused: false });
    h.later(31_000);
    expect(flag(1, fakes[1].id, { x: 0.5, y: 0.5 }).error).toEqual({ code: 'too_late', message: 'time is up for this round' });
    h.send({ type: 'tick' });
    expect(h.state.phase.kind).toBe('reveal');
    expect(flag(1, fakes[1].id, { x: 0.5, y: 0.5 }).error?.code).toBe('wrong_phase');
  });

  it('is not snapshotted mid-round (the votes table keeps it), like a vote', () => {
    const { h, fakes, flag } = judging();
    h.vote(0, fakes[0].id, 'fake');
    expect(flag(0, fakes[0].id, { x: 0.5, y: 0.5 }).effects.some((e) => e.type === 'snapshot')).toBe(false);
  });

  it('shows the phone its own marks while judging and at the reveal, and only the projector the class heat map, only on fakes', () => {
    const { h, fakes, reals, flag, voteWith } = judging();
    const [f0, f1] = fakes;
    // Both call f0 fake and mark it; Ada also calls a real image fake and marks it; Bo calls f1 real.
    h.vote(0, f0.id, 'fake');
    flag(0, f0.id, { x: 0.2, y: 0.2 });
    voteWith(1, f0.id, { x: 0.21, y: 0.21 });
    voteWith(0, reals[0].id, { x: 0.9, y: 0.9 });
    h.vote(1, f1.id, 'real');
    const judged = playerView(h.state, 'p0', h.now)!.phase;
    expect(judged.kind === 'judging' && judged.spots).toEqual({ [f0.id]: { x: 0.2, y: 0.2 }, [reals[0].id]: { x: 0.9, y: 0.9 } });
    // The projector shows nothing of it while judging.
    expect(JSON.stringify(hostView(h.state, h.now))).not.toMatch(/giveaway|spot/);

    h.send({ type: 'advance', hostToken: HOST });
    const host = hostView(h.state, h.now).phase;
    if (host.kind !== 'reveal') throw new Error(host.kind);
    const byId = new Map(host.images.map((i) => [i.id, i]));
    const heat = byId.get(f0.id)!.giveaway!;
    expect(heat.taps).toBe(2);
    expect(hotspots(heat, 1)[0].count).toBe(2);
    // No heat map on a real image (even one somebody marked), nor on a fake nobody marked.
    expect(byId.get(reals[0].id)!.giveaway).toBeUndefined();
    expect(byId.get(f1.id)!.giveaway).toBeUndefined();
    const mine = playerView(h.state, 'p1', h.now)!.phase;
    if (mine.kind !== 'reveal') throw new Error(mine.kind);
    expect(mine.images.find((i) => i.id === f0.id)!.spot).toEqual({ x: 0.21, y: 0.21 });
    expect(mine.images.find((i) => i.id === f1.id)!.spot).toBeUndefined();
  });

  it('counts only the taps of players who called the fake fake, and a removed player’s taps leave with them', () => {
    const { h, fakes, voteWith } = judging();
    voteWith(0, fakes[0].id, { x: 0.5, y: 0.5 });
    voteWith(1, fakes[0].id, { x: 0.5, y: 0.5 });
    h.send({ type: 'kick', hostToken: HOST, playerId: 'p1' });
    h.send({ type: 'advance', hostToken: HOST });
    const phase = h.state.phase;
    if (phase.kind !== 'reveal') throw new Error(phase.kind);
    expect(phase.results.giveaways?.[fakes[0].id]?.taps).toBe(1);
    expect(roundGiveaways(phase.images, phase)).toEqual(phase.results.giveaways);
  });
});
