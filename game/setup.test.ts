import { describe, expect, it } from 'vitest';
import { LEVELS } from './levels';
import { DEFAULT_SETTINGS, type LevelSpec } from './protocol';
import {
  PRESETS, PRESET_IDS, SLOW_ROUND_SECONDS, WAIT_FLOOR_MS, benchPlan, costKey, estimate, expectedTrainingMs, presetBatchSizes, presetOf,
  fewestSteps, presetSettings, proposePreset, roundBudget, tooSlow, waitLimitMs, waitState, type Costs,
} from './setup';

// Levels of known budgets and shapes (the campaign's own may change): two fully-connected levels of
// 80 and 120 steps a round, a convolutional one of 60, its conditional twin and a fashion one.
const MLP = { dataset: 'digits', arch: 'mlp', conditional: false, latentDim: 32, hidden: 64 } as const;
const CONV = { dataset: 'digits', arch: 'dcgan', conditional: false, latentDim: 32, hidden: 16 } as const;
const level = (id: LevelSpec['id'], model: LevelSpec['model'], dSteps: number, gSteps: number): LevelSpec => ({ ...LEVELS[id], name: `level ${id}`, model, dSteps, gSteps });
const noise = level('noise', MLP, 40, 40);
const strokes = level('strokes', MLP, 60, 60);
const dcgan = level('dcgan', CONV, 30, 30);
const conditional = level('conditional', { ...MLP, conditional: true }, 40, 40);
const fashion = level('fashion', { ...CONV, dataset: 'fashion' }, 40, 40);

/** Costs as a computer would measure them: an MLP step and a DCGAN step at each batch size, in ms. */
function costs(mlp: Record<number, number>, conv: Record<number, number>): Costs {
  const out: Record<string, { msD: number; msG: number }> = {};
  for (const [b, ms] of Object.entries(mlp)) {
    out[costKey(noise.model, Number(b))] = { msD: ms, msG: ms };
    out[costKey(conditional.model, Number(b))] = { msD: ms, msG: ms };
  }
  for (const [b, ms] of Object.entries(conv)) out[costKey(dcgan.model, Number(b))] = { msD: ms * 1.5, msG: ms * 0.5 };
  return out;
}

describe('presets', () => {
  it('are points on the room settings, and the settings say which preset a room is at', () => {
    for (const id of PRESET_IDS) expect(presetOf({ ...DEFAULT_SETTINGS, ...presetSettings(id) })).toBe(id);
    expect(presetOf(DEFAULT_SETTINGS)).toBe('full');
    // A room saved before rooms had a batch size trains on the usual 64.
    expect(presetOf({ stepScale: 0.25 })).toBe('quick');
    expect(presetOf({ stepScale: 0.5, batchSize: 64 })).toBeNull();
    expect(presetOf({ stepScale: 0.1, batchSize: 64 })).toBeNull();
  });

  it('go from the most training to the least', () => {
    const work = PRESET_IDS.map((id) => PRESETS[id].stepScale * PRESETS[id].batchSize);
    expect([...work].sort((a, b) => b - a)).toEqual(work);
  });
});

describe('what to time', () => {
  it('times each model shape once per batch size, the dataset aside (every game dataset is 28×28)', () => {
    const plan = benchPlan([noise, strokes, dcgan, fashion, conditional], [64, 16]);
    expect(plan.map((p) => p.key)).toEqual([
      costKey(noise.model, 64), costKey(dcgan.model, 64), costKey(conditional.model, 64),
      costKey(noise.model, 16), costKey(dcgan.model, 16), costKey(conditional.model, 16),
    ]);
    expect(new Set(plan.map((p) => p.key)).size).toBe(6);
    expect(costKey(dcgan.model, 64)).toBe(costKey(fashion.model, 64));
    expect(costKey(noise.model, 64)).not.toBe(costKey(conditional.model, 64));
  });

  it("asks for the room's own batch first, then the presets' others", () => {
    expect(presetBatchSizes(16)).toEqual([16, 64]);
    expect(presetBatchSizes(64)).toEqual([64, 16]);
    expect(presetBatchSizes(32)).toEqual([32, 64, 16]);
  });
});

describe('the estimate', () => {
  const settings = { ...DEFAULT_SETTINGS };

  it("is each level's round by the trainer's rule: its seconds, filled with as many steps as fit", () => {
    const c = costs({ 64: 10 }, { 64: 40 });
    const e = estimate([noise, dcgan], settings, c);
    expect(e.levels.map((l) => l.steps)).toEqual([80, 60]);
    // noise: 80 planned steps get 6 s; at 10 ms a step a graphics card fills them with 600 steps.
    expect(e.levels[0]).toMatchObject({ runs: 600 });
    expect(e.levels[0].trainSeconds).toBeCloseTo(6);
    // dcgan: 60 planned get 4.5 s; 40 ms a step in its 1:1 ratio (60 ms D, 20 ms G) → 113 steps: 57 D + 56 G.
    expect(e.levels[1]).toMatchObject({ runs: 113 });
    expect(e.levels[1].trainSeconds).toBeCloseTo((57 * 60 + 56 * 20) / 1000);
    expect(e.slowestRoundSeconds).toBeCloseTo(6);
    // A level: 3 rounds of 30 s judging + 8 s reveal + training.
    expect(e.levels[0].levelMinutes).toBeCloseTo((3 * (38 + 6)) / 60);
    expect(e.totalMinutes).toBeCloseTo((3 * (38 + 6) + 3 * (38 + 4.54)) / 60);
    expect(fewestSteps(e)).toBeNull();
  });

  it('follows the step scale and the batch size the room is set to', () => {
    const c = costs({ 64: 10, 16: 4 }, { 64: 40, 16: 12 });
    const quick = estimate([noise], { ...settings, ...PRESETS.quick }, c);
    const planned = roundBudget(noise, 0.25).dSteps + roundBudget(noise, 0.25).gSteps;
    expect(quick.levels[0].steps).toBe(planned);
    expect(quick.levels[0].trainSeconds).toBeCloseTo(planned * 0.075);
    const tiny = estimate([noise], { ...settings, ...PRESETS.tiny }, c);
    // 8 planned steps get 0.6 s, at 4 ms a step on batches of 16.
    expect(tiny.levels[0]).toMatchObject({ steps: 8, runs: 150 });
    expect(tiny.levels[0].trainSeconds).toBeCloseTo(0.6);
  });

  it('on a slow processor: the planned steps where they fit in twice the seconds, else fewer, never a longer wait', () => {
    // 0.15 s a step: 80 steps in 12 s, all of them.
    const laptop = estimate([noise], settings, costs({ 64: 150 }, {}));
    expect(laptop.levels[0]).toMatchObject({ steps: 80, runs: 80 });
    expect(laptop.levels[0].trainSeconds).toBeCloseTo(12);
    expect(fewestSteps(laptop)).toBeNull();
    // 0.3 s a step: 40 of the 80 in 12 s, half of them: not worth a word yet.
    const half = estimate([noise, strokes], settings, costs({ 64: 300 }, {}));
    expect(half.levels.map((l) => [l.runs, l.trainSeconds])).toEqual([[40, 12], [60, 18]]);
    expect(fewestSteps(half)).toBeNull();
    // 0.4 s a step: 30 of 80 (strokes: 45 of 120, the same share; the first is named).
    const slow = estimate([noise, strokes], settings, costs({ 64: 400 }, {}));
    expect(slow.levels.map((l) => l.runs)).toEqual([30, 45]);
    expect(fewestSteps(slow)).toMatchObject({ id: 'noise', runs: 30, steps: 80 });
    // 20 s a step (plain JavaScript): one D and one G step, 40 s.
    const crawl = estimate([noise], settings, costs({ 64: 20_000 }, {}));
    expect(crawl.levels[0]).toMatchObject({ runs: 2, trainSeconds: 40 });
    expect(fewestSteps(crawl)).toMatchObject({ runs: 2, steps: 80 });
  });

  it('counts the coaching time when teams are on', () => {
    const c = costs({ 64: 10 }, {});
    const solo = estimate([noise], settings, c).levels[0].levelMinutes!;
    const teams = estimate([noise], { ...settings, teams: true }, c).levels[0].levelMinutes!;
    expect(teams - solo).toBeCloseTo((3 * DEFAULT_SETTINGS.coachSeconds) / 60);
  });

  it('says nothing about a level whose model is not timed yet', () => {
    const e = estimate([noise, dcgan], settings, costs({ 64: 10 }, {}));
    expect(e.levels[1]).toMatchObject({ trainSeconds: null, levelMinutes: null });
    expect(e.slowestRoundSeconds).toBeNull();
    expect(e.totalMinutes).toBeNull();
    expect(tooSlow(e)).toBe(false);
  });
});

describe('the proposal', () => {
  const settings = { ...DEFAULT_SETTINGS };
  const campaign = [noise, strokes, dcgan];

  it('keeps the full budget on a graphics card', () => {
    const p = proposePreset(campaign, settings, costs({ 64: 8, 16: 7 }, { 64: 20, 16: 15 }));
    expect(p).toMatchObject({ preset: 'full', fits: true });
  });

  it('keeps Full on a slow processor: a round stops at twice its seconds, so the wait stays short', () => {
    // 1 s a step: strokes' 120 planned steps get 9 s; 18 of them run in 18 s.
    const c = costs({ 64: 1000, 16: 300 }, { 64: 1000, 16: 300 });
    expect(tooSlow(estimate(campaign, settings, c))).toBe(false);
    expect(proposePreset(campaign, settings, c)).toMatchObject({ preset: 'full', fits: true, roundSeconds: 18 });
  });

  it('proposes the tiny preset where one D and one G step on the usual batch outlast a class\'s patience', () => {
    // 40 s a step at batch 64 (plain JavaScript): the one D + one G step a round always runs take 80 s,
    // at Full and Quick alike; on batches of 16 (8 s a step), 16 s.
    const c = costs({ 64: 40_000, 16: 8000 }, { 64: 40_000, 16: 8000 });
    expect(tooSlow(estimate(campaign, settings, c))).toBe(true);
    const p = proposePreset(campaign, settings, c)!;
    expect(p).toMatchObject({ preset: 'tiny', fits: true });
    expect(p.roundSeconds).toBeCloseTo(16);
    expect(p.roundSeconds).toBeLessThanOrEqual(SLOW_ROUND_SECONDS);
  });

  it('still names the lightest preset when nothing fits, and says it does not', () => {
    const c = costs({ 64: 60_000, 16: 40_000 }, { 64: 60_000, 16: 40_000 });
    expect(proposePreset(campaign, settings, c)).toMatchObject({ preset: 'tiny', fits: false });
  });

  it('waits until the models it has to compare are timed', () => {
    // Nothing timed at 64 for the DCGAN: no proposal yet.
    expect(proposePreset(campaign, settings, costs({ 64: 10 }, {}))).toBeNull();
    // Full fits: the smaller batch's timings are not needed.
    expect(proposePreset(campaign, settings, costs({ 64: 10 }, { 64: 10 }))).toMatchObject({ preset: 'full' });
    // Full and Quick are too slow, and batch 16 is not timed yet.
    expect(proposePreset(campaign, settings, costs({ 64: 40_000 }, { 64: 40_000 }))).toBeNull();
  });
});

describe('waiting for the trainer', () => {
  it('allows three times the measured time, never under the floor', () => {
    expect(waitLimitMs(null)).toBe(WAIT_FLOOR_MS);
    expect(waitLimitMs(1000)).toBe(WAIT_FLOOR_MS);
    expect(waitLimitMs(60_000)).toBe(180_000);
  });

  it("expects a round's training to take its budget at its model's cost, the coaches' knobs included", () => {
    const c = costs({ 64: 100 }, {});
    expect(expectedTrainingMs(noise, { stepScale: 1, batchSize: 64 }, null, c)).toBe(8000);
    expect(expectedTrainingMs(noise, { stepScale: 1, batchSize: 64 }, { loss: 'nonsaturating', lr: 'medium', ratio: '1:1', steps: 'many' }, c)).toBe(16_000);
    expect(expectedTrainingMs(noise, { stepScale: 1, batchSize: 16 }, null, c)).toBeNull();
  });

  it('is stalled once the trainer has been quiet for the limit, counting from its last sign of life', () => {
    expect(waitState({ since: 0, lastSign: null, limitMs: 20_000, now: 19_999 })).toEqual({ kind: 'waiting', elapsedMs: 19_999, limitMs: 20_000 });
    expect(waitState({ since: 0, lastSign: null, limitMs: 20_000, now: 20_000 }).kind).toBe('stalled');
    // A step 15 s in keeps it alive until 35 s.
    expect(waitState({ since: 0, lastSign: 15_000, limitMs: 20_000, now: 34_000 }).kind).toBe('waiting');
    expect(waitState({ since: 0, lastSign: 15_000, limitMs: 20_000, now: 35_000 })).toEqual({ kind: 'stalled', quietMs: 20_000, limitMs: 20_000 });
    // A sign from before this wait (the last round's) does not count.
    expect(waitState({ since: 10_000, lastSign: 5_000, limitMs: 20_000, now: 30_000 }).kind).toBe('stalled');
  });
});
