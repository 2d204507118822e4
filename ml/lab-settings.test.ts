import { describe, expect, it } from 'vitest';
import { defaultLabSettings, labConfig, labSearch, needsRestart, parseLabSettings, settingsFromConfig, surfaceToUnit } from './lab-settings';
import { resolveConfig } from './gan-config';

describe('Lab settings in the URL', () => {
  it('round-trips every setting', () => {
    const s = { ...defaultLabSettings('digits'), arch: 'dcgan' as const, loss: 'wgan-gp' as const, lrD: 3e-4, lrG: 1e-4, dSteps: 5, gSteps: 1, latentDim: 16, hidden: 24, batchSize: 32, seed: 9, backend: 'wasm' as const };
    const back = parseLabSettings(new URLSearchParams(labSearch(s)));
    expect(back.ignored).toEqual([]);
    expect(back.settings).toEqual(s);
  });

  it('fills the dataset defaults and the ring when nothing is given', () => {
    expect(parseLabSettings(new URLSearchParams('')).settings).toEqual(defaultLabSettings('ring'));
    expect(labSearch(defaultLabSettings('grid'))).toBe('data=grid&arch=mlp&loss=nonsaturating&lrD=0.001&lrG=0.001&d=1&g=1&z=8&h=128&batch=128&seed=1');
  });

  it('ignores what it cannot use and says why', () => {
    const r = parseLabSettings(new URLSearchParams('data=ring&arch=dcgan&loss=magic&lrD=2&d=0&g=0&z=x&backend=tpu'));
    expect(r.settings.arch).toBe('mlp');
    expect(r.settings.loss).toBe('nonsaturating');
    expect(r.settings.lrD).toBe(1e-3);
    expect(r.settings.dSteps + r.settings.gSteps).toBe(2);
    expect(r.settings.backend).toBeNull();
    expect(r.ignored.join('\n')).toMatch(/arch=dcgan.*MLP/);
    expect(r.ignored.join('\n')).toMatch(/loss=magic/);
    expect(r.ignored.join('\n')).toMatch(/lrD=2/);
    expect(r.ignored.join('\n')).toMatch(/z=x/);
    expect(r.ignored.join('\n')).toMatch(/backend=tpu/);
  });

  it('makes configs the trainer accepts, and knows which changes need a new trainer', () => {
    for (const ds of ['digits', 'fashion', 'ring', 'grid'] as const) expect(() => resolveConfig(labConfig(defaultLabSettings(ds)))).not.toThrow();
    const a = defaultLabSettings('ring');
    expect(needsRestart(a, { ...a, lrD: 0.01, dSteps: 3, loss: 'hinge' })).toBe(false);
    expect(needsRestart(a, { ...a, latentDim: 2 })).toBe(true);
    expect(needsRestart(a, { ...a, dataset: 'grid' })).toBe(true);
    const c = resolveConfig({ dataset: 'digits', latentDim: 12 });
    expect(settingsFromConfig(c, a)).toMatchObject({ dataset: 'digits', latentDim: 12, dSteps: 1 });
  });

  it('maps a surface to [0, 1]', () => {
    expect(Array.from(surfaceToUnit('nonsaturating', Float32Array.from([0])))).toEqual([0.5]);
    expect(Array.from(surfaceToUnit('wgan-gp', Float32Array.from([-2, 0, 2])))).toEqual([0, 0.5, 1]);
  });
});
