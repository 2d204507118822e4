import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, isSoftwareRenderer, settle, type BackendName } from './backend';

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

describe('settle', () => {
  const ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
  /** A browser where `fails` do not initialise and `soft` run on SwiftShader; records what was initialised. */
  const browser = (o: { fails?: BackendName[]; soft?: BackendName[]; passOverSoftware?: boolean }) => {
    const inits: BackendName[] = [];
    return {
      inits,
      deps: {
        passOverSoftware: o.passOverSoftware ?? true,
        init: async (n: BackendName) => (inits.push(n), o.fails?.includes(n) ? 'no GPU adapter' : null),
        describe: async (n: BackendName) => (o.soft?.includes(n) ? { device: 'google swiftshader', software: true } : { software: false }),
      },
    };
  };

  it('takes the first backend that works on a real graphics card', async () => {
    const b = browser({});
    expect(await settle([...ORDER], b.deps)).toMatchObject({ name: 'webgpu', reason: 'webgpu was the first choice', software: false });
  });

  it('passes over software renderers for WebAssembly, and says why', async () => {
    const b = browser({ soft: ['webgpu', 'webgl'] });
    const c = await settle([...ORDER], b.deps);
    expect(c).toMatchObject({ name: 'wasm', software: false });
    expect(c.reason).toMatch(/WebGPU: a software renderer, slower than WebAssembly/);
    expect(c.reason).toMatch(/WebGL: a software renderer/);
  });

  it('keeps the software renderer where WebAssembly fails: it still beats plain JavaScript', async () => {
    const b = browser({ soft: ['webgpu', 'webgl'], fails: ['wasm'] });
    const c = await settle([...ORDER], b.deps);
    expect(c).toMatchObject({ name: 'webgl', software: true, device: 'google swiftshader' });
    expect(b.inits.at(-1)).toBe('webgl');
    expect(c.reason).toMatch(/WASM: no GPU adapter/);
  });

  it('uses a software renderer the page asked for', async () => {
    const b = browser({ soft: ['webgl'], passOverSoftware: false });
    expect(await settle(['webgl', 'cpu'], b.deps)).toMatchObject({ name: 'webgl', software: true });
    // Without WebAssembly in the order there is nothing faster to pass it over for.
    const c = browser({ soft: ['webgl'] });
    expect(await settle(['webgl', 'cpu'], c.deps)).toMatchObject({ name: 'webgl', software: true });
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
