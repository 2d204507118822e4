/**
 * The card library in a language. English is the cards themselves; another language's words load on
 * demand (a page in English never downloads them) and are laid over the English cards.
 */
import type { Locale } from '../locale';
import { CARDS } from './cards';
import { localizeCard } from './localize';
import type { LessonCard } from './types';

const loaded = new Map<Locale, Promise<readonly LessonCard[]>>();

export function loadCards(locale: Locale): Promise<readonly LessonCard[]> {
  if (locale === 'en') return Promise.resolve(CARDS);
  let cards = loaded.get(locale);
  if (!cards) {
    cards = import('./es').then(({ CARD_TEXT_ES }) => CARDS.map((c) => localizeCard(c, CARD_TEXT_ES[c.id])));
    loaded.set(locale, cards);
  }
  return cards;
}
