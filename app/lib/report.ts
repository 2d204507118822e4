/**
 * The trainer's RoundReport (ml/) as the game's TrainingReport (game/protocol.ts): what the classroom
 * host sends the server and what solo play keeps. One place, so both say the same thing.
 */
import type { Backend, TrainingReport } from '@/game/protocol';
import type { DataReport, MachineEvaluation, RoundReport } from '@/ml/trainer-client';

export function toTrainingReport(
  r: RoundReport,
  backend: Backend,
  checksumBefore: number,
  checksumAfter: number,
  metrics?: MachineEvaluation | null,
  /** The data-only steps the round ran while it was judged, if any. */
  judging?: DataReport | null,
): TrainingReport {
  return {
    dSteps: r.dSteps,
    gSteps: r.gSteps,
    dLoss: r.dLoss,
    gLoss: r.gLoss,
    humanLoss: r.humanLoss,
    // As the trainer measured them: a probability for the BCE losses, the raw score for least
    // squares, hinge and WGAN-GP (a critic's scale is its own; clamping it into [0, 1] would lie).
    dReal: r.dReal,
    dFake: r.dFake,
    stepsPerSec: r.stepsPerSec,
    ms: r.ms,
    backend,
    checksumBefore,
    checksumAfter,
    // A huge or non-finite norm (an exploding step) would fail the wire's schema and lose the whole report.
    ...(r.gradientNorm !== undefined && Number.isFinite(r.gradientNorm) && r.gradientNorm >= 0 && { gradientNorm: r.gradientNorm }),
    ...(judging && { judging: { dSteps: judging.dSteps, gSteps: judging.gSteps, ms: judging.ms } }),
    ...(metrics && {
      fid: metrics.fid,
      histogram: { counts: metrics.histogram, classNames: metrics.classNames },
      coverage: metrics.coverage,
      entropy: metrics.entropy,
      collapsed: metrics.collapsed,
      notImages: metrics.notImages,
      collapseReason: metrics.collapseReason.slice(0, 400),
    }),
  };
}
