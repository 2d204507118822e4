import { describe, expect, it } from 'vitest';
import { LEVELS } from '../game/levels';
import { GPU_FACTOR, STEP_COST, roundPlan } from './bench-lesson';

describe('bench:lesson budgets', () => {
  it('runs the planned steps of the game DCGAN on the cpu budget and ten times them on the gpu budget', () => {
    const level = LEVELS.dcgan;
    expect(roundPlan('cpu', level).afterVerdicts).toEqual({ dSteps: level.dSteps, gSteps: level.gSteps });
    expect(roundPlan('gpu', level).afterVerdicts).toEqual({ dSteps: level.dSteps * GPU_FACTOR, gSteps: level.gSteps * GPU_FACTOR });
    // Judging and the reveal (38 s) at 0.15 s and 7.5 ms a step.
    expect(roundPlan('cpu', level).whileJudging).toBe(253);
    expect(roundPlan('gpu', level).whileJudging).toBe(5066);
  });

  it('gives a wider model fewer steps in the same seconds, by its measured cost', () => {
    const finale = LEVELS.deepfakes;
    const cost = STEP_COST[finale.model.hidden];
    expect(cost).toBeGreaterThan(1);
    const cpu = roundPlan('cpu', finale).afterVerdicts;
    const gpu = roundPlan('gpu', finale).afterVerdicts;
    // cpu: the planned 80 steps would outlast twice the 6 s, so the round stops at 12 s.
    expect(cpu.dSteps + cpu.gSteps).toBe(Math.ceil(12 / (0.15 * cost)));
    expect(gpu.dSteps + gpu.gSteps).toBe(Math.max(80, Math.ceil(6 / (0.0075 * cost))));
    expect(Math.abs(cpu.dSteps - cpu.gSteps)).toBeLessThanOrEqual(1);
  });

  it('refuses a width nobody timed', () => {
    expect(() => roundPlan('cpu', { ...LEVELS.dcgan, model: { ...LEVELS.dcgan.model, hidden: 24 } })).toThrow(/no step cost/);
  });
});
