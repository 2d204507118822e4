/** Scoring a check question: pure, so the server can score and store answers the same way everywhere. */
import { type Rng, shuffled } from '../rng';
import { getCard } from './cards';

export { LESSON_LEVELS, LEVEL_CARDS, type LessonLevel } from './levels';

/** Points for a right answer; a wrong one scores 0 (the explanation is the reward). */
export const CHECK_POINTS = 100;

export interface CheckResult {
  correct: boolean;
  /** Index of the right choice, so a screen can highlight it. */
  answer: number;
  explanation: string;
  points: number;
}

export class LessonCheckError extends Error {
  constructor(
    readonly code: 'unknown-card' | 'bad-choice',
    message: string,
  ) {
    super(message);
    this.name = 'LessonCheckError';
  }
}

/** Scores one answer. Throws LessonCheckError for an unknown card or a choice that is not one of its choices. */
export function checkAnswer(cardId: string, choiceIndex: number): CheckResult {
  const card = getCard(cardId);
  if (!card) throw new LessonCheckError('unknown-card', `no lesson card with id "${String(cardId)}"`);
  const n = card.check.choices.length;
  if (!Number.isInteger(choiceIndex) || choiceIndex < 0 || choiceIndex >= n) {
    throw new LessonCheckError('bad-choice', `card ${card.id} has choices 0..${n - 1}, got ${String(choiceIndex)}`);
  }
  const correct = choiceIndex === card.check.answer;
  return { correct, answer: card.check.answer, explanation: card.check.explanation, points: correct ? CHECK_POINTS : 0 };
}

/**
 * The order a room shows one card's choices in: order[shown] = authored index. Drawn once per room and
 * card, so every phone and the projector agree, and the right answer is not always where the author put it.
 * Empty for a card the library does not have.
 */
export function drawOrder(cardId: string, rng: Rng): number[] {
  const card = getCard(cardId);
  return card ? shuffled(rng, card.check.choices.map((_, i) => i)) : [];
}

/** Where the right answer is shown in this order (-1 for a card the library does not have). */
export function shownAnswer(cardId: string, order: readonly number[]): number {
  const card = getCard(cardId);
  return card ? order.indexOf(card.check.answer) : -1;
}

/**
 * Scores an answer given as a shown position: the order maps it back to the authored choice, which is
 * what gets stored (so answers from rooms with different orders count together). Throws like checkAnswer.
 */
export function checkShown(cardId: string, order: readonly number[], shown: number): CheckResult & { choice: number } {
  const choice = Number.isInteger(shown) && shown >= 0 && shown < order.length ? order[shown] : Number.NaN;
  if (Number.isNaN(choice) && getCard(cardId)) {
    throw new LessonCheckError('bad-choice', `card ${cardId} shows choices 0..${order.length - 1}, got ${String(shown)}`);
  }
  return { ...checkAnswer(cardId, choice), choice };
}

/**
 * What the host's next advance does in a lesson: reveal the card's answer, show the next card, or (after
 * the last card's reveal, or in a lesson without cards) end the lesson. The engine follows it, and the
 * screens name their button after it.
 */
export type LessonStep = 'reveal' | 'next' | 'done';
export function lessonStep({ at, revealed, total }: { at: number; revealed: boolean; total: number }): LessonStep {
  if (at >= total || (revealed && at === total - 1)) return 'done';
  return revealed ? 'next' : 'reveal';
}
