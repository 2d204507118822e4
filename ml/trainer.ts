/**
 * GanTrainer: one generator, one discriminator, their Adam optimizers and a data source, with
 * the operations the game needs (train a round from human verdicts, generate seeded samples,
 * checksum, checkpoint). Runs on whatever tfjs backend is active; pick it with chooseBackend first.
 * Every step disposes what it creates: after the first step (which creates Adam's moments) the
 * tensor count stays flat.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from './format';
import { Rng } from './random';
import { ImagePool, sampleToy, toSigned, toUint8, toyBatch, toyMixture, type Batch, type ToyMixture } from './data';
import { buildGan, run, trainableVariables, type ModelSpec } from './models';
import { WeightAverage } from './ema';
import { dScore, discriminatorLoss, featureMatchingLoss, generatorLoss, gradientPenalty, humanAlignmentLoss } from './losses';
import { decodeCheckpoint, encodeCheckpoint, type CheckpointTensor, type StorageDtype } from './checkpoint';
import { describeCapabilities, type BackendName } from './backend';
import { shapeMismatch } from '../game/vocabulary';
import { MAX_PHASE_STEPS, expectedRound, nextStep, stopPhase, type JudgingBudget, type TimedBudget } from '../game/training-budget';
import {
  TUNABLE_FIELDS, adaptConfig, isToy, resolveConfig, validateConfig,
  type DataReport, type GanConfig, type HumanVerdict, type RoundReport, type StepProgress, type StepStats, type TunableConfig,
} from './gan-config';

export type { DataReport, GanConfig, HumanVerdict, RoundReport, StepProgress, StepStats };

export interface TrainerOptions {
  /** The decoded data set; required for digits and fashion. */
  images?: ImageSet;
  seed?: number;
  /** Train a DCGAN on the CPU backend instead of falling back to the MLP. */
  allowSlowConv?: boolean;
}

export interface SaveOptions {
  /** Leave out the optimizer state (Adam moments and iteration counts). */
  weightsOnly?: boolean;
  /** Store G's and D's weights as float16: half the bytes, about 3 significant digits. */
  float16?: boolean;
}

interface HumanTensors {
  x: tf.Tensor;
  labels: tf.Tensor1D;
  fakeFraction: tf.Tensor1D;
  votes: tf.Tensor1D;
  count: number;
}

const GEN_CHUNK = 256;

/**
 * Batch norm's moving statistics for averaged weights: this many training-mode passes of G over
 * BN_BATCH fresh latents. With momentum 0.9 the live statistics keep 0.9^50 ≈ 0.5% of their weight.
 */
const BN_PASSES = 50;
const BN_BATCH = 256;
const BN_SEED = 0xb0a7;

/** Batch norm statistics for an averaged generator: the live generator's, or recomputed for the averaged weights. */
export type AverageBatchNorm = 'live' | 'recompute';

/** Data-only training reports its losses at most this often (a point of the host's loss chart). */
export const JUDGING_REPORT_MS = 250;

export class GanTrainer {
  readonly config: GanConfig;
  /** Why the config differs from the one asked for (backend adaptation), for the page. */
  readonly notes: string[];
  readonly backend: string;
  private readonly spec: ModelSpec;
  private readonly G: tf.LayersModel;
  private readonly D: tf.LayersModel;
  private optG: tf.AdamOptimizer;
  private optD: tf.AdamOptimizer;
  private readonly pool: ImagePool | null;
  private readonly toy: ToyMixture | null;
  private rng: Rng;
  private sampleRng: Rng;
  /** Optimizer steps taken (D and G), kept in checkpoints. */
  steps = 0;
  /** The exponential moving average of G's trainable weights, once averageGenerator() starts it. */
  private average: WeightAverage | null = null;
  private disposed = false;

  constructor(config: Partial<GanConfig> & { dataset: GanConfig['dataset'] }, opts: TrainerOptions = {}) {
    this.backend = tf.getBackend();
    const resolved = resolveConfig(config);
    const adapted = adaptConfig(resolved, { name: this.backend as BackendName, ...describeCapabilities(this.backend as BackendName) }, opts.allowSlowConv);
    this.config = adapted.config;
    this.notes = adapted.notes;
    const seed = opts.seed ?? 1;
    this.rng = new Rng(seed);
    this.sampleRng = new Rng(seed ^ 0x5eed);
    const c = this.config;
    if (isToy(c.dataset)) {
      this.toy = toyMixture(c.dataset);
      this.pool = null;
      this.spec = { arch: c.arch, output: 'toy', conditional: false, latentDim: c.latentDim, hidden: c.hidden, rows: 1, cols: 2, classes: 1 };
    } else {
      if (!opts.images) throw new Error(`dataset "${c.dataset}" needs its images: pass decodeImageSet(public/data/${c.dataset}.bin) as options.images`);
      this.toy = null;
      this.pool = new ImagePool(opts.images);
      this.spec = { arch: c.arch, output: 'image', conditional: c.conditional, latentDim: c.latentDim, hidden: c.hidden, rows: this.pool.rows, cols: this.pool.cols, classes: this.pool.classes };
    }
    const m = buildGan(this.spec);
    this.G = m.generator;
    this.D = m.discriminator;
    this.optD = tf.train.adam(c.lrD, c.beta1);
    this.optG = tf.train.adam(c.lrG, c.beta1);
  }

  /** Builds a trainer from a checkpoint, using the config saved in it. */
  static async fromCheckpoint(bytes: Uint8Array, opts: TrainerOptions = {}): Promise<GanTrainer> {
    const cp = decodeCheckpoint(bytes);
    const t = new GanTrainer(cp.config as unknown as GanConfig, opts);
    await t.load(bytes);
    return t;
  }

  get imageShape(): [number, number] {
    return [this.spec.rows, this.spec.cols];
  }

  /** Changes the coaches' knobs between rounds; shape-defining fields need a new trainer. */
  configure(patch: Partial<TunableConfig>): void {
    for (const k of Object.keys(patch)) {
      if (!(TUNABLE_FIELDS as readonly string[]).includes(k)) throw new Error(`config.${k} cannot change on a running trainer; tunable: ${TUNABLE_FIELDS.join(', ')}`);
    }
    const next = { ...this.config, ...patch };
    validateConfig(next);
    Object.assign(this.config, patch);
    // AdamOptimizer reads learningRate at each applyGradients; it is only protected in the typings.
    (this.optD as unknown as { learningRate: number }).learningRate = next.lrD;
    (this.optG as unknown as { learningRate: number }).learningRate = next.lrG;
  }

  // ---- sampling ----

  private realBatch(n: number): Batch {
    return this.pool ? this.pool.sample(n, this.rng) : toyBatch(this.toy!, n, this.rng);
  }

  private latents(n: number, rng: Rng): tf.Tensor2D {
    return tf.tensor2d(rng.normals(n * this.config.latentDim), [n, this.config.latentDim]);
  }

  private randomLabels(n: number, rng: Rng): tf.Tensor1D {
    const l = new Int32Array(n);
    if (this.spec.conditional) for (let i = 0; i < n; i++) l[i] = rng.int(this.spec.classes);
    return tf.tensor1d(l, 'int32');
  }

  private gIn(z: tf.Tensor, labels: tf.Tensor1D): tf.Tensor[] {
    return this.spec.conditional ? [z, tf.oneHot(labels, this.spec.classes).toFloat()] : [z];
  }

  private dIn(x: tf.Tensor, labels: tf.Tensor1D): tf.Tensor[] {
    return this.spec.conditional ? [x, tf.oneHot(labels, this.spec.classes).toFloat()] : [x];
  }

  // ---- steps ----

  /** One D update; returns [dLoss, dReal, dFake, gLossOnTheseFakes, humanTerm]. */
  private async dStep(human: HumanTensors | null): Promise<number[]> {
    const c = this.config;
    const real = this.realBatch(c.batchSize);
    // G draws the fakes in training mode (batch statistics, as in its own steps), which also moves
    // its batch norm's moving statistics; put them back, so that a D step changes D only.
    const gStats = this.G.nonTrainableWeights.map((w) => w.read() as tf.Variable);
    const gStatsBefore = gStats.map((v) => v.clone());
    const fake = tf.tidy(() => run(this.G, this.gIn(this.latents(c.batchSize, this.rng), real.labels), true)[0]);
    gStats.forEach((v, i) => v.assign(gStatsBefore[i]));
    tf.dispose(gStatsBefore);
    const alpha = c.loss === 'wgan-gp' ? tf.tensor(uniform(c.batchSize, this.rng), [c.batchSize, ...real.x.shape.slice(1).map(() => 1)]) : null;
    const kept: { stats?: tf.Tensor } = {};
    const { value, grads } = tf.variableGrads(() => {
      const [rl] = run(this.D, this.dIn(real.x, real.labels), true);
      const [fl] = run(this.D, this.dIn(fake, real.labels), true);
      let loss = discriminatorLoss(c.loss, rl, fl, { labelSmoothing: c.labelSmoothing });
      if (alpha) {
        const gp = gradientPenalty((x) => run(this.D, this.dIn(x, real.labels), true)[0], real.x, fake, alpha);
        loss = tf.add(loss, tf.mul(c.gpWeight, gp));
      }
      let h: tf.Scalar = tf.scalar(0);
      if (human) {
        h = humanAlignmentLoss(run(this.D, this.dIn(human.x, human.labels), true)[0], human.fakeFraction, human.votes, c.loss);
        loss = tf.add(loss, tf.mul(c.humanWeight, h));
      }
      kept.stats = tf.keep(tf.stack([dScore(c.loss, rl), dScore(c.loss, fl), generatorLoss(c.loss, fl), h]));
      return loss as tf.Scalar;
    }, trainableVariables(this.D));
    this.optD.applyGradients(grads as tf.NamedTensorMap as never);
    const stats = kept.stats!;
    const out = tf.tidy(() => tf.concat([value.reshape([1]), stats]));
    tf.dispose([real.x, real.labels, fake, value, stats]);
    alpha?.dispose();
    tf.dispose(Object.values(grads));
    const v = await out.data();
    out.dispose();
    this.steps++;
    return Array.from(v);
  }

  /** One G update; returns G's loss. */
  private async gStep(): Promise<number> {
    const c = this.config;
    const n = c.batchSize;
    const z = this.latents(n, this.rng);
    const labels = this.randomLabels(n, this.rng);
    let realFeatures: tf.Tensor | null = null;
    if (c.featureMatching) {
      const real = this.realBatch(n);
      realFeatures = tf.tidy(() => run(this.D, this.dIn(real.x, real.labels), true)[1]);
      tf.dispose([real.x, real.labels]);
    }
    const { value, grads } = tf.variableGrads(() => {
      const fake = run(this.G, this.gIn(z, labels), true)[0];
      const [fl, ff] = run(this.D, this.dIn(fake, labels), true);
      return realFeatures ? featureMatchingLoss(realFeatures, ff) : generatorLoss(c.loss, fl);
    }, trainableVariables(this.G));
    this.optG.applyGradients(grads as tf.NamedTensorMap as never);
    this.average?.update();
    tf.dispose([z, labels]);
    realFeatures?.dispose();
    tf.dispose(Object.values(grads));
    const v = await value.data();
    value.dispose();
    this.steps++;
    return v[0];
  }

  /** One D step and one G step, no human term. */
  async step(): Promise<StepStats> {
    this.assertLive();
    const t0 = now();
    const [dLoss, dReal, dFake] = await this.dStep(null);
    const gLoss = await this.gStep();
    return { dLoss, gLoss, dReal, dFake, ms: now() - t0 };
  }

  /**
   * A round's training after the verdicts: D steps (each with the human term) and G steps taking turns
   * in the level's ratio, as lesson card T07 teaches (game/training-budget.ts says why turns, not
   * blocks). Without `budget.seconds` (a job saved before budgets had seconds), exactly `dSteps` and
   * `gSteps`. With seconds: the planned steps at least where that is cheap, and as many more in the
   * same ratio as the seconds allow. `shouldStop` is asked before every step: a host that skipped
   * training stops within one step, and the report counts the steps that really ran.
   */
  async trainRound(
    verdicts: HumanVerdict[],
    budget: TimedBudget,
    onProgress?: (p: StepProgress) => void,
    shouldStop: () => boolean = () => false,
  ): Promise<RoundReport> {
    this.assertLive();
    for (const k of ['dSteps', 'gSteps'] as const) {
      const v = budget?.[k];
      if (!Number.isInteger(v) || v < 0 || v > MAX_PHASE_STEPS) throw new Error(`budget.${k} must be an integer in 0..${MAX_PHASE_STEPS}, got ${String(v)}`);
    }
    if (budget.seconds !== undefined && !(Number.isFinite(budget.seconds) && budget.seconds >= 0 && budget.seconds <= 3600)) {
      throw new Error(`budget.seconds must be a number of seconds in 0..3600, got ${String(budget.seconds)}`);
    }
    const human = this.humanTensors(verdicts);
    const t0 = now();
    let dSum = 0, gSum = 0, hSum = 0, rSum = 0, fSum = 0;
    let dLoss = 0, gLoss = 0;
    let dRan = 0, gRan = 0;
    let dMs = 0, gMs = 0;
    let last: StepProgress | null = null;
    const planned = budget.dSteps + budget.gSteps;
    const stopping = this.stopCheck(t0, shouldStop);
    try {
      for (;;) {
        const kind = nextStep(budget, dRan, gRan);
        // One step of each kind the level plans runs whatever the clock says, so G learns even on the slowest host.
        const owed = (budget.dSteps > 0 && !dRan) || (budget.gSteps > 0 && !gRan);
        if (!kind || (!owed && stopPhase({ ran: dRan + gRan, elapsedMs: now() - t0, planned, seconds: budget.seconds })) || (await stopping())) break;
        const ts = now();
        if (kind === 'd') {
          const [d, r, f, g, h] = await this.dStep(human);
          dRan++;
          dMs += now() - ts;
          dLoss = d;
          dSum += d; rSum += r; fSum += f; hSum += h;
          if (!gRan) gLoss = g;
        } else {
          gLoss = await this.gStep();
          gRan++;
          gMs += now() - ts;
          gSum += gLoss;
        }
        // The steps this round will come to at the costs measured so far (a kind not run yet: the other's cost).
        const msD = dRan ? dMs / dRan : gMs / gRan;
        const msG = gRan ? gMs / gRan : msD;
        const est = expectedRound(budget, { msD, msG });
        last = { phase: kind, step: dRan + gRan, total: Math.max(dRan + gRan, est.dSteps + est.gSteps), dLoss, gLoss };
        onProgress?.(last);
      }
      // The clock ended the phase short of the estimate: the bar ends full.
      if (last && last.total !== last.step) onProgress?.({ ...last, total: last.step });
    } finally {
      if (human) tf.dispose([human.x, human.labels, human.fakeFraction, human.votes]);
    }
    const ms = now() - t0;
    const nd = Math.max(1, dRan);
    return {
      dSteps: dRan,
      gSteps: gRan,
      dLoss: dSum / nd,
      gLoss: gRan ? gSum / gRan : 0,
      humanLoss: hSum / nd,
      humanImages: human?.count ?? 0,
      dReal: rSum / nd,
      dFake: fSum / nd,
      stepsPerSec: ms > 0 ? ((dRan + gRan) * 1000) / ms : 0,
      ms,
      backend: this.backend,
    };
  }

  /**
   * Data-only training while the class judges (game/training-budget.ts): ordinary D and G steps on the
   * data, no human term, `budget.dSteps` D steps then `budget.gSteps` G steps again and again, until
   * `shouldStop` (the round's training job came, the room paused or moved on), the seconds are spent
   * or `maxSteps` have run. Asked before every step, so a stop ends it within one step. The images the
   * class is judging were made before and do not change.
   */
  async trainData(budget: JudgingBudget, shouldStop: () => boolean = () => false, onProgress?: (p: StepProgress) => void): Promise<DataReport> {
    this.assertLive();
    const { seconds, maxSteps, dSteps, gSteps } = budget ?? ({} as JudgingBudget);
    if (!(Number.isFinite(seconds) && seconds >= 0 && seconds <= 3600)) throw new Error(`judging seconds must be in 0..3600, got ${String(seconds)}`);
    if (!Number.isInteger(maxSteps) || maxSteps < 0 || maxSteps > MAX_PHASE_STEPS) throw new Error(`judging maxSteps must be an integer in 0..${MAX_PHASE_STEPS}, got ${String(maxSteps)}`);
    for (const [k, v] of [['dSteps', dSteps], ['gSteps', gSteps]] as const) {
      if (!Number.isInteger(v) || v < 0 || v > 100) throw new Error(`judging ${k} must be an integer in 0..100, got ${String(v)}`);
    }
    const t0 = now();
    let dRan = 0, gRan = 0, dSum = 0, gSum = 0;
    const stopping = this.stopCheck(t0, shouldStop);
    const more = async () => dRan + gRan < maxSteps && now() - t0 < seconds * 1000 && !(await stopping());
    // The loss chart's points: the mean losses since the last report, at most every JUDGING_REPORT_MS.
    let sent = t0, dPart = 0, gPart = 0, dN = 0, gN = 0;
    const report = (phase: 'd' | 'g', force: boolean) => {
      if (!onProgress || !(dN || gN) || (!force && now() - sent < JUDGING_REPORT_MS)) return;
      const step = dRan + gRan;
      onProgress({ phase, step, total: step, dLoss: dN ? dPart / dN : dSum / Math.max(1, dRan), gLoss: gN ? gPart / gN : gSum / Math.max(1, gRan), judging: true });
      sent = now();
      dPart = gPart = dN = gN = 0;
    };
    let phase: 'd' | 'g' = 'd';
    if (dSteps + gSteps > 0) {
      outer: for (;;) {
        for (let i = 0; i < dSteps; i++) {
          if (!(await more())) break outer;
          const d = (await this.dStep(null))[0];
          dSum += d; dPart += d; dN++;
          dRan++;
          report((phase = 'd'), false);
        }
        for (let i = 0; i < gSteps; i++) {
          if (!(await more())) break outer;
          const g = await this.gStep();
          gSum += g; gPart += g; gN++;
          gRan++;
          report((phase = 'g'), false);
        }
      }
    }
    report(phase, true);
    return { dSteps: dRan, gSteps: gRan, dLoss: dRan ? dSum / dRan : 0, gLoss: gRan ? gSum / gRan : 0, ms: now() - t0 };
  }

  /**
   * `shouldStop`, with a turn of the event loop at least every 100 ms so a stop message can arrive
   * (a turn per step would cost a clamped timer each on a fast GPU).
   */
  private stopCheck(t0: number, shouldStop: () => boolean): () => Promise<boolean> {
    let yielded = t0;
    return async () => {
      if (now() - yielded > 100) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        yielded = now();
      }
      return shouldStop();
    };
  }

  private humanTensors(verdicts: HumanVerdict[]): HumanTensors | null {
    if (!Array.isArray(verdicts)) throw new Error('verdicts must be an array');
    if (isToy(this.config.dataset)) {
      if (verdicts.length) throw new Error(`the 2-D ${this.config.dataset} data has no images to judge; pass no verdicts`);
      return null;
    }
    const size = this.spec.rows * this.spec.cols;
    const used = verdicts.filter((v, i) => {
      if (!(v.pixels instanceof Uint8Array) || v.pixels.length !== size) throw new Error(`verdict ${i}: pixels must be a Uint8Array of ${size} bytes, got ${v.pixels?.length ?? typeof v.pixels}`);
      if (!Number.isInteger(v.votes) || v.votes < 0) throw new Error(`verdict ${i}: votes must be a non-negative integer, got ${v.votes}`);
      if (!Number.isInteger(v.fakeVotes) || v.fakeVotes < 0 || v.fakeVotes > v.votes) throw new Error(`verdict ${i}: fakeVotes must be an integer in 0..votes (${v.votes}), got ${v.fakeVotes}`);
      if (v.label !== undefined && (!Number.isInteger(v.label) || v.label < 0 || v.label >= this.spec.classes)) throw new Error(`verdict ${i}: label must be an integer in 0..${this.spec.classes - 1}, got ${v.label}`);
      // No votes carry no information (w = 0); a conditional D cannot judge an image without its class.
      return v.votes > 0 && (!this.spec.conditional || v.label !== undefined);
    });
    if (!used.length) return null;
    const px = new Uint8Array(used.length * size);
    used.forEach((v, i) => px.set(v.pixels, i * size));
    return tf.tidy(() => ({
      x: tf.tensor4d(toSigned(px), [used.length, this.spec.rows, this.spec.cols, 1]),
      labels: tf.tensor1d(used.map((v) => v.label ?? 0), 'int32'),
      fakeFraction: tf.tensor1d(used.map((v) => v.fakeVotes / v.votes)),
      votes: tf.tensor1d(used.map((v) => v.votes)),
      count: used.length,
    }));
  }

  // ---- single steps and scores, for the Lab ----

  /** One D update on fresh real and fake batches, without the human term (the Lab's "step D"). */
  async stepD(): Promise<StepStats> {
    this.assertLive();
    const t0 = now();
    const [dLoss, dReal, dFake, gLoss] = await this.dStep(null);
    return { dLoss, gLoss, dReal, dFake, ms: now() - t0 };
  }

  /** One G update against the current D (the Lab's "step G"). */
  async stepG(): Promise<{ gLoss: number; ms: number }> {
    this.assertLive();
    const t0 = now();
    const gLoss = await this.gStep();
    return { gLoss, ms: now() - t0 };
  }

  /**
   * D's raw output (a logit, or a critic score for WGAN/hinge) for each image, in inference mode.
   * A conditional D judges an image together with its class, so it needs `labels`.
   */
  async scoreImages(images: readonly Uint8Array[], labels?: number[]): Promise<Float32Array> {
    this.assertLive();
    if (this.toy) throw new Error(`the ${this.config.dataset} discriminator judges 2-D points; use scorePoints`);
    const size = this.spec.rows * this.spec.cols;
    images.forEach((im, i) => {
      if (!(im instanceof Uint8Array) || im.length !== size) throw new Error(`image ${i}: expected a Uint8Array of ${size} bytes, got ${im?.length ?? typeof im}`);
    });
    if (this.spec.conditional && (!labels || labels.length !== images.length)) throw new Error(`a conditional discriminator needs one label per image (${images.length})`);
    if (images.length === 0) return new Float32Array(0);
    const px = new Uint8Array(images.length * size);
    images.forEach((im, i) => px.set(im, i * size));
    const out = tf.tidy(() => {
      const x = tf.tensor4d(toSigned(px), [images.length, this.spec.rows, this.spec.cols, 1]);
      const l = tf.tensor1d(labels ?? new Array<number>(images.length).fill(0), 'int32');
      return run(this.D, this.dIn(x, l), false)[0].reshape([-1]);
    });
    const v = (await out.data()) as Float32Array;
    out.dispose();
    return v;
  }

  /** D's raw output at each 2-D point (interleaved x,y): the decision surface, sampled. */
  async scorePoints(points: Float32Array): Promise<Float32Array> {
    this.assertLive();
    if (!this.toy) throw new Error(`the ${this.config.dataset} discriminator judges images; use scoreImages`);
    if (points.length % 2 !== 0) throw new Error(`points must be interleaved x,y (an even length), got ${points.length}`);
    const n = points.length / 2;
    if (n === 0) return new Float32Array(0);
    const out = tf.tidy(() => run(this.D, [tf.tensor2d(points, [n, 2])], false)[0].reshape([-1]));
    const v = (await out.data()) as Float32Array;
    out.dispose();
    return v;
  }

  /** The toy mixture's mode centres and spread, for drawing and for mode coverage; null for images. */
  get mixture(): ToyMixture | null {
    return this.toy;
  }

  /** n real points from the toy mixture, from their own seed (the training stream is left alone). */
  realPoints(n: number, seed: number): Float32Array {
    if (!this.toy) throw new Error(`the ${this.config.dataset} data is images, not points`);
    return sampleToy(this.toy, n, new Rng(seed));
  }

  // ---- generation ----

  /** A latent vector for a seed, for interpolate(). */
  sampleLatent(seed: number): Float32Array {
    return new Rng(seed).normals(this.config.latentDim);
  }

  private async runG(z: Float32Array, labels: number[] | null): Promise<Float32Array> {
    const n = z.length / this.config.latentDim;
    const out = tf.tidy(() => {
      const l = labels ? tf.tensor1d(labels, 'int32') : tf.zeros([n], 'int32') as tf.Tensor1D;
      return run(this.G, this.gIn(tf.tensor2d(z, [n, this.config.latentDim]), l), false)[0];
    });
    const v = (await out.data()) as Float32Array;
    out.dispose();
    return v;
  }

  private checkLabels(n: number, labels?: number[]): number[] | null {
    if (!this.spec.conditional) {
      if (labels) throw new Error('labels given, but this generator is not conditional');
      return null;
    }
    if (!labels) return Array.from({ length: n }, (_, i) => i % this.spec.classes);
    if (labels.length !== n) throw new Error(`expected ${n} labels, got ${labels.length}`);
    for (const l of labels) if (!Number.isInteger(l) || l < 0 || l >= this.spec.classes) throw new Error(`label must be an integer in 0..${this.spec.classes - 1}, got ${l}`);
    return labels;
  }

  /** n images as 8-bit pixels (rows×cols each). Same seed, same weights → same images. */
  async generate(n: number, seed?: number, labels?: number[]): Promise<Uint8Array[]> {
    this.assertLive();
    if (this.toy) throw new Error(`the ${this.config.dataset} generator draws 2-D points; use generatePoints`);
    if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new Error(`count must be an integer in 0..100000, got ${n}`);
    const ls = this.checkLabels(n, labels);
    const rng = new Rng(seed ?? this.sampleRng.int(2 ** 31));
    const size = this.spec.rows * this.spec.cols;
    const out: Uint8Array[] = [];
    for (let i = 0; i < n; i += GEN_CHUNK) {
      const m = Math.min(GEN_CHUNK, n - i);
      const v = await this.runG(rng.normals(m * this.config.latentDim), ls ? ls.slice(i, i + m) : null);
      for (let j = 0; j < m; j++) out.push(toUint8(v.subarray(j * size, (j + 1) * size)));
    }
    return out;
  }

  /** n points from a toy generator, interleaved x,y. */
  async generatePoints(n: number, seed?: number): Promise<Float32Array> {
    this.assertLive();
    if (!this.toy) throw new Error(`the ${this.config.dataset} generator draws images; use generate`);
    if (!Number.isInteger(n) || n < 0) throw new Error(`count must be a non-negative integer, got ${n}`);
    const rng = new Rng(seed ?? this.sampleRng.int(2 ** 31));
    return this.runG(rng.normals(n * this.config.latentDim), null);
  }

  /** `steps` images along the straight line from zA to zB (both ends included). */
  async interpolate(zA: ArrayLike<number>, zB: ArrayLike<number>, steps: number, label?: number): Promise<Uint8Array[]> {
    this.assertLive();
    const d = this.config.latentDim;
    if (zA.length !== d || zB.length !== d) throw new Error(`latents must have ${d} values, got ${zA.length} and ${zB.length}`);
    if (!Number.isInteger(steps) || steps < 2 || steps > 1000) throw new Error(`steps must be an integer in 2..1000, got ${steps}`);
    if (this.toy) throw new Error('interpolate draws images; the toy generators draw points');
    const z = new Float32Array(steps * d);
    for (let s = 0; s < steps; s++) {
      const t = s / (steps - 1);
      for (let k = 0; k < d; k++) z[s * d + k] = (1 - t) * zA[k] + t * zB[k];
    }
    const ls = this.checkLabels(steps, label === undefined ? undefined : new Array<number>(steps).fill(label));
    const v = await this.runG(z, ls);
    const size = this.spec.rows * this.spec.cols;
    return Array.from({ length: steps }, (_, j) => toUint8(v.subarray(j * size, (j + 1) * size)));
  }

  /** FNV-1a over the bits of every G weight: changes whenever any of them changes. */
  async weightsChecksum(): Promise<number> {
    this.assertLive();
    let h = 0x811c9dc5;
    for (const w of this.G.weights) {
      const v = (await w.read().data()) as Float32Array;
      const b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
    }
    return h >>> 0;
  }

  /**
   * Gives D fresh initial weights and a fresh optimizer; G, its average and the step count stay.
   * A trained generator paired with a discriminator that has not yet learned its flaws: the finale's
   * polishing stage (scripts/checkpoint-specs.ts digits-finale) starts this way.
   */
  resetDiscriminator(): void {
    this.assertLive();
    const fresh = buildGan(this.spec);
    try {
      this.D.setWeights(fresh.discriminator.getWeights());
    } finally {
      fresh.generator.dispose();
      fresh.discriminator.dispose();
    }
    this.optD.dispose();
    this.optD = tf.train.adam(this.config.lrD, this.config.beta1);
  }

  // ---- weight averaging (EMA) ----

  /**
   * Starts an exponential moving average of G's trainable weights at their current values, updated
   * after every G step (ml/ema.ts). Sample from it with withAveragedGenerator. Replaces any average
   * already kept.
   */
  averageGenerator(decay: number): void {
    this.assertLive();
    this.average?.dispose();
    this.average = new WeightAverage(trainableVariables(this.G), decay);
  }

  /** The decay of G's weight average, or null when none is kept. */
  get averageDecay(): number | null {
    return this.average?.decay ?? null;
  }

  /**
   * Sets the weight average to a checkpoint's G weights (e.g. one saved inside
   * withAveragedGenerator, to continue an average across sessions).
   */
  loadAverage(bytes: Uint8Array): void {
    this.assertLive();
    if (!this.average) throw new Error('no weight average is kept: call averageGenerator first');
    const cp = decodeCheckpoint(bytes);
    const k = shapeMismatch(cp.config, this.config);
    if (k) throw new Error(`checkpoint does not fit this model: its ${k} is ${JSON.stringify(cp.config[k])}, this trainer's is ${JSON.stringify(this.config[k])}`);
    // A model's weights list its trainable weights first (tfjs-layers: trainable.concat(nonTrainable)).
    const g = cp.tensors.filter((t) => t.group === 'G').slice(0, this.G.trainableWeights.length);
    const ts = g.map((t) => tf.tensor(t.data, t.shape));
    try {
      this.average.setValues(ts);
    } finally {
      tf.dispose(ts);
    }
  }

  /**
   * Runs `fn` (save, generate, …) with G's averaged weights in place of its live ones, then puts the
   * live weights back. Batch norm's moving statistics: 'live' keeps the live generator's;
   * 'recompute' re-estimates them for the averaged weights from training-mode passes over seeded
   * latents (and restores the live ones afterwards). Neither consumes the training random stream.
   */
  async withAveragedGenerator<T>(bn: AverageBatchNorm, fn: () => Promise<T>): Promise<T> {
    this.assertLive();
    const average = this.average;
    if (!average) throw new Error('no weight average is kept: call averageGenerator first');
    const stats = this.G.nonTrainableWeights.map((w) => w.read() as tf.Variable);
    const liveStats = bn === 'recompute' ? stats.map((v) => v.clone()) : [];
    average.swap();
    try {
      if (bn === 'recompute') {
        const rng = new Rng(BN_SEED);
        for (let i = 0; i < BN_PASSES; i++) {
          tf.tidy(() => {
            const labels = tf.tensor1d(Array.from({ length: BN_BATCH }, (_, j) => (this.spec.conditional ? rng.int(this.spec.classes) : 0)), 'int32');
            run(this.G, this.gIn(this.latents(BN_BATCH, rng), labels), true);
          });
        }
      }
      return await fn();
    } finally {
      average.swap();
      if (bn === 'recompute') {
        stats.forEach((v, i) => v.assign(liveStats[i]));
        tf.dispose(liveStats);
      }
    }
  }

  // ---- checkpoints ----

  /**
   * The whole training state by default (exact resume). `weightsOnly` leaves out the optimizers
   * (a load then starts fresh Adam moments) and `float16` stores the weights at half precision:
   * together they make the small level checkpoints committed under public/checkpoints.
   */
  async save(options: SaveOptions = {}): Promise<Uint8Array> {
    this.assertLive();
    const tensors: CheckpointTensor[] = [];
    const add = async (group: string, ts: tf.Tensor[], dtype?: StorageDtype) => {
      for (const t of ts) tensors.push({ group, shape: t.shape.slice(), data: Float32Array.from(await t.data()), ...(dtype ? { dtype } : {}) });
    };
    const weightDtype = options.float16 ? 'float16' : undefined;
    await add('G', this.G.weights.map((w) => w.read()), weightDtype);
    await add('D', this.D.weights.map((w) => w.read()), weightDtype);
    if (!options.weightsOnly) for (const [group, opt] of [['optG', this.optG], ['optD', this.optD]] as const) {
      const named = await opt.getWeights();
      await add(group, named.map((n) => n.tensor));
      named[0].tensor.dispose(); // "iter" is a fresh scalar; the moments are the optimizer's own variables
    }
    return encodeCheckpoint({ config: { ...this.config }, meta: { steps: this.steps, rng: this.rng.state, sampleRng: this.sampleRng.state }, tensors });
  }

  /**
   * Restores weights and optimizer state (fresh optimizers for a weights-only checkpoint); refuses
   * a checkpoint for a different model.
   */
  async load(bytes: Uint8Array): Promise<void> {
    this.assertLive();
    const cp = decodeCheckpoint(bytes);
    const k = shapeMismatch(cp.config, this.config);
    if (k) throw new Error(`checkpoint does not fit this model: its ${k} is ${JSON.stringify(cp.config[k])}, this trainer's is ${JSON.stringify(this.config[k])}`);
    const group = (g: string) => cp.tensors.filter((t) => t.group === g);
    const expectShapes = (g: string, got: CheckpointTensor[], want: number[][]) => {
      if (got.length !== want.length) throw new Error(`checkpoint does not fit this model: ${g} has ${got.length} tensors, expected ${want.length}`);
      got.forEach((t, i) => {
        if (t.shape.join('x') !== want[i].join('x')) throw new Error(`checkpoint does not fit this model: ${g} tensor ${i} has shape [${t.shape}], expected [${want[i]}]`);
      });
    };
    const models = [['G', this.G], ['D', this.D]] as const;
    for (const [g, m] of models) expectShapes(g, group(g), m.weights.map((w) => w.shape as number[]));
    // A weights-only checkpoint has no optimizer groups at all: it loads with fresh Adam state.
    const weightsOnly = group('optG').length === 0 && group('optD').length === 0;
    if (!weightsOnly) for (const [g, m] of [['optG', this.G], ['optD', this.D]] as const) {
      const shapes = m.trainableWeights.map((w) => w.shape as number[]);
      const got = group(g);
      // Adam has no moments before its first step, so a fresh optimizer saves only its iteration count.
      expectShapes(g, got, got.length === 1 ? [[]] : [[], ...shapes, ...shapes]);
    }
    for (const [g, m] of models) {
      const ts = group(g).map((t) => tf.tensor(t.data, t.shape));
      m.setWeights(ts);
      tf.dispose(ts);
    }
    // Fresh optimizers: Adam.setWeights replaces its moment variables without disposing the old ones.
    this.optG.dispose();
    this.optD.dispose();
    this.optG = tf.train.adam(this.config.lrG, this.config.beta1);
    this.optD = tf.train.adam(this.config.lrD, this.config.beta1);
    if (!weightsOnly) for (const [g, opt] of [['optG', this.optG], ['optD', this.optD]] as const) {
      const named = group(g).map((t, i) => ({ name: `${g}/${i}`, tensor: tf.tensor(t.data, t.shape) }));
      await opt.setWeights(named);
      tf.dispose(named.map((n) => n.tensor));
    }
    const meta = cp.meta as { steps?: number; rng?: Rng['state']; sampleRng?: Rng['state'] };
    if (typeof meta.steps === 'number') this.steps = meta.steps;
    if (meta.rng) this.rng.state = meta.rng;
    if (meta.sampleRng) this.sampleRng.state = meta.sampleRng;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.G.dispose();
    this.D.dispose();
    this.optG.dispose();
    this.optD.dispose();
    this.average?.dispose();
    this.pool?.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('this trainer has been disposed');
  }
}

function uniform(n: number, rng: Rng): number[] {
  return Array.from({ length: n }, () => rng.next());
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
