import { describe, expect, it } from 'vitest';
import { adaptConfig, defaultConfig, resolveConfig, tinyConfig } from './gan-config';

describe('config', () => {
  it('fills defaults per dataset and arch', () => {
    expect(resolveConfig({ dataset: 'digits' })).toEqual(defaultConfig('digits'));
    expect(resolveConfig({ dataset: 'fashion', arch: 'dcgan' }).hidden).toBe(32);
    expect(resolveConfig({ dataset: 'fashion', arch: 'dcgan', hidden: 8 }).hidden).toBe(8);
    expect(resolveConfig({ dataset: 'ring', hidden: undefined }).lrD).toBe(1e-3);
    expect(tinyConfig('digits')).toMatchObject({ hidden: 32, batchSize: 16, arch: 'mlp' });
  });

  it('names the field and what was expected', () => {
    expect(() => resolveConfig({ dataset: 'digits', beta1: 1 })).toThrow('config.beta1 must be a number in [0, 1), got 1');
    expect(() => resolveConfig({ dataset: 'digits', batchSize: 0 })).toThrow('config.batchSize must be an integer in 1..4096, got 0');
    expect(() => resolveConfig({ dataset: 'cifar' as never })).toThrow(/dataset must be one of digits, fashion, ring, grid/);
    expect(() => resolveConfig({ dataset: 'grid', conditional: true })).toThrow(/conditional must be false/);
  });
});

describe('adaptConfig', () => {
  const dcgan = resolveConfig({ dataset: 'digits', arch: 'dcgan' });
  it('keeps a DCGAN where convolutions train at speed', () => {
    expect(adaptConfig(dcgan, { name: 'webgpu', canTrainConv: true, convIsSlow: false })).toEqual({ config: dcgan, notes: [] });
  });
  it('falls back to an MLP on WASM, always, saying why', () => {
    const r = adaptConfig(dcgan, { name: 'wasm', canTrainConv: false, convIsSlow: false }, true);
    expect(r.config).toMatchObject({ arch: 'mlp', hidden: 128 });
    expect(r.notes[0]).toMatch(/wasm backend cannot train convolutions \(no Conv2DBackpropFilter kernel\)/);
  });
  it('falls back on CPU unless slow convolutions are allowed', () => {
    const cpu = { name: 'cpu', canTrainConv: true, convIsSlow: true } as const;
    expect(adaptConfig(dcgan, cpu).config.arch).toBe('mlp');
    expect(adaptConfig(dcgan, cpu, true).config.arch).toBe('dcgan');
  });
});
