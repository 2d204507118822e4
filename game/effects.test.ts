/**
 * What the engine tells whoever runs the room to keep, and when: records (written down), snapshots
 * (saved for a restart, now or soon), complete trainer jobs, and each phase's deadline.
 */
import { describe, expect, it } from 'vitest';
import { ballotOf } from './ballots';
import { type Effect, type GameRecord, type Result, pendingJob, realsToDraw, withTrainerJob } from './engine';
import { LEVELS } from './levels';
import { DEFAULT_SETTINGS } from './protocol';
import { MAX_PHASE_STEPS, trainSeconds } from './training-budget';
import { getCard } from './lessons/cards';
import { type Room, HOST_GRACE_MS, deadlineOf } from './state';
import { HOST, harness } from './test-harness';

const records = (r: Result): GameRecord[] => r.effects.flatMap((e) => (e.type === 'record' ? [e.record] : []));
const snapshots = (r: Result) => r.effects.filter((e): e is Extract<Effect, { type: 'snapshot' }> => e.type === 'snapshot');
const token = (i: number) => `player-token-${i}-abcdef`;

function judging(players = 2) {
  const h = harness({ roundSeconds: 30 });
  for (let i = 0; i < players; i++) h.join(`P${i}`);
  h.startRound();
  return h;
}

describe('record effects', () => {
  it('records a join, not a rejoin', () => {
    const h = harness();
    expect(records(h.join('Ada'))).toEqual([{ kind: 'playerJoined', playerId: 'p0' }]);
    h.send({ type: 'disconnect', playerId: 'p0' });
    expect(records(h.send({ type: 'rejoin', token: token(0) }))).toEqual([]);
  });

  it('records a round starting, once, when judging begins', () => {
    const h = harness();
    h.join();
    h.send({ type: 'start', hostToken: HOST });
    const asked = h.send({ type: 'advance', hostToken: HOST });
    expect(records(asked)).toEqual([]);
    const phase = h.state.phase;
    if (phase.kind !== 'generating') throw new Error('not generating');
    const r = h.send({ type: 'fakes', hostToken: HOST, round: 1, images: Array(phase.pool).fill(''), reals: Array(6 - phase.fakes).fill('') });
    expect(h.state.phase.kind).toBe('judging');
    expect(records(r)).toEqual([{ kind: 'roundStarted', round: 1 }]);
  });

  it('records every vote with its own time, the engine’s, and the reveal after the vote that closes the round', () => {
    const h = judging(1);
    const [first, ...rest] = h.images();
    h.later(1234);
    const r = h.vote(0, first.id, 'real');
    expect(records(r)).toEqual([{ kind: 'vote', round: 1, playerId: 'p0', imageId: first.id, verdict: 'real', at: h.now }]);
    for (const img of rest.slice(0, -1)) h.later(10).vote(0, img.id, 'fake');
    const last = rest[rest.length - 1];
    const closing = h.later(10).vote(0, last.id, 'fake');
    expect(h.state.phase.kind).toBe('reveal');
    expect(records(closing)).toEqual([
      { kind: 'vote', round: 1, playerId: 'p0', imageId: last.id, verdict: 'fake', at: h.now },
      { kind: 'roundRevealed', round: 1 },
    ]);
    // The record's time is the one the scores were computed from.
    const phase = h.state.phase;
    if (phase.kind !== 'reveal') throw new Error('not revealed');
    expect(ballotOf(phase, 'p0')![last.id].at).toBe(h.now);
  });

  it('records a reveal by the host, and none for a refused vote', () => {
    const h = judging();
    expect(records(h.vote(0, 'zzzzzzzzzz', 'real'))).toEqual([]);
    expect(records(h.send({ type: 'advance', hostToken: HOST }))).toEqual([{ kind: 'roundRevealed', round: 1 }]);
  });

  it('records a training report, and nothing when the host skips training', () => {
    const h = judging(1);
    h.send({ type: 'advance', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST });
    expect(h.state.phase.kind).toBe('training');
    const report = { dSteps: 1, gSteps: 1, dLoss: 1, gLoss: 1, humanLoss: 0, dReal: 0.5, dFake: 0.5, stepsPerSec: 1, ms: 1, backend: 'cpu' as const, checksumBefore: 1, checksumAfter: 2 };
    expect(records(h.send({ type: 'trained', hostToken: HOST, round: 1, report }))).toEqual([{ kind: 'training', round: 1, report }]);
    h.startRound(false);
    h.send({ type: 'advance', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST });
    expect(records(h.send({ type: 'advance', hostToken: HOST }))).toEqual([]);
  });

  it('records a check answer, the first one only', () => {
    const h = harness({ roundsPerLevel: 1 });
    h.join();
    h.startRound();
    for (let i = 0; i < 3; i++) h.send({ type: 'advance', hostToken: HOST }); // reveal, training skipped, leaderboard
    h.send({ type: 'advance', hostToken: HOST }); // lesson
    if (h.state.phase.kind !== 'lesson') throw new Error(`not a lesson but ${h.state.phase.kind}`);
    const cardId = h.state.phase.cards[0];
    // Shown position 0 is recorded as the authored choice it stands for in this room's order.
    const authored = h.state.phase.orders[cardId][0];
    const r = h.send({ type: 'answer', token: token(0), cardId, choice: 0 });
    expect(r.reply).toEqual({ kind: 'answered', playerId: 'p0', cardId, choice: 0 });
    expect(records(r)).toEqual([{ kind: 'answer', playerId: 'p0', cardId, choice: authored, correct: authored === getCard(cardId)!.check.answer }]);
    expect(h.send({ type: 'answer', token: token(0), cardId, choice: 1 }).error?.code).toBe('already_answered');
    expect(h.send({ type: 'answer', token: token(0), cardId: 'T99', choice: 0 }).error?.code).toBe('unknown_card');
  });

  it('records the end of the game however it ends, once', () => {
    const ended = harness();
    expect(records(ended.send({ type: 'end', hostToken: HOST }))).toEqual([{ kind: 'sessionEnded' }]);
    expect(records(ended.send({ type: 'end', hostToken: HOST }))).toEqual([]);

    const gone = harness();
    gone.join();
    gone.send({ type: 'hostLeft' });
    const closed = gone.later(HOST_GRACE_MS).send({ type: 'tick' });
    expect(records(closed)).toEqual([{ kind: 'sessionEnded' }]);
    // Written down before the room closes.
    expect(closed.effects.map((e) => e.type)).toEqual(['record', 'broadcast', 'closed', 'snapshot']);
  });
});

describe('snapshot effects', () => {
  it('saves a change of phase now, and marks the save that opens a round', () => {
    const h = harness();
    h.join();
    expect(snapshots(h.send({ type: 'start', hostToken: HOST }))).toEqual([{ type: 'snapshot', when: 'now', opensRound: false }]);
    h.send({ type: 'advance', hostToken: HOST });
    const phase = h.state.phase;
    if (phase.kind !== 'generating') throw new Error('not generating');
    const r = h.send({ type: 'fakes', hostToken: HOST, round: 1, images: Array(phase.pool).fill(''), reals: Array(6 - phase.fakes).fill('') });
    expect(snapshots(r)).toEqual([{ type: 'snapshot', when: 'now', opensRound: true }]);
  });

  it('saves changes within a phase soon, and a kick now', () => {
    const h = harness();
    expect(snapshots(h.join())).toEqual([{ type: 'snapshot', when: 'soon' }]);
    h.join();
    expect(snapshots(h.send({ type: 'lock', hostToken: HOST, locked: true }))).toEqual([{ type: 'snapshot', when: 'soon' }]);
    expect(snapshots(h.send({ type: 'kick', hostToken: HOST, playerId: 'p1' }))).toEqual([{ type: 'snapshot', when: 'now', opensRound: false }]);
  });

  it('does not save votes, connections or progress, which are kept elsewhere or not at all', () => {
    const h = judging(3);
    const [img] = h.images();
    expect(snapshots(h.vote(0, img.id, 'real'))).toEqual([]);
    expect(snapshots(h.send({ type: 'retract', token: token(0), imageId: img.id }))).toEqual([]);
    expect(snapshots(h.send({ type: 'disconnect', playerId: 'p1' }))).toEqual([]);
    expect(snapshots(h.send({ type: 'rejoin', token: token(1) }))).toEqual([]);
    h.send({ type: 'advance', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST });
    const progress = { phase: 'd' as const, step: 1, total: 6, dLoss: 1, gLoss: 1 };
    expect(snapshots(h.send({ type: 'progress', hostToken: HOST, round: 1, progress }))).toEqual([]);
  });

  it('saves a disconnect that closes the round now, and a refusal not at all', () => {
    const h = judging(2);
    for (const img of h.images()) h.vote(0, img.id, 'real');
    const r = h.later(10).send({ type: 'disconnect', playerId: 'p1' });
    expect(snapshots(r)).toEqual([]); // p1 left before voting: their grace holds the round, nothing changes phase
    const closed = h.later(60_000).send({ type: 'tick' });
    expect(h.state.phase.kind).toBe('reveal');
    expect(snapshots(closed)).toEqual([{ type: 'snapshot', when: 'now', opensRound: false }]);
    expect(snapshots(h.send({ type: 'start', hostToken: HOST }))).toEqual([]);
  });

  it('tells a host-only change from one every screen must see', () => {
    const h = judging(2);
    expect(h.send({ type: 'disconnect', playerId: 'p1' }).effects).toContainEqual({ type: 'broadcast', hostOnly: true });
    expect(h.send({ type: 'rejoin', token: token(1) }).effects).toContainEqual({ type: 'broadcast', hostOnly: true });
    expect(h.send({ type: 'advance', hostToken: HOST }).effects).toContainEqual({ type: 'broadcast' });
  });
});

describe('trainer jobs', () => {
  it('asks for fakes with everything the trainer needs, and the same job again for a host that comes back', () => {
    const h = harness({}, ['noise', 'strokes']);
    h.join();
    h.send({ type: 'start', hostToken: HOST });
    const r = h.send({ type: 'advance', hostToken: HOST });
    const ask = r.effects.find((e) => e.type === 'requestFakes');
    if (ask?.type !== 'requestFakes') throw new Error('no request for fakes');
    // The data-only training while the class judges: the judging window, the level's D:G alternation.
    const judging = { seconds: DEFAULT_SETTINGS.roundSeconds + DEFAULT_SETTINGS.revealSeconds, maxSteps: MAX_PHASE_STEPS, dSteps: 1, gSteps: 1 };
    expect(ask.job).toEqual({ kind: 'generate', round: 1, count: ask.count, level: LEVELS.noise, levelNumber: 1, judging });
    expect(pendingJob(h.state)).toEqual(ask);
  });

  it('asks for training with the level, the budget and the verdicts, kept in the phase as sent', () => {
    const h = judging(1);
    h.send({ type: 'advance', hostToken: HOST });
    const r = h.send({ type: 'advance', hostToken: HOST });
    const ask = r.effects.find((e) => e.type === 'requestTraining');
    if (ask?.type !== 'requestTraining') throw new Error('no request for training');
    expect(ask.job).toMatchObject({ kind: 'train', round: 1, level: LEVELS.noise, levelNumber: 1, humanWeight: LEVELS.noise.humanWeight, knobs: null });
    // Seconds for the class's wait, from the planned steps (game/training-budget.ts).
    expect(ask.job.budget).toEqual({ dSteps: 40, gSteps: 40, seconds: trainSeconds({ dSteps: 40, gSteps: 40 }) });
    expect(ask.job.verdicts).toHaveLength(6);
    if (h.state.phase.kind !== 'training') throw new Error('not training');
    expect(h.state.phase.job).toBe(ask.job);
    expect(pendingJob(h.state)).toEqual(ask);
  });

  it('brings a training job saved in the older shape up to date', () => {
    const h = judging(1);
    h.send({ type: 'advance', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST });
    const phase = h.state.phase;
    if (phase.kind !== 'training') throw new Error('not training');
    const { kind: _k, round: _r, level: _l, levelNumber: _i, ...older } = phase.job;
    const saved = { ...h.state, phase: { ...phase, job: older } } as unknown as Room;
    expect(withTrainerJob(saved)).toEqual(h.state);
    expect(withTrainerJob(h.state)).toBe(h.state);
  });

  it('says which real images to draw, for a room waiting for fakes only', () => {
    const h = harness({}, ['noise']);
    h.join();
    expect(realsToDraw(h.state)).toBeNull();
    h.send({ type: 'start', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST });
    const phase = h.state.phase;
    if (phase.kind !== 'generating') throw new Error('not generating');
    expect(realsToDraw(h.state)).toEqual({ dataset: LEVELS.noise.model.dataset, count: 6 - phase.fakes, label: LEVELS.noise.drawClass, shown: [] });
  });

  it('remembers which held-out images a room has shown, per dataset, through a saved snapshot', () => {
    const h = harness({ roundsPerLevel: 1, imagesPerRound: 6, roundSeconds: 30 }, ['noise', 'fashion']);
    h.join();
    h.send({ type: 'start', hostToken: HOST });
    h.send({ type: 'advance', hostToken: HOST });
    /** Answers the fakes request with reals the server says are the held-out images from `first` on. */
    const answer = (first: number, extra = 0) => {
      const phase = h.state.phase;
      if (phase.kind !== 'generating') throw new Error('not generating');
      const n = 6 - phase.fakes;
      const realIndices = Array.from({ length: n + extra }, (_, i) => first + i);
      return { n, r: h.send({ type: 'fakes', hostToken: HOST, round: phase.round, images: Array(phase.pool).fill(''), reals: Array(n).fill(''), realIndices }) };
    };
    // A server that names more images than it drew is refused, and nothing is remembered.
    expect(answer(100, 1).r.error?.code).toBe('internal');
    expect(h.state.realsShown).toBeUndefined();
    const first = answer(100);
    expect(first.r.error).toBeUndefined();
    const digits = Array.from({ length: first.n }, (_, i) => 100 + i);
    expect(h.state.realsShown).toEqual({ digits });

    // On to the next level (fashion): its draw starts from nothing shown, the digits stay remembered.
    h.later(31_000).send({ type: 'tick' });
    h.send({ type: 'advance', hostToken: HOST });
    h.send({ type: 'trained', hostToken: HOST, round: 1, report: { dSteps: 1, gSteps: 1, dLoss: 1, gLoss: 1, humanLoss: 0, dReal: 0.5, dFake: 0.5, stepsPerSec: 1, ms: 1, backend: 'cpu', checksumBefore: 1, checksumAfter: 2 } });
    for (let i = 0; h.state.phase.kind !== 'generating' && i < 50; i++) h.send({ type: 'advance', hostToken: HOST });
    expect(realsToDraw(h.state)).toMatchObject({ dataset: 'fashion', shown: [] });
    const second = answer(7);
    expect(h.state.realsShown).toEqual({ digits, fashion: Array.from({ length: second.n }, (_, i) => 7 + i) });
    // What the snapshot keeps (JSON) is what a restarted server draws around.
    const saved = JSON.parse(JSON.stringify(h.state)) as Room;
    expect(saved.realsShown).toEqual(h.state.realsShown);
  });
});

describe('deadlineOf', () => {
  it('is the judging or coaching deadline, the end of a reveal, and nothing in a phase that waits', () => {
    const h = harness({ roundSeconds: 30, revealSeconds: 8 });
    h.join();
    expect(deadlineOf(h.state)).toBeNull(); // lobby
    h.send({ type: 'start', hostToken: HOST });
    expect(deadlineOf(h.state)).toBeNull(); // intro
    h.send({ type: 'advance', hostToken: HOST });
    expect(deadlineOf(h.state)).toBeNull(); // generating
    h.startRound(false);
    expect(deadlineOf(h.state)).toBe(h.now + 30_000);
    h.later(1000).send({ type: 'advance', hostToken: HOST });
    expect(deadlineOf(h.state)).toBe(h.now + 8_000);
    h.send({ type: 'advance', hostToken: HOST });
    expect(deadlineOf(h.state)).toBeNull(); // training
  });

  it('is the coaches’ deadline while they choose', () => {
    const h = harness({ teams: true, coachSeconds: 20 });
    for (let i = 0; i < 4; i++) h.join(`P${i}`);
    h.startRound();
    expect(h.state.phase.kind).toBe('coaching');
    expect(deadlineOf(h.state)).toBe(h.now + 20_000);
  });
});
