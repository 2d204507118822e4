import { describe, expect, it } from 'vitest';
import { pendingJob } from './engine';
import { HOST, harness, px } from './test-harness';
import { hostView, playerView } from './views';

describe('lobby', () => {
  it('creates a room with a PIN, the host token and default settings', () => {
    const h = harness();
    expect(h.state.pin).toBe('123456');
    expect(h.state.phase).toEqual({ kind: 'lobby' });
    expect(h.state.settings.roundSeconds).toBe(30);
  });

  it('gives a generated friendly nickname unless one is typed, and keeps nicknames unique', () => {
    const h = harness();
    const a = h.join();
    expect(a.reply).toMatchObject({ kind: 'joined', playerId: 'p0' });
    expect(a.reply?.kind === 'joined' && /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(a.reply.nickname)).toBe(true);
    h.join('Ada');
    expect(h.state.players[1].nickname).toBe('Ada');
    const dup = h.send({ type: 'join', playerId: 'p9', token: 'player-token-9-abcdef', nickname: 'ada' });
    expect(dup.error?.code).toBe('nickname_taken');
  });

  it('lets a player rejoin with its token as the same player, and refuses an unknown token', () => {
    const h = harness();
    h.join('Ada');
    h.send({ type: 'disconnect', playerId: 'p0' });
    expect(h.state.players[0].connected).toBe(false);
    const r = h.send({ type: 'rejoin', token: 'player-token-0-abcdef' });
    expect(r.reply).toMatchObject({ kind: 'joined', playerId: 'p0', nickname: 'Ada' });
    expect(h.state.players[0].connected).toBe(true);
    expect(h.send({ type: 'rejoin', token: 'nobody-token-abcdefgh' }).error?.code).toBe('not_player');
  });

  it('refuses host actions without the host token', () => {
    const h = harness();
    h.join();
    for (const type of ['start', 'advance', 'end'] as const) {
      expect(h.send({ type, hostToken: 'wrong-token-0123456789' }).error?.code).toBe('not_host');
    }
    expect(h.state.phase.kind).toBe('lobby');
  });

  it('refuses to start with nobody in the room, or twice', () => {
    const h = harness();
    expect(h.send({ type: 'start', hostToken: HOST }).error?.code).toBe('not_enough_players');
    h.join();
    h.send({ type: 'start', hostToken: HOST });
    expect(h.state.phase).toEqual({ kind: 'intro', level: 1 });
    expect(h.send({ type: 'advance', hostToken: HOST }).effects[0]).toMatchObject({ type: 'requestFakes', round: 1, job: { levelNumber: 1 } });
    expect(h.send({ type: 'start', hostToken: HOST }).error?.code).toBe('wrong_phase');
  });
});

describe('a round', () => {
  it('asks for between a third and two thirds fakes and mixes them with reals under opaque ids', () => {
    const h = harness();
    h.join();
    h.send({ type: 'start', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST });
    const phase = h.state.phase;
    expect(phase.kind).toBe('generating');
    if (phase.kind !== 'generating') return;
    expect(phase.fakes).toBeGreaterThanOrEqual(2);
    expect(phase.fakes).toBeLessThanOrEqual(4);
    h.startRound(false);
    const images = h.images();
    expect(images).toHaveLength(6);
    expect(new Set(images.map((i) => i.id)).size).toBe(6);
    for (const img of images) expect(img.id).toMatch(/^[a-z0-9]{10}$/);
    expect(images.filter((i) => i.truth === 'fake')).toHaveLength(phase.fakes);
  });

  it('refuses fakes in the wrong phase, for the wrong round or in the wrong number', () => {
    const h = harness();
    h.join();
    const early = h.send({ type: 'fakes', hostToken: HOST, round: 1, images: [px(1)], reals: [] });
    expect(early.error?.code).toBe('wrong_phase');
    h.send({ type: 'start', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST });
    expect(h.send({ type: 'fakes', hostToken: HOST, round: 2, images: [px(1)], reals: [] }).error?.code).toBe('wrong_round');
    expect(h.send({ type: 'fakes', hostToken: HOST, round: 1, images: [px(1)], reals: [] }).error?.code).toBe('bad_payload');
  });

  it('accepts one vote per image, and refuses late, duplicate, unknown-image, wrong-phase and stranger votes', () => {
    const h = harness({ roundSeconds: 10 });
    h.join();
    h.join();
    h.startRound();
    const [a, b] = h.images();
    expect(h.vote(0, a.id, 'fake').reply).toEqual({ kind: 'voted', playerId: 'p0', imageId: a.id, verdict: 'fake' });
    expect(h.vote(0, a.id, 'real').error?.code).toBe('duplicate_vote');
    expect(h.vote(0, 'zzzzzzzzzz', 'real').error?.code).toBe('unknown_image');
    expect(h.send({ type: 'vote', token: 'stranger-token-abcdef', imageId: b.id, verdict: 'real' }).error?.code).toBe('not_player');
    h.later(10_001);
    expect(h.vote(1, b.id, 'real').error?.code).toBe('too_late');
    h.send({ type: 'tick' });
    expect(h.state.phase.kind).toBe('reveal');
    expect(h.vote(1, b.id, 'real').error?.code).toBe('wrong_phase');
  });

  it('lets a late joiner watch the round and play from the next', () => {
    const h = harness();
    h.join();
    h.startRound();
    h.join();
    const img = h.images()[0];
    expect(h.vote(1, img.id, 'real').error?.code).toBe('not_in_round');
    const view = playerView(h.state, 'p1', h.now)!;
    expect(view.phase).toMatchObject({ kind: 'judging', inRound: false, images: [] });
  });

  it('reveals early once every connected player has judged every image', () => {
    const h = harness();
    h.join();
    h.join();
    h.send({ type: 'disconnect', playerId: 'p1' });
    h.startRound();
    const images = h.images();
    for (const img of images.slice(0, -1)) h.vote(0, img.id, img.truth);
    expect(h.state.phase.kind).toBe('judging');
    const last = h.vote(0, images[images.length - 1].id, 'real');
    expect(last.reply?.kind).toBe('voted');
    expect(h.state.phase.kind).toBe('reveal');
    expect(last.effects.some((e) => e.type === 'schedule')).toBe(true);
  });

  it('keeps finding voters and counting who is away while phones drop and come back mid-round', () => {
    const h = harness();
    for (let i = 0; i < 3; i++) h.join();
    h.startRound();
    const images = h.images();
    h.at(h.now + 1000);
    // p1 drops and returns twice; p2 drops for good (for now). Each changes the players array.
    for (let k = 0; k < 2; k++) {
      h.send({ type: 'disconnect', playerId: 'p1' });
      h.send({ type: 'rejoin', token: 'player-token-1-abcdef' });
    }
    h.send({ type: 'disconnect', playerId: 'p2' });
    for (const img of images) {
      expect(h.vote(0, img.id, 'real').reply?.kind).toBe('voted');
      expect(h.vote(1, img.id, 'fake').reply?.kind).toBe('voted');
    }
    // p2 left mid-ballot: the round waits for them (within the grace period) instead of closing.
    expect(h.state.phase.kind).toBe('judging');
    expect(h.state.players.map((p) => p.connected)).toEqual([true, true, false]);
    h.send({ type: 'rejoin', token: 'player-token-2-abcdef' });
    for (const img of images) h.vote(2, img.id, 'real');
    expect(h.state.phase.kind).toBe('reveal');
  });

  it('scores correct answers with a speed bonus and a streak, and computes the fooled rate', () => {
    const h = harness({ roundSeconds: 10 });
    h.join();
    h.join();
    h.startRound();
    const images = h.images();
    const start = h.now;
    // p0 answers everything right at once; p1 says "real" to everything near the deadline.
    images.forEach((img) => h.vote(0, img.id, img.truth));
    h.at(start + 9_000);
    images.forEach((img) => h.vote(1, img.id, 'real'));
    expect(h.state.phase.kind).toBe('reveal');
    const [p0, p1] = h.state.players;
    // p0: 6 correct, full speed bonus (50), streak bonus 0,10,20,30,40,50.
    expect(p0.score).toBe(6 * 150 + 150);
    expect(p0.streak).toBe(6);
    const fakes = images.filter((i) => i.truth === 'fake').length;
    const reals = 6 - fakes;
    // p1: correct on the reals only, 10% of the time left → bonus 5; a fresh streak each time it restarts.
    expect(p1.perLevel[1]).toMatchObject({ correct: reals, judged: 6 });
    expect(p1.score).toBeGreaterThanOrEqual(reals * 105);
    const phase = h.state.phase;
    if (phase.kind !== 'reveal') throw new Error();
    // Of the votes on fakes, half said "real" (p1) and half "fake" (p0).
    expect(phase.results.fooledRate).toBeCloseTo(0.5);
    expect(phase.results.fooledInterval!.low).toBeLessThanOrEqual(0.5);
    expect(phase.results.fooledInterval!.high).toBeGreaterThanOrEqual(0.5);
    expect(images.find((i) => i.id === phase.results.mostFooling)?.truth).toBe('fake');
    expect(phase.results.gained.p0).toBe(p0.score);
  });

  it('never lets scores go negative and breaks the streak on an unjudged image', () => {
    const h = harness();
    h.join();
    h.startRound();
    const images = h.images();
    for (const img of images) h.vote(0, img.id, img.truth === 'real' ? 'fake' : 'real');
    expect(h.state.players[0].score).toBe(0);
    h.later(h.state.settings.revealSeconds * 1000).send({ type: 'tick' });
    h.send({ type: 'trained', hostToken: HOST, round: 1, report: report() });
    h.startRound(false);
    const next = h.images();
    h.vote(0, next[0].id, next[0].truth);
    h.later(31_000).send({ type: 'tick' });
    expect(h.state.players[0].streak).toBe(0);
    expect(h.state.players[0].bestStreak).toBe(1);
  });
});

function report() {
  return {
    dSteps: 3,
    gSteps: 3,
    dLoss: 1.2,
    gLoss: 0.8,
    humanLoss: 0.5,
    dReal: 0.6,
    dFake: 0.4,
    stepsPerSec: 10,
    ms: 600,
    backend: 'cpu' as const,
    checksumBefore: 1,
    checksumAfter: 2,
  };
}

describe('training and the end', () => {
  function toTraining() {
    const h = harness({ roundsPerLevel: 2 });
    h.join();
    h.startRound();
    const images = h.images();
    for (const img of images) h.vote(0, img.id, 'fake');
    h.later(8_000);
    const r = h.send({ type: 'tick' });
    expect(h.state.phase.kind).toBe('training');
    return { h, r, images };
  }

  it('sends the trainer every image with its truth and the votes on it after the reveal', () => {
    const { r, images } = toTraining();
    const job = r.effects.find((e) => e.type === 'requestTraining');
    // The level ('noise') sets the budget and the loss; without coaches nobody turns the knobs.
    expect(job).toMatchObject({
      type: 'requestTraining',
      round: 1,
      job: { levelNumber: 1, budget: { dSteps: 40, gSteps: 40 }, humanWeight: 1, tunables: { loss: 'nonsaturating' }, knobs: null },
    });
    if (job?.type !== 'requestTraining') return;
    expect(job.job.verdicts).toHaveLength(images.length);
    for (const v of job.job.verdicts) expect(v).toMatchObject({ votes: 1, fakeVotes: 1 });
    expect(job.job.verdicts.map((v) => v.truth).sort()).toEqual(images.map((i) => i.truth).sort());
  });

  it('relays progress, refuses it for another round, re-sends the pending job, then starts the next round', () => {
    const { h } = toTraining();
    expect(pendingJob(h.state)?.type).toBe('requestTraining');
    const progress = { phase: 'd' as const, step: 1, total: 6, dLoss: 1, gLoss: 1 };
    expect(h.send({ type: 'progress', hostToken: HOST, round: 1, progress }).effects).toEqual([{ type: 'progress', round: 1, progress }]);
    expect(h.send({ type: 'progress', hostToken: HOST, round: 2, progress }).error?.code).toBe('wrong_round');
    const r = h.send({ type: 'trained', hostToken: HOST, round: 1, report: report() });
    expect(h.state.history[0].report?.checksumAfter).toBe(2);
    expect(h.state.phase).toMatchObject({ kind: 'generating', round: 2 });
    expect(r.effects.find((e) => e.type === 'requestFakes')).toMatchObject({ type: 'requestFakes', round: 2 });
    expect(h.send({ type: 'trained', hostToken: HOST, round: 1, report: report() }).error?.code).toBe('wrong_phase');
  });

  it('ends the level with a leaderboard and its lesson cards, then the game; the host can skip training', () => {
    const { h } = toTraining();
    h.send({ type: 'advance', hostToken: HOST }); // skip training of round 1
    expect(h.state.history[0].report).toBeNull();
    h.startRound(false);
    h.send({ type: 'advance', hostToken: HOST }); // close voting
    expect(h.state.phase.kind).toBe('reveal');
    h.send({ type: 'advance', hostToken: HOST }); // end the reveal
    h.send({ type: 'trained', hostToken: HOST, round: 2, report: report() });
    expect(h.state.phase).toEqual({ kind: 'leaderboard', level: 1 });
    h.send({ type: 'advance', hostToken: HOST });
    // The level's own cards, and the finale after the last level.
    expect(h.state.phase).toMatchObject({ kind: 'lesson', level: 1, cards: ['T01', 'T03', 'T02', 'T20'], at: 0, revealed: false });
    // Each card: its reveal, then the next card; after the last card's reveal, the end.
    for (let i = 0; i < 2 * 4; i++) h.send({ type: 'advance', hostToken: HOST });
    expect(h.state.phase).toMatchObject({ kind: 'ended', reason: 'the campaign is complete' });
    expect(h.send({ type: 'advance', hostToken: HOST }).error?.code).toBe('wrong_phase');
    expect(h.send({ type: 'join', playerId: 'px', token: 'late-token-abcdefgh' }).error?.code).toBe('wrong_phase');
  });

  it('goes from one level to the next through its intro, with per-level accuracy in the summary', () => {
    const h = harness({ roundsPerLevel: 1 }, ['noise', 'strokes']);
    h.join();
    h.startRound();
    for (const img of h.images()) h.vote(0, img.id, img.truth);
    h.send({ type: 'advance', hostToken: HOST });
    h.send({ type: 'trained', hostToken: HOST, round: 1, report: report() });
    h.send({ type: 'advance', hostToken: HOST }); // leaderboard → lesson
    while (h.state.phase.kind === 'lesson') h.send({ type: 'advance', hostToken: HOST }); // each card's reveal, then the next level
    expect(h.state.level).toBe(2);
    expect(h.state.phase).toEqual({ kind: 'intro', level: 2 });
    const r = h.send({ type: 'advance', hostToken: HOST });
    expect(r.effects[0]).toMatchObject({ type: 'requestFakes', round: 2, job: { levelNumber: 2 } });
    h.startRound(false);
    const imgs = h.images();
    h.vote(0, imgs[0].id, imgs[0].truth === 'real' ? 'fake' : 'real');
    h.send({ type: 'end', hostToken: HOST });
    const view = hostView(h.state, h.now);
    if (view.phase.kind !== 'ended') throw new Error('not ended');
    const [summary] = view.phase.summaries;
    // Level 2's judgment was never scored: the game ended before its reveal.
    expect(summary.perLevel).toEqual([
      { level: 1, levelId: 'noise', name: 'Pure noise', accuracy: 1, judged: 6 },
      { level: 2, levelId: 'strokes', name: 'First strokes', accuracy: null, judged: 0 },
    ]);
    expect(summary.accuracy).toBe(1);
    expect(summary.bestStreak).toBe(6);
  });

  it('lets the host end the game at any time', () => {
    const h = harness();
    h.join();
    h.startRound();
    h.send({ type: 'end', hostToken: HOST });
    expect(h.state.phase.kind).toBe('ended');
  });
});

describe('views', () => {
  it('never tell truth before the reveal, to players or to the projected host screen', () => {
    const h = harness();
    h.join();
    h.startRound();
    const texts = [JSON.stringify(hostView(h.state, h.now)), JSON.stringify(playerView(h.state, 'p0', h.now))];
    for (const t of texts) {
      expect(t).not.toMatch(/"truth"|"real"|"fake"/);
    }
    h.send({ type: 'advance', hostToken: HOST });
    expect(JSON.stringify(playerView(h.state, 'p0', h.now))).toMatch(/"truth"/);
  });

  it('rank players, sharing ranks on equal scores, and name who is just ahead', () => {
    const h = harness();
    h.join('A');
    h.join('B');
    h.join('C');
    h.startRound();
    for (const img of h.images()) {
      h.vote(0, img.id, img.truth);
      h.vote(1, img.id, img.truth);
    }
    h.send({ type: 'advance', hostToken: HOST });
    const view = hostView(h.state, h.now);
    expect(view.leaderboard.map((e) => e.rank)).toEqual([1, 1, 3]);
    const c = playerView(h.state, 'p2', h.now)!;
    expect(c.me.rank).toBe(3);
    expect(c.ahead?.nickname).toBe('B');
    expect(playerView(h.state, 'nobody', h.now)).toBeNull();
  });
});
