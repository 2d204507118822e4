/**
 * The trainer's RoundReport (ml/) as the game's TrainingReport (game/protocol.ts): what the classroom
 * host sends the server and what solo play keeps. One place, so both say the same thing.
 */
import type { Backend, TrainingReport } from '@/game/protocol';
import type { MachineEvaluation, RoundReport } from '@/ml/trainer-client';

export function toTrainingReport(
  r: RoundReport,
  backend: Backend,
  checksumBefore: number,
  checksumAfter: number,
  metrics?: MachineEvaluation | null,
): TrainingReport {
  return {
    dSteps: r.dSteps,
    gSteps: r.gSteps,
    dLoss: r.dLoss,
    gLoss: r.gLoss,
    humanLoss: r.humanLoss,
    // Raw critic scores (WGAN, hinge) are not probabilities; the report carries D(x) in [0, 1].
    dReal: Math.min(1, Math.max(0, r.dReal)),
    dFake: Math.min(1, Math.max(0, r.dFake)),
    stepsPerSec: r.stepsPerSec,
    ms: r.ms,
    backend,
    checksumBefore,
    checksumAfter,
    // A huge or non-finite norm (an exploding step) would fail the wire's schema and lose the whole report.
    ...(r.gradientNorm !== undefined && Number.isFinite(r.gradientNorm) && r.gradientNorm >= 0 && { gradientNorm: r.gradientNorm }),
    ...(metrics && {
      fid: metrics.fid,
      histogram: { counts: metrics.histogram, classNames: metrics.classNames },
      coverage: metrics.coverage,
      entropy: metrics.entropy,
      collapsed: metrics.collapsed,
      collapseReason: metrics.collapseReason.slice(0, 400),
    }),
  };
}
