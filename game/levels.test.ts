import { describe, expect, it } from 'vitest';
import { defaultKnobs } from './coaching';
import { LEVELS, coachFormDefaults } from './levels';
import { DEFAULT_LOSS, LEVEL_IDS } from './vocabulary';

describe("the coach form's defaults", () => {
  it('can find the level by name: every name is unique', () => {
    expect(new Set(Object.values(LEVELS).map((l) => l.name)).size).toBe(LEVEL_IDS.length);
  });

  it("are the engine's default knobs for the level being played, its own loss included", () => {
    for (const level of Object.values(LEVELS)) expect(coachFormDefaults(level.name), level.id).toEqual(defaultKnobs(level));
    expect(coachFormDefaults(LEVELS.fixit.name).loss).toBe(LEVELS.fixit.tunables.loss);
    expect(LEVELS.fixit.tunables.loss).not.toBe(DEFAULT_LOSS);
  });
});
