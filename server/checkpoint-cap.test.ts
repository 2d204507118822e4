/**
 * The checkpoint cap fits the real models: what a room's host uploads after a training (the whole
 * training state, G and D with both Adam optimizers, as app/host/trainer.ts saves it) for every
 * level's model, and for the largest model ml/gan-config.ts configures (the Lab's default,
 * conditional). Measured with the real trainer on tfjs's CPU backend, after one step so the
 * optimizers hold their moments. Fails if a model grows past the cap.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEVELS } from '../game/levels';
import { decodeImageSet, type ImageSet } from '../ml/format';
import { defaultConfig } from '../ml/gan-config';
import { GanTrainer, type GanConfig } from '../ml/trainer';
import { MAX_CHECKPOINT_BYTES } from './checkpoints';

let images: ImageSet;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const all = decodeImageSet(readFileSync(path.join(__dirname, '../public/data/digits.bin')));
  images = { ...all, count: 64, labels: all.labels.subarray(0, 64), pixels: all.pixels.subarray(0, 64 * 784) };
});

async function uploadSize(config: Partial<GanConfig> & { dataset: GanConfig['dataset'] }): Promise<number> {
  const t = new GanTrainer({ ...config, batchSize: 4 }, { images, allowSlowConv: true, seed: 1 });
  try {
    await t.trainRound([], { dSteps: 1, gSteps: 1 });
    return (await t.save()).length;
  } finally {
    t.dispose();
  }
}

describe('the checkpoint cap', () => {
  it('holds every level model’s full training state and the largest configured model, with room to spare', async () => {
    const models = new Map<string, Partial<GanConfig> & { dataset: GanConfig['dataset'] }>();
    // Levels sharing a model shape share a size; each shape is measured once (images drawn from digits).
    for (const level of Object.values(LEVELS)) models.set(JSON.stringify(level.model), { ...level.model, dataset: 'digits' });
    models.set('defaultConfig(digits), conditional', { ...defaultConfig('digits'), conditional: true });
    const sizes: Record<string, number> = {};
    for (const [name, config] of models) sizes[name] = await uploadSize(config);
    console.log(`checkpoint sizes (bytes), cap ${MAX_CHECKPOINT_BYTES}:`, sizes);
    const largest = Math.max(...Object.values(sizes));
    expect(largest).toBeGreaterThan(1_000_000); // measured something real
    expect(largest * 1.5).toBeLessThanOrEqual(MAX_CHECKPOINT_BYTES);
  }, 120_000);
});
