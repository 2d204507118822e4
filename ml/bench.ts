/**
 * Timing real training steps: the loop shared by the benchmark scripts (scripts/bench-step.ts, in Node
 * and in headless Chromium) and the game's training worker, which times the campaign's models before a
 * game so the host can say how long a round takes here (game/setup.ts). A throwaway GanTrainer on the
 * active backend: warm up (the first steps compile shaders and create Adam's moments), then time D and
 * G steps, and count tensors before and after, which must match (no leak). The trainer is disposed
 * whatever happens, so the worker's own generator and memory are left as they were.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from './format';
import { TIMING_STOPPED, type GanConfig, type TrainingTiming } from './gan-config';
import { GanTrainer } from './trainer';

export interface TimingOptions {
  /** D+G pairs run before timing. */
  warmup: number;
  /** D+G pairs timed at least. */
  steps: number;
  /** Keep timing pairs until this many milliseconds have passed (up to maxSteps): steadier figures on a fast GPU. */
  minMs?: number;
  maxSteps?: number;
  /** Train a DCGAN on the plain CPU backend anyway (the benchmarks; the game does not). */
  allowSlowConv?: boolean;
  /** Refuse to time a model the backend changed (the benchmarks); the game times what it would really train. */
  refuseAdapted?: boolean;
  /** Asked before every step (after a turn of the event loop, so a stop message can arrive): true ends the timing with an error. */
  shouldStop?: () => boolean;
}


export type Timing = TrainingTiming;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export async function timeTraining(config: Partial<GanConfig> & { dataset: GanConfig['dataset'] }, images: ImageSet | undefined, o: TimingOptions): Promise<Timing> {
  const t = new GanTrainer(config, { images, seed: 1, allowSlowConv: o.allowSlowConv });
  try {
    if (o.refuseAdapted && t.notes.length) throw new Error(`the trainer changed the model: ${t.notes.join('; ')}`);
    const check = async () => {
      if (!o.shouldStop) return;
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (o.shouldStop()) throw new Error(TIMING_STOPPED);
    };
    for (let i = 0; i < o.warmup; i++) {
      await check();
      await t.stepD();
      await check();
      await t.stepG();
    }
    const tensorsBefore = tf.memory().numTensors;
    let d = 0;
    let g = 0;
    let n = 0;
    const max = Math.max(o.steps, o.maxSteps ?? o.steps);
    while (n < o.steps || (n < max && d + g < (o.minMs ?? 0))) {
      await check();
      const t0 = now();
      await t.stepD();
      d += now() - t0;
      await check();
      const t1 = now();
      await t.stepG();
      g += now() - t1;
      n++;
    }
    const round = (ms: number) => Math.round(ms * 100) / 100;
    return {
      backend: t.backend,
      arch: t.config.arch,
      notes: t.notes,
      msD: round(d / n),
      msG: round(g / n),
      msPerStep: round((d + g) / n),
      steps: n,
      tensorsBefore,
      tensorsAfter: tf.memory().numTensors,
    };
  } finally {
    t.dispose();
  }
}
