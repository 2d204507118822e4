/** Scoring a check question: pure, so the server can score and store answers the same way everywhere. */
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
