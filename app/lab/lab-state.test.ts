import { describe, expect, it } from 'vitest';
import { encodeCheckpoint } from '@/ml/checkpoint';
import { defaultLabSettings } from '@/ml/lab-settings';
import type { LabStepsResult } from '@/ml/trainer-client';
import { EVAL_EVERY, MAX_HISTORY, afterSteps, checkpointSteps, evaluationDue, initialLabState, nextIterations, restartKeyOf, withPoint } from './lab-state';

const step = (dLoss: number) => ({ dLoss, gLoss: dLoss + 1, dReal: 0.6, dFake: 0.4 });

describe('restartKeyOf', () => {
  it('changes with the model, the data, the seed and the backend, not with the knobs', () => {
    const s = defaultLabSettings('digits');
    expect(restartKeyOf({ ...s, loss: 'hinge', lrD: 0.01, lrG: 0.02, batchSize: 8, dSteps: 5, gSteps: 2 })).toBe(restartKeyOf(s));
    for (const change of [{ dataset: 'fashion' }, { arch: 'dcgan' }, { latentDim: 8 }, { hidden: 8 }, { seed: 9 }, { backend: 'wasm' }] as const) {
      expect(restartKeyOf({ ...s, ...change })).not.toBe(restartKeyOf(s));
    }
  });
});

describe('afterSteps', () => {
  it('numbers each iteration by the optimizer steps so far and computes steps per second', () => {
    const st = { ...initialLabState, steps: 10 };
    const r: LabStepsResult = { steps: [step(1), step(2)], optimizerSteps: 6, ms: 300 };
    expect(afterSteps(st, r, 2, 1)).toEqual({
      steps: 16,
      history: [
        { step: 13, d: 1, g: 2, real: 0.6, fake: 0.4 },
        { step: 16, d: 2, g: 3, real: 0.6, fake: 0.4 },
      ],
      stepsPerSec: 20,
    });
  });

  it('keeps the last steps/s for a chunk that took no time, and at most MAX_HISTORY points', () => {
    const st = { ...initialLabState, stepsPerSec: 7, history: Array.from({ length: MAX_HISTORY }, (_, i) => ({ step: i, d: 0, g: 0, real: 0, fake: 0 })) };
    const next = afterSteps(st, { steps: [step(5)], optimizerSteps: 2, ms: 0 }, 1, 1);
    expect(next.stepsPerSec).toBe(7);
    expect(next.history).toHaveLength(MAX_HISTORY);
    expect(next.history.at(-1)).toMatchObject({ step: 2, d: 5 });
  });
});

describe('the loop', () => {
  it('sizes the next chunk to about a quarter second, between 1 and 200 iterations', () => {
    expect(nextIterations(100, 2)).toBe(5); // 50 ms an iteration
    expect(nextIterations(4000, 2)).toBe(1); // slow backend
    expect(nextIterations(2, 2)).toBe(200); // fast backend: capped
    expect(nextIterations(0, 2)).toBe(200); // too fast to time
  });

  it('runs the classifier every EVAL_EVERY optimizer steps on images, never on 2-D data', () => {
    expect(evaluationDue(0, EVAL_EVERY - 1, false)).toEqual({ evaluate: false, sinceLast: EVAL_EVERY - 1 });
    expect(evaluationDue(EVAL_EVERY - 1, 1, false)).toEqual({ evaluate: true, sinceLast: 0 });
    expect(evaluationDue(EVAL_EVERY - 1, 1, true)).toEqual({ evaluate: false, sinceLast: EVAL_EVERY });
  });

  it('appends metric points at the current step, keeping the last MAX_HISTORY', () => {
    expect(withPoint([{ step: 1, value: 3 }], 5, 2)).toEqual([{ step: 1, value: 3 }, { step: 5, value: 2 }]);
    expect(withPoint(Array.from({ length: MAX_HISTORY }, (_, i) => ({ step: i, value: i })), 999, 1)[0]).toEqual({ step: 1, value: 1 });
  });
});

describe('checkpointSteps', () => {
  it('reads the step count an imported checkpoint records, 0 where it has none', () => {
    const tensors = [{ group: 'G', shape: [2], data: new Float32Array([1, 2]) }];
    expect(checkpointSteps(encodeCheckpoint({ config: {}, meta: { steps: 1234 }, tensors }))).toBe(1234);
    expect(checkpointSteps(encodeCheckpoint({ config: {}, meta: {}, tensors }))).toBe(0);
  });
});
