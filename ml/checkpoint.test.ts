import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkpointSteps, crc32, decodeCheckpoint, encodeCheckpoint, withGroupFrom, type Checkpoint } from './checkpoint';
import { decodeImageSet, type ImageSet } from './format';
import { GanTrainer } from './trainer';

let images: ImageSet;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const all = decodeImageSet(readFileSync(path.join(__dirname, '../public/data/digits.bin')));
  images = { ...all, count: 256, labels: all.labels.subarray(0, 256), pixels: all.pixels.subarray(0, 256 * 784) };
});

const sample = (): Checkpoint => ({
  config: { dataset: 'digits', hidden: 3 },
  meta: { steps: 4 },
  tensors: [
    { group: 'G', shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 1e-30, -0, Math.PI]) },
    { group: 'optG', shape: [], data: Float32Array.from([7]) },
  ],
});

describe('checkpoint format', () => {
  it('uses the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips bit-exactly', () => {
    const c = sample();
    const back = decodeCheckpoint(encodeCheckpoint(c));
    expect(back.config).toEqual(c.config);
    expect(back.meta).toEqual(c.meta);
    expect(back.tensors.map((t) => [t.group, t.shape])).toEqual([['G', [2, 3]], ['optG', []]]);
    expect(new Uint8Array(back.tensors[0].data.buffer, back.tensors[0].data.byteOffset, 24)).toEqual(new Uint8Array(c.tensors[0].data.buffer));
    expect(Object.is(back.tensors[0].data[4], -0)).toBe(true);
  });

  it('refuses a bad magic, a flipped bit, a truncated file, trailing bytes and a future version', () => {
    const bytes = encodeCheckpoint(sample());
    const bad = (f: (b: Uint8Array) => Uint8Array) => () => decodeCheckpoint(f(bytes.slice()));
    expect(bad((b) => ((b[0] = 0x58), b))).toThrow(/not a GAN Arena checkpoint \(magic "XANC"/);
    expect(bad((b) => ((b[b.length - 3] ^= 1), b))).toThrow(/corrupt: its CRC-32 does not match/);
    expect(bad((b) => ((b[25] ^= 0x40), b))).toThrow(/corrupt/); // inside the JSON header
    expect(bad((b) => b.subarray(0, b.length - 1))).toThrow(/truncated: \d+ bytes, its header promises/);
    expect(bad((b) => b.subarray(0, 10))).toThrow(/truncated/);
    expect(bad((b) => Uint8Array.from([...b, 0]))).toThrow(/1 unexpected trailing bytes/);
    expect(bad((b) => ((b[4] = 9), b))).toThrow(/unsupported checkpoint version 9/);
  });

  it("reads a checkpoint's step count from its header, and 0 from anything that does not say", () => {
    expect(checkpointSteps(encodeCheckpoint(sample()))).toBe(4);
    expect(checkpointSteps(encodeCheckpoint({ ...sample(), meta: {} }))).toBe(0);
    expect(checkpointSteps(encodeCheckpoint({ ...sample(), meta: { steps: 'many' } }))).toBe(0);
    expect(checkpointSteps(new TextEncoder().encode('{"steps": 9}'))).toBe(0);
    expect(checkpointSteps(encodeCheckpoint(sample()).subarray(0, 24))).toBe(0);
    // The committed trajectory point at 2,500 D+G pairs has taken 5,000 optimizer steps.
    expect(checkpointSteps(readFileSync(path.join(__dirname, '../public/checkpoints/trajectory/digits/step-2500.ganc')))).toBe(5000);
  });

  it('refuses to encode a tensor whose data does not fit its shape', () => {
    expect(() => encodeCheckpoint({ ...sample(), tensors: [{ group: 'G', shape: [2, 2], data: new Float32Array(3) }] })).toThrow(/has 3 values, its shape \[2,2\] needs 4/);
  });
});

describe('withGroupFrom', () => {
  it("takes one group from the donor and keeps everything else, and refuses a donor whose group does not fit", () => {
    const mine = encodeCheckpoint({ ...sample(), tensors: [...sample().tensors, { group: 'D', shape: [2], data: Float32Array.from([1, 2]) }] });
    const donor = encodeCheckpoint({ config: { hidden: 9 }, meta: { steps: 99 }, tensors: [{ group: 'G', shape: [1], data: Float32Array.from([5]) }, { group: 'D', shape: [2], data: Float32Array.from([0.5, -4]), dtype: 'float16' }] });
    const out = decodeCheckpoint(withGroupFrom(mine, donor, 'D'));
    expect(out.config).toEqual(sample().config);
    expect(out.meta).toEqual(sample().meta);
    expect(out.tensors.map((t) => t.group)).toEqual(['G', 'optG', 'D']);
    expect(Array.from(out.tensors[0].data)).toEqual(Array.from(sample().tensors[0].data));
    expect(Array.from(out.tensors[2].data)).toEqual([0.5, -4]);
    expect(out.tensors[2].dtype).toBe('float16');
    expect(() => withGroupFrom(mine, donor, 'G')).toThrow(/donor's G does not fit/);
    expect(() => withGroupFrom(mine, donor, 'optD')).toThrow(/does not fit/);
  });
});

describe('GanTrainer checkpoints', () => {
  const config = { dataset: 'digits', hidden: 8, latentDim: 8, batchSize: 8 } as const;

  it('restore weights, Adam moments and RNG exactly: both trainers then take identical steps', async () => {
    const a = new GanTrainer(config, { images, seed: 1 });
    for (let i = 0; i < 3; i++) await a.step();
    const bytes = await a.save();
    const b = new GanTrainer(config, { images, seed: 777 });
    expect(await b.weightsChecksum()).not.toBe(await a.weightsChecksum());
    await b.load(bytes);
    expect(await b.weightsChecksum()).toBe(await a.weightsChecksum());
    expect(b.steps).toBe(a.steps);
    await a.trainRound([], { dSteps: 2, gSteps: 2 });
    await b.trainRound([], { dSteps: 2, gSteps: 2 });
    // Identical bytes after training means identical weights, moments, iteration counts and RNG.
    expect(await b.save()).toEqual(await a.save());
    a.dispose();
    b.dispose();
  });

  it('loading does not leak: the old optimizer state is freed', async () => {
    const t = new GanTrainer(config, { images, seed: 1 });
    await t.step();
    const bytes = await t.save();
    await t.load(bytes);
    const n = tf.memory().numTensors;
    await t.load(bytes);
    await t.load(bytes);
    expect(tf.memory().numTensors).toBe(n);
    t.dispose();
  });

  it('fromCheckpoint rebuilds the model from the saved config', async () => {
    const a = new GanTrainer({ ...config, conditional: true }, { images, seed: 5 });
    await a.step();
    const b = await GanTrainer.fromCheckpoint(await a.save(), { images });
    expect(b.config.conditional).toBe(true);
    expect(await b.generate(3, 4)).toEqual(await a.generate(3, 4));
    a.dispose();
    b.dispose();
  });

  it('refuses a checkpoint for a different model, a reshaped tensor, and a corrupt file', async () => {
    const small = new GanTrainer(config, { images });
    const big = new GanTrainer({ ...config, hidden: 16 }, { images });
    const bytes = await small.save();
    await expect(big.load(bytes)).rejects.toThrow(/checkpoint does not fit this model: its hidden is 8, this trainer's is 16/);
    const cp = decodeCheckpoint(bytes);
    const k = cp.tensors.findIndex((t) => t.shape.length === 2 && t.shape[0] !== t.shape[1]);
    cp.tensors[k] = { ...cp.tensors[k], shape: [cp.tensors[k].shape[1], cp.tensors[k].shape[0]] };
    await expect(small.load(encodeCheckpoint(cp))).rejects.toThrow(/G tensor \d+ has shape \[\d+,\d+\], expected/);
    const dropped = decodeCheckpoint(bytes);
    dropped.tensors = dropped.tensors.filter((t) => t.group !== 'D');
    await expect(small.load(encodeCheckpoint(dropped))).rejects.toThrow(/D has 0 tensors, expected \d+/);
    const corrupt = bytes.slice();
    corrupt[corrupt.length - 100] ^= 0xff;
    await expect(small.load(corrupt)).rejects.toThrow(/corrupt/);
    // A refused load leaves the trainer working.
    await small.step();
    small.dispose();
    big.dispose();
  });
});
