/**
 * Hardware-aware set-up: what a game costs on the host's computer, before it starts. The host's
 * worker times a few real training steps of each model the campaign uses (ml/bench.ts); from those
 * timings this module estimates how long each level's training takes a round under each preset,
 * proposes the preset that fits a class, and says how long to wait for a trainer before offering the
 * teacher Retry or Skip. Pure: no clock, no tfjs, no strings for the screen (app/host/setup-text.ts).
 *
 * A preset is a point on the room's own budget settings (settings.stepScale, settings.batchSize): the
 * `?preset=` URL parameter and the lobby's choice both set exactly those, and the trainer reads them
 * from the room, so there is one code path whichever way a preset was chosen.
 */
import { trainingPlan } from './coaching';
import type { Knobs, LevelSpec, ModelShape, Settings } from './protocol';
import { expectedRound, trainSeconds, type StepBudget } from './training-budget';

/** Budgets the host can choose, most training first. `tiny` is also what the end-to-end tests use. */
export const PRESETS = {
  /** Every step each level plans, at the usual batch: for a graphics card. */
  full: { stepScale: 1, batchSize: 64 },
  /** A quarter of the steps at the same batch: the same kind of learning, less of it. */
  quick: { stepScale: 0.25, batchSize: 64 },
  /** A tenth of the steps on batches of 16: for a computer that trains in software. */
  tiny: { stepScale: 0.1, batchSize: 16 },
} as const satisfies Record<string, Pick<Settings, 'stepScale' | 'batchSize'>>;

export type PresetId = keyof typeof PRESETS;
export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

export function isPresetId(x: unknown): x is PresetId {
  return typeof x === 'string' && Object.hasOwn(PRESETS, x);
}

/** The batch a room trains on: its setting, or the usual 64 for a room saved before it had one. */
export function batchSizeOf(settings: Pick<Settings, 'batchSize'> | Partial<Pick<Settings, 'batchSize'>>): number {
  return settings.batchSize ?? PRESETS.full.batchSize;
}

/** The preset a room's settings are at, or null when they were set some other way. */
export function presetOf(settings: Pick<Settings, 'stepScale'> & Partial<Pick<Settings, 'batchSize'>>): PresetId | null {
  const batch = batchSizeOf(settings);
  return PRESET_IDS.find((id) => PRESETS[id].stepScale === settings.stepScale && PRESETS[id].batchSize === batch) ?? null;
}

/** What a preset changes in the room's settings (what the lobby sends, and `?preset=` creates a room with). */
export function presetSettings(id: PresetId): Pick<Settings, 'stepScale' | 'batchSize'> {
  return { ...PRESETS[id] };
}

// ---- measured speed ----

/** One optimizer step's cost on this computer, in milliseconds: a discriminator step and a generator step. */
export interface StepCost {
  msD: number;
  msG: number;
}

/** The fields that decide how long a step takes (the dataset does not: every game dataset is 28×28). */
export type CostShape = Pick<ModelShape, 'arch' | 'conditional' | 'latentDim' | 'hidden'>;

/** The name a timing is kept under: a model's cost shape at a batch size. */
export function costKey(model: CostShape, batchSize: number): string {
  return `${model.arch}${model.conditional ? '+c' : ''}/z${model.latentDim}/h${model.hidden}/b${batchSize}`;
}

/** Every (model, batch) the presets would train these levels with, each once: what the worker should time. */
export function benchPlan(levels: readonly LevelSpec[], batchSizes: readonly number[]): { key: string; model: CostShape; batchSize: number }[] {
  const out = new Map<string, { key: string; model: CostShape; batchSize: number }>();
  for (const batchSize of batchSizes) {
    for (const l of levels) {
      const model = { arch: l.model.arch, conditional: l.model.conditional, latentDim: l.model.latentDim, hidden: l.model.hidden };
      const key = costKey(model, batchSize);
      if (!out.has(key)) out.set(key, { key, model, batchSize });
    }
  }
  return [...out.values()];
}

/** The batch sizes the presets use, the room's own first (it is the one that matters now). */
export function presetBatchSizes(current: number): number[] {
  return [...new Set([current, ...PRESET_IDS.map((id) => PRESETS[id].batchSize)])];
}

// ---- estimates ----

export type Costs = Readonly<Record<string, StepCost>>;

/** A round's step budget for a level under a step scale, the coaches' knobs if any (game/coaching.ts, as the engine plans it). */
export function roundBudget(level: LevelSpec, stepScale: number, knobs: Knobs | null = null): { dSteps: number; gSteps: number } {
  return trainingPlan(level, knobs, stepScale).budget;
}

/**
 * What a round's training (after the verdicts) comes to on this computer, by the trainer's own rule
 * (game/training-budget.ts): the round's seconds (0.075 s per planned step), at least the planned steps
 * where they take at most twice that, and one step of each kind however slow. A graphics card runs
 * many more steps than planned in the same seconds; a slow processor fewer, and never waits past twice them.
 */
export function roundOnHost(budget: StepBudget, cost: StepCost): { dSteps: number; gSteps: number; steps: number; ms: number } {
  const r = expectedRound({ ...budget, seconds: trainSeconds(budget) }, cost);
  return { ...r, steps: r.dSteps + r.gSteps };
}

export interface LevelEstimate {
  id: LevelSpec['id'];
  name: string;
  /** Optimizer steps one round's training plans. */
  steps: number;
  /** The steps this computer runs in a round's training (roundOnHost); null until this level's model has been timed. */
  runs: number | null;
  /** Seconds of training a round; null until this level's model has been timed. */
  trainSeconds: number | null;
  /** Minutes the level's rounds take: judging, reveal, coaching (teams) and training; null until timed. */
  levelMinutes: number | null;
}

export interface Estimate {
  levels: LevelEstimate[];
  /** The longest training of any level's round, in seconds (null: a level's model is not timed yet). */
  slowestRoundSeconds: number | null;
  /** All the levels' rounds, in minutes (lesson cards and intros not counted); null until every model is timed. */
  totalMinutes: number | null;
}

type EstimateSettings = Pick<Settings, 'stepScale' | 'roundsPerLevel' | 'roundSeconds' | 'revealSeconds' | 'coachSeconds' | 'teams'> & Partial<Pick<Settings, 'batchSize'>>;

/** How long each level takes on this computer under these settings, from the timings measured so far. */
export function estimate(levels: readonly LevelSpec[], settings: EstimateSettings, costs: Costs): Estimate {
  const batch = batchSizeOf(settings);
  const perRoundFixed = settings.roundSeconds + settings.revealSeconds + (settings.teams ? settings.coachSeconds : 0);
  const rows = levels.map((level): LevelEstimate => {
    const budget = roundBudget(level, settings.stepScale);
    const cost = costs[costKey(level.model, batch)];
    const round = cost ? roundOnHost(budget, cost) : null;
    const trainSeconds = round ? round.ms / 1000 : null;
    return {
      id: level.id,
      name: level.name,
      steps: budget.dSteps + budget.gSteps,
      runs: round ? round.steps : null,
      trainSeconds,
      levelMinutes: trainSeconds === null ? null : (settings.roundsPerLevel * (perRoundFixed + trainSeconds)) / 60,
    };
  });
  const timed = rows.every((r) => r.trainSeconds !== null);
  return {
    levels: rows,
    slowestRoundSeconds: timed && rows.length ? Math.max(...rows.map((r) => r.trainSeconds!)) : null,
    totalMinutes: timed ? rows.reduce((s, r) => s + r.levelMinutes!, 0) : null,
  };
}

/** Training a round may take before a class is left waiting too long: longer than judging a round does. */
export const SLOW_ROUND_SECONDS = 60;

export interface Proposal {
  /** The preset that fits: the one with the most training whose slowest round stays within SLOW_ROUND_SECONDS. */
  preset: PresetId;
  /** False when even the lightest preset's rounds are slower than that (it is proposed anyway). */
  fits: boolean;
  /** Its slowest round's training, in seconds. */
  roundSeconds: number;
}

/**
 * The preset to use on this computer, or null until every model the presets need has been timed.
 * The room's other settings (rounds, seconds to judge, teams) stay as they are.
 */
export function proposePreset(levels: readonly LevelSpec[], settings: EstimateSettings, costs: Costs): Proposal | null {
  let last: Proposal | null = null;
  for (const id of PRESET_IDS) {
    const e = estimate(levels, { ...settings, ...PRESETS[id] }, costs);
    if (e.slowestRoundSeconds === null) return null;
    last = { preset: id, fits: e.slowestRoundSeconds <= SLOW_ROUND_SECONDS, roundSeconds: e.slowestRoundSeconds };
    if (last.fits) return last;
  }
  return last;
}

/** True when the room's settings are slower than a class should wait for: what makes the lobby speak up. */
export function tooSlow(e: Estimate): boolean {
  return e.slowestRoundSeconds !== null && e.slowestRoundSeconds > SLOW_ROUND_SECONDS;
}

/** Below this share of a level's planned steps a round's training is worth a word to the teacher. */
export const FEWER_STEPS_SHARE = 0.5;

/**
 * The level whose rounds run the smallest share of their planned steps, when this computer runs under
 * FEWER_STEPS_SHARE of them in some level (slower than 0.3 s a step: plain JavaScript, a software
 * renderer, a very old processor): its generator learns more slowly than the lessons plan, whatever the
 * preset, since a preset scales the steps and the seconds alike. Null otherwise.
 */
export function fewestSteps(e: Estimate): LevelEstimate | null {
  let worst: LevelEstimate | null = null;
  for (const l of e.levels) {
    if (l.runs === null || l.steps === 0 || l.runs >= FEWER_STEPS_SHARE * l.steps) continue;
    if (!worst || l.runs / l.steps < worst.runs! / worst.steps) worst = l;
  }
  return worst;
}

// ---- waiting for the trainer ----

/** However fast the computer, the teacher is offered Retry only after this long without a sign of life. */
export const WAIT_FLOOR_MS = 20_000;
/** A trainer that takes this many times longer than measured is taken for stuck. */
export const WAIT_FACTOR = 3;

/**
 * How long the host waits without a sign of life from the trainer (the job arriving, a training step)
 * before it says the trainer may be stuck and offers Retry or Skip: WAIT_FACTOR times what the job
 * should take on this computer, never under WAIT_FLOOR_MS. `expectedMs` null (not measured): the floor.
 */
export function waitLimitMs(expectedMs: number | null): number {
  return Math.max(WAIT_FLOOR_MS, Math.round(WAIT_FACTOR * (expectedMs ?? 0)));
}

/** What a round's training should take on this computer (roundOnHost) at the measured cost of its level's model (null: not measured). */
export function expectedTrainingMs(level: LevelSpec, settings: Pick<Settings, 'stepScale'> & Partial<Pick<Settings, 'batchSize'>>, knobs: Knobs | null, costs: Costs): number | null {
  const cost = costs[costKey(level.model, batchSizeOf(settings))];
  return cost ? roundOnHost(roundBudget(level, settings.stepScale, knobs), cost).ms : null;
}

export type WaitState = { kind: 'waiting'; elapsedMs: number; limitMs: number } | { kind: 'stalled'; quietMs: number; limitMs: number };

/**
 * Where a wait stands at `now`: still waiting, or stalled once nothing has been heard from the
 * trainer for `limitMs` (its last step, or the start of the wait).
 */
export function waitState(o: { since: number; lastSign: number | null; limitMs: number; now: number }): WaitState {
  const quiet = o.now - Math.max(o.since, o.lastSign ?? o.since);
  return quiet >= o.limitMs ? { kind: 'stalled', quietMs: quiet, limitMs: o.limitMs } : { kind: 'waiting', elapsedMs: o.now - o.since, limitMs: o.limitMs };
}
