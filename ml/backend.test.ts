import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, isSoftwareRenderer } from './backend';

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

describe('isSoftwareRenderer', () => {
  it('recognises the software renderers browsers report, and not real graphics cards', () => {
    // Chrome's WebGL renderer string and WebGPU adapter info on SwiftShader; Mesa; Windows without a driver.
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('google swiftshader')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('nvidia ampere')).toBe(false);
    expect(isSoftwareRenderer('Apple M1')).toBe(false);
  });
});
