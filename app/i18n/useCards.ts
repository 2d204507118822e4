'use client';
/** The lesson cards in the page's language: at once in English, after a short load in another. */
import { useEffect, useState } from 'react';
import { useLocale } from 'use-intl';
import { CARDS } from '@/game/lessons/cards';
import { loadCards } from '@/game/lessons/localized';
import type { LessonCard } from '@/game/lessons/types';

/** Every card, or null while another language's words load. */
export function useCards(): readonly LessonCard[] | null {
  const locale = useLocale();
  const [cards, setCards] = useState<{ locale: string; cards: readonly LessonCard[] } | null>(null);
  useEffect(() => {
    if (locale === 'en') return;
    let live = true;
    void loadCards(locale).then((c) => live && setCards({ locale, cards: c }));
    return () => {
      live = false;
    };
  }, [locale]);
  if (locale === 'en') return CARDS;
  return cards?.locale === locale ? cards.cards : null;
}

/** One card by id in the page's language; undefined for an unknown id, null while loading. */
export function useCard(id: string | null | undefined): LessonCard | undefined | null {
  const cards = useCards();
  if (!cards) return null;
  return id ? cards.find((c) => c.id === id) : undefined;
}
