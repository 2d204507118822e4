/** A library card in the request's language, with its neighbours in curriculum order (server only). */
import { loadCards } from '@/game/lessons/localized';
import { requestLocale } from '../i18n/server';

export async function cardOf(id: string) {
  const cards = await loadCards(await requestLocale());
  const i = cards.findIndex((c) => c.id === id);
  return i < 0 ? null : { card: cards[i], prev: cards[i - 1], next: cards[i + 1] };
}
