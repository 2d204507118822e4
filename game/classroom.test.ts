/** Engine tests for the classroom: teams and coaching, host controls, reconnection and late joins. */
import { describe, expect, it } from 'vitest';
import { ballotOf } from './ballots';
import { COACH_FOOL_POINTS, COACH_PICK_POINTS, chooseFakes, knobMajority, trainingPlan } from './coaching';
import { LEVELS } from './levels';
import { seededRng } from './rng';
import { AWAY_GRACE_MS, ENDED_GRACE_MS, HOST_GRACE_MS, closesAt } from './state';
import { reduce } from './engine';
import { HOST, harness } from './test-harness';
import { hostView, playerView } from './views';

const token = (i: number) => `player-token-${i}-abcdef`;

function teamsRoom(players = 4) {
  const h = harness({ teams: true, roundsPerLevel: 1 }, ['noise', 'strokes']);
  for (let i = 0; i < players; i++) h.join(`P${i}`);
  return h;
}

describe('teams and coaching', () => {
  it('splits the room into discriminators and coaches at the start, alternating by join order', () => {
    const h = teamsRoom();
    h.send({ type: 'start', hostToken: HOST });
    expect(h.state.players.map((p) => p.role)).toEqual(['discriminator', 'coach', 'discriminator', 'coach']);
    expect(hostView(h.state, h.now).teams).toEqual([
      { role: 'discriminator', members: 2, score: 0 },
      { role: 'coach', members: 2, score: 0 },
    ]);
  });

  it('asks for a pool twice the size, lets only coaches pick, and judges the most-picked fakes', () => {
    const h = teamsRoom();
    h.startRound();
    expect(h.state.phase.kind).toBe('coaching');
    if (h.state.phase.kind !== 'coaching') return;
    const { pool, fakes } = h.state.phase;
    expect(pool).toHaveLength(fakes * 2);
    // Discriminators see no pool; coaches do. The projector never does.
    expect(playerView(h.state, 'p0', h.now)!.phase).toMatchObject({ kind: 'coaching', pool: [] });
    expect((playerView(h.state, 'p1', h.now)!.phase as { pool: unknown[] }).pool).toHaveLength(fakes * 2);
    expect(JSON.stringify(hostView(h.state, h.now))).not.toContain(pool[0].pixels);

    const wanted = pool.slice(0, fakes).map((p) => p.id);
    expect(h.send({ type: 'pick', token: token(0), imageIds: wanted }).error?.code).toBe('not_coach');
    expect(h.send({ type: 'pick', token: token(1), imageIds: [...wanted, pool[fakes].id] }).error?.code).toBe('bad_payload');
    expect(h.send({ type: 'pick', token: token(1), imageIds: ['notinpool1'] }).error?.code).toBe('unknown_image');
    h.send({ type: 'pick', token: token(1), imageIds: wanted });
    expect(h.state.phase.kind).toBe('coaching');
    h.send({ type: 'pick', token: token(3), imageIds: wanted });
    // Every coach has picked: judging starts with exactly the chosen fakes, under new ids.
    expect(h.state.phase.kind).toBe('judging');
    const judging = h.images();
    const chosenPixels = new Set(pool.slice(0, fakes).map((p) => p.pixels));
    expect(judging.filter((i) => i.truth === 'fake').every((i) => chosenPixels.has(i.pixels))).toBe(true);
    expect(judging.some((i) => wanted.includes(i.id))).toBe(false);
    // Coaches do not judge.
    expect(h.vote(1, judging[0].id, 'real').error?.code).toBe('not_in_round');
  });

  it('scores coaches by the fooled votes and their picks, discriminators by correct answers', () => {
    const h = teamsRoom();
    h.startRound();
    if (h.state.phase.kind !== 'coaching') throw new Error();
    const { pool, fakes } = h.state.phase;
    const wanted = pool.slice(0, fakes).map((p) => p.id);
    h.send({ type: 'pick', token: token(1), imageIds: wanted });
    h.send({ type: 'pick', token: token(3), imageIds: wanted });
    const images = h.images();
    // Both discriminators call everything "real": every fake fools everyone.
    for (const img of images) {
      h.vote(0, img.id, 'real');
      h.vote(2, img.id, 'real');
    }
    expect(h.state.phase.kind).toBe('reveal');
    const coach = h.state.players[1];
    expect(coach.score).toBe(fakes * COACH_FOOL_POINTS + fakes * COACH_PICK_POINTS);
    const judge = h.state.players[0];
    expect(judge.perLevel[1]).toMatchObject({ correct: images.length - fakes, judged: images.length });
  });

  it('turns the coaches’ knob votes into the training plan, the level’s defaults breaking ties', () => {
    const level = LEVELS.noise;
    expect(knobMajority([], level)).toEqual({ loss: 'nonsaturating', lr: 'medium', ratio: '1:1', steps: 'normal' });
    const votes = [
      { loss: 'wgan-gp', lr: 'high', ratio: '5:1', steps: 'many' },
      { loss: 'wgan-gp', lr: 'low', ratio: '5:1', steps: 'few' },
    ] as const;
    const k = knobMajority([...votes], level);
    expect(k).toEqual({ loss: 'wgan-gp', lr: 'medium', ratio: '5:1', steps: 'normal' });
    const plan = trainingPlan(level, k, 1);
    expect(plan.tunables).toEqual({ loss: 'wgan-gp', lrD: level.tunables.lrD, lrG: level.tunables.lrG });
    // 80 steps split 5:1.
    expect(plan.budget).toEqual({ dSteps: 67, gSteps: 13 });
    expect(trainingPlan(level, null, 0.05).budget).toEqual({ dSteps: 2, gSteps: 2 });

    const h = teamsRoom();
    h.startRound();
    h.send({ type: 'knobs', token: token(1), knobs: votes[0] });
    h.send({ type: 'knobs', token: token(3), knobs: votes[1] });
    expect(h.send({ type: 'knobs', token: token(0), knobs: votes[0] }).error?.code).toBe('not_coach');
    h.send({ type: 'advance', hostToken: HOST }); // close coaching (nobody picked: random fakes)
    h.send({ type: 'advance', hostToken: HOST }); // close voting
    const r = h.send({ type: 'advance', hostToken: HOST }); // start training
    const job = r.effects.find((e) => e.type === 'requestTraining');
    expect(job).toMatchObject({ job: { tunables: { loss: 'wgan-gp' }, budget: { dSteps: 67, gSteps: 13 } } });
  });

  it('chooses fakes by votes and at random among ties', () => {
    const pool = ['a', 'b', 'c', 'd'].map((id) => ({ id, pixels: id, truth: 'fake' as const }));
    expect(chooseFakes(pool, { x: ['c', 'd'], y: ['d'] }, 2, seededRng(1)).map((p) => p.id)).toEqual(['d', 'c']);
    expect(chooseFakes(pool, {}, 2, seededRng(1))).toHaveLength(2);
  });

  it('swaps roles at the next level, and on the host’s request between levels only', () => {
    const h = teamsRoom();
    h.startRound();
    expect(h.send({ type: 'swap', hostToken: HOST }).error?.code).toBe('wrong_phase');
    h.send({ type: 'advance', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST }); // skip training → leaderboard
    h.send({ type: 'swap', hostToken: HOST });
    expect(h.state.players[0].role).toBe('coach');
    h.send({ type: 'advance', hostToken: HOST }); // lesson
    while (h.state.phase.kind === 'lesson') h.send({ type: 'advance', hostToken: HOST }); // next level: swapRoles swaps back
    expect(h.state.phase).toEqual({ kind: 'intro', level: 2 });
    expect(h.state.players[0].role).toBe('discriminator');
  });

  it('puts a late joiner on the smaller team', () => {
    const h = teamsRoom(3);
    h.send({ type: 'start', hostToken: HOST });
    h.join('Late');
    expect(h.state.players.map((p) => p.role)).toEqual(['discriminator', 'coach', 'discriminator', 'coach']);
  });
});

describe('host controls', () => {
  it('pauses: votes are refused and the deadline moves by the time spent paused', () => {
    const h = harness({ roundSeconds: 20 });
    h.join();
    h.startRound();
    const deadline = h.state.phase.kind === 'judging' ? h.state.phase.deadline : 0;
    h.later(5_000).send({ type: 'pause', hostToken: HOST, paused: true });
    expect(h.state.paused).toMatchObject({ reason: 'host' });
    const img = h.images()[0];
    expect(h.vote(0, img.id, 'real').error?.code).toBe('paused');
    expect(h.send({ type: 'advance', hostToken: HOST }).error?.code).toBe('paused');
    h.later(60_000).send({ type: 'tick' });
    expect(h.state.phase.kind).toBe('judging');
    const r = h.send({ type: 'pause', hostToken: HOST, paused: false });
    expect(h.state.paused).toBeNull();
    expect(h.state.phase.kind === 'judging' && h.state.phase.deadline).toBe(deadline + 60_000);
    expect(r.effects).toContainEqual({ type: 'schedule', at: deadline + 60_000 });
    expect(h.vote(0, img.id, 'real').error).toBeUndefined();
  });

  it('extends the timer of a running round only', () => {
    const h = harness();
    h.join();
    expect(h.send({ type: 'extend', hostToken: HOST, seconds: 15 }).error?.code).toBe('wrong_phase');
    h.startRound();
    const before = h.state.phase.kind === 'judging' ? h.state.phase.deadline : 0;
    h.send({ type: 'extend', hostToken: HOST, seconds: 15 });
    expect(h.state.phase.kind === 'judging' && h.state.phase.deadline).toBe(before + 15_000);
  });

  it('kicks a player: their votes go, their token cannot come back, and the round can end without them', () => {
    const h = harness();
    h.join('A');
    h.join('Troll');
    h.startRound();
    const images = h.images();
    h.vote(1, images[0].id, 'real');
    for (const img of images) h.vote(0, img.id, img.truth);
    expect(h.state.phase.kind).toBe('judging');
    const r = h.send({ type: 'kick', hostToken: HOST, playerId: 'p1' });
    expect(r.effects).toContainEqual({ type: 'kicked', playerId: 'p1' });
    // With the troll gone, everyone left has voted: the reveal comes at once, without the troll's vote.
    expect(h.state.phase.kind).toBe('reveal');
    if (h.state.phase.kind === 'reveal') expect(ballotOf(h.state.phase, 'p1')).toBeUndefined();
    expect(h.send({ type: 'rejoin', token: token(1) }).error?.code).toBe('kicked');
    expect(h.send({ type: 'kick', hostToken: HOST, playerId: 'p1' }).error?.code).toBe('not_player');
  });

  it('locks the room to newcomers but lets players come back', () => {
    const h = harness();
    h.join();
    h.send({ type: 'lock', hostToken: HOST, locked: true });
    expect(h.send({ type: 'join', playerId: 'p9', token: 'player-token-9-abcdef' }).error?.code).toBe('room_locked');
    expect(h.send({ type: 'rejoin', token: token(0) }).error).toBeUndefined();
    h.send({ type: 'lock', hostToken: HOST, locked: false });
    expect(h.send({ type: 'join', playerId: 'p9', token: 'player-token-9-abcdef' }).error).toBeUndefined();
  });

  it('changes settings and the campaign in the lobby only', () => {
    const h = harness();
    h.join();
    h.send({ type: 'settings', hostToken: HOST, settings: { roundSeconds: 45, teams: true }, levels: ['fashion', 'noise'] });
    expect(h.state.settings).toMatchObject({ roundSeconds: 45, teams: true });
    expect(hostView(h.state, h.now).levels.map((l) => l.id)).toEqual(['fashion', 'noise']);
    h.send({ type: 'settings', hostToken: HOST, settings: {}, cards: { noise: ['T09'] } });
    expect(hostView(h.state, h.now).levels[1].cards).toEqual(['T09']);
    h.send({ type: 'start', hostToken: HOST });
    expect(h.send({ type: 'settings', hostToken: HOST, settings: { roundSeconds: 10 } }).error?.code).toBe('wrong_phase');
  });
});

describe('votes that could not be saved', () => {
  it('are taken back while the round is open, so the retry counts once', () => {
    const h = harness();
    h.join();
    h.join();
    h.startRound();
    const [img] = h.images();
    h.vote(0, img.id, 'real');
    expect(h.send({ type: 'retract', token: token(0), imageId: img.id }).error).toBeUndefined();
    expect(h.vote(0, img.id, 'fake').error).toBeUndefined();
    if (h.state.phase.kind === 'judging') expect(ballotOf(h.state.phase, 'p0')![img.id].verdict).toBe('fake');
    expect(h.send({ type: 'retract', token: token(1), imageId: img.id }).error?.code).toBe('wrong_phase');
  });
});

describe('reconnection', () => {
  it('keeps a dropped player’s score and lets them vote on return, with the time that is left', () => {
    const h = harness({ roundSeconds: 30 });
    h.join('A');
    h.join('B');
    h.startRound();
    const images = h.images();
    h.vote(0, images[0].id, images[0].truth);
    h.send({ type: 'disconnect', playerId: 'p0' });
    h.later(10_000);
    const back = h.send({ type: 'rejoin', token: token(0) });
    expect(back.reply).toMatchObject({ playerId: 'p0' });
    const view = playerView(h.state, 'p0', h.now)!;
    if (view.phase.kind !== 'judging') throw new Error();
    expect(view.phase.mine[images[0].id]).toBe(images[0].truth);
    expect(view.phase.deadline - view.serverNow).toBe(20_000);
    expect(h.vote(0, images[1].id, 'real').error).toBeUndefined();
  });

  it('pauses when the host leaves mid-level, resumes when its trainer is back, and closes after 10 minutes away', () => {
    const h = harness();
    h.join();
    h.startRound();
    const left = h.send({ type: 'hostLeft' });
    expect(h.state.paused).toMatchObject({ reason: 'host-away' });
    expect(left.effects).toContainEqual({ type: 'schedule', at: h.now + HOST_GRACE_MS });
    h.later(60_000).send({ type: 'hostBack' });
    expect(h.state.paused).not.toBeNull();
    h.send({ type: 'trainer', hostToken: HOST, info: { backend: 'webgl', reason: 'reloaded' } });
    expect(h.state.paused).toBeNull();

    h.send({ type: 'hostLeft' });
    h.later(HOST_GRACE_MS - 1).send({ type: 'tick' });
    expect(h.state.phase.kind).toBe('judging');
    const r = h.later(1).send({ type: 'tick' });
    expect(h.state.phase).toMatchObject({ kind: 'ended', reason: 'the host did not come back for 10 minutes' });
    expect(r.effects).toContainEqual({ type: 'closed', reason: 'the host did not come back for 10 minutes', why: 'host-away' });
  });

  it('closes an ended game after its grace, even with the host still there, and keeps the close set through early ticks', () => {
    const h = harness();
    h.join();
    const end = h.send({ type: 'end', hostToken: HOST });
    expect(h.state.phase.kind).toBe('ended');
    expect(end.effects).toContainEqual({ type: 'schedule', at: h.now + ENDED_GRACE_MS });
    expect(closesAt(h.state)).toBe(h.now + ENDED_GRACE_MS);
    // A tick that comes early (another timer) closes nothing and sets the close again.
    const early = h.later(ENDED_GRACE_MS - 1).send({ type: 'tick' });
    expect(early.effects).toContainEqual({ type: 'schedule', at: h.now + 1 });
    expect(early.effects.some((e) => e.type === 'closed')).toBe(false);
    const due = h.later(1).send({ type: 'tick' });
    expect(due.effects).toContainEqual({ type: 'closed', reason: 'the game is over', why: 'over' });
    // Closing an ended game records nothing more: its end was recorded when it ended.
    expect(due.effects.some((e) => e.type === 'record')).toBe(false);
  });

  it('closes an ended game sooner when its host has moved on, and a host who comes back does not keep it', () => {
    const h = harness();
    h.join();
    h.send({ type: 'end', hostToken: HOST });
    // The host's socket went on to host another room (the server sends hostLeft for the room it left).
    const left = h.later(60_000).send({ type: 'hostLeft' });
    expect(left.effects).toContainEqual({ type: 'schedule', at: h.now + HOST_GRACE_MS });
    h.later(HOST_GRACE_MS - 1).send({ type: 'tick' });
    expect(h.send({ type: 'tick' }).effects.some((e) => e.type === 'closed')).toBe(false);
    expect(h.later(1).send({ type: 'tick' }).effects).toContainEqual({ type: 'closed', reason: 'the game is over', why: 'over' });

    // Back before the host grace ran out: the ended game still closes at the end of its own grace.
    const back = harness();
    back.join();
    back.send({ type: 'end', hostToken: HOST });
    back.later(1000).send({ type: 'hostLeft' });
    back.later(1000).send({ type: 'hostBack' });
    expect(closesAt(back.state)).toBe(back.now - 2000 + ENDED_GRACE_MS);
    const stale = back.later(HOST_GRACE_MS).send({ type: 'tick' });
    expect(stale.effects).toContainEqual({ type: 'schedule', at: closesAt(back.state) });
    expect(stale.effects.some((e) => e.type === 'closed')).toBe(false);
    expect(back.later(ENDED_GRACE_MS).send({ type: 'tick' }).effects).toContainEqual({ type: 'closed', reason: 'the game is over', why: 'over' });
  });

  it('closes a room whose host moved on mid-game after the host grace, as for a host who is gone', () => {
    const h = harness();
    h.join();
    h.startRound();
    h.send({ type: 'hostLeft' });
    // A player's timer replaces the host's (the server keeps one per room): the close is set again.
    h.send({ type: 'disconnect', playerId: 'p0' });
    expect(h.later(AWAY_GRACE_MS).send({ type: 'tick' }).effects).toContainEqual({ type: 'schedule', at: h.now - AWAY_GRACE_MS + HOST_GRACE_MS });
    const r = h.later(HOST_GRACE_MS - AWAY_GRACE_MS).send({ type: 'tick' });
    expect(h.state.phase).toMatchObject({ kind: 'ended' });
    expect(r.effects).toContainEqual({ type: 'closed', reason: 'the host did not come back for 10 minutes', why: 'host-away' });
  });

  it('keeps the close of a lobby whose host moved on set when an early tick comes', () => {
    const h = harness();
    h.send({ type: 'hostLeft' });
    expect(h.later(1000).send({ type: 'tick' }).effects).toContainEqual({ type: 'schedule', at: h.now - 1000 + HOST_GRACE_MS });
    expect(h.later(HOST_GRACE_MS - 1000).send({ type: 'tick' }).effects).toContainEqual({ type: 'closed', reason: 'the host did not come back for 10 minutes', why: 'host-away' });
  });

  it('takes shorter graces from the context (the server shortens them for benchmarks)', () => {
    const h = harness();
    h.join();
    const grace = { hostAwayMs: 2000, endedMs: 500 };
    const ctx = (now: number) => ({ now, rng: seededRng(1), grace });
    const ended = reduce(h.state, { type: 'end', hostToken: HOST }, ctx(h.now));
    expect(ended.effects).toContainEqual({ type: 'schedule', at: h.now + 500 });
    expect(reduce(ended.state, { type: 'tick' }, ctx(h.now + 500)).effects).toContainEqual({ type: 'closed', reason: 'the game is over', why: 'over' });
    const left = reduce(h.state, { type: 'hostLeft' }, ctx(h.now));
    const gone = reduce(left.state, { type: 'tick' }, ctx(h.now + 2000));
    expect(gone.effects).toContainEqual({ type: 'closed', reason: 'the host did not come back for 2 seconds', why: 'host-away' });
  });

  /** Two judges in a round; the second has judged one image, half a second in. */
  function secondJudgeStarted() {
    const h = harness();
    h.join();
    h.join();
    h.startRound();
    const images = h.images();
    h.later(500).vote(1, images[0].id, 'real');
    return { h, images };
  }

  it('holds a finished round a few seconds for a judge who dropped mid-ballot, then reveals without them', () => {
    const { h, images } = secondJudgeStarted();
    for (const img of images) h.vote(0, img.id, 'real');
    expect(h.state.phase.kind).toBe('judging');
    const left = h.send({ type: 'disconnect', playerId: 'p1' });
    expect(h.state.phase.kind).toBe('judging');
    expect(left.effects).toContainEqual({ type: 'schedule', at: h.now + AWAY_GRACE_MS });
    // An early tick changes nothing and keeps the timer set.
    expect(h.later(1000).send({ type: 'tick' }).effects).toContainEqual({ type: 'schedule', at: h.now - 1000 + AWAY_GRACE_MS });
    expect(h.state.phase.kind).toBe('judging');
    h.later(AWAY_GRACE_MS - 1000).send({ type: 'tick' });
    expect(h.state.phase.kind).toBe('reveal');
  });

  it('lets a judge who dropped mid-ballot come back within the grace and finish', () => {
    const { h, images } = secondJudgeStarted();
    h.send({ type: 'disconnect', playerId: 'p1' });
    for (const img of images) h.vote(0, img.id, 'real');
    expect(h.state.phase.kind).toBe('judging');
    h.later(2000).send({ type: 'rejoin', token: token(1) });
    // The grace tick finds them back and voting: the round waits for them (or its deadline).
    const tick = h.later(AWAY_GRACE_MS).send({ type: 'tick' });
    expect(h.state.phase.kind).toBe('judging');
    expect(tick.effects).toContainEqual({ type: 'schedule', at: h.state.phase.kind === 'judging' ? h.state.phase.deadline : 0 });
    for (const img of images.slice(1)) h.vote(1, img.id, 'fake');
    expect(h.state.phase.kind).toBe('reveal');
    if (h.state.phase.kind === 'reveal') expect(h.state.phase.results.tallies.every((t) => t.realVotes + t.fakeVotes === 2)).toBe(true);
  });
});
