/**
 * Solo play on the room engine, in one browser. The page runs the same reduce() as the server, with
 * one human in the room: as the only judge, or (coach mode) as the coach of the generator while the
 * machine discriminator joins as the judge. Pure: what to create, how the machine votes, how a
 * saved game resumes, and when a coach reached the target.
 */
import { withBallots } from './ballots';
import { type Ctx, type GameEvent, type Result, createRoom, reduce, withLessonSteps } from './engine';
import type { LevelId, Loss, Settings, Verdict } from './protocol';
import type { Room } from './state';
import { presetSettings } from './setup';
import { LOSS } from './vocabulary';

export const SOLO_PIN = '100000';
export const SOLO_HOST = 'solo-host-token-local';
export const HUMAN = { id: 'you', token: 'solo-player-token-you' } as const;
export const MACHINE = { id: 'machine', token: 'solo-player-token-machine', nickname: 'Machine D' } as const;

export type SoloMode = 'judge' | 'coach';

export interface SoloOptions {
  mode: SoloMode;
  levels: LevelId[];
  /** Few images, one round a level and a tenth of the steps: for tests on software GPUs. */
  tiny?: boolean;
  nickname?: string;
}

/**
 * Settings for one person: no one else to wait for, so the reveal and the coaching wait for the
 * player's click (long timers), while judging keeps a clock so speed still scores.
 */
export function soloSettings(o: Pick<SoloOptions, 'mode' | 'tiny'>): Settings {
  return {
    roundSeconds: o.tiny ? 120 : 45,
    imagesPerRound: o.tiny ? 4 : 6,
    roundsPerLevel: o.tiny ? 1 : 3,
    revealSeconds: 3600,
    coachSeconds: 3600,
    teams: o.mode === 'coach',
    // The human coaches all game: the machine never coaches.
    swapRoles: false,
    // A tenth of the steps on small batches (game/setup.ts presets), or every step the level plans.
    ...presetSettings(o.tiny ? 'tiny' : 'full'),
  };
}

function must(r: Result): Room {
  if (r.error) throw new Error(`solo setup refused: ${r.error.message}`);
  return r.state;
}

/** A started solo game, at the first level's intro. */
export function createSoloGame(o: SoloOptions, ctx: Ctx): Room {
  let room = createRoom({ pin: SOLO_PIN, hostToken: SOLO_HOST, settings: soloSettings(o), levels: o.levels }, ctx);
  // Coach mode: the engine gives the first joiner the judge's role and the second the coach's.
  if (o.mode === 'coach') room = must(reduce(room, { type: 'join', playerId: MACHINE.id, token: MACHINE.token, nickname: MACHINE.nickname }, ctx));
  room = must(reduce(room, { type: 'join', playerId: HUMAN.id, token: HUMAN.token, nickname: o.nickname || 'You' }, ctx));
  return must(reduce(room, { type: 'start', hostToken: SOLO_HOST }, ctx));
}

export function soloMode(room: Room): SoloMode {
  return room.settings.teams ? 'coach' : 'judge';
}

/** Where a D output counts as "real" for each loss family; a WGAN critic's scale drifts, so it is calibrated. */
export function machineThreshold(loss: Loss, calibration?: { dReal: number; dFake: number } | null): number {
  if (LOSS[loss].critic && calibration && Number.isFinite(calibration.dReal) && Number.isFinite(calibration.dFake)) {
    return (calibration.dReal + calibration.dFake) / 2;
  }
  // BCE logits and hinge scores: real above 0 (a probability above one half); LSGAN half-way between its targets.
  return LOSS[loss].midpoint;
}

export function machineVerdict(loss: Loss, raw: number, calibration?: { dReal: number; dFake: number } | null): Verdict {
  return raw > machineThreshold(loss, calibration) ? 'real' : 'fake';
}

/** A number to show for D's opinion: P(real) for BCE; the raw score (labelled as such) otherwise. */
export function machineDisplay(loss: Loss, raw: number): { value: number; kind: 'probability' | 'critic' | 'score'; label: string } {
  if (LOSS[loss].probability) {
    const p = 1 / (1 + Math.exp(-raw));
    return { value: p, kind: 'probability', label: `P(real) ${p.toFixed(2)}` };
  }
  const kind = LOSS[loss].critic ? 'critic' : 'score';
  return { value: raw, kind, label: `${kind} ${raw.toFixed(2)}` };
}

/** The machine judge's votes on every image of the round (coach mode), from D's raw scores by pixels. */
export function machineVotes(room: Room, scores: Record<string, number>, loss: Loss, calibration?: { dReal: number; dFake: number } | null): GameEvent[] {
  if (room.phase.kind !== 'judging') return [];
  return room.phase.images
    .filter((img) => scores[img.pixels] !== undefined)
    .map((img) => ({ type: 'vote', token: MACHINE.token, imageId: img.id, verdict: machineVerdict(loss, scores[img.pixels], calibration) }));
}

/** How the machine would have judged the round, against the truth. */
export function machineAccuracy(images: { pixels: string; truth: Verdict }[], scores: Record<string, number>, loss: Loss, calibration?: { dReal: number; dFake: number } | null): { correct: number; judged: number } {
  let correct = 0;
  let judged = 0;
  for (const img of images) {
    const raw = scores[img.pixels];
    if (raw === undefined) continue;
    judged++;
    if (machineVerdict(loss, raw, calibration) === img.truth) correct++;
  }
  return { correct, judged };
}

/**
 * A saved game resumes with every running clock shifted by the time the page was away, through
 * the engine's own pause and resume: the player loses no seconds to a reload.
 */
export function resumeAfter(room: Room, awaySince: number, now: number, rng: Ctx['rng']): Room {
  if (room.paused || room.phase.kind === 'ended' || now <= awaySince) return room;
  const paused = reduce(room, { type: 'pause', hostToken: SOLO_HOST, paused: true }, { now: awaySince, rng });
  if (paused.error) return room;
  const resumed = reduce(paused.state, { type: 'pause', hostToken: SOLO_HOST, paused: false }, { now, rng });
  return resumed.error ? room : resumed.state;
}

/** The coach's goal: a share of fakes the machine calls real, or a Fréchet distance to get under. */
export type SoloTarget = { kind: 'fooled'; rate: number } | { kind: 'fid'; value: number };

export const DEFAULT_TARGETS: Record<SoloTarget['kind'], SoloTarget> = {
  fooled: { kind: 'fooled', rate: 0.5 },
  fid: { kind: 'fid', value: 20 },
};

export interface TargetProgress {
  /** The latest measurement, or null before there is one. */
  latest: number | null;
  best: number | null;
  reached: boolean;
}

/** Progress toward the target from the rounds so far (fooled rates) or the measured distances. */
export function targetProgress(target: SoloTarget, fooledRates: (number | null)[], fids: number[]): TargetProgress {
  if (target.kind === 'fooled') {
    const xs = fooledRates.filter((x): x is number => x !== null);
    const best = xs.length ? Math.max(...xs) : null;
    return { latest: xs.length ? xs[xs.length - 1] : null, best, reached: best !== null && best >= target.rate };
  }
  const best = fids.length ? Math.min(...fids) : null;
  return { latest: fids.length ? fids[fids.length - 1] : null, best, reached: best !== null && best <= target.value };
}

/** What a solo game keeps in the browser besides the generator's checkpoint (stored apart, it is large). */
export interface SoloSave {
  version: 1;
  room: Room;
  /** D's raw score per image, keyed by its pixels (ids are fresh each phase). */
  machine: Record<string, number>;
  /** Class of each image that has one, by pixels: a conditional D needs it to judge. */
  labels: Record<string, number>;
  calibration: { dReal: number; dFake: number } | null;
  losses: { d: number; g: number }[];
  fids: number[];
  target: SoloTarget | null;
  /** When the page last said it was alive: the clocks resume from here. */
  heartbeat: number;
}

export const SAVE_KEY = 'gan-arena:solo:v1';
const MAX_LOSSES = 2000;

export function serializeSave(s: SoloSave): string {
  return JSON.stringify({ ...s, losses: s.losses.slice(-MAX_LOSSES) });
}

/** A saved game, or null when there is none or it cannot be read (another version, corrupt). */
export function parseSave(text: string | null): SoloSave | null {
  if (!text) return null;
  try {
    const s = JSON.parse(text) as Partial<SoloSave>;
    if (s.version !== 1 || !s.room || typeof s.room !== 'object' || !s.room.phase || !Array.isArray(s.room.levels) || typeof s.heartbeat !== 'number') return null;
    return {
      version: 1,
      room: withLessonSteps(withBallots(s.room)),
      machine: s.machine ?? {},
      labels: s.labels ?? {},
      calibration: s.calibration ?? null,
      losses: Array.isArray(s.losses) ? s.losses : [],
      fids: Array.isArray(s.fids) ? s.fids : [],
      target: s.target ?? null,
      heartbeat: s.heartbeat,
    };
  } catch {
    return null;
  }
}

/** Keeps only the machine scores and labels for images still on screen, so the save stays small. */
export function pruneByPixels<T>(map: Record<string, T>, room: Room): Record<string, T> {
  const live = new Set<string>();
  const p = room.phase;
  if (p.kind === 'coaching') for (const i of p.pool) live.add(i.pixels);
  if (p.kind === 'coaching') for (const r of p.reals) live.add(r);
  if (p.kind === 'judging' || p.kind === 'reveal') for (const i of p.images) live.add(i.pixels);
  if (p.kind === 'training') for (const v of p.job.verdicts) live.add(v.pixels);
  return Object.fromEntries(Object.entries(map).filter(([k]) => live.has(k)));
}
