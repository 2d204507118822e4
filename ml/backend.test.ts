import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from './backend';

describe('chooseBackend', () => {
  it('skips browser backends in Node with a reason, and lands on a working one', async () => {
    const c = await chooseBackend(['webgpu', 'webgl', 'cpu']);
    expect(c.name).toBe('cpu');
    expect(c.reason).toMatch(/WebGPU: not offered in Node/);
    expect(c.reason).toMatch(/WebGL: not offered in Node/);
    expect(tf.getBackend()).toBe('cpu');
    expect(c.canTrainConv).toBe(true);
    expect(c.convIsSlow).toBe(true);
  });

  it('initialises WASM with the project kernels, so it trains convolutions', async () => {
    const c = await chooseBackend(['wasm']);
    expect(c.name).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(c.canTrainConv).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    await tf.setBackend('cpu');
  });

  it('refuses an unknown backend name', async () => {
    await expect(chooseBackend(['tpu' as never])).rejects.toThrow(/unknown backend "tpu"/);
  });
});
