import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN, LEVELS } from './levels';
import { LEVEL_CARDS } from './lessons/levels';
import { BackendSchema, DatasetSchema, KnobsSchema, LevelIdSchema, LossSchema } from './protocol';
import {
  ARCH, ARCHS, BACKEND, BACKENDS, DATASET, DATASETS, DEFAULT_LOSS, GAN_DATASETS, KNOB_MENU, LEVEL_IDS, LOSS, LOSSES, LOSS_MENU, TOY_DATASETS,
  isToy, lossInfo, sameShape, shapeMismatch, type ModelShape,
} from './vocabulary';

describe('the vocabulary', () => {
  it('gives every id words to show', () => {
    for (const t of [LOSS, BACKEND, DATASET, ARCH] as const) for (const [id, info] of Object.entries(t)) expect(info.label.trim(), id).not.toBe('');
    for (const q of KNOB_MENU) for (const c of q.choices) expect(c.text.trim(), `${q.key}=${c.v}`).not.toBe('');
  });

  it('is what the wire accepts, in the same order', () => {
    expect(LossSchema.options).toEqual(LOSSES);
    expect(BackendSchema.options).toEqual(BACKENDS);
    expect(DatasetSchema.options).toEqual(DATASETS);
    expect(LevelIdSchema.options).toEqual([...LEVEL_IDS]);
    // The menus offer every choice the wire accepts (losses with the default first).
    for (const q of KNOB_MENU) expect([...KnobsSchema.shape[q.key].options].sort(), q.key).toEqual(q.choices.map((c) => c.v).sort());
  });

  it('keeps the order the screens have always shown', () => {
    expect(LOSSES).toEqual(['minimax', 'nonsaturating', 'lsgan', 'hinge', 'wgan-gp']);
    expect(LOSS_MENU).toEqual(['nonsaturating', 'minimax', 'lsgan', 'hinge', 'wgan-gp']);
    expect(LOSS_MENU[0]).toBe(DEFAULT_LOSS);
    expect(BACKENDS).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(ARCHS).toEqual(['mlp', 'dcgan']);
    expect(GAN_DATASETS).toEqual(['digits', 'fashion', 'ring', 'grid']);
    expect(DATASETS).toEqual(['digits', 'fashion']);
    expect(TOY_DATASETS).toEqual(['ring', 'grid']);
    expect(TOY_DATASETS.every(isToy) && !DATASETS.some(isToy)).toBe(true);
  });

  it('says which losses make D output a probability, and which make it a critic', () => {
    expect(LOSSES.filter((l) => LOSS[l].probability)).toEqual(['minimax', 'nonsaturating']);
    expect(LOSSES.filter((l) => LOSS[l].critic)).toEqual(['wgan-gp']);
    expect(lossInfo('hinge')).toBe(LOSS.hinge);
    expect(lossInfo('toString')).toBeUndefined();
    expect(lossInfo(undefined)).toBeUndefined();
  });

  it('names every level once, with one spelling on the wire, in the campaign and in the lessons', () => {
    expect(Object.keys(LEVELS)).toEqual([...LEVEL_IDS]);
    expect(DEFAULT_CAMPAIGN).toEqual([...LEVEL_IDS]);
    for (const id of LEVEL_IDS) expect(LEVELS[id].id).toBe(id);
    expect(Object.keys(LEVEL_CARDS)).toEqual([...LEVEL_IDS, 'finale']);
  });
});

describe('model shapes', () => {
  const mlp: ModelShape = { dataset: 'digits', arch: 'mlp', conditional: false, latentDim: 32, hidden: 64 };
  it('says the first field on which two shapes differ', () => {
    expect(sameShape(mlp, { ...mlp })).toBe(true);
    expect(shapeMismatch(mlp, { ...mlp, hidden: 16 })).toBe('hidden');
    expect(shapeMismatch(mlp, { ...mlp, arch: 'dcgan', hidden: 16 })).toBe('arch');
    expect(sameShape(mlp, { ...mlp, conditional: true })).toBe(false);
    expect(sameShape(mlp, { ...mlp, dataset: 'ring' })).toBe(false);
  });
});
