import { describe, expect, it } from 'vitest';
import { TrainingReportSchema } from '@/game/protocol';
import type { MachineEvaluation, RoundReport } from '@/ml/trainer-client';
import { toTrainingReport } from './report';

const round: RoundReport = {
  dSteps: 10, gSteps: 5, dLoss: 0.69, gLoss: 0.8, humanLoss: 0.2, humanImages: 3, dReal: 0.9, dFake: 0.1, stepsPerSec: 30, ms: 500, backend: 'webgl',
};
const metrics: MachineEvaluation = {
  histogram: [5, 5, 0, 0, 0, 0, 0, 0, 0, 0], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], coverage: 0.2, entropy: 0.3,
  fid: 80, samples: 10, collapsed: true, notImages: false, collapseReason: 'x'.repeat(500),
};

describe('toTrainingReport', () => {
  it("carries the round's steps and losses, the backend and the checksums either side", () => {
    const r = toTrainingReport(round, 'webgl', 11, 12);
    expect(r).toEqual({
      dSteps: 10, gSteps: 5, dLoss: 0.69, gLoss: 0.8, humanLoss: 0.2, dReal: 0.9, dFake: 0.1, stepsPerSec: 30, ms: 500, backend: 'webgl',
      checksumBefore: 11, checksumAfter: 12,
    });
    expect(TrainingReportSchema.safeParse(r).success).toBe(true);
  });

  it("carries the generator's gradient norm when the round measured one", () => {
    const r = toTrainingReport({ ...round, gradientNorm: 1.75 }, 'webgl', 1, 2);
    expect(r.gradientNorm).toBe(1.75);
    expect(TrainingReportSchema.safeParse(r).success).toBe(true);
    expect(TrainingReportSchema.parse(r).gradientNorm).toBe(1.75);
    // No G step, or a step that blew up: no field rather than a report the server refuses.
    expect(toTrainingReport({ ...round, gradientNorm: Number.NaN }, 'webgl', 1, 2)).not.toHaveProperty('gradientNorm');
    expect(toTrainingReport({ ...round, gradientNorm: Infinity }, 'webgl', 1, 2)).not.toHaveProperty('gradientNorm');
    expect(TrainingReportSchema.safeParse({ ...r, gradientNorm: -1 }).success).toBe(false);
  });

  it('carries raw critic scores as measured, never clamped into [0, 1]', () => {
    const r = toTrainingReport({ ...round, dReal: 3.5, dFake: -2 }, 'cpu', 0, 0);
    expect([r.dReal, r.dFake]).toEqual([3.5, -2]);
    expect(TrainingReportSchema.safeParse(r).success).toBe(true);
    expect(TrainingReportSchema.safeParse({ ...r, dReal: Number.NaN }).success).toBe(false);
  });

  it("adds the classifier's measures when there are some, within the wire's limits", () => {
    const r = toTrainingReport(round, 'webgpu', 1, 2, metrics);
    expect(r).toMatchObject({ fid: 80, histogram: { counts: metrics.histogram, classNames: metrics.classNames }, coverage: 0.2, entropy: 0.3, collapsed: true });
    expect(r.collapseReason).toHaveLength(400);
    expect(TrainingReportSchema.safeParse(r).success).toBe(true);
    expect(toTrainingReport(round, 'webgpu', 1, 2, null)).not.toHaveProperty('fid');
  });

  it('carries the data-only steps the round ran while it was judged, and nothing when there were none', () => {
    const r = toTrainingReport(round, 'webgpu', 1, 2, null, { dSteps: 300, gSteps: 299, dLoss: 0.7, gLoss: 0.9, ms: 29_500.25 });
    expect(r.judging).toEqual({ dSteps: 300, gSteps: 299, ms: 29_500.25 });
    expect(TrainingReportSchema.safeParse(r).success).toBe(true);
    expect(toTrainingReport(round, 'webgpu', 1, 2, null, null)).not.toHaveProperty('judging');
  });
});
