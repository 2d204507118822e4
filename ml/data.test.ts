import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { ImagePool, modeStats, sampleToy, toSigned, toUint8, toyBatch, toyMixture } from './data';
import { Rng } from './random';
import type { ImageSet } from './format';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function set(count: number): ImageSet {
  const pixels = new Uint8Array(count * 16);
  for (let i = 0; i < count; i++) pixels.fill(i * 10, i * 16, (i + 1) * 16);
  return { count, rows: 4, cols: 4, classes: 10, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), pixels };
}

describe('pixel scaling', () => {
  it('maps 0..255 onto [-1, 1] and back exactly', () => {
    const px = Uint8Array.from({ length: 256 }, (_, i) => i);
    const s = toSigned(px);
    expect(s[0]).toBe(-1);
    expect(s[255]).toBe(1);
    expect(toUint8(s)).toEqual(px);
  });

  it('clamps out-of-range values', () => {
    expect(Array.from(toUint8([-3, 0, 7]))).toEqual([0, 128, 255]);
  });
});

describe('ImagePool', () => {
  it('samples seeded batches of matching images and labels in [-1, 1]', () => {
    const pool = new ImagePool(set(20));
    const before = tf.memory().numTensors;
    const a = pool.sample(6, new Rng(3));
    const b = pool.sample(6, new Rng(3));
    expect(a.x.shape).toEqual([6, 4, 4, 1]);
    expect(a.x.arraySync()).toEqual(b.x.arraySync());
    const x = a.x.dataSync(), l = a.labels.dataSync();
    for (let i = 0; i < 6; i++) {
      // Image k is filled with 10k and labelled k % 10, so each pixel tells us its label.
      const k = Math.round(((x[i * 16] + 1) * 127.5) / 10);
      expect(l[i]).toBe(k % 10);
    }
    tf.dispose([a.x, a.labels, b.x, b.labels]);
    expect(tf.memory().numTensors).toBe(before);
    pool.dispose();
  });

  it('refuses an inconsistent image set', () => {
    expect(() => new ImagePool({ ...set(2), count: 3 })).toThrow(/pixel bytes/);
  });
});

describe('toy mixtures', () => {
  it('puts 8 modes on a ring of radius 2 and 25 on a 5×5 grid', () => {
    const ring = toyMixture('ring');
    expect(ring.centres).toHaveLength(8);
    for (const [x, y] of ring.centres) expect(Math.hypot(x, y)).toBeCloseTo(2, 10);
    const grid = toyMixture('grid');
    expect(grid.centres).toHaveLength(25);
    expect(new Set(grid.centres.map(([x]) => x))).toEqual(new Set([-4, -2, 0, 2, 4]));
    expect(() => toyMixture('spiral' as never)).toThrow(/expected ring or grid/);
  });

  it('samples close to the modes and covers them all', () => {
    const ring = toyMixture('ring');
    const s = modeStats(ring, sampleToy(ring, 2000, new Rng(1)));
    expect(s.meanDist).toBeLessThan(0.05);
    expect(s.modesHit).toBe(8);
  });

  it('flags a collapsed sample: one mode hit', () => {
    const grid = toyMixture('grid');
    const collapsed = new Float32Array(200).fill(2);
    expect(modeStats(grid, collapsed)).toEqual({ meanDist: 0, modesHit: 1 });
  });

  it('makes [n, 2] batches without leaking', () => {
    const before = tf.memory().numTensors;
    const b = toyBatch(toyMixture('grid'), 5, new Rng(2));
    expect(b.x.shape).toEqual([5, 2]);
    tf.dispose([b.x, b.labels]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
