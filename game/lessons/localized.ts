/**
 * The card library in a language. English is the cards themselves; another language's words load on
 * demand (a page in English never downloads them) and are laid over the English cards.
 */
import type { Locale } from '../locale';
import { CARDS } from './cards';
import { type CardText, localizeCard } from './localize';
import type { LessonCard } from './types';

/** Each language's card words, loaded when first asked for. */
const TEXTS: Record<Exclude<Locale, 'en'>, () => Promise<Record<string, CardText>>> = {
  es: () => import('./es').then((m) => m.CARD_TEXT_ES),
};

const loaded = new Map<Locale, Promise<readonly LessonCard[]>>();

export function loadCards(locale: Locale): Promise<readonly LessonCard[]> {
  if (locale === 'en') return Promise.resolve(CARDS);
  let cards = loaded.get(locale);
  if (!cards) {
    cards = TEXTS[locale]().then((texts) => CARDS.map((c) => localizeCard(c, texts[c.id])));
    loaded.set(locale, cards);
  }
  return cards;
}
