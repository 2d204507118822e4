import { describe, expect, it } from 'vitest';
import { type GameEvent, realsWanted, reduce } from './engine';
import { seededRng } from './rng';
import {
  HUMAN, MACHINE, SOLO_HOST, createSoloGame, machineAccuracy, machineDisplay, machineVerdict, machineVotes, parseSave,
  pruneByPixels, resumeAfter, serializeSave, soloMode, targetProgress, type SoloSave,
} from './solo';
import type { Room } from './state';
import { px } from './test-harness';

const rng = seededRng(7);
let now = 1_000_000;
function send(room: Room, e: GameEvent): Room {
  const r = reduce(room, e, { now, rng });
  if (r.error) throw new Error(r.error.message);
  return r.state;
}

/** Feeds the engine the fakes and reals it asked for, as the solo page does with the trainer. */
function supply(room: Room): Room {
  if (room.phase.kind !== 'generating') throw new Error(`expected generating, got ${room.phase.kind}`);
  const fakes = Array.from({ length: room.phase.pool }, (_, i) => px(10 + i));
  const reals = Array.from({ length: realsWanted(room) }, (_, i) => px(200 + i));
  return send(room, { type: 'fakes', hostToken: SOLO_HOST, round: room.phase.round, images: fakes, reals });
}

describe('solo judge mode', () => {
  it('plays a tiny level on the engine: intro, judge, reveal, train, leaderboard, lesson, end', () => {
    let room = createSoloGame({ mode: 'judge', levels: ['noise'], tiny: true }, { now, rng });
    expect(soloMode(room)).toBe('judge');
    expect(room.players.map((p) => [p.id, p.role])).toEqual([[HUMAN.id, 'discriminator']]);
    expect(room.phase.kind).toBe('intro');
    room = send(room, { type: 'advance', hostToken: SOLO_HOST });
    room = supply(room);
    if (room.phase.kind !== 'judging') throw new Error('not judging');
    expect(room.phase.images).toHaveLength(4);
    for (const img of room.phase.images) room = send(room, { type: 'vote', token: HUMAN.token, imageId: img.id, verdict: 'fake' });
    // The only judge's last vote ends the round.
    expect(room.phase.kind).toBe('reveal');
    room = send(room, { type: 'advance', hostToken: SOLO_HOST });
    expect(room.phase.kind).toBe('training');
    if (room.phase.kind !== 'training') return;
    // A tenth of the level's steps in the tiny preset.
    expect(room.phase.job.budget).toEqual({ dSteps: 4, gSteps: 4, seconds: 0.6 });
    const report = { dSteps: 4, gSteps: 4, dLoss: 1, gLoss: 1, humanLoss: 0, dReal: 0.5, dFake: 0.5, stepsPerSec: 10, ms: 10, backend: 'cpu' as const, checksumBefore: 1, checksumAfter: 2 };
    room = send(room, { type: 'trained', hostToken: SOLO_HOST, round: room.phase.round, report });
    expect(room.phase.kind).toBe('leaderboard');
    room = send(room, { type: 'advance', hostToken: SOLO_HOST });
    expect(room.phase.kind).toBe('lesson');
    while (room.phase.kind === 'lesson') room = send(room, { type: 'advance', hostToken: SOLO_HOST });
    expect(room.phase.kind).toBe('ended');
    expect(room.players[0].score).toBeGreaterThan(0);
  });
});

describe('solo coach mode', () => {
  it('makes the human the coach and the machine the judge, whose votes end the round', () => {
    let room = createSoloGame({ mode: 'coach', levels: ['noise', 'strokes'] }, { now, rng });
    expect(room.players.map((p) => [p.id, p.role])).toEqual([[MACHINE.id, 'discriminator'], [HUMAN.id, 'coach']]);
    room = send(room, { type: 'advance', hostToken: SOLO_HOST });
    if (room.phase.kind !== 'generating') throw new Error('not generating');
    // A pool twice the size, for the coach to choose from.
    expect(room.phase.pool).toBe(room.phase.fakes * 2);
    room = supply(room);
    if (room.phase.kind !== 'coaching') throw new Error('not coaching');
    const picks = room.phase.pool.slice(0, room.phase.fakes).map((p) => p.id);
    room = send(room, { type: 'knobs', token: HUMAN.token, knobs: { loss: 'wgan-gp', lr: 'low', ratio: '2:1', steps: 'many' } });
    room = send(room, { type: 'pick', token: HUMAN.token, imageIds: picks });
    if (room.phase.kind !== 'judging') throw new Error('not judging');
    const scores = Object.fromEntries(room.phase.images.map((img, i) => [img.pixels, i % 2 ? 2 : -2]));
    const votes = machineVotes(room, scores, 'nonsaturating');
    expect(votes).toHaveLength(room.phase.images.length);
    for (const v of votes) room = send(room, v);
    expect(room.phase.kind).toBe('reveal');
    room = send(room, { type: 'advance', hostToken: SOLO_HOST });
    if (room.phase.kind !== 'training') throw new Error('not training');
    // The coach's knobs decide the training.
    expect(room.phase.job.tunables.loss).toBe('wgan-gp');
    expect(room.phase.job.budget.dSteps).toBeGreaterThan(room.phase.job.budget.gSteps);
  });
});

describe('the machine judge', () => {
  it('reads logits, LSGAN outputs and calibrated critic scores', () => {
    expect(machineVerdict('nonsaturating', 0.3)).toBe('real');
    expect(machineVerdict('minimax', -0.1)).toBe('fake');
    expect(machineVerdict('lsgan', 0.4)).toBe('fake');
    expect(machineVerdict('hinge', 0.2)).toBe('real');
    expect(machineVerdict('wgan-gp', 5, { dReal: 8, dFake: 4 })).toBe('fake');
    expect(machineVerdict('wgan-gp', 7, { dReal: 8, dFake: 4 })).toBe('real');
    expect(machineDisplay('nonsaturating', 0).label).toBe('P(real) 0.50');
    expect(machineDisplay('wgan-gp', 1.234).label).toBe('critic 1.23');
  });

  it('scores its own accuracy on judged images', () => {
    const imgs = [{ pixels: 'a', truth: 'real' as const }, { pixels: 'b', truth: 'fake' as const }, { pixels: 'c', truth: 'fake' as const }];
    expect(machineAccuracy(imgs, { a: 1, b: -1, c: 1 }, 'nonsaturating')).toEqual({ correct: 2, judged: 3 });
  });
});

describe('saving and resuming', () => {
  it('shifts the judging deadline by the time the page was away', () => {
    let room = createSoloGame({ mode: 'judge', levels: ['noise'], tiny: true }, { now, rng });
    room = send(room, { type: 'advance', hostToken: SOLO_HOST });
    room = supply(room);
    if (room.phase.kind !== 'judging') throw new Error('not judging');
    const deadline = room.phase.deadline;
    const resumed = resumeAfter(room, now + 5_000, now + 65_000, rng);
    expect(resumed.phase.kind === 'judging' && resumed.phase.deadline).toBe(deadline + 60_000);
    expect(resumed.paused).toBeNull();
  });

  it('round-trips a save and refuses what is not one', () => {
    const room = createSoloGame({ mode: 'judge', levels: ['noise'] }, { now, rng });
    const save: SoloSave = { version: 1, room, machine: {}, labels: {}, calibration: null, losses: [{ d: 1, g: 2 }], fids: [], target: null, heartbeat: now };
    expect(parseSave(serializeSave(save))).toEqual(save);
    expect(parseSave(null)).toBeNull();
    expect(parseSave('{oops')).toBeNull();
    expect(parseSave(JSON.stringify({ ...save, version: 2 }))).toBeNull();
  });

  it('keeps only the scores of images still on screen', () => {
    let room = createSoloGame({ mode: 'judge', levels: ['noise'], tiny: true }, { now, rng });
    room = send(room, { type: 'advance', hostToken: SOLO_HOST });
    room = supply(room);
    if (room.phase.kind !== 'judging') throw new Error('not judging');
    const keep = room.phase.images[0].pixels;
    expect(pruneByPixels({ [keep]: 1, stale: 2 }, room)).toEqual({ [keep]: 1 });
  });
});

describe('targets', () => {
  it('tracks the best fooled rate and the best Fréchet distance', () => {
    expect(targetProgress({ kind: 'fooled', rate: 0.5 }, [null, 0.25, 0.6, 0.4], [])).toEqual({ latest: 0.4, best: 0.6, reached: true });
    expect(targetProgress({ kind: 'fooled', rate: 0.5 }, [], [])).toEqual({ latest: null, best: null, reached: false });
    expect(targetProgress({ kind: 'fid', value: 20 }, [], [40, 25, 30])).toEqual({ latest: 30, best: 25, reached: false });
  });
});
