/**
 * Coach mode: which candidate fakes enter the round, what the coaches' knob votes turn into, and how
 * coaches score. Pure functions; the engine calls them.
 */
import type { Knobs, LevelSpec, Loss, Role, Tunables } from './protocol';
import { type Rng, shuffled } from './rng';
import type { Player, RoundImage } from './state';

/** The `needed` most-picked candidates; ties (and a pool nobody picked from) are broken at random. */
export function chooseFakes(pool: RoundImage[], picks: Record<string, string[]>, needed: number, rng: Rng): RoundImage[] {
  const counts = new Map<string, number>(pool.map((p) => [p.id, 0]));
  for (const ids of Object.values(picks)) for (const id of new Set(ids)) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
  // Shuffle first so the stable sort breaks ties at random.
  return shuffled(rng, pool)
    .sort((a, b) => counts.get(b.id)! - counts.get(a.id)!)
    .slice(0, needed);
}

function majority<T extends string>(values: T[], fallback: T): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  const leaders = [...counts].filter(([, c]) => c === top).map(([v]) => v);
  // A tie keeps the level's own choice, so one coach cannot flip a split team.
  return leaders.length === 1 ? leaders[0] : fallback;
}

export const LR_FACTOR = { low: 0.5, medium: 1, high: 5 } as const;
export const STEP_FACTOR = { few: 0.5, normal: 1, many: 2 } as const;
export const RATIO = { '1:2': 0.5, '1:1': 1, '2:1': 2, '5:1': 5 } as const;

export function defaultKnobs(level: LevelSpec): Knobs {
  return { loss: level.tunables.loss, lr: 'medium', ratio: '1:1', steps: 'normal' };
}

/** The team's decision: the majority on each knob, the level's defaults where nobody voted or a vote is split. */
export function knobMajority(votes: Knobs[], level: LevelSpec): Knobs {
  const d = defaultKnobs(level);
  return {
    loss: majority<Loss>(votes.map((v) => v.loss), d.loss),
    lr: majority(votes.map((v) => v.lr), d.lr),
    ratio: majority(votes.map((v) => v.ratio), d.ratio),
    steps: majority(votes.map((v) => v.steps), d.steps),
  };
}

/**
 * Turns a level (and the coaches' knobs, if any) into the trainer's tunables and step budget.
 * Without knobs the level's own D:G split stands; `scale` shrinks budgets for tests on software GPUs.
 */
export function trainingPlan(level: LevelSpec, knobs: Knobs | null, scale: number): { tunables: Tunables; budget: { dSteps: number; gSteps: number } } {
  const atLeastOne = (n: number) => Math.max(1, Math.round(n));
  if (!knobs) {
    return {
      tunables: level.tunables,
      budget: { dSteps: atLeastOne(level.dSteps * scale), gSteps: atLeastOne(level.gSteps * scale) },
    };
  }
  const total = (level.dSteps + level.gSteps) * STEP_FACTOR[knobs.steps] * scale;
  const r = RATIO[knobs.ratio];
  const f = LR_FACTOR[knobs.lr];
  return {
    tunables: { loss: knobs.loss, lrD: level.tunables.lrD * f, lrG: level.tunables.lrG * f },
    budget: { dSteps: atLeastOne((total * r) / (r + 1)), gSteps: atLeastOne(total / (r + 1)) },
  };
}

/** Points per fake that fooled every discriminator; a fake that fooled half of them earns half. */
export const COACH_FOOL_POINTS = 150;
/** For each of a coach's picks that the team chose. */
export const COACH_PICK_POINTS = 25;

export function coachPoints(foolFractions: number[], picksUsed: number): number {
  return Math.round(foolFractions.reduce((s, f) => s + f * COACH_FOOL_POINTS, 0) + picksUsed * COACH_PICK_POINTS);
}

/** Alternate roles by join order: the first joiner judges, the second coaches, and so on. */
export function assignRoles(players: Player[]): Player[] {
  if (players.length < 2) return players.map((p) => ({ ...p, role: 'discriminator' }));
  return players.map((p, i) => ({ ...p, role: i % 2 === 0 ? 'discriminator' : 'coach' }));
}

/** A late joiner goes to the smaller team (discriminators on a tie). */
export function roleForNewcomer(players: Player[]): Role {
  const coaches = players.filter((p) => p.role === 'coach').length;
  return coaches < players.length - coaches ? 'coach' : 'discriminator';
}

export function swapRoles(players: Player[]): Player[] {
  return players.map((p) => ({ ...p, role: p.role === 'coach' ? 'discriminator' : 'coach' }));
}
