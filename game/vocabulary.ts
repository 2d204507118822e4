/**
 * The game's vocabulary, written once: the losses, backends, datasets, architectures and level ids,
 * each with the words the screens use for it. Everything else derives from these tables: the wire's
 * zod enums (game/protocol.ts), the trainer's config checks (ml/gan-config.ts) and every menu (the
 * lobby, the coach form, solo play, the Lab).
 *
 * Deliberately without imports, so the server, the worker and the pages can all load it.
 *
 * Adding a loss: an entry in LOSS, its formulas in ml/losses.ts (the switches there stop compiling
 * until it has them), a lesson line if the cards mention it, and a test.
 */

/** A list as the non-empty tuple a zod enum wants. */
function nonEmpty<T>(xs: T[]): readonly [T, ...T[]] {
  if (xs.length === 0) throw new Error('a vocabulary list needs at least one entry');
  return Object.freeze(xs) as readonly [T, ...T[]];
}

/** A table's ids, in its order. */
function idsOf<K extends string>(table: Record<K, unknown>): readonly [K, ...K[]] {
  return nonEmpty(Object.keys(table) as K[]);
}

// ---- losses ----

export interface LossInfo {
  /** In plain words, as the menus show it. */
  label: string;
  /** D's raw output is a logit whose sigmoid is the probability of "real" (the BCE losses). */
  probability: boolean;
  /** D is a Wasserstein critic: its score has no fixed scale, and its loss reads as a distance. */
  critic: boolean;
  /** Where D's raw output divides real from fake before any calibration: a logit's or a hinge margin's 0, half-way between LSGAN's targets 0 and 1. */
  midpoint: number;
}

/** Every loss the trainer knows, in the order error messages list them. */
export const LOSS = {
  minimax: { label: 'Minimax', probability: true, critic: false, midpoint: 0 },
  nonsaturating: { label: 'Non-saturating', probability: true, critic: false, midpoint: 0 },
  lsgan: { label: 'Least squares', probability: false, critic: false, midpoint: 0.5 },
  hinge: { label: 'Hinge', probability: false, critic: false, midpoint: 0 },
  'wgan-gp': { label: 'WGAN-GP', probability: false, critic: true, midpoint: 0 },
} as const satisfies Record<string, LossInfo>;

export type Loss = keyof typeof LOSS;
export const LOSSES = idsOf(LOSS);

/** The loss a fresh configuration trains with: the non-saturating G loss Goodfellow et al. (2014) recommend in practice. */
export const DEFAULT_LOSS: Loss = 'nonsaturating';

/** The order the menus offer losses in: the default first, then the others in table order. */
export const LOSS_MENU: readonly Loss[] = [DEFAULT_LOSS, ...LOSSES.filter((l) => l !== DEFAULT_LOSS)];

/** What is known about a loss named by a string that may come from elsewhere (a lesson's data); undefined when it is no loss. */
export function lossInfo(name: string | undefined): LossInfo | undefined {
  return name !== undefined && Object.hasOwn(LOSS, name) ? LOSS[name as Loss] : undefined;
}

// ---- backends ----

export interface BackendInfo {
  label: string;
  /** Works in Node (no GPU API there): scripts and tests train on these. */
  node: boolean;
}

/** tfjs backends, in the order they are tried: fastest first, CPU (which always works) last. */
export const BACKEND = {
  webgpu: { label: 'WebGPU', node: false },
  webgl: { label: 'WebGL', node: false },
  wasm: { label: 'WASM', node: true },
  cpu: { label: 'CPU', node: true },
} as const satisfies Record<string, BackendInfo>;

export type Backend = keyof typeof BACKEND;
export const BACKENDS = idsOf(BACKEND);

// ---- datasets ----

export interface DatasetInfo {
  label: string;
  /** Where the pictures come from, for a caption. */
  source: string;
  /** 2-D points from a mixture with known modes (the Lab's), not 28×28 images. */
  points: boolean;
}

/** Image datasets first (the game's), then the Lab's 2-D mixtures. */
export const DATASET = {
  digits: { label: 'Digits', source: 'MNIST digits', points: false },
  fashion: { label: 'Fashion', source: 'Fashion-MNIST', points: false },
  ring: { label: 'Ring (2-D)', source: 'eight Gaussians on a ring', points: true },
  grid: { label: 'Grid (2-D)', source: 'twenty-five Gaussians on a grid', points: true },
} as const satisfies Record<string, DatasetInfo>;

/** Every dataset the trainer can learn. */
export type GanDataset = keyof typeof DATASET;
/** The 2-D mixtures. */
export type ToyDataset = { [K in GanDataset]: (typeof DATASET)[K]['points'] extends true ? K : never }[GanDataset];
/** The image datasets: the ones the game plays with, on the wire and in the database. */
export type Dataset = Exclude<GanDataset, ToyDataset>;

export function isToy(dataset: GanDataset): dataset is ToyDataset {
  return DATASET[dataset].points;
}

export const GAN_DATASETS = idsOf(DATASET);
export const DATASETS = nonEmpty(GAN_DATASETS.filter((d): d is Dataset => !isToy(d)));
export const TOY_DATASETS = nonEmpty(GAN_DATASETS.filter(isToy));

// ---- architectures and model shapes ----

export interface ArchInfo {
  label: string;
  /** What kind of generator it is, in words for the projector. */
  generator: string;
}

export const ARCH = {
  mlp: { label: 'MLP', generator: 'Fully-connected' },
  dcgan: { label: 'DCGAN', generator: 'Convolutional' },
} as const satisfies Record<string, ArchInfo>;

export type Arch = keyof typeof ARCH;
export const ARCHS = idsOf(ARCH);

/** The generator's shape; a checkpoint only loads into a model of the same shape. */
export interface ModelShape<D extends GanDataset = Dataset> {
  dataset: D;
  arch: Arch;
  conditional: boolean;
  latentDim: number;
  /** MLP: narrowest hidden width (G uses h, 2h, 4h). DCGAN: base filter count. */
  hidden: number;
}

/** Fields that fix the weights' shapes: a checkpoint must agree on these. */
export const SHAPE_FIELDS = ['dataset', 'arch', 'conditional', 'latentDim', 'hidden'] as const satisfies readonly (keyof ModelShape)[];
export type ShapeField = (typeof SHAPE_FIELDS)[number];

/**
 * The first field on which offered weights (a checkpoint's config, which may lack fields) do not fit
 * a model's shape, or null when they fit.
 */
export function shapeMismatch(offered: Partial<Record<ShapeField, unknown>>, model: ModelShape<GanDataset>): ShapeField | null {
  return SHAPE_FIELDS.find((k) => offered[k] !== model[k]) ?? null;
}

/** True when one model's weights (a checkpoint, the room's generator) fit the other. */
export function sameShape(a: ModelShape<GanDataset>, b: ModelShape<GanDataset>): boolean {
  return shapeMismatch(a, b) === null;
}

// ---- levels ----

/** The campaign's levels, in their default order. On the wire and in the database: never rename one. */
export const LEVEL_IDS = ['noise', 'strokes', 'dcgan', 'collapse', 'fixit', 'conditional', 'fashion', 'deepfakes'] as const;
export type LevelId = (typeof LEVEL_IDS)[number];

// ---- the coaches' knobs ----

/** Each knob's choices with their words, in menu order; the wire's KnobsSchema derives from these. */
export const KNOB_CHOICES = {
  lr: { low: 'Low', medium: 'Medium', high: 'High' },
  ratio: { '1:2': '1:2', '1:1': '1:1', '2:1': '2:1', '5:1': '5:1' },
  steps: { few: 'Few', normal: 'Normal', many: 'Many' },
} as const;

export const LR_CHOICES = idsOf(KNOB_CHOICES.lr);
export const RATIO_CHOICES = idsOf(KNOB_CHOICES.ratio);
export const STEP_CHOICES = idsOf(KNOB_CHOICES.steps);

/**
 * What each knob means and what each choice tends to do, in words a 14-year-old coach can act on
 * (the coach form shows them under each question). Every choice has its line: the types say so.
 */
export const KNOB_HINTS = {
  loss: {
    hint: 'How the judge (D) scores images, and so what the generator (G) learns from.',
    tends: {
      nonsaturating: 'The usual choice: G keeps learning even when D catches every fake.',
      minimax: 'The textbook formula: G learns very slowly while D is catching everything.',
      lsgan: 'Scores by distance instead of yes/no: smoother learning, sometimes blurrier.',
      hinge: 'D stops pushing once it is sure enough: steady, popular for images.',
      'wgan-gp': 'D becomes a critic that gives a score, not a yes/no: slower, but rarely gets stuck on one image.',
    } satisfies Record<Loss, string>,
  },
  lr: {
    hint: 'How big each training step is.',
    tends: { low: 'Small, careful steps: steady but slow.', medium: 'The usual pace for this level.', high: 'Big steps: learns fast, but may wobble or fall apart.' },
  },
  ratio: {
    hint: 'How many turns the judge (D) trains for each turn of the generator (G).',
    tends: {
      '1:2': 'G trains twice as much: fakes change fast, D may fall behind.',
      '1:1': 'Equal turns.',
      '2:1': 'D trains more: a tougher judge, so G gets clearer feedback.',
      '5:1': 'D trains much more: what WGAN-GP needs; a plain GAN may stall.',
    },
  },
  steps: {
    hint: 'How much training happens this round.',
    tends: { few: 'A small nudge.', normal: 'The usual amount for this level.', many: 'More change this round, but it takes longer.' },
  },
} as const satisfies { [K in 'loss' | keyof typeof KNOB_CHOICES]: { hint: string; tends: Record<string, string> } } & {
  [K in keyof typeof KNOB_CHOICES]: { tends: Record<keyof (typeof KNOB_CHOICES)[K], string> };
};

/** The coach form's questions, the same in class and in solo play. */
export const KNOB_MENU = [
  { key: 'loss', label: 'Loss', hint: KNOB_HINTS.loss.hint, choices: LOSS_MENU.map((v) => ({ v, text: LOSS[v].label, tends: KNOB_HINTS.loss.tends[v] })) },
  { key: 'lr', label: 'Learning rate', hint: KNOB_HINTS.lr.hint, choices: LR_CHOICES.map((v) => ({ v, text: KNOB_CHOICES.lr[v], tends: KNOB_HINTS.lr.tends[v] })) },
  { key: 'ratio', label: 'D steps : G steps', hint: KNOB_HINTS.ratio.hint, choices: RATIO_CHOICES.map((v) => ({ v, text: KNOB_CHOICES.ratio[v], tends: KNOB_HINTS.ratio.tends[v] })) },
  { key: 'steps', label: 'How much training', hint: KNOB_HINTS.steps.hint, choices: STEP_CHOICES.map((v) => ({ v, text: KNOB_CHOICES.steps[v], tends: KNOB_HINTS.steps.tends[v] })) },
] as const satisfies readonly { key: 'loss' | keyof typeof KNOB_CHOICES; label: string; hint: string; choices: readonly { v: string; text: string; tends: string }[] }[];
