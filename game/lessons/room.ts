/**
 * The room's own numbers for the lesson cards: its loss curves, D(x) trace, fooled rate with its
 * interval, the fakes that fooled it, its timeline. Pure: from the host's view and what the host
 * saw (the losses it recorded, its pictures, the real images it showed).
 *
 * Everything describes the level just played: a card after "Fix it" shows that level's WGAN critic
 * curve, not one curve stitched from several levels and loss families.
 */
import type { LessonData, LossPoint } from './types';
import type { HostView, LevelSpec, Loss, ModelShape } from '../protocol';
// Pure (no tfjs): the one list of class names, shared with the trainer and the dataset files.
import { CLASS_NAMES } from '../../ml/format';

/**
 * Generator layer widths from z to the image, as ml/models.ts builds them. MLP: dense h, 2h, 4h,
 * then the image. DCGAN: a dense layer to a 7×7×2h block, a transposed conv to 14×14×h, then the
 * 28×28 image (the width of a conv layer here is its whole activation, rows × cols × filters).
 */
export function layerSizes(m: ModelShape): number[] {
  return m.arch === 'mlp' ? [m.latentDim, m.hidden, 2 * m.hidden, 4 * m.hidden, 784] : [m.latentDim, 7 * 7 * 2 * m.hidden, 14 * 14 * m.hidden, 784];
}

/** One loss the host recorded, tagged with the level and loss family it was trained under. */
export interface RoomLoss {
  d: number;
  g: number;
  level?: number;
  loss?: Loss;
}

/** The level and loss family the trainer is running now: the coaches' choice if they made one. */
export function trainingLoss(view: HostView): { level: number; loss: Loss } {
  const knobs = view.phase.kind === 'training' ? view.phase.knobs : null;
  return { level: view.level, loss: knobs?.loss ?? view.levels[view.level - 1].tunables.loss };
}

/**
 * The curve a card shows for `level`: that level's losses and, where coaches switched the loss
 * part-way, only the last stretch under one loss (two loss families on one axis mean nothing).
 * Untagged losses (a game without the tags) are taken whole, under the level's own loss.
 */
export function levelLossCurve(losses: readonly RoomLoss[], level: LevelSpec, index: number): { points: LossPoint[]; loss: Loss } {
  const tagged = losses.some((l) => l.level !== undefined);
  if (!tagged) return { points: losses.map(({ d, g }, i) => ({ d, g, step: i + 1 })), loss: level.tunables.loss };
  const mine = losses.filter((l) => l.level === index);
  const loss = mine[mine.length - 1]?.loss ?? level.tunables.loss;
  let start = mine.length;
  while (start > 0 && (mine[start - 1].loss ?? loss) === loss) start--;
  return { points: mine.slice(start).map(({ d, g }, i) => ({ d, g, step: i + 1 })), loss };
}

/** Class name a conditional level draws ("7", "Sneaker"); undefined for unconditional levels. */
export function conditionalClass(level: LevelSpec): string | undefined {
  if (level.drawClass === undefined) return undefined;
  return CLASS_NAMES[level.model.dataset][level.drawClass] ?? String(level.drawClass);
}

export interface RoomPictures {
  samplesOverTime: { step: number; image: string }[];
  interpolation: string[];
  /** Real images of this level's dataset that the room was shown. */
  realSamples?: string[];
}

/** What the trainer knows that the view does not carry. */
export interface TrainerFacts {
  batchSize?: number;
  gradientNorm?: number;
}

export function roomLessonData(
  view: HostView,
  losses: readonly RoomLoss[],
  pictures: RoomPictures = { samplesOverTime: [], interpolation: [] },
  trainer: TrainerFacts = {},
): LessonData | null {
  const level = view.levels[view.level - 1];
  const played = view.history.filter((h) => h.level === view.level);
  const reports = played.map((r) => r.report).filter((r) => r !== null);
  if (view.history.length === 0 && losses.length === 0) return null;
  const r = view.realism;
  const last = reports[reports.length - 1];
  const curve = levelLossCurve(losses, level, view.level);
  const dataset = level.model.dataset === 'fashion' ? 'Fashion-MNIST' : 'MNIST digits';
  const data: LessonData = {
    source: 'live',
    caption: `Your room: ${level.name} (${dataset}), ${played.length} ${played.length === 1 ? 'round' : 'rounds'}`,
    lossKind: curve.loss,
    latentDim: level.model.latentDim,
    layerSizes: layerSizes(level.model),
    judge: 'people',
    timeline: view.history.map((h) => ({ round: h.round, bestFake: h.bestFake, fooledRate: h.fooledRate })),
    samples: played.filter((h) => h.bestFake).map((h) => h.bestFake!),
  };
  const cls = conditionalClass(level);
  if (cls !== undefined) data.conditionalClass = cls;
  if (pictures.samplesOverTime.length > 0) data.samplesOverTime = pictures.samplesOverTime;
  if (pictures.interpolation.length > 1) data.interpolation = pictures.interpolation;
  if (pictures.realSamples?.length) data.realSamples = pictures.realSamples;
  if (curve.points.length > 1) data.losses = curve.points;
  if (reports.length > 0) data.dTrace = reports.map((rep) => ({ real: rep.dReal, fake: rep.dFake }));
  if (last) {
    data.backend = last.backend;
    data.stepsThisRound = last.dSteps + last.gSteps;
    if (last.judging) data.judgingSteps = last.judging.dSteps + last.judging.gSteps;
  }
  if (trainer.batchSize !== undefined) data.batchSize = trainer.batchSize;
  // G's gradient norm: from the latest of this level's reports that measured one (mean over that
  // round's G steps), else what the trainer says.
  const normed = reports.filter((rep) => rep.gradientNorm !== undefined);
  const norm = normed[normed.length - 1]?.gradientNorm ?? trainer.gradientNorm;
  if (norm !== undefined) data.gradientNorm = norm;
  // The classifier's latest view of this level's generator: its class histogram and Fréchet distance.
  const measured = reports.filter((rep) => rep.histogram);
  const m = measured[measured.length - 1];
  if (m?.histogram) data.histogram = { counts: m.histogram.counts, classNames: m.histogram.classNames };
  if (m?.fid !== undefined) data.fid = m.fid;
  if (r) {
    if (r.fakeErrorRate !== null) {
      data.fooledRate = r.fakeErrorRate;
      data.fakeErrorRate = r.fakeErrorRate;
    }
    if (r.fakeInterval) data.fooledInterval = r.fakeInterval;
    if (r.realErrorRate !== null) data.realErrorRate = r.realErrorRate;
    data.judgments = r.judgments;
  }
  return data;
}
