import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WeightAverage } from './ema';
import { decodeImageSet, type ImageSet } from './format';
import { GanTrainer } from './trainer';

let images: ImageSet;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const all = decodeImageSet(readFileSync(path.join(__dirname, '../public/data/digits.bin')));
  images = { ...all, count: 256, labels: all.labels.subarray(0, 256), pixels: all.pixels.subarray(0, 256 * 784) };
});

describe('WeightAverage', () => {
  it('keeps avg ← d·avg + (1 − d)·w, swaps in place and back, and leaks nothing', () => {
    const v = tf.variable(tf.tensor1d([0, 10]));
    const before = tf.memory().numTensors;
    const avg = new WeightAverage([v], 0.5);
    tf.tidy(() => v.assign(tf.tensor1d([4, 2])));
    avg.update(); // 0.5·[0,10] + 0.5·[4,2] = [2, 6]
    tf.tidy(() => v.assign(tf.tensor1d([6, 6])));
    avg.update(); // [4, 6]
    avg.swap();
    expect(Array.from(v.dataSync())).toEqual([4, 6]);
    avg.swap();
    expect(Array.from(v.dataSync())).toEqual([6, 6]);
    const got = avg.values();
    expect(Array.from(got[0].dataSync())).toEqual([4, 6]);
    tf.dispose(got);
    avg.dispose();
    expect(tf.memory().numTensors).toBe(before);
    v.dispose();
  });

  it('refuses a decay outside (0, 1) and values of the wrong shape', () => {
    const v = tf.variable(tf.zeros([2]));
    expect(() => new WeightAverage([v], 1)).toThrow(/decay must be in \(0, 1\)/);
    const avg = new WeightAverage([v], 0.9);
    const bad = tf.zeros([3]);
    expect(() => avg.setValues([bad])).toThrow(/shape \[3\], expected \[2\]/);
    tf.dispose([bad, v]);
    avg.dispose();
  });
});

describe('GanTrainer: averaged generator', () => {
  const tiny = { dataset: 'digits', arch: 'dcgan', hidden: 4, latentDim: 8, batchSize: 4 } as const;

  it('draws from the averaged weights inside withAveragedGenerator, restores the live ones after, and leaks nothing', async () => {
    const t = new GanTrainer(tiny, { images, allowSlowConv: true, seed: 5 });
    await t.step();
    t.averageGenerator(0.9);
    await t.step();
    await t.step();
    const warm = tf.memory().numTensors;
    const live = await t.weightsChecksum();
    const liveImages = await t.generate(4, 1);
    const [avgLiveBn, avgRecomputed] = [
      await t.withAveragedGenerator('live', async () => ({ sum: await t.weightsChecksum(), imgs: await t.generate(4, 1) })),
      await t.withAveragedGenerator('recompute', async () => ({ sum: await t.weightsChecksum(), imgs: await t.generate(4, 1) })),
    ];
    // The averaged weights differ from the live ones; recomputing batch norm changes the samples again.
    expect(avgLiveBn.sum).not.toBe(live);
    expect(Buffer.from(avgLiveBn.imgs[0]).equals(Buffer.from(liveImages[0]))).toBe(false);
    expect(Buffer.from(avgRecomputed.imgs[0]).equals(Buffer.from(avgLiveBn.imgs[0]))).toBe(false);
    // And everything is back afterwards, batch norm statistics included.
    expect(await t.weightsChecksum()).toBe(live);
    expect((await t.generate(4, 1)).map((i) => Buffer.from(i).toString('base64'))).toEqual(liveImages.map((i) => Buffer.from(i).toString('base64')));
    expect(tf.memory().numTensors).toBe(warm);
    t.dispose();
  });

  it('carries an average across sessions through a checkpoint saved inside withAveragedGenerator', async () => {
    const t = new GanTrainer(tiny, { images, allowSlowConv: true, seed: 6 });
    t.averageGenerator(0.5);
    await t.step();
    await t.step();
    const saved = await t.withAveragedGenerator('live', () => t.save({ weightsOnly: true }));
    const want = await t.withAveragedGenerator('live', () => t.weightsChecksum());
    const u = await GanTrainer.fromCheckpoint(await t.save(), { images, allowSlowConv: true, seed: 6 });
    expect(() => u.loadAverage(saved)).toThrow(/call averageGenerator first/);
    u.averageGenerator(0.5);
    u.loadAverage(saved);
    expect(await u.withAveragedGenerator('live', () => u.weightsChecksum())).toBe(want);
    t.dispose();
    u.dispose();
  });
});
