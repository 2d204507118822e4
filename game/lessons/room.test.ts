import { describe, expect, it } from 'vitest';
import { hostView } from '../views';
import { HOST, harness, px } from '../test-harness';
import { LEVELS } from '../levels';
import type { HostView, LevelId } from '../protocol';
import { type RoomLoss, conditionalClass, layerSizes, levelLossCurve, roomLessonData, trainingLoss } from './room';
import { summariseLosses } from './summaries';
import { translator } from '@/app/i18n/translator';
import { LESSON_DATA_FIELDS } from './types';

describe("the room's own lesson data", () => {
  it('is null before anything happened, then carries the room’s realism, timeline and pictures', () => {
    const h = harness({ roundsPerLevel: 1 });
    h.join();
    expect(roomLessonData(hostView(h.state, h.now), [])).toBeNull();
    h.startRound();
    for (const img of h.images()) h.vote(0, img.id, 'real');
    h.send({ type: 'advance', hostToken: HOST });
    const report = {
      dSteps: 2, gSteps: 2, dLoss: 1, gLoss: 1, humanLoss: 0.3, dReal: 0.6, dFake: 0.4, stepsPerSec: 5, ms: 800,
      backend: 'webgl' as const, checksumBefore: 1, checksumAfter: 2, fid: 42, histogram: { counts: [1, 0, 0, 0, 0, 0, 0, 9, 0, 0], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
    };
    h.send({ type: 'trained', hostToken: HOST, round: 1, report });
    const data = roomLessonData(hostView(h.state, h.now), [{ d: 1, g: 2 }, { d: 0.9, g: 1.8 }], {
      samplesOverTime: [{ step: 4, image: 'x' }],
      interpolation: ['a', 'b', 'c'],
    })!;
    expect(data.source).toBe('live');
    // Everyone said "real": every fake fooled the room, every real was right.
    expect(data.fooledRate).toBe(1);
    expect(data.realErrorRate).toBe(0);
    expect(data.judgments).toBe(6);
    expect(data.dTrace).toEqual([{ real: 0.6, fake: 0.4 }]);
    expect(data.fid).toBe(42);
    expect(data.histogram?.counts[7]).toBe(9);
    expect(data.layerSizes).toEqual([32, 7 * 7 * 32, 14 * 14 * 16, 784]);
    expect(data.interpolation).toHaveLength(3);
    expect(data.timeline).toHaveLength(1);
    for (const key of Object.keys(data)) if (key !== 'source' && key !== 'caption') expect(LESSON_DATA_FIELDS).toContain(key);
  });
});

describe('lesson data is about the level just played', () => {
  /** A view of a room at `level` (1-based) of the given campaign, with one round played per level. */
  function viewAt(levels: LevelId[], level: number, phase?: HostView['phase'], norms: (number | undefined)[] = []): HostView {
    const h = harness({ roundsPerLevel: 1 }, levels);
    h.join();
    const v = hostView(h.state, h.now);
    const report = (dReal: number, gradientNorm?: number) => ({
      dSteps: 3, gSteps: 2, dLoss: 1, gLoss: 1, humanLoss: 0, dReal, dFake: 0.3, stepsPerSec: 5, ms: 10,
      backend: 'cpu' as const, checksumBefore: 1, checksumAfter: 2, ...(gradientNorm !== undefined && { gradientNorm }),
    });
    const history = levels.slice(0, level).map((_, i) => ({ round: i + 1, level: i + 1, fooledRate: 0.5, report: report(0.1 * (i + 1), norms[i]), bestFake: px(10 * (i + 1)) }));
    return { ...v, level, round: level, history, phase: phase ?? { kind: 'lesson', level, cards: [], answers: {}, at: 0, question: null } };
  }

  it('shows only this level’s losses, numbered from its first step, under this level’s loss', () => {
    const view = viewAt(['collapse', 'fixit'], 2);
    const losses: RoomLoss[] = [
      { d: 1.3, g: 0.7, level: 1, loss: 'minimax' },
      { d: 1.2, g: 0.8, level: 1, loss: 'minimax' },
      { d: -4, g: 3, level: 2, loss: 'wgan-gp' },
      { d: -3, g: 2, level: 2, loss: 'wgan-gp' },
      { d: -2, g: 1, level: 2, loss: 'wgan-gp' },
    ];
    const data = roomLessonData(view, losses)!;
    expect(data.lossKind).toBe('wgan-gp');
    expect(data.losses).toEqual([{ d: -4, g: 3, step: 1 }, { d: -3, g: 2, step: 2 }, { d: -2, g: 1, step: 3 }]);
    // The caption under the curve counts the curve's own steps, not the last round's.
    expect(data.stepsThisRound).toBe(5);
    expect(summariseLosses(translator('en', 'charts'), data.losses!, data.stepsThisRound, true, data.lossKind)).toMatch(/^Over 3 steps of wgan-gp training, the critic's loss went from -4\.00 to -2\.00/);
    // The D(x) trace is this level's rounds only.
    expect(data.dTrace).toEqual([{ real: 0.2, fake: 0.3 }]);
    // No steps while judging in these reports (an older host's, or a room saved before them): nothing said.
    expect(data.judgingSteps).toBeUndefined();
  });

  it('counts the steps the latest round trained while the class judged, beside its training steps', () => {
    const view = viewAt(['noise'], 1);
    const last = view.history.at(-1)!;
    const withJudging = { ...view, history: [...view.history.slice(0, -1), { ...last, report: { ...last.report!, judging: { dSteps: 40, gSteps: 41, ms: 900 } } }] };
    const data = roomLessonData(withJudging, [{ d: 1, g: 1, level: 1, loss: 'nonsaturating' }])!;
    expect(data.stepsThisRound).toBe(5);
    expect(data.judgingSteps).toBe(81);
  });

  it('keeps the last stretch under one loss when the coaches switched the loss mid-level', () => {
    const { points, loss } = levelLossCurve(
      [{ d: 1, g: 1, level: 1, loss: 'nonsaturating' }, { d: 0, g: 0, level: 1, loss: 'wgan-gp' }, { d: -1, g: 2, level: 1, loss: 'wgan-gp' }],
      LEVELS.fixit,
      1,
    );
    expect(loss).toBe('wgan-gp');
    expect(points).toEqual([{ d: 0, g: 0, step: 1 }, { d: -1, g: 2, step: 2 }]);
  });

  it('takes untagged losses whole, under the level’s loss (solo play records them so)', () => {
    const { points, loss } = levelLossCurve([{ d: 1, g: 2 }, { d: 3, g: 4 }], LEVELS.fixit, 1);
    expect(loss).toBe('wgan-gp');
    expect(points.map((p) => p.step)).toEqual([1, 2]);
  });

  it('names the loss the trainer runs: the coaches’ knobs, else the level’s', () => {
    const training = viewAt(['fixit'], 1, { kind: 'training', round: 1, progress: null, knobs: { loss: 'nonsaturating', lr: 'low', ratio: '1:1', steps: 'normal' } });
    expect(trainingLoss(training)).toEqual({ level: 1, loss: 'nonsaturating' });
    expect(trainingLoss(viewAt(['fixit'], 1, { kind: 'training', round: 1, progress: null, knobs: null }))).toEqual({ level: 1, loss: 'wgan-gp' });
  });

  it('fills realSamples from the real images the room was shown, and no others', () => {
    const view = viewAt(['fashion'], 1);
    expect(roomLessonData(view, [])!.realSamples).toBeUndefined();
    const data = roomLessonData(view, [], { samplesOverTime: [], interpolation: [], realSamples: [px(1), px(2)] })!;
    expect(data.realSamples).toEqual([px(1), px(2)]);
    expect(data.caption).toContain('Fashion-MNIST');
  });

  it('fills batchSize and gradientNorm when the trainer knows them', () => {
    const view = viewAt(['strokes'], 1);
    expect(roomLessonData(view, []))!.not.toHaveProperty('batchSize');
    const data = roomLessonData(view, [], undefined, { batchSize: 64, gradientNorm: 0.125 })!;
    expect(data.batchSize).toBe(64);
    expect(data.gradientNorm).toBe(0.125);
  });

  it("fills gradientNorm from this level's latest report that measured one", () => {
    // Level 1 measured 2.5, level 2 (the one just played) 0.75: the card shows level 2's.
    expect(roomLessonData(viewAt(['collapse', 'fixit'], 2, undefined, [2.5, 0.75]), [])!.gradientNorm).toBe(0.75);
    // Only an earlier level measured one: nothing, rather than another level's number.
    expect(roomLessonData(viewAt(['collapse', 'fixit'], 2, undefined, [2.5, undefined]), [])!).not.toHaveProperty('gradientNorm');
    const view = viewAt(['strokes'], 1, undefined, [1.5]);
    const r0 = view.history[0].report!;
    // Several rounds of the level: the latest one that has the field.
    const history = [...view.history, { ...view.history[0], round: 2, report: { ...r0, gradientNorm: 3 } }, { ...view.history[0], round: 3, report: { ...r0, gradientNorm: undefined } }];
    expect(roomLessonData({ ...view, history }, [])!.gradientNorm).toBe(3);
  });

  it('fills conditionalClass from the level: a 7 on the conditional level, nothing elsewhere', () => {
    expect(roomLessonData(viewAt(['conditional'], 1), [])!.conditionalClass).toBe('7');
    expect(roomLessonData(viewAt(['fashion'], 1), [])!.conditionalClass).toBeUndefined();
    expect(conditionalClass({ ...LEVELS.fashion, drawClass: 7 })).toBe('Sneaker');
  });

  it('shows this level’s fakes only: the fashion level’s, after the fashion level', () => {
    const data = roomLessonData(viewAt(['conditional', 'fashion'], 2), [])!;
    expect(data.samples).toEqual([px(20)]);
    expect(data.timeline).toHaveLength(2);
  });

  it('gives layer widths true to ml/models.ts, for the MLP and the DCGAN', async () => {
    const { buildGan } = await import('../../ml/models');
    for (const id of ['strokes', 'dcgan'] as const) {
      const m = LEVELS[id].model;
      const { generator, discriminator } = buildGan({ arch: m.arch, output: 'image', conditional: false, latentDim: m.latentDim, hidden: m.hidden, rows: 28, cols: 28, classes: 10 });
      // Width of each dense or transposed-conv layer's output: units, or rows × cols × filters.
      const widths = generator.layers
        .filter((l) => ['Dense', 'Conv2DTranspose'].includes(l.getClassName()))
        .map((l) => (l.outputShape as number[]).slice(1).reduce((a, b) => a * b, 1));
      expect(layerSizes(m)).toEqual([m.latentDim, ...widths]);
      generator.dispose();
      discriminator.dispose();
    }
    expect(layerSizes(LEVELS.dcgan.model)).toEqual([32, 7 * 7 * 32, 14 * 14 * 16, 784]);
  });
});
