import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeCheckpoint, encodeCheckpoint, fromFloat16Bits, toFloat16Bits } from './checkpoint';
import { decodeImageSet, type ImageSet } from './format';
import { GanTrainer } from './trainer';

let images: ImageSet;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const all = decodeImageSet(readFileSync(path.join(__dirname, '../public/data/digits.bin')));
  images = { ...all, count: 256, labels: all.labels.subarray(0, 256), pixels: all.pixels.subarray(0, 256 * 784) };
});

const half = (v: number) => fromFloat16Bits(toFloat16Bits(v));

describe('float16 conversion', () => {
  it('matches IEEE half on known values', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(toFloat16Bits(2 ** -26)).toBe(0); // below half of it: zero
    expect(toFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // a tie rounds to even
    expect(toFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(toFloat16Bits(Infinity)).toBe(0x7c00);
    expect(Number.isNaN(half(NaN))).toBe(true);
    expect(Object.is(half(-0), -0)).toBe(true);
  });

  it('keeps every value within half a unit in the last place (relative 2^-11)', () => {
    for (let i = 0; i < 2000; i++) {
      const v = (Math.random() - 0.5) * 10 ** (Math.random() * 6 - 3);
      expect(Math.abs(half(v) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25);
    }
  });
});

describe('float16 checkpoints', () => {
  it('round-trip within float16 precision, at about half the size, as version 2', () => {
    const data = Float32Array.from({ length: 101 }, (_, i) => Math.sin(i) * 3);
    const c = { config: { dataset: 'digits' }, meta: {}, tensors: [{ group: 'G', shape: [101], data, dtype: 'float16' as const }, { group: 'D', shape: [2], data: Float32Array.from([1.5, Math.PI]) }] };
    const bytes = encodeCheckpoint(c);
    expect(new DataView(bytes.buffer).getUint16(4, true)).toBe(2);
    const back = decodeCheckpoint(bytes);
    expect(back.tensors[0].dtype).toBe('float16');
    for (let i = 0; i < data.length; i++) expect(Math.abs(back.tensors[0].data[i] - data[i])).toBeLessThanOrEqual(Math.abs(data[i]) * 2 ** -11);
    // The float32 tensor after an odd-length float16 one is still exact (the body stays aligned).
    expect(back.tensors[1].data[1]).toBe(Math.fround(Math.PI));
    const full = encodeCheckpoint({ ...c, tensors: c.tensors.map(({ dtype: _, ...t }) => t) });
    expect(new DataView(full.buffer).getUint16(4, true)).toBe(1); // all-float32 files keep the old version
    const body = (b: Uint8Array) => new DataView(b.buffer).getUint32(12, true);
    expect(body(full) - body(bytes)).toBe(101 * 4 - 51 * 4); // 101 halves, padded to 51 words
  });

  it('refuse values beyond float16 range, and a corrupt or truncated file', () => {
    const big = { config: {}, meta: {}, tensors: [{ group: 'G', shape: [1], data: Float32Array.from([1e6]), dtype: 'float16' as const }] };
    expect(() => encodeCheckpoint(big)).toThrow(/beyond float16's range/);
    const ok = encodeCheckpoint({ ...big, tensors: [{ ...big.tensors[0], shape: [3], data: Float32Array.from([1, 2, 3]) }] });
    const flipped = ok.slice();
    flipped[flipped.length - 2] ^= 0x10;
    expect(() => decodeCheckpoint(flipped)).toThrow(/corrupt: its CRC-32 does not match/);
    expect(() => decodeCheckpoint(ok.subarray(0, ok.length - 4))).toThrow(/truncated/);
  });

  const config = { dataset: 'digits', hidden: 8, latentDim: 8, batchSize: 8 } as const;

  it('a weights-only float16 save loads into a fresh trainer that draws the same digits and trains without leaking', async () => {
    const a = new GanTrainer(config, { images, seed: 3 });
    for (let i = 0; i < 3; i++) await a.step();
    const fullBytes = await a.save();
    const bytes = await a.save({ weightsOnly: true, float16: true });
    expect(decodeCheckpoint(bytes).tensors.map((t) => t.group)).not.toContain('optG');
    expect(bytes.length).toBeLessThan(fullBytes.length / 5); // no Adam moments (2× weights), half-width weights
    const b = await GanTrainer.fromCheckpoint(bytes, { images, seed: 9 });
    // Weights agree to float16 precision; pixels (8-bit, from tanh) to within a level or two.
    const cpA = decodeCheckpoint(fullBytes).tensors.filter((t) => t.group === 'G');
    const cpB = decodeCheckpoint(await b.save()).tensors.filter((t) => t.group === 'G');
    cpA.forEach((t, i) => t.data.forEach((v, j) => expect(Math.abs(cpB[i].data[j] - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 1e-7)));
    const [ia, ib] = [await a.generate(4, 11), await b.generate(4, 11)];
    ia.forEach((img, i) => img.forEach((p, j) => expect(Math.abs(p - ib[i][j])).toBeLessThanOrEqual(3)));
    // Fresh Adam: the first step creates the moments, after that the tensor count is flat.
    await b.step();
    const n = tf.memory().numTensors;
    await b.trainRound([], { dSteps: 2, gSteps: 2 });
    await b.step();
    expect(tf.memory().numTensors).toBe(n);
    // Loading it again (over live optimizers) frees the old state.
    await b.load(bytes);
    await b.step();
    expect(tf.memory().numTensors).toBe(n);
    a.dispose();
    b.dispose();
  });

  it('a corrupt or mismatched weights-only checkpoint is refused and the trainer keeps working', async () => {
    const t = new GanTrainer(config, { images });
    const bytes = await t.save({ weightsOnly: true, float16: true });
    const corrupt = bytes.slice();
    corrupt[corrupt.length - 50] ^= 0xff;
    await expect(t.load(corrupt)).rejects.toThrow(/corrupt/);
    const other = new GanTrainer({ ...config, latentDim: 16 }, { images });
    await expect(other.load(bytes)).rejects.toThrow(/its latentDim is 8, this trainer's is 16/);
    // Only one optimizer group is not "weights only": that is a damaged file.
    const cp = decodeCheckpoint(await t.save());
    cp.tensors = cp.tensors.filter((x) => x.group !== 'optD');
    await expect(t.load(encodeCheckpoint(cp))).rejects.toThrow(/optD has 0 tensors/);
    await t.step();
    t.dispose();
    other.dispose();
  });
});
