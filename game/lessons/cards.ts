/**
 * The card library: one card (or more) per curriculum topic T01–T20, in curriculum order.
 * Content lives in the cards-*.ts files, grouped by theme so each stays readable in one sitting.
 */
import { ADVANCED_CARDS } from './cards-advanced';
import { FOUNDATION_CARDS } from './cards-foundations';
import { RESPONSIBLE_CARDS } from './cards-responsible';
import { TRAINING_CARDS } from './cards-training';
import { LESSON_GROUPS, type LessonCard, type LessonGroup } from './types';

/** Curriculum order: by topic number, then extra cards of a topic ('T16b' after 'T16'). */
export const CARDS: readonly LessonCard[] = [...FOUNDATION_CARDS, ...TRAINING_CARDS, ...ADVANCED_CARDS, ...RESPONSIBLE_CARDS].sort((a, b) =>
  a.id.localeCompare(b.id, 'en', { numeric: true }),
);

export const CARD_IDS: readonly string[] = CARDS.map((c) => c.id);

const BY_ID = new Map(CARDS.map((c) => [c.id, c]));

export function getCard(id: string): LessonCard | undefined {
  return BY_ID.get(id);
}

/** Cards (the English ones, or a translation of them) in library groups, groups in teaching order, cards in curriculum order inside each. */
export function cardsByGroup(cards: readonly LessonCard[] = CARDS): { group: LessonGroup; cards: LessonCard[] }[] {
  return LESSON_GROUPS.map((group) => ({ group, cards: cards.filter((c) => c.group === group) })).filter((g) => g.cards.length > 0);
}

/** The cards about responsible use (misuse, consent and disclosure, limits of detection). */
export function responsibleUseCards(): LessonCard[] {
  return CARDS.filter((c) => c.group === 'Responsible use');
}
