/** The committed level checkpoints: present, small, the shape the levels declare, and they draw. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeCheckpoint } from '../ml/checkpoint';
import { datasetPath, decodeImageSet, type DatasetName, type ImageSet } from '../ml/format';
import { SHAPE_FIELDS } from '../ml/gan-config';
import { GanTrainer } from '../ml/trainer';
import { LEVELS } from '../game/levels';
import { CHECKPOINT_DIR, CHECKPOINT_SPECS, checkpointFile, checkpointModel } from './checkpoint-specs';

const root = path.resolve(__dirname, '..');
const dir = path.join(root, CHECKPOINT_DIR);
const images = {} as Record<DatasetName, ImageSet>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const d of ['digits', 'fashion'] as const) {
    const all = decodeImageSet(readFileSync(path.join(root, 'public', datasetPath(d))));
    images[d] = { ...all, count: 64, labels: all.labels.subarray(0, 64), pixels: all.pixels.subarray(0, 64 * 784) };
  }
});

describe('committed level checkpoints', () => {
  it('cover every checkpoint a level names, with the model shape the level declares', () => {
    for (const level of Object.values(LEVELS)) {
      if (!level.checkpoint) continue;
      const model = checkpointModel(level.checkpoint);
      expect(model, `level ${level.id} names checkpoint ${level.checkpoint}`).toBeDefined();
      expect(existsSync(path.join(dir, checkpointFile(level.checkpoint))), `${level.checkpoint} is committed`).toBe(true);
      for (const k of SHAPE_FIELDS) expect(model![k], `${level.id}: ${k}`).toEqual(level.model[k]);
    }
  });

  it('each trajectory point a level names loads into that level’s model and draws distinct images', async () => {
    for (const level of Object.values(LEVELS)) {
      if (!level.checkpoint?.startsWith('trajectory/')) continue;
      const bytes = new Uint8Array(readFileSync(path.join(dir, checkpointFile(level.checkpoint))));
      const t = new GanTrainer({ ...level.model }, { images: images[level.model.dataset], seed: 1, allowSlowConv: true });
      await t.load(bytes);
      const imgs = await t.generate(8, 3);
      expect(new Set(imgs.map((i) => Buffer.from(i).toString('base64'))).size).toBe(8);
      t.dispose();
    }
  });

  it('are all present and small (≤ 1 MB each for a level to fetch, ≤ 2 MB otherwise, ≤ 6 MB together)', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ganc'));
    expect(files.sort()).toEqual(CHECKPOINT_SPECS.map((s) => checkpointFile(s.name)).sort());
    // A level's checkpoint is fetched by the host's browser; the others (digits-mlp, which only
    // scripts/lesson-examples.ts reads, 128/256/512 wide for clean samples) are read in Node.
    const fetched = new Set(Object.values(LEVELS).map((l) => l.checkpoint && checkpointFile(l.checkpoint)));
    const sizes = files.map((f) => statSync(path.join(dir, f)).size);
    files.forEach((f, i) => expect(sizes[i], f).toBeLessThanOrEqual((fetched.has(f) ? 1 : 2) * 1024 * 1024));
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6 * 1024 * 1024);
  });

  for (const spec of CHECKPOINT_SPECS) {
    it(`${spec.name} loads into a GanTrainer of its declared shape and draws distinct images`, async () => {
      const bytes = new Uint8Array(readFileSync(path.join(dir, checkpointFile(spec.name))));
      const cp = decodeCheckpoint(bytes);
      // Weights only, at half precision: the small committed form.
      expect(new Set(cp.tensors.map((t) => t.group))).toEqual(new Set(['G', 'D']));
      expect(cp.tensors.every((t) => t.dtype === 'float16')).toBe(true);
      const before = tf.memory().numTensors;
      // allowSlowConv: the CPU backend would otherwise swap the DCGAN for an MLP; drawing is cheap.
      const t = new GanTrainer({ ...spec.model }, { images: images[spec.model.dataset], seed: 1, allowSlowConv: true });
      expect(t.config.arch).toBe(spec.model.arch);
      await t.load(bytes);
      const imgs = await t.generate(8, 3, spec.model.conditional ? [0, 1, 2, 3, 4, 5, 6, 7] : undefined);
      expect(imgs).toHaveLength(8);
      expect(imgs.every((i) => i.length === 784)).toBe(true);
      // A trained generator draws something: not a flat image, and not 8 copies of one.
      for (const img of imgs) expect(Math.max(...img) - Math.min(...img)).toBeGreaterThan(100);
      expect(new Set(imgs.map((i) => Buffer.from(i).toString('base64'))).size).toBe(8);
      t.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
