/**
 * Training that uses the time: how long the host's trainer trains in each phase of a round, and when
 * a run of steps stops. Pure: the engine puts the seconds into the trainer's jobs (game/engine.ts),
 * the trainer (ml/trainer.ts) asks `stopPhase` before each step, and the lobby estimates with the same
 * rule (game/setup.ts).
 *
 * Two phases a round:
 *  - **While the class judges** (from the moment the round's fakes are sent until its training job
 *    arrives): ordinary GAN steps on the data, D and G alternating in the level's ratio, no human
 *    term. Nobody waits for these, so they may take the whole judging window; the tiny preset (tests
 *    on software GPUs, very slow computers) runs at most JUDGING_STEPS_TINY, so a train job never
 *    waits behind a slow step it did not need.
 *  - **After the verdicts** (the class waits): D steps with the human term and G steps, taking turns in
 *    the level's ratio (40:40 → D, G, D, G…; 10:40 → D, G, G, G, G…), as lesson card T07 teaches. The
 *    phase gets SECONDS_PER_PLANNED_STEP for every step the level plans (its dSteps + gSteps, scaled by
 *    the preset's stepScale and the coaches' knobs): the full preset's 80-step levels get 6 s, the tiny
 *    preset's 0.6 s. A fast computer runs hundreds of steps in them, in the same ratio.
 *    Why turns and not a block of D steps then a block of G steps: `npm run bench:lesson` in blocks of
 *    40 moved the conditional level's Fréchet distance 28 → 112 between two rounds, and a replay of six
 *    rounds from its checkpoint (distance 33) read 68, 28, 94, 24, 58, 25 in blocks against 33, 36, 38,
 *    35, 34, 32 in turns (40 D + 40 G a round at 2e-4): forty G steps against a frozen D overshoot.
 *
 * The planned step count is a minimum only where it is cheap: the phase runs its planned steps unless
 * that would take more than GUARANTEE_FACTOR times its seconds, and always one step of each kind the
 * level plans. So a
 * laptop that trains the DCGAN on its processor (≈0.15 s a step) still runs every planned step of a
 * full round (80 steps ≈ 12 s ≤ 2 × 6 s), while a software-rendered host that needs seconds a step
 * stops after 2 × the seconds instead of keeping the class for minutes.
 */
import type { Phase } from './state';
import type { HostView, LevelSpec, Settings } from './protocol';

/** Seconds of post-verdict training per step the level plans: 80 planned steps → 6 s (full preset). */
export const SECONDS_PER_PLANNED_STEP = 0.075;
/** The planned steps are guaranteed only while they take at most this many times the phase's seconds. */
export const GUARANTEE_FACTOR = 2;
/** Data-only steps while judging on the tiny preset: one D and one G step, so the path runs but costs nothing. */
export const JUDGING_STEPS_TINY = 2;
/** The most steps one phase may report (the wire's TrainingReport limit). */
export const MAX_PHASE_STEPS = 100_000;

export interface StepBudget {
  dSteps: number;
  gSteps: number;
}

/** The post-verdict phase's budget: its planned steps (the minimum, where cheap) and its seconds. */
export interface TimedBudget extends StepBudget {
  /** Seconds for the phase; absent in a job saved before budgets had seconds (then the steps alone). */
  seconds?: number;
}

/** The judging phase's budget: train on the data for at most these seconds and steps, D:G in this ratio. */
export interface JudgingBudget {
  seconds: number;
  maxSteps: number;
  /** The alternation: `dSteps` D steps, then `gSteps` G steps, again and again. */
  dSteps: number;
  gSteps: number;
}

/** Seconds the class waits for a round's human-term training, for a planned (already scaled) step budget. */
export function trainSeconds(budget: StepBudget): number {
  return Math.round((budget.dSteps + budget.gSteps) * SECONDS_PER_PLANNED_STEP * 1000) / 1000;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The level's D:G ratio as a short alternation (40:40 → 1:1, 10:40 → 1:4, 50:25 → 2:1), so data-only
 * steps keep the proportions the level teaches while switching often; at most 8 steps of a kind in a row.
 */
export function alternation(budget: StepBudget): StepBudget {
  const d = Math.max(0, Math.round(budget.dSteps));
  const g = Math.max(0, Math.round(budget.gSteps));
  if (d === 0 && g === 0) return { dSteps: 1, gSteps: 1 };
  if (d === 0) return { dSteps: 0, gSteps: 1 };
  if (g === 0) return { dSteps: 1, gSteps: 0 };
  const k = gcd(d, g);
  let [a, b] = [d / k, g / k];
  const most = Math.max(a, b);
  if (most > 8) [a, b] = [Math.max(1, Math.round((a * 8) / most)), Math.max(1, Math.round((b * 8) / most))];
  return { dSteps: a, gSteps: b };
}

type JudgingSettings = Pick<Settings, 'roundSeconds' | 'revealSeconds' | 'coachSeconds' | 'teams' | 'stepScale'>;

/** The tiny preset's step scale (game/setup.ts PRESETS.tiny), and anything lighter. */
const TINY_STEP_SCALE = 0.1;

/**
 * Whether a level trains on the data while the class judges. Only a level that starts untrained: there
 * every step helps (the digits trajectory goes from Fréchet distance 267 at 50 steps to 132 at 150),
 * while `npm run bench:lesson -- --levels=dcgan --judging-steps=200` showed the pretrained DCGAN level
 * ending its three rounds at 62–66 with 200 data-only steps a round at its learning rate (2e-4), against
 * 44–83 without (seeds 0–2). Pretrained levels wait for learning rates tuned for the extra steps.
 */
export function trainsWhileJudging(level: Pick<LevelSpec, 'checkpoint'>): boolean {
  return !level.checkpoint;
}

/**
 * Whether a level carries on with the room's running generator (already of the level's shape,
 * `runningSteps` steps along) rather than load its checkpoint (`shippedSteps`; null: the level has
 * none, or it is missing): yes unless the checkpoint is further along, or the level's lesson is its
 * checkpoint's state (startsFromCheckpoint). The host's driver (app/generator/driver.ts) and bench:lesson both ask this.
 */
export function carriesOn(level: Pick<LevelSpec, 'startsFromCheckpoint'>, runningSteps: number, shippedSteps: number | null): boolean {
  if (shippedSteps === null) return true;
  return !level.startsFromCheckpoint && shippedSteps <= runningSteps;
}

/**
 * The data-only budget for a round: as long as judging can last (coaching, judging and the reveal,
 * at their settings), at most MAX_PHASE_STEPS steps, or JUDGING_STEPS_TINY on the tiny preset and
 * anything lighter. The trainer stops sooner when the round's training job arrives.
 */
export function judgingBudget(settings: JudgingSettings, levelBudget: StepBudget): JudgingBudget {
  const seconds = settings.roundSeconds + settings.revealSeconds + (settings.teams ? settings.coachSeconds : 0);
  const maxSteps = settings.stepScale <= TINY_STEP_SCALE ? JUDGING_STEPS_TINY : MAX_PHASE_STEPS;
  return { seconds, maxSteps, ...alternation(levelBudget) };
}

/**
 * Whether a phase stops before its next step: after `ran` steps in `elapsedMs`, with `planned` steps
 * guaranteed where cheap and `seconds` for the phase. Without seconds (an old job): exactly the planned steps.
 */
export function stopPhase(o: { ran: number; elapsedMs: number; planned: number; seconds?: number }): boolean {
  if (o.ran >= MAX_PHASE_STEPS) return true;
  if (o.seconds === undefined) return o.ran >= o.planned;
  if (o.planned === 0) return true;
  if (o.ran === 0) return false;
  const ms = o.seconds * 1000;
  if (o.elapsedMs >= GUARANTEE_FACTOR * ms) return true;
  return o.elapsedMs >= ms && o.ran >= o.planned;
}

/**
 * Which step comes next after `dRan` D steps and `gRan` G steps: the kind that is behind the level's
 * ratio, D first. Without seconds (an old job) it stops at exactly the planned counts; with seconds it
 * keeps the ratio for as long as the phase runs. Null: nothing left to run (no seconds, both counts met).
 */
export function nextStep(budget: TimedBudget, dRan: number, gRan: number): 'd' | 'g' | null {
  const { dSteps: d, gSteps: g } = budget;
  if (budget.seconds === undefined) {
    if (dRan >= d) return gRan >= g ? null : 'g';
    if (gRan >= g) return 'd';
  } else if (d === 0 || g === 0) {
    return d === 0 && g === 0 ? null : d === 0 ? 'g' : 'd';
  }
  // D is behind (or level) when dRan / d ≤ gRan / g.
  return dRan * g <= gRan * d ? 'd' : 'g';
}

/** A step's measured cost, in milliseconds (game/setup.ts StepCost). */
interface Cost {
  msD: number;
  msG: number;
}

/** Steps a timed phase with planned steps runs at a steady cost per step: the first count at which stopPhase says stop. */
function phaseSteps(planned: number, msStep: number, seconds: number): number {
  const ms = seconds * 1000;
  const atCeiling = msStep > 0 ? Math.ceil((GUARANTEE_FACTOR * ms) / msStep) : Infinity;
  const atSeconds = Math.max(planned, msStep > 0 ? Math.ceil(ms / msStep) : Infinity);
  return Math.max(1, Math.min(atCeiling, atSeconds, MAX_PHASE_STEPS));
}

/** What the post-verdict rule comes to at a measured cost: the steps of each kind it runs and the milliseconds they take. */
export function expectedRound(budget: TimedBudget, cost: Cost): { dSteps: number; gSteps: number; ms: number } {
  const planned = budget.dSteps + budget.gSteps;
  if (budget.seconds === undefined || planned === 0) return { dSteps: budget.dSteps, gSteps: budget.gSteps, ms: budget.dSteps * cost.msD + budget.gSteps * cost.msG };
  // A step in the level's ratio costs the ratio's mean.
  const msStep = (budget.dSteps * cost.msD + budget.gSteps * cost.msG) / planned;
  // At least one step of each kind the level plans (the trainer's rule, ml/trainer.ts).
  const dMin = budget.dSteps > 0 ? 1 : 0, gMin = budget.gSteps > 0 ? 1 : 0;
  const total = Math.max(dMin + gMin, phaseSteps(planned, msStep, budget.seconds));
  const dSteps = Math.min(total - gMin, Math.max(dMin, Math.round((total * budget.dSteps) / planned)));
  const gSteps = total - dSteps;
  return { dSteps, gSteps, ms: dSteps * cost.msD + gSteps * cost.msG };
}

type PhaseKind = Phase['kind'] | HostView['phase']['kind'];

/**
 * The round whose data-only training may go on, from what the room shows: from the fakes' request
 * (generating: they have been sent once the trainer asks) through coaching, judging and the reveal,
 * and not while the room is paused. Null: stop (training, a level's end, a lesson, the end, a pause).
 */
export function judgingRound(phase: { kind: PhaseKind; round?: number }, paused: boolean): number | null {
  if (paused) return null;
  const during = phase.kind === 'generating' || phase.kind === 'coaching' || phase.kind === 'judging' || phase.kind === 'reveal';
  return during && typeof phase.round === 'number' ? phase.round : null;
}
