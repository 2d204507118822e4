/**
 * The timing loop shared by the benchmark's Node runs and its headless-Chromium page: warm up
 * (the first step compiles shaders and creates Adam's moments), then time `steps` D+G steps and
 * count tensors before and after, which must match (no leak).
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../ml/format';
import { GanTrainer, type GanConfig } from '../ml/trainer';

export interface StepTiming {
  backend: string;
  msPerStep: number;
  stepsPerSec: number;
  tensorsBefore: number;
  tensorsAfter: number;
}

export async function timeSteps(config: GanConfig, images: ImageSet, warmup: number, steps: number): Promise<StepTiming> {
  const t = new GanTrainer(config, { images, seed: 1, allowSlowConv: true });
  try {
    // A benchmark of the wrong model is worse than none: refuse the MLP fallback.
    if (t.notes.length) throw new Error(`the trainer changed the model: ${t.notes.join('; ')}`);
    for (let i = 0; i < warmup; i++) await t.step();
    const tensorsBefore = tf.memory().numTensors;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) await t.step();
    const ms = (performance.now() - t0) / steps;
    return { backend: t.backend, msPerStep: Math.round(ms * 10) / 10, stepsPerSec: Math.round((1000 / ms) * 1000) / 1000, tensorsBefore, tensorsAfter: tf.memory().numTensors };
  } finally {
    t.dispose();
  }
}
