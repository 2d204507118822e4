import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImageSet } from './format';
import { GanTrainer } from './trainer';
import { labSteps, realImages, toySnapshot } from './worker-lab';
import { createWorkerHandler } from './worker';
import { TrainerClient, tinyConfig, type WorkerLike } from './trainer-client';
import type { WorkerRequest } from './gan-config';

const digitsBytes = readFileSync(path.join(__dirname, '../public/data/digits.bin'));
const digits = decodeImageSet(new Uint8Array(digitsBytes));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Lab steps on a GanTrainer', () => {
  it('step D moves only D, step G moves only G, and neither leaks tensors', async () => {
    const t = new GanTrainer({ ...tinyConfig('digits'), hidden: 8, batchSize: 8 }, { images: digits, seed: 2 });
    await labSteps(t, 1, 1, 1); // Adam creates its moments on the first step
    const g0 = await t.weightsChecksum();
    const before = tf.memory().numTensors;
    const d = await labSteps(t, 1, 0, 2);
    expect(d.steps).toHaveLength(2);
    expect(d.optimizerSteps).toBe(2);
    expect(d.steps[0].dLoss).toEqual(expect.any(Number));
    expect(d.steps[0].dReal).toEqual(expect.any(Number));
    expect(await t.weightsChecksum()).toBe(g0); // G untouched by D steps
    const g = await labSteps(t, 0, 1, 1);
    expect(g.steps[0]).toMatchObject({ dLoss: null, dReal: null, gLoss: expect.any(Number) });
    expect(await t.weightsChecksum()).not.toBe(g0);
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });

  it('refuses empty iterations and out-of-range counts', async () => {
    const t = new GanTrainer({ dataset: 'ring', hidden: 8, batchSize: 8 }, { seed: 1 });
    await expect(labSteps(t, 0, 0, 1)).rejects.toThrow(/at least one/);
    await expect(labSteps(t, 1, 1, 0)).rejects.toThrow(/iterations must be an integer in 1\.\./);
    t.dispose();
  });

  it('scores images with D, one raw value each; conditional D needs labels', async () => {
    const t = new GanTrainer({ ...tinyConfig('digits'), hidden: 8 }, { images: digits, seed: 3 });
    const { images, labels } = realImages(t, digits, 5, 9);
    expect(images).toHaveLength(5);
    expect(labels.every((l) => l >= 0 && l < 10)).toBe(true);
    expect(realImages(t, digits, 5, 9).labels).toEqual(labels); // seeded
    const before = tf.memory().numTensors;
    const s = await t.scoreImages(images);
    expect(s).toHaveLength(5);
    expect([...s].every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
    const c = new GanTrainer({ ...tinyConfig('digits'), hidden: 8, conditional: true }, { images: digits, seed: 3 });
    await expect(c.scoreImages(images)).rejects.toThrow(/needs one label per image/);
    expect(await c.scoreImages(images, labels)).toHaveLength(5);
    c.dispose();
  });
});

describe('2-D snapshots', () => {
  it('reports points, a decision surface over the frame, and coverage that rises with training', async () => {
    const t = new GanTrainer({ dataset: 'ring', hidden: 64, batchSize: 64, latentDim: 4, lrD: 2e-3, lrG: 2e-3 }, { seed: 4 });
    const s0 = await toySnapshot(t, 512, 16, 7);
    expect(s0.fake).toHaveLength(1024);
    expect(s0.real).toHaveLength(1024);
    expect(s0.surface).toHaveLength(256);
    expect(s0.extent).toBeCloseTo(3.5);
    expect(s0.modes).toBe(8);
    expect(s0.centres[0]).toEqual([2, 0]);
    await labSteps(t, 1, 1, 1); // Adam's moments
    const before = tf.memory().numTensors;
    await labSteps(t, 1, 1, 400);
    const s1 = await toySnapshot(t, 512, 16, 7);
    expect(tf.memory().numTensors).toBe(before);
    expect(s1.highQuality).toBeGreaterThan(s0.highQuality);
    expect(s1.covered).toBeGreaterThanOrEqual(s0.covered);
    t.dispose();
  });

  it('refuses a snapshot of an image GAN', async () => {
    const t = new GanTrainer({ ...tinyConfig('digits'), hidden: 8 }, { images: digits });
    await expect(toySnapshot(t, 10, 4, 1)).rejects.toThrow(/needs ring or grid/);
    expect(() => t.realPoints(3, 1)).toThrow(/images, not points/);
    t.dispose();
  });
});

/** The real handler in this process, as in worker.test.ts. */
function fakeWorker(): WorkerLike {
  const listeners: ((e: MessageEvent) => void)[] = [];
  const handle = createWorkerHandler((msg) => {
    const copy = structuredClone(msg);
    setTimeout(() => listeners.forEach((l) => l({ data: copy } as MessageEvent)), 0);
  }, { fetchBytes: async () => new Uint8Array(digitsBytes) });
  return {
    postMessage: (msg: unknown) => void handle(structuredClone(msg) as WorkerRequest),
    addEventListener: (type: string, fn: (e: never) => void) => {
      if (type === 'message') listeners.push(fn as (e: MessageEvent) => void);
    },
    terminate: () => undefined,
  };
}

describe('TrainerClient Lab calls over the worker handler', () => {
  it('trains a toy GAN and snapshots it, with no dataset fetched', async () => {
    const client = await TrainerClient.start({ config: { dataset: 'grid', hidden: 16, batchSize: 16 }, prefer: ['cpu'] }, undefined, fakeWorker());
    const r = await client.steps(2, 1, 3);
    expect(r.optimizerSteps).toBe(9);
    const s = await client.toySnapshot(100, 8, 1);
    expect(s.modes).toBe(25);
    expect(s.surface).toHaveLength(64);
    client.dispose();
  });

  it('draws reals, scores them and interpolates on digits', async () => {
    const client = await TrainerClient.start({ config: { ...tinyConfig('digits'), hidden: 8 }, prefer: ['cpu'] }, undefined, fakeWorker());
    const reals = await client.reals(4, 1);
    expect(reals.images).toHaveLength(4);
    expect(await client.scoreImages(reals.images)).toHaveLength(4);
    const line = await client.interpolate(1, 2, 5);
    expect(line).toHaveLength(5);
    expect(line[0]).toHaveLength(784);
    client.dispose();
  });
});
