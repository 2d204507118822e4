/**
 * The level checkpoints: names and model shapes as game/levels.ts expects them (a checkpoint refuses
 * a trainer of another shape), and how each is trained. Read by scripts/train-checkpoints.ts and by
 * the test that loads the committed files.
 */
import type { ModelShape } from '../game/vocabulary';
import type { TunableConfig } from '../ml/gan-config';
import type { AverageBatchNorm } from '../ml/trainer';
import { EVAL_HELD_OUT } from '../ml/format';

export type { ModelShape };

export interface CheckpointSpec {
  name: string;
  model: ModelShape;
  /** Training settings saved with the checkpoint (the levels set their own tunables on top). */
  train: Partial<TunableConfig> & { beta1?: number };
  /** Target D+G step pairs (collapse: D and G steps counted separately, as in a RoundReport). */
  steps: number;
  /** Wall-time cap in seconds: on a busy machine training stops here and reports the steps it ran. */
  maxSeconds: number;
  seed: number;
  /**
   * Save G's exponential moving average of weights (ml/ema.ts, kept from step 0) instead of its last
   * weights; batch norm statistics as `bn` says. The report measures the last weights too.
   */
  ema?: { decay: number; bn: AverageBatchNorm };
  /** After this many steps switch to these settings (a learning-rate decay: fast start, clean finish). */
  anneal?: { after: number; tunables: Partial<TunableConfig> };
  /**
   * Start from this trajectory point's weights (e.g. 'trajectory/digits/step-10000') instead of from
   * scratch; `train` is applied on top, and its steps count on from the point's.
   */
  from?: string;
  /** Provoke mode collapse: after warm-up, the collapse level's settings until the detector fires. */
  collapse?: {
    warmupSteps: number;
    tunables: Partial<TunableConfig>;
    dSteps: number;
    gSteps: number;
    minSteps: number;
    /**
     * Show D only real images of this class during the provocation: every generated image that is
     * not one of them gets caught, so G's samples all drift onto that one digit (and stay sharp, as
     * D keeps judging against real strokes). The outcome of mode collapse, reached quickly and
     * reproducibly; the fix-it level then trains on the whole data set again.
     */
    onlyClass?: number;
  };
}

/** Held-out images the GANs never train on (nor the classifier): the head of each held-out split (ml/format.ts EVAL_HELD_OUT). */
export const HELD_OUT = EVAL_HELD_OUT;

export const CHECKPOINT_DIR = 'public/checkpoints';
export const checkpointFile = (name: string) => `${name}.ganc`;

const MLP: ModelShape = { dataset: 'digits', arch: 'mlp', conditional: false, latentDim: 32, hidden: 128 };
const DCGAN16: ModelShape = { ...MLP, arch: 'dcgan', hidden: 16 };

export const CHECKPOINT_SPECS: CheckpointSpec[] = [
  {
    // The "MLP vs convolutions" lesson's MLP (scripts/lesson-examples.ts draws it beside the DCGAN).
    // Batch norm in G and widths 128/256/512: the hidden-64 MLP without batch norm drew
    // salt-and-pepper speckle (3.6–5.6 isolated bright pixels per image). The weight average
    // smooths the per-pixel noise an MLP's last layer keeps flickering; the lower rate after
    // 3,500 steps lets it settle.
    name: 'digits-mlp',
    model: MLP,
    train: { lrD: 2e-4, lrG: 2e-4 },
    anneal: { after: 3500, tunables: { lrD: 5e-5, lrG: 5e-5 } },
    ema: { decay: 0.999, bn: 'recompute' },
    steps: 6000,
    maxSeconds: 1500,
    seed: 12,
  },
  { name: 'digits-dcgan', model: DCGAN16, train: { lrD: 4e-4, lrG: 4e-4 }, steps: 1500, maxSeconds: 400, seed: 14 },
  {
    // Collapse provoked from a good generator (the digits trajectory at 10,000 steps, FID 21, every
    // digit): D sees only real 1s (see `onlyClass`) for 300 steps, past the detector's first alarm
    // (half the samples are 1s at 140 steps, a blend of digits) to a generator that draws 1s. Tried first and dropped: the saturating loss
    // with a fast G (1e-3) tears this DCGAN into streaks; 20 G steps per D step at 2e-4 kept all ten
    // digits for 350 steps; at 1e-3 it smeared every digit before the detector fired.
    name: 'digits-dcgan-collapse',
    model: DCGAN16,
    from: 'trajectory/digits/step-10000',
    train: { loss: 'nonsaturating', lrD: 2e-4, lrG: 2e-4 },
    steps: 4000,
    maxSeconds: 1500,
    seed: 17,
    collapse: { warmupSteps: 0, tunables: { loss: 'nonsaturating', lrD: 2e-4, lrG: 2e-4 }, dSteps: 5, gSteps: 5, minSteps: 300, onlyClass: 1 },
  },
];

/**
 * One long seeded run from scratch per data set (scripts/train-trajectory.ts), with checkpoints
 * along the way under public/checkpoints/trajectory/<name>/. Not level checkpoints: the levels and
 * the committed-checkpoint test read CHECKPOINT_SPECS only. The DCGAN is the digits-dcgan level's
 * shape (hidden 16, latent 32), so any point of the digits trajectory loads into that level.
 */
export interface TrajectorySpec {
  name: string;
  model: ModelShape;
  /** Training settings at step 0 (learning rates are then set by `decay`). */
  train: Partial<TunableConfig> & { beta1?: number };
  seed: number;
  /**
   * Learning-rate decay by D+G step, so a resumed run lands on the same rate: the starting rates
   * until `from`, then halved every `halfLife` steps, never below `floor`.
   */
  decay: { from: number; halfLife: number; floor: number };
  /** Save a point at these D+G steps, then every `every` steps after the last. */
  saveAt: number[];
  every: number;
  /**
   * From D+G step `from` on, keep an exponential moving average of G's weights (ml/ema.ts, decay
   * `decay` per G step) and save points with the averaged generator, batch norm statistics as `bn`
   * says. Every `probeEvery` steps, and at every point, the manifest compares the Fréchet distance
   * of the live weights, the average with the live statistics and the average with recomputed ones.
   */
  ema?: { decay: number; from: number; bn: AverageBatchNorm; probeEvery: number };
  /**
   * A stage that starts from another trajectory's point (its float16 weights, step count and data
   * stream) instead of from scratch; `freshDiscriminator` re-initialises D there (ml/trainer.ts
   * resetDiscriminator). Its steps go on from the point's. `savedDiscriminator` says which D the
   * saved points carry for the levels that train on from them: the stage's own ('live'), or the
   * starting point's ('point', where the stage's D is scaffolding); the exact-resume state always
   * keeps the live one (so a --resume without that state continues with the point's D).
   */
  startFrom?: { point: string; freshDiscriminator: boolean; savedDiscriminator: 'live' | 'point' };
}

export const TRAJECTORY_DIR = 'public/checkpoints/trajectory';

const TRAJECTORY_SAVES = { saveAt: [50, 150, 400, 1000, 2500, 5000], every: 2500 };
const TRAJECTORY_DECAY = { from: 3000, halfLife: 3000, floor: 5e-5 };

export const TRAJECTORY_SPECS: TrajectorySpec[] = [
  {
    name: 'digits',
    model: DCGAN16,
    train: { lrD: 4e-4, lrG: 4e-4 },
    seed: 21,
    decay: TRAJECTORY_DECAY,
    ...TRAJECTORY_SAVES,
    // The live weights plateaued at FID 20–21 from 10,000 steps on (lr at its 5e-5 floor): the run
    // was continued from its last point, 12,613, with G's weights averaged from there on.
    ema: { decay: 0.999, from: 12_613, bn: 'recompute', probeEvery: 500 },
  },
  {
    // The finale's generator: the same DCGAN at twice the width (7×7×64 → 14×14×32 → 28×28). The
    // hidden-16 run above plateaued at FID 20 however long it trained; this one costs ~0.45 s a step
    // on WASM against ~0.38 (the per-step overhead dominates at these sizes).
    // 110 minutes: FID 33.3 at 2,500 steps, 21.9 at 5,000, 16.9 at 10,000, then 15.5–17 at the 5e-5
    // floor with or without the average; the last point, 13,735, measures 16.4.
    // Continued from there at 2e-5 (--lr-d 2e-5 --lr-g 2e-5, float16 weights and fresh Adam, the
    // average restarted from the point's) for 5,000 steps, 80 minutes: no gain. Every point and probe
    // from 15,000 to 18,745 measured 15.7–17.1 (the last 16.8). digits-finale polishes step-13735.
    // Batch norm for the averaged weights: the live generator's statistics measured lower than ones
    // recomputed for the averaged weights at 8 of the 12 comparisons from 10,000 on (0.38 lower on
    // average), so points from 17,500 on keep the live ones.
    name: 'digits-wide',
    model: { ...DCGAN16, hidden: 32 },
    train: { lrD: 4e-4, lrG: 4e-4 },
    seed: 24,
    decay: TRAJECTORY_DECAY,
    ...TRAJECTORY_SAVES,
    ema: { decay: 0.999, from: 9_000, bn: 'live', probeEvery: 1_500 },
  },
  {
    // digits-wide at one and a half times its width (7×7×96 → 14×14×48 → 28×28), tried because the
    // hidden-32 run plateaued at FID 15.5–17 from 12,000 steps on, whatever the learning rate. Not
    // shipped: it learns much faster early (FID 40.2 at 1,000 steps against 79.3, 24.6 at 2,500
    // against 33.3) but is level with hidden 32 from 5,000 on (21.7, 17.7 at 7,500, 17.1 at 10,000,
    // 16.2–17.4 at 12,000–12,440 with or without the average), at 0.67 s a step against 0.35, so its
    // checkpoints are not committed.
    // The decay (half-life 2,000 from 3,000) was set at its 2,500 point, before it began; a fork of
    // that point with a half-life of 1,200 measured no better (17.9 at 7,500, 17.8 at 9,279).
    name: 'digits-wide48',
    model: { ...DCGAN16, hidden: 48 },
    train: { lrD: 4e-4, lrG: 4e-4 },
    seed: 25,
    decay: { from: 3000, halfLife: 2000, floor: 5e-5 },
    ...TRAJECTORY_SAVES,
    ema: { decay: 0.999, from: 6_000, bn: 'live', probeEvery: 1_000 },
  },
  {
    // The finale's generator, polished: digits-wide's step-13735 (FID 16.4) with a fresh
    // discriminator, both at 1e-4 (a floor equal to the base rate keeps it constant) and G's weights
    // averaged from the first step, batch norm recomputed for the average. The fresh D never gets
    // ahead of this G (D(x) 0.50 on reals and fakes throughout, 4,000 steps), so the live G wanders
    // (its FID 13–41 from point to point) while its average, the saved generator, improves and then
    // holds: 15.2 at 14,235, 14.2 at 15,235, 14.0–14.6 to 17,735 (35 minutes on WASM); over four
    // 1,000-sample blocks (seeds 12345, 1, 2, 3) step-15235 averages 14.3 against step-13735's 16.4.
    // Tried alongside from the same point (four-block means after 500 steps, where the fresh D had
    // 15.7): its own D with G updated on the top half of each batch (16.5), its own D at 2e-4 with G
    // at 5e-5 (16.4); a fresh D of twice the width (15.0, at 2.3 times the cost a step); a second
    // fresh D after 2,000 steps (no further gain in 1,000 more).
    // The points carry step-13735's D, not the stage's own: a level trains on from its checkpoint,
    // and from the at-chance D the finale's rounds lost 4–11 FID (bench:lesson), from the old one
    // they hold.
    // npm run train:trajectory -- digits-finale --max-steps 17735
    name: 'digits-finale',
    model: { ...DCGAN16, hidden: 32 },
    train: { lrD: 1e-4, lrG: 1e-4 },
    seed: 24,
    decay: { from: 13_735, halfLife: 3000, floor: 1e-4 },
    startFrom: { point: 'trajectory/digits-wide/step-13735', freshDiscriminator: true, savedDiscriminator: 'point' },
    saveAt: [14_235],
    every: 500,
    ema: { decay: 0.999, from: 13_735, bn: 'recompute', probeEvery: 250 },
  },
  { name: 'fashion', model: { ...DCGAN16, dataset: 'fashion' }, train: { lrD: 4e-4, lrG: 4e-4 }, seed: 22, decay: TRAJECTORY_DECAY, ...TRAJECTORY_SAVES },
  { name: 'digits-conditional', model: { ...DCGAN16, conditional: true }, train: { lrD: 4e-4, lrG: 4e-4 }, seed: 23, decay: TRAJECTORY_DECAY, ...TRAJECTORY_SAVES },
];

/** The learning rate at D+G step `step` under a spec's decay (pure; tested). */
export function decayedRate(base: number, step: number, decay: TrajectorySpec['decay']): number {
  if (step < decay.from) return base;
  return Math.max(decay.floor, base * 0.5 ** ((step - decay.from) / decay.halfLife));
}

/** Whether a point is saved after D+G step `step`. */
export function isSavePoint(step: number, spec: Pick<TrajectorySpec, 'saveAt' | 'every'>): boolean {
  if (spec.saveAt.includes(step)) return true;
  const last = spec.saveAt[spec.saveAt.length - 1] ?? 0;
  return step > last && (step - last) % spec.every === 0;
}

/** A trajectory point as a level names it: `trajectory/<trajectory>/step-<steps>` under public/checkpoints. */
export const trajectoryPoint = (trajectory: string, steps: number) => `trajectory/${trajectory}/step-${steps}`;

/** The trajectory and step a point's name (trajectoryPoint's form) stands for; undefined for any other name. */
export function parseTrajectoryPoint(name: string): { trajectory: string; steps: number } | undefined {
  const m = /^trajectory\/([^/]+)\/step-(\d+)$/.exec(name);
  return m ? { trajectory: m[1], steps: Number(m[2]) } : undefined;
}

/**
 * What a level's checkpoint name stands for: a level checkpoint (CHECKPOINT_SPECS) or a point of a
 * trajectory (TRAJECTORY_SPECS); undefined when it is neither.
 */
export function checkpointModel(name: string): ModelShape | undefined {
  const point = parseTrajectoryPoint(name);
  if (point) return TRAJECTORY_SPECS.find((t) => t.name === point.trajectory)?.model;
  return CHECKPOINT_SPECS.find((s) => s.name === name)?.model;
}
