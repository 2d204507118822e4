/**
 * What a lesson card can show, and how a card is written. Plain JSON-serialisable data: the lead
 * moves LessonData into game/protocol.ts and sends it to every screen in the room's lesson phase.
 */

export interface LossPoint {
  /** Discriminator (or critic) loss at this step. */
  d: number;
  /** Generator loss at this step. */
  g: number;
  /**
   * The step this point was measured at, counted from the start of the curve (a room's curves have
   * one point per step). Absent in thinned example runs, whose points spread over stepsThisRound.
   */
  step?: number;
}

export interface DPoint {
  /** Mean D(x) on a real batch: the probability D gives "real" to real images. */
  real: number;
  /** Mean D(G(z)) on a fake batch. */
  fake: number;
}

export interface TimelinePoint {
  round: number;
  /** The fake that fooled the most people that round (base64 28×28 pixels), if any. */
  bestFake: string | null;
  /** Share of votes on fakes that said "real" that round; null when nobody judged a fake. */
  fooledRate: number | null;
}

export interface LessonData {
  /** 'live': this room's or player's own game. 'example': GAN Arena's own recorded training run. */
  source: 'live' | 'example';
  /** What the data came from, in a few words ("MLP GAN on digits, 400 steps"). */
  caption?: string;
  /** D and G loss per training step. */
  losses?: LossPoint[];
  /** Loss family the losses come from ('nonsaturating', 'wgan-gp', …): a critic's loss reads differently. */
  lossKind?: string;
  /** Mean D score on real vs fake per step. */
  dTrace?: DPoint[];
  /** How many generated samples the classifier put in each class. */
  histogram?: { counts: number[]; classNames: string[] };
  /** Share of judgments on fakes that said "real". */
  fooledRate?: number;
  /** Bootstrap 95% interval of fooledRate. */
  fooledInterval?: { low: number; high: number };
  /** Error rate on generated images (called them real) and on real ones (called them fake). */
  fakeErrorRate?: number;
  realErrorRate?: number;
  /** Number of judgments behind the rates above. */
  judgments?: number;
  /** Who judged: the room's people, or (in example data) a trained discriminator network. */
  judge?: 'people' | 'discriminator';
  /** Fréchet distance between classifier features of generated and real images (lower is closer). */
  fid?: number;
  /** Generated images, base64 8-bit 28×28 (same encoding as encodePixels in game/protocol.ts). */
  samples?: string[];
  /** Samples from one fixed z at successive moments of training, oldest first. */
  samplesOverTime?: { step: number; image: string }[];
  /** Images along a straight line between two latent vectors, ends included. */
  interpolation?: string[];
  /** Real images from the same dataset. */
  realSamples?: string[];
  /** Class the conditional generator was asked for, with its samples in `samples`. */
  conditionalClass?: string;
  latentDim?: number;
  /** Generator layer widths from z to the image, e.g. [64, 128, 256, 512, 784]. */
  layerSizes?: number[];
  batchSize?: number;
  stepsThisRound?: number;
  /** Data-only steps the latest round ran while it was judged (shown beside stepsThisRound). */
  judgingSteps?: number;
  /** tfjs backend that trained ('webgpu', 'webgl', 'wasm', 'cpu'). */
  backend?: string;
  timeline?: TimelinePoint[];
  /**
   * L2 norm of the gradient reaching the generator's weights through D (all of them together): a
   * room's is the mean over the latest round's G steps (RoundReport.gradientNorm), an example run's
   * is measured on one batch after training.
   */
  gradientNorm?: number;
}

/** The fields a card may ask for (everything except the bookkeeping ones). */
export type LessonDataField = Exclude<keyof LessonData, 'source' | 'caption'>;

/**
 * Every LessonDataField, at run time. The `satisfies` line fails to compile when a field is added
 * to LessonData and not here, so tests can check cards against the real type.
 */
const FIELD_MAP = {
  losses: true, lossKind: true, dTrace: true, histogram: true, fooledRate: true, fooledInterval: true,
  fakeErrorRate: true, realErrorRate: true, judgments: true, judge: true, fid: true, samples: true,
  samplesOverTime: true, interpolation: true, realSamples: true, conditionalClass: true, latentDim: true,
  layerSizes: true, batchSize: true, stepsThisRound: true, judgingSteps: true, backend: true, timeline: true, gradientNorm: true,
} as const satisfies Record<LessonDataField, true>;
export const LESSON_DATA_FIELDS = Object.keys(FIELD_MAP) as LessonDataField[];

/** A piece of a card's body. Paragraphs may hold inline TeX between single dollar signs. */
export type LessonBlock =
  | { kind: 'p'; text: string }
  | { kind: 'math'; tex: string; caption?: string }
  | { kind: 'list'; items: string[] };

export interface CheckQuestion {
  prompt: string;
  choices: string[];
  /** Index into choices. */
  answer: number;
  /** Shown after answering, right or wrong: why the answer is what it is. */
  explanation: string;
}

export const LESSON_GROUPS = ['Foundations', 'The game', 'Training in practice', 'Better GANs', 'Responsible use', 'The big picture'] as const;
export type LessonGroup = (typeof LESSON_GROUPS)[number];

/** Which recorded example run a card falls back to when the room has no data yet. */
export const EXAMPLE_RUNS = ['main', 'badLr', 'wgan', 'conditional'] as const;
export type ExampleRun = (typeof EXAMPLE_RUNS)[number];

export interface LessonCard {
  /** Curriculum topic id ('T01'…'T20'); extra cards on one topic add a letter ('T16b'). */
  id: string;
  /** The CURRICULUM.md topic this card teaches (same as id without the letter). */
  topic: string;
  title: string;
  /** One line for the card library. */
  summary: string;
  group: LessonGroup;
  body: LessonBlock[];
  /** The LessonData fields this card shows, in order of importance. Empty: a text-only card. */
  live: LessonDataField[];
  /** The example run to show when there is no live data (default 'main'). */
  example?: ExampleRun;
  /** A recorded side-by-side comparison to show beside the live panels (examples.json `comparisons`). */
  compare?: ComparisonId;
  check: CheckQuestion;
}

/** public/lessons/examples.json: one LessonData per recorded run. */
export interface LessonExamples {
  version: 1;
  /** How the runs were made (script, date, config), for honesty on screen and in review. */
  about: string;
  runs: Partial<Record<ExampleRun, LessonData>> & { main: LessonData };
  /** Side-by-side sample strips from two generators (scripts/lesson-examples.ts --only=comparisons). */
  comparisons?: Partial<Record<ComparisonId, Comparison>>;
}

/** The recorded comparisons: shipped MLP vs DCGAN checkpoints; collapsed G trained on without vs with the fix. */
export const COMPARISON_IDS = ['mlpVsDcgan', 'fixit'] as const;
export type ComparisonId = (typeof COMPARISON_IDS)[number];

export interface ComparisonSide {
  /** What this side is, in a few words ("MLP generator"). */
  label: string;
  /** How it was made, with its numbers (steps, loss), in one short line. */
  note?: string;
  /** Generated images, base64 8-bit 28×28 (encodePixels), same seeds on both sides. */
  images: string[];
}

export interface Comparison {
  /** What the pair shows and how it was recorded. */
  caption: string;
  left: ComparisonSide;
  right: ComparisonSide;
}
