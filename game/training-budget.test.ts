import { describe, expect, it } from 'vitest';
import { trainingPlan } from './coaching';
import { LEVELS } from './levels';
import { DEFAULT_SETTINGS } from './protocol';
import { PRESETS } from './setup';
import {
  GUARANTEE_FACTOR, JUDGING_STEPS_TINY, MAX_PHASE_STEPS, alternation, expectedRound, judgingBudget, judgingRound, nextStep, stopPhase,
  carriesOn, trainSeconds, trainsWhileJudging,
} from './training-budget';

const planned = (id: keyof typeof LEVELS, stepScale: number) => trainingPlan(LEVELS[id], null, stepScale).budget;

describe('seconds for the training the class waits for', () => {
  it('grow with the steps the level plans under the preset: about 6 s for an 80-step level on full, a tenth on tiny', () => {
    expect(trainSeconds(planned('noise', PRESETS.full.stepScale))).toBeCloseTo(6, 5);
    expect(trainSeconds(planned('collapse', PRESETS.full.stepScale))).toBeCloseTo(3.75, 5);
    expect(trainSeconds(planned('strokes', PRESETS.full.stepScale))).toBeCloseTo(9, 5);
    expect(trainSeconds(planned('noise', PRESETS.quick.stepScale))).toBeCloseTo(1.5, 5);
    expect(trainSeconds(planned('noise', PRESETS.tiny.stepScale))).toBeCloseTo(0.6, 5);
    // Every level of the campaign stays a short pause on full, and under a second on tiny.
    for (const id of Object.keys(LEVELS) as (keyof typeof LEVELS)[]) {
      expect(trainSeconds(planned(id, 1))).toBeGreaterThanOrEqual(3);
      expect(trainSeconds(planned(id, 1))).toBeLessThanOrEqual(9);
      expect(trainSeconds(planned(id, PRESETS.tiny.stepScale))).toBeLessThan(1);
    }
  });

});

describe('D and G taking turns', () => {
  const turns = (budget: Parameters<typeof nextStep>[0], n: number) => {
    let d = 0, g = 0;
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const k = nextStep(budget, d, g);
      if (!k) break;
      out.push(k);
      k === 'd' ? d++ : g++;
    }
    return out.join('');
  };

  it("go in the level's ratio, D first", () => {
    expect(turns({ dSteps: 40, gSteps: 40, seconds: 6 }, 6)).toBe('dgdgdg');
    expect(turns({ dSteps: 10, gSteps: 40, seconds: 6 }, 10)).toBe('dggggdgggg');
    expect(turns({ dSteps: 50, gSteps: 25, seconds: 6 }, 6)).toBe('dgddgd');
  });

  it('without seconds (an old job): exactly the planned counts, then nothing', () => {
    expect(turns({ dSteps: 3, gSteps: 1 }, 10)).toBe('dgdd');
    expect(turns({ dSteps: 0, gSteps: 2 }, 10)).toBe('gg');
    expect(turns({ dSteps: 0, gSteps: 0 }, 10)).toBe('');
  });

  it('with seconds, keep the ratio past the planned steps, and a kind planned at 0 never runs', () => {
    expect(turns({ dSteps: 1, gSteps: 1, seconds: 1 }, 8)).toBe('dgdgdgdg');
    expect(turns({ dSteps: 4, gSteps: 0, seconds: 1 }, 6)).toBe('dddddd');
    expect(turns({ dSteps: 0, gSteps: 0, seconds: 1 }, 6)).toBe('');
  });
});

describe('when the training phase stops', () => {
  it('without seconds (a job saved before budgets had them): after exactly the planned steps', () => {
    expect(stopPhase({ ran: 2, elapsedMs: 1e6, planned: 3 })).toBe(false);
    expect(stopPhase({ ran: 3, elapsedMs: 0, planned: 3 })).toBe(true);
  });

  it('on a fast computer: when the seconds are spent, long after the planned steps', () => {
    expect(stopPhase({ ran: 40, elapsedMs: 500, planned: 40, seconds: 3 })).toBe(false);
    expect(stopPhase({ ran: 900, elapsedMs: 2999, planned: 40, seconds: 3 })).toBe(false);
    expect(stopPhase({ ran: 901, elapsedMs: 3000, planned: 40, seconds: 3 })).toBe(true);
  });

  it(`guarantees the planned steps while they take at most ${GUARANTEE_FACTOR}× the seconds, and always one`, () => {
    // Seconds spent, planned steps not yet: go on, until the ceiling.
    expect(stopPhase({ ran: 20, elapsedMs: 3500, planned: 40, seconds: 3 })).toBe(false);
    expect(stopPhase({ ran: 30, elapsedMs: GUARANTEE_FACTOR * 3000, planned: 40, seconds: 3 })).toBe(true);
    // A step that took a minute on a software renderer: one step, then stop.
    expect(stopPhase({ ran: 0, elapsedMs: 0, planned: 40, seconds: 3 })).toBe(false);
    expect(stopPhase({ ran: 1, elapsedMs: 60_000, planned: 40, seconds: 3 })).toBe(true);
  });

  it('never passes the wire report limit, and runs nothing with nothing planned', () => {
    expect(stopPhase({ ran: MAX_PHASE_STEPS, elapsedMs: 1, planned: 1, seconds: 10 })).toBe(true);
    expect(stopPhase({ ran: 0, elapsedMs: 0, planned: 0, seconds: 10 })).toBe(true);
  });
});

describe('what the rule comes to at a measured cost', () => {
  const noiseFull = { ...planned('noise', 1), seconds: trainSeconds(planned('noise', 1)) };

  it('a laptop GPU (6 ms a D step, 4 ms a G step) fills the seconds with hundreds of steps in the level ratio', () => {
    const r = expectedRound(noiseFull, { msD: 6, msG: 4 });
    // 6 s at 5 ms a step in the 1:1 turns: 1,200 steps.
    expect(r.dSteps).toBe(600);
    expect(r.gSteps).toBe(600);
    expect(r.ms / 1000).toBeLessThanOrEqual(noiseFull.seconds);
    const collapse = { ...planned('collapse', 1), seconds: trainSeconds(planned('collapse', 1)) };
    const c = expectedRound(collapse, { msD: 6, msG: 4 });
    expect(Math.abs(c.gSteps - 4 * c.dSteps)).toBeLessThanOrEqual(4);
  });

  it('a processor-only laptop (0.15 s a step) still runs every planned step of a full round', () => {
    const r = expectedRound(noiseFull, { msD: 150, msG: 150 });
    expect(r).toMatchObject({ dSteps: 40, gSteps: 40 });
    expect(r.ms / 1000).toBeLessThanOrEqual(GUARANTEE_FACTOR * noiseFull.seconds);
  });

  it('a software renderer (4 s a step) stops at the ceiling instead of taking minutes, after one step of each kind', () => {
    const r = expectedRound(noiseFull, { msD: 4000, msG: 4000 });
    expect(r.ms / 1000).toBeLessThanOrEqual(GUARANTEE_FACTOR * noiseFull.seconds + 4);
    expect(expectedRound(noiseFull, { msD: 60_000, msG: 60_000 })).toMatchObject({ dSteps: 1, gSteps: 1 });
    expect(r.dSteps).toBeGreaterThanOrEqual(1);
    expect(r.gSteps).toBeGreaterThanOrEqual(1);
  });

  it('without seconds: the planned steps', () => {
    expect(expectedRound({ dSteps: 4, gSteps: 4 }, { msD: 4000, msG: 4000 })).toEqual({ dSteps: 4, gSteps: 4, ms: 32_000 });
  });
});

describe('training while the class judges', () => {
  it("alternates in the level's ratio, briefly", () => {
    expect(alternation({ dSteps: 40, gSteps: 40 })).toEqual({ dSteps: 1, gSteps: 1 });
    expect(alternation({ dSteps: 10, gSteps: 40 })).toEqual({ dSteps: 1, gSteps: 4 });
    expect(alternation({ dSteps: 50, gSteps: 25 })).toEqual({ dSteps: 2, gSteps: 1 });
    expect(alternation({ dSteps: 3, gSteps: 31 })).toEqual({ dSteps: 1, gSteps: 8 });
    expect(alternation({ dSteps: 0, gSteps: 0 })).toEqual({ dSteps: 1, gSteps: 1 });
  });

  it('may use the whole judging window; on tiny (tests, software GPUs) at most a D and a G step', () => {
    const full = judgingBudget({ ...DEFAULT_SETTINGS, ...PRESETS.full }, planned('noise', 1));
    expect(full).toEqual({ seconds: DEFAULT_SETTINGS.roundSeconds + DEFAULT_SETTINGS.revealSeconds, maxSteps: MAX_PHASE_STEPS, dSteps: 1, gSteps: 1 });
    const teams = judgingBudget({ ...DEFAULT_SETTINGS, teams: true }, planned('collapse', 1));
    expect(teams).toMatchObject({ seconds: DEFAULT_SETTINGS.roundSeconds + DEFAULT_SETTINGS.revealSeconds + DEFAULT_SETTINGS.coachSeconds, dSteps: 1, gSteps: 4 });
    expect(judgingBudget({ ...DEFAULT_SETTINGS, ...PRESETS.tiny }, planned('noise', 0.1)).maxSteps).toBe(JUDGING_STEPS_TINY);
    expect(judgingBudget({ ...DEFAULT_SETTINGS, ...PRESETS.quick }, planned('noise', 0.25)).maxSteps).toBe(MAX_PHASE_STEPS);
  });

  it('trains on the data while judging only on a level that starts untrained', () => {
    expect(trainsWhileJudging(LEVELS.noise)).toBe(true);
    for (const id of ['strokes', 'dcgan', 'collapse', 'fixit', 'conditional', 'fashion', 'deepfakes'] as const) expect(trainsWhileJudging(LEVELS[id])).toBe(false);
  });

  it("carries the room's generator on unless the level's checkpoint is further along, or is the lesson", () => {
    expect(carriesOn(LEVELS.dcgan, 6000, 5000)).toBe(true);
    expect(carriesOn(LEVELS.dcgan, 5000, 5000)).toBe(true);
    expect(carriesOn(LEVELS.dcgan, 4999, 5000)).toBe(false);
    // No checkpoint, or a missing one: nothing to load.
    expect(carriesOn(LEVELS.noise, 0, null)).toBe(true);
    // Mode collapse always shows its collapsed generator; Fix it carries on from there.
    expect(carriesOn(LEVELS.collapse, 23_000, 20_300)).toBe(false);
    expect(carriesOn(LEVELS.fixit, 21_800, 20_300)).toBe(true);
    expect(carriesOn(LEVELS.collapse, 23_000, null)).toBe(true);
  });

  it('goes on from the fakes until the training job, and never while paused', () => {
    expect(judgingRound({ kind: 'generating', round: 3 }, false)).toBe(3);
    expect(judgingRound({ kind: 'coaching', round: 3 }, false)).toBe(3);
    expect(judgingRound({ kind: 'judging', round: 3 }, false)).toBe(3);
    expect(judgingRound({ kind: 'reveal', round: 3 }, false)).toBe(3);
    expect(judgingRound({ kind: 'judging', round: 3 }, true)).toBeNull();
    for (const kind of ['training', 'leaderboard', 'lesson', 'intro', 'ended', 'lobby'] as const) expect(judgingRound({ kind, round: 3 }, false)).toBeNull();
  });
});
