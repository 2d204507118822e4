/**
 * Points for one judgment. Correct answers score; answering early adds up to SPEED_MAX, measured on
 * the server's clock (a phone's clock cannot be trusted); a run of correct answers adds a growing
 * streak bonus, capped so a lucky start cannot decide the game.
 */
export const CORRECT_POINTS = 100;
export const SPEED_MAX = 50;
export const STREAK_STEP = 10;
export const STREAK_CAP = 5;

export interface Judgment {
  correct: boolean;
  /** Server time the vote arrived. */
  at: number;
  startedAt: number;
  deadline: number;
}

export function speedBonus(j: Pick<Judgment, 'at' | 'startedAt' | 'deadline'>): number {
  const span = j.deadline - j.startedAt;
  if (span <= 0) return 0;
  const left = Math.min(1, Math.max(0, (j.deadline - j.at) / span));
  return Math.round(SPEED_MAX * left);
}

/** Scores one judgment given the streak before it; returns the points and the streak after it. */
export function scoreJudgment(j: Judgment, streakBefore: number): { points: number; streak: number } {
  if (!j.correct) return { points: 0, streak: 0 };
  const streak = streakBefore + 1;
  const bonus = STREAK_STEP * Math.min(streak - 1, STREAK_CAP);
  return { points: CORRECT_POINTS + speedBonus(j) + bonus, streak };
}
