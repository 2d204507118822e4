import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildGan, checkSpec, run, type ModelSpec } from './models';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const base: ModelSpec = { arch: 'mlp', output: 'image', conditional: false, latentDim: 8, hidden: 4, rows: 28, cols: 28, classes: 10 };

describe('buildGan', () => {
  const variants: [string, ModelSpec][] = [
    ['mlp', base],
    ['mlp conditional', { ...base, conditional: true }],
    ['dcgan', { ...base, arch: 'dcgan' }],
    ['dcgan conditional', { ...base, arch: 'dcgan', conditional: true }],
  ];
  for (const [name, spec] of variants) {
    it(`${name}: G maps latents to 28×28 images in [-1, 1], D returns a logit and features; no leaks`, () => {
      const { generator, discriminator } = buildGan(spec);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const z = tf.randomNormal([3, 8]);
        const label = tf.oneHot(tf.tensor1d([1, 2, 3], 'int32'), 10).toFloat();
        const [img] = run(generator, spec.conditional ? [z, label] : [z], true);
        expect(img.shape).toEqual([3, 28, 28, 1]);
        const v = img.dataSync();
        expect(Math.max(...v)).toBeLessThanOrEqual(1);
        expect(Math.min(...v)).toBeGreaterThanOrEqual(-1);
        const [logit, features] = run(discriminator, spec.conditional ? [img, label] : [img], true);
        expect(logit.shape).toEqual([3, 1]);
        expect(features.shape[0]).toBe(3);
      });
      expect(tf.memory().numTensors).toBe(before);
      // Every image generator normalises its hidden layers (an MLP without it draws speckle).
      const kinds = generator.layers.map((l) => l.getClassName());
      expect(kinds).toEqual(expect.arrayContaining(['BatchNormalization', 'LeakyReLU']));
      if (spec.arch === 'dcgan') expect(kinds).toContain('Conv2DTranspose');
      if (spec.arch === 'mlp') expect(kinds.filter((k) => k === 'BatchNormalization')).toHaveLength(3);
      generator.dispose();
      discriminator.dispose();
    });
  }

  it('the conditional generator really uses the label', () => {
    const { generator, discriminator } = buildGan({ ...base, conditional: true });
    const diff = tf.tidy(() => {
      const z = tf.randomNormal([1, 8], 0, 1, 'float32', 1);
      const a = run(generator, [z, tf.oneHot(tf.tensor1d([1], 'int32'), 10).toFloat()], false)[0];
      const b = run(generator, [z, tf.oneHot(tf.tensor1d([7], 'int32'), 10).toFloat()], false)[0];
      return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
    });
    expect(diff).toBeGreaterThan(1e-4);
    generator.dispose();
    discriminator.dispose();
  });

  it('builds the 2-D toy variant: points out, no tanh squashing', () => {
    const { generator, discriminator } = buildGan({ ...base, output: 'toy', hidden: 8 });
    // The Lab's toy MLP stays as it was: two dense layers, no batch norm.
    expect(generator.layers.map((l) => l.getClassName())).not.toContain('BatchNormalization');
    tf.tidy(() => {
      const [p] = run(generator, [tf.randomNormal([5, 8])], false);
      expect(p.shape).toEqual([5, 2]);
      const [logit] = run(discriminator, [p], false);
      expect(logit.shape).toEqual([5, 1]);
    });
    generator.dispose();
    discriminator.dispose();
  });
});

describe('checkSpec', () => {
  const bad: [Partial<ModelSpec>, RegExp][] = [
    [{ latentDim: 0 }, /latentDim must be an integer in 1..1024, got 0/],
    [{ latentDim: 2.5 }, /latentDim must be an integer/],
    [{ hidden: -1 }, /hidden must be an integer in 1..4096/],
    [{ arch: 'resnet' as never }, /arch must be one of mlp, dcgan, got "resnet"/],
    [{ conditional: true, classes: 1 }, /classes must be an integer in 2..256/],
    [{ arch: 'dcgan', rows: 30 }, /multiples of 4, got 30×28/],
    [{ output: 'toy', arch: 'dcgan' }, /toy data sets need arch "mlp"/],
    [{ output: 'toy', conditional: true }, /conditional must be false/],
  ];
  for (const [patch, msg] of bad) {
    it(`refuses ${JSON.stringify(patch)}`, () => {
      expect(() => checkSpec({ ...base, ...patch })).toThrow(msg);
    });
  }
});
