import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeCapabilities } from './backend';
import { decodeImageSet, type ImageSet } from './format';
import { GanTrainer } from './trainer';
import { registerWasmTrainingKernels } from './wasm-kernels';

/** The same computation on the CPU backend (the reference) and on WASM with the added kernels. */
async function onBoth(f: () => tf.Tensor): Promise<[Float32Array, Float32Array, number]> {
  await tf.setBackend('cpu');
  const ref = tf.tidy(f);
  const a = (await ref.data()) as Float32Array;
  ref.dispose();
  await tf.setBackend('wasm');
  f().dispose(); // warm-up: tensors moved to WASM, kernels set up
  const before = tf.memory().numTensors;
  const got = tf.tidy(f);
  const b = (await got.data()) as Float32Array;
  got.dispose();
  return [a, b, tf.memory().numTensors - before];
}

function maxRelDiff(a: Float32Array, b: Float32Array): number {
  expect(b.length).toBe(a.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / (1 + Math.abs(a[i])));
  return m;
}

const det = (shape: number[], k = 1) => tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * k)), shape);

let images: ImageSet;
beforeAll(async () => {
  // Before the backend starts, as the scripts do; the kernels must work after its set-up too.
  registerWasmTrainingKernels();
  const all = decodeImageSet(readFileSync(path.join(__dirname, '../public/data/digits.bin')));
  images = { ...all, count: 128, labels: all.labels.subarray(0, 128), pixels: all.pixels.subarray(0, 128 * 784) };
});

// [stride, pad, batch, side, inChannels, outChannels, kernel]: strides 1-3, 'same' and 'valid', odd
// sizes, and channel counts on both sides of the fast path's threshold (8).
const CASES = [
  [1, 'valid', 2, 5, 2, 3, 3],
  [2, 'same', 2, 7, 2, 3, 5],
  [2, 'valid', 2, 9, 8, 4, 3],
  [2, 'same', 2, 14, 16, 8, 5],
  [1, 'same', 2, 6, 8, 4, 3],
  [3, 'same', 2, 8, 9, 2, 3],
] as const;

describe('WASM training kernels match the CPU backend', () => {
  for (const [s, pad, n, h, c, o, k] of CASES) {
    it(`conv ${h}×${h}×${c} → ${o}, ${k}×${k}, stride ${s}, ${pad}: filter and input gradients, transposed conv`, async () => {
      const x = () => det([n, h, h, c]) as tf.Tensor4D;
      const w = () => det([k, k, c, o], 1.3) as tf.Tensor4D;
      const dyFor = (y: tf.Tensor) => det(y.shape, 0.7);
      const dW = await onBoth(() => {
        const xx = x();
        return tf.grad((f: tf.Tensor) => { const y = tf.conv2d(xx, f as tf.Tensor4D, s, pad); return y.mul(dyFor(y)).sum(); })(w());
      });
      const dX = await onBoth(() => {
        const f = w();
        return tf.grad((xx: tf.Tensor) => { const y = tf.conv2d(xx as tf.Tensor4D, f, s, pad); return y.mul(dyFor(y)).sum(); })(x());
      });
      const convT = await onBoth(() => {
        const y = tf.conv2d(x(), w(), s, pad);
        return tf.conv2dTranspose(dyFor(y) as tf.Tensor4D, w(), [n, h, h, c], s, pad);
      });
      for (const [a, b, leaked] of [dW, dX, convT]) {
        expect(maxRelDiff(a, b)).toBeLessThan(1e-5);
        expect(leaked).toBe(0);
      }
    });
  }

  it('matMul with either operand transposed, batched or not', async () => {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const a = () => det(ta ? [3, 7, 5] : [3, 5, 7]);
      const b = () => det(tb ? [3, 4, 7] : [3, 7, 4], 0.3);
      const [r, g, leaked] = await onBoth(() => tf.matMul(a(), b(), ta, tb));
      expect(maxRelDiff(r, g)).toBeLessThan(1e-6);
      expect(leaked).toBe(0);
      const [r2, g2] = await onBoth(() => tf.matMul(det(ta ? [9, 6] : [6, 9]), det(tb ? [2, 9] : [9, 2], 0.5), ta, tb));
      expect(maxRelDiff(r2, g2)).toBeLessThan(1e-6);
    }
  });
});

describe('a DCGAN on WASM', () => {
  it('trains with the added kernels, without leaking tensors', async () => {
    await tf.setBackend('wasm');
    expect(describeCapabilities('wasm').canTrainConv).toBe(true);
    const t = new GanTrainer({ dataset: 'digits', arch: 'dcgan', hidden: 4, latentDim: 8, batchSize: 8 }, { images, seed: 2 });
    expect(t.notes).toEqual([]);
    expect(t.config.arch).toBe('dcgan');
    await t.step();
    const n = tf.memory().numTensors;
    const sum = await t.weightsChecksum();
    const s = await t.step();
    expect(Number.isFinite(s.dLoss) && Number.isFinite(s.gLoss)).toBe(true);
    expect(await t.weightsChecksum()).not.toBe(sum);
    expect(tf.memory().numTensors).toBe(n);
    t.dispose();
  });
});
