/**
 * The GAN's configuration (defaults, presets, validation, backend adaptation), the round's inputs
 * and reports, and the worker's message shapes: everything the page and the training worker share.
 * Deliberately tfjs-free: trainer-client.ts imports it on the main thread, and the server may too.
 * The ids it accepts (datasets, architectures, losses, backends) come from game/vocabulary.ts.
 */
import type { BackendName } from './backend';
import { ARCHS, DEFAULT_LOSS, GAN_DATASETS, LOSSES, SHAPE_FIELDS, isToy, type Arch, type GanDataset, type Loss } from '../game/vocabulary';
import type { JudgingBudget, TimedBudget } from '../game/training-budget';

export { ARCHS, GAN_DATASETS, LOSSES, SHAPE_FIELDS, isToy, type Arch, type GanDataset };
export type LossKind = Loss;

export interface GanConfig {
  dataset: GanDataset;
  arch: Arch;
  /** Class label fed to G and D (images only). */
  conditional: boolean;
  latentDim: number;
  /** MLP: narrowest hidden width (G uses h, 2h, 4h). DCGAN: base filter count. */
  hidden: number;
  loss: LossKind;
  lrD: number;
  lrG: number;
  /** Adam β₁; 0.5 is the DCGAN paper's choice (0.9 makes GANs oscillate). */
  beta1: number;
  batchSize: number;
  /** λ of the human-alignment term. */
  humanWeight: number;
  labelSmoothing: number;
  /** G minimises the distance between D's mean features on real and fake instead of its adversarial loss. */
  featureMatching: boolean;
  /** WGAN-GP's penalty weight (10 in the paper); ignored by the other losses. */
  gpWeight: number;
}

/** Fields a running trainer may change between rounds (the coaches' knobs). */
export const TUNABLE_FIELDS = ['loss', 'lrD', 'lrG', 'batchSize', 'humanWeight', 'labelSmoothing', 'featureMatching', 'gpWeight'] as const;
export type TunableConfig = Pick<GanConfig, (typeof TUNABLE_FIELDS)[number]>;

/** A configuration that learns visibly within a lesson on a laptop GPU. */
export function defaultConfig<D extends GanDataset>(dataset: D): GanConfig & { dataset: D } {
  if (!GAN_DATASETS.includes(dataset)) throw new Error(`dataset must be one of ${GAN_DATASETS.join(', ')}, got "${String(dataset)}"`);
  const common = { arch: 'mlp', conditional: false, loss: DEFAULT_LOSS, beta1: 0.5, humanWeight: 1, labelSmoothing: 0, featureMatching: false, gpWeight: 10 } as const;
  if (isToy(dataset)) return { ...common, dataset, latentDim: 8, hidden: 128, lrD: 1e-3, lrG: 1e-3, batchSize: 128 };
  return { ...common, dataset, latentDim: 64, hidden: 128, lrD: 2e-4, lrG: 2e-4, batchSize: 64 };
}

/** Tiny models for end-to-end tests: headless Chromium on SwiftShader trains a step in well under a second. */
export function tinyConfig<D extends GanDataset>(dataset: D): GanConfig & { dataset: D } {
  return { ...defaultConfig(dataset), hidden: 32, batchSize: 16, latentDim: 16 };
}

/** Default DCGAN base filters; an MLP fallback uses 4× this width. */
export const DCGAN_HIDDEN = 32;

/** Fills defaults (per dataset and arch) and checks every field, saying what was expected. */
export function resolveConfig(partial: Partial<GanConfig> & { dataset: GanDataset }): GanConfig {
  const base = defaultConfig(partial.dataset);
  const c: GanConfig = { ...base, ...(partial.arch === 'dcgan' ? { hidden: DCGAN_HIDDEN } : {}), ...stripUndefined(partial) };
  validateConfig(c);
  return c;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function validateConfig(c: GanConfig): void {
  const int = (k: keyof GanConfig, lo: number, hi: number) => {
    const v = c[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new Error(`config.${k} must be an integer in ${lo}..${hi}, got ${String(v)}`);
  };
  const num = (k: keyof GanConfig, lo: number, hi: number, openHi = false) => {
    const v = c[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || (openHi ? v >= hi : v > hi)) {
      throw new Error(`config.${k} must be a number in [${lo}, ${hi}${openHi ? ')' : ']'}, got ${String(v)}`);
    }
  };
  if (!GAN_DATASETS.includes(c.dataset)) throw new Error(`config.dataset must be one of ${GAN_DATASETS.join(', ')}, got "${String(c.dataset)}"`);
  if (!ARCHS.includes(c.arch)) throw new Error(`config.arch must be one of ${ARCHS.join(', ')}, got "${String(c.arch)}"`);
  if (!LOSSES.includes(c.loss)) throw new Error(`config.loss must be one of ${LOSSES.join(', ')}, got "${String(c.loss)}"`);
  if (typeof c.conditional !== 'boolean') throw new Error(`config.conditional must be a boolean, got ${String(c.conditional)}`);
  if (typeof c.featureMatching !== 'boolean') throw new Error(`config.featureMatching must be a boolean, got ${String(c.featureMatching)}`);
  int('latentDim', 1, 1024);
  int('hidden', 1, 4096);
  int('batchSize', 1, 4096);
  num('lrD', 0, 1);
  num('lrG', 0, 1);
  num('beta1', 0, 1, true);
  num('humanWeight', 0, 1000);
  num('labelSmoothing', 0, 1, true);
  num('gpWeight', 0, 1000);
  if (isToy(c.dataset) && c.arch !== 'mlp') throw new Error(`config.arch must be "mlp" for the 2-D ${c.dataset} data (a DCGAN draws images)`);
  if (isToy(c.dataset) && c.conditional) throw new Error(`config.conditional must be false for the 2-D ${c.dataset} data (it has no classes)`);
}

/**
 * Adapts a config to what the backend can train: no conv training on WASM (tfjs 4.22 has no
 * Conv2DBackpropFilter kernel there), and none on CPU unless asked (tens of seconds a step).
 * Returns the notes to show the page, empty when nothing changed.
 */
export function adaptConfig(
  c: GanConfig,
  backend: { name: BackendName; canTrainConv: boolean; convIsSlow: boolean },
  allowSlowConv = false,
): { config: GanConfig; notes: string[] } {
  if (c.arch !== 'dcgan') return { config: c, notes: [] };
  const why = !backend.canTrainConv
    ? `the ${backend.name} backend cannot train convolutions (no Conv2DBackpropFilter kernel)`
    : backend.convIsSlow && !allowSlowConv
      ? `the ${backend.name} backend trains a DCGAN at tens of seconds per step`
      : null;
  if (!why) return { config: c, notes: [] };
  const config = { ...c, arch: 'mlp' as const, hidden: 4 * c.hidden };
  return { config, notes: [`DCGAN → MLP (hidden ${config.hidden}): ${why}`] };
}

/** One judged image and how the room voted on it. */
export interface HumanVerdict {
  /** rows×cols bytes, 0..255. */
  pixels: Uint8Array;
  truth: 'real' | 'fake';
  votes: number;
  fakeVotes: number;
  /** Class of the image; needed by conditional models (verdicts without one are left out there). */
  label?: number;
}

export interface StepProgress {
  phase: 'd' | 'g';
  /** 1-based over the whole round (D and G steps in turns). */
  step: number;
  /** The steps the round will come to (an estimate while it runs; the step count at its last report). */
  total: number;
  /** Latest measured D and G losses (before the round's first G step, gLoss is G's loss on a D step's fakes). */
  dLoss: number;
  gLoss: number;
  /**
   * Data-only steps while the class judges (GanTrainer.trainData), reported at most every
   * JUDGING_REPORT_MS with the mean losses since the last report; `step` counts this phase's steps
   * and `total` equals it. Absent for a round's training after the verdicts.
   */
  judging?: true;
}

export interface StepStats {
  dLoss: number;
  gLoss: number;
  /** Mean D score on real and fake (a probability for BCE losses, a raw score otherwise). */
  dReal: number;
  dFake: number;
  ms: number;
}

/** Data-only steps (no human term) run while the class judged: how many of each kind, their mean losses, how long. */
export interface DataReport {
  dSteps: number;
  gSteps: number;
  dLoss: number;
  gLoss: number;
  ms: number;
}

export interface RoundReport {
  dSteps: number;
  gSteps: number;
  /** Means over the round's D steps / G steps (0 where none ran). */
  dLoss: number;
  gLoss: number;
  /**
   * Mean over the round's G steps of the global L2 norm of G's gradient, where a trainer measures it.
   * GanTrainer does not yet: computing it inside the G step left NaN losses in the classroom e2e on
   * SwiftShader WebGPU after a host reload, so that change was taken back until it is understood.
   */
  gradientNorm?: number;
  /** Mean of the human-alignment term over the D steps, before λ (0 without verdicts). */
  humanLoss: number;
  /** Verdicts that entered the human term (votes > 0, and a label for conditional models). */
  humanImages: number;
  dReal: number;
  dFake: number;
  stepsPerSec: number;
  ms: number;
  backend: string;
}

/** What the classifier makes of the generator's samples (ml/eval.ts), small enough to send anywhere. */
export interface MachineEvaluation {
  /** Samples per class, as the project's classifier sees them. */
  histogram: number[];
  classNames: string[];
  coverage: number;
  /** Normalised entropy of the histogram, 0 (one class) to 1 (even). */
  entropy: number;
  /** Fréchet distance between classifier features of generated and real images (only compare equal sample sizes). */
  fid: number;
  samples: number;
  collapsed: boolean;
  /** Still noise: the histogram and the collapse verdict mean nothing yet (ml/collapse.ts). */
  notImages: boolean;
  collapseReason: string;
}

export interface BackendInfo {
  name: BackendName;
  reason: string;
  /** The graphics adapter or renderer the browser reports, where it says (e.g. "SwiftShader Device"). */
  device?: string;
  /** The "GPU" is a software renderer (SwiftShader, llvmpipe, a fallback adapter): a processor doing a graphics card's work. */
  software?: boolean;
}

/** A model timed on the active backend (ml/bench.ts): what the host's set-up estimates from. */
export interface TrainingTiming {
  backend: string;
  /** What was timed after backend adaptation (a DCGAN becomes an MLP on the plain CPU backend). */
  arch: Arch;
  notes: string[];
  /** Milliseconds per discriminator step, per generator step, and per pair of them. */
  msD: number;
  msG: number;
  msPerStep: number;
  /** D+G pairs timed. */
  steps: number;
  tensorsBefore: number;
  tensorsAfter: number;
}

/** The error a timing ends with when it is stopped before its figure is ready (the game started). */
export const TIMING_STOPPED = 'the timing was stopped';

/** What to time: a model's shape (on the worker's image data) at a batch size. */
export interface BenchRequest {
  model: Pick<GanConfig, 'arch' | 'conditional' | 'latentDim' | 'hidden'>;
  batchSize: number;
  /** Keep timing until this much time has passed (at most maxSteps pairs). */
  minMs?: number;
  maxSteps?: number;
}

// ---- worker messages ----

export interface WorkerInit {
  config: Partial<GanConfig> & { dataset: GanDataset };
  /** Where to fetch the dataset binary (images only); the page's default is `/${datasetPath}`. */
  datasetUrl?: string;
  /** Or the bytes themselves (tests, or a page that already has them). */
  datasetBytes?: Uint8Array;
  prefer?: BackendName[];
  seed?: number;
  checkpoint?: Uint8Array;
  /** Train a DCGAN on the CPU backend anyway (benchmarks). */
  allowSlowConv?: boolean;
}

export interface InitResult {
  backend: BackendInfo;
  config: GanConfig;
  notes: string[];
}

export type WorkerRequest =
  | { id: number; type: 'init'; init: WorkerInit }
  | { id: number; type: 'generate'; count: number; seed?: number; labels?: number[] }
  | { id: number; type: 'trainRound'; verdicts: HumanVerdict[]; budget: TimedBudget }
  /** Data-only steps while the class judges, until a stop (or the budget is spent). */
  | { id: number; type: 'trainData'; budget: JudgingBudget }
  | { id: number; type: 'configure'; patch: Partial<TunableConfig> }
  | { id: number; type: 'checksum' }
  /** Machine metrics of the current generator: `count` samples against as many held-out real images. */
  | { id: number; type: 'evaluate'; count: number }
  | { id: number; type: 'save' }
  | { id: number; type: 'load'; bytes: Uint8Array }
  | { id: number; type: 'dispose' }
  /** Ends the round's training (or the timing) in progress after its current step (answered at once, not queued). */
  /** Ends every training or timing that arrived before it, after its current step (later requests run as usual). */
  | { id: number; type: 'stop' }
  /** Times a few training steps of a throwaway model on this backend; the trainer's own generator is untouched. */
  | { id: number; type: 'bench'; bench: BenchRequest }
  // The Lab's and solo play's extras.
  | { id: number; type: 'steps'; dSteps: number; gSteps: number; iterations: number }
  | { id: number; type: 'scoreImages'; images: Uint8Array[]; labels?: number[] }
  | { id: number; type: 'reals'; count: number; seed: number }
  | { id: number; type: 'toySnapshot'; count: number; grid: number; seed: number }
  | { id: number; type: 'interpolate'; seedA: number; seedB: number; steps: number; label?: number };

export type WorkerResponse =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: string }
  | { type: 'progress'; id: number; progress: StepProgress };

// ---- results of the Lab's and solo play's requests ----

/** One iteration of the Lab's loop: its D steps then its G steps. Null where that kind of step did not run. */
export interface LabStep {
  dLoss: number | null;
  gLoss: number | null;
  dReal: number | null;
  dFake: number | null;
}

export interface LabStepsResult {
  steps: LabStep[];
  /** Optimizer steps run (D and G together) and the time they took, for steps/s. */
  optimizerSteps: number;
  ms: number;
}

/** Real images drawn from the data set, with their classes (a conditional D needs them). */
export interface RealImages {
  images: Uint8Array[];
  labels: number[];
}

/** Where a 2-D generator's points land and what its discriminator thinks of the plane. */
export interface ToySnapshot {
  /** Interleaved x,y. */
  real: Float32Array;
  fake: Float32Array;
  /** D's raw output on a grid×grid lattice over [-extent, extent]², row by row from the top (y = +extent). */
  surface: Float32Array;
  grid: number;
  extent: number;
  centres: [number, number][];
  /** Mode coverage of the fake points (see ml/eval.ts evaluatePoints). */
  coverage: number;
  covered: number;
  modes: number;
  /** Share of fake points near some mode. */
  highQuality: number;
  /** How near a point must be to a mode centre to count. */
  radius: number;
  histogram: number[];
}
