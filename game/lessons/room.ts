/**
 * The room's own numbers for the lesson cards: its loss curves, D(x) trace, fooled rate with its
 * interval, the fakes that fooled it, its timeline. Pure: from the host's view and the losses it saw.
 */
import type { LessonData } from './types';
import type { HostView } from '../protocol';

/** Generator layer widths from z to the image, as ml/models.ts builds them (MLP: h, 2h, 4h; DCGAN: conv blocks). */
function layerSizes(view: HostView): number[] {
  const m = view.levels[view.level - 1].model;
  return m.arch === 'mlp' ? [m.latentDim, m.hidden, 2 * m.hidden, 4 * m.hidden, 784] : [m.latentDim, 7 * 7 * 4 * m.hidden, 14 * 14 * 2 * m.hidden, 784];
}

export function roomLessonData(
  view: HostView,
  losses: { d: number; g: number }[],
  pictures: { samplesOverTime: { step: number; image: string }[]; interpolation: string[] } = { samplesOverTime: [], interpolation: [] },
): LessonData | null {
  const level = view.levels[view.level - 1];
  const reports = view.history.map((r) => r.report).filter((r) => r !== null);
  if (view.history.length === 0 && losses.length === 0) return null;
  const r = view.realism;
  const last = reports[reports.length - 1];
  const data: LessonData = {
    source: 'live',
    caption: `Your room: ${level.name}, ${view.history.length} ${view.history.length === 1 ? 'round' : 'rounds'} so far`,
    lossKind: level.tunables.loss,
    latentDim: level.model.latentDim,
    layerSizes: layerSizes(view),
    judge: 'people',
    timeline: view.history.map((h) => ({ round: h.round, bestFake: h.bestFake, fooledRate: h.fooledRate })),
    samples: view.history.filter((h) => h.level === view.level && h.bestFake).map((h) => h.bestFake!),
  };
  if (pictures.samplesOverTime.length > 0) data.samplesOverTime = pictures.samplesOverTime;
  if (pictures.interpolation.length > 1) data.interpolation = pictures.interpolation;
  if (losses.length > 1) data.losses = losses.map(({ d, g }) => ({ d, g }));
  if (reports.length > 0) data.dTrace = reports.map((rep) => ({ real: rep.dReal, fake: rep.dFake }));
  if (last) {
    data.backend = last.backend;
    data.stepsThisRound = last.dSteps + last.gSteps;
  }
  // The classifier's latest view of this level's generator: its class histogram and Fréchet distance.
  const measured = view.history.filter((h) => h.level === view.level && h.report?.histogram).map((h) => h.report!);
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
