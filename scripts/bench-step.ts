/**
 * The timing loop of the benchmark's Node runs and its headless-Chromium page: ml/bench.ts, which the
 * game's worker also uses to time a host's computer before a game. The benchmark times exactly the
 * model it names: a DCGAN trains on the CPU backend too, and a backend that would swap it for an MLP
 * is refused rather than timed.
 */
import type { ImageSet } from '../ml/format';
import { timeTraining } from '../ml/bench';
import type { GanConfig } from '../ml/trainer';

export interface StepTiming {
  backend: string;
  /** One D step and one G step. */
  msPerStep: number;
  stepsPerSec: number;
  tensorsBefore: number;
  tensorsAfter: number;
}

export async function timeSteps(config: GanConfig, images: ImageSet, warmup: number, steps: number): Promise<StepTiming> {
  const t = await timeTraining(config, images, { warmup, steps, allowSlowConv: true, refuseAdapted: true });
  return {
    backend: t.backend,
    msPerStep: Math.round(t.msPerStep * 10) / 10,
    stepsPerSec: Math.round((1000 / t.msPerStep) * 1000) / 1000,
    tensorsBefore: t.tensorsBefore,
    tensorsAfter: t.tensorsAfter,
  };
}
