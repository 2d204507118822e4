'use client';
/**
 * Words that come from the game rather than from a page: level names, and what the server says when
 * it refuses something. The server speaks English; another language says it by the error's code.
 */
import { useCallback } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import type { ClosedWhy, GameError, LevelId } from '@/game/protocol';

/** A level's name (or intro) in the page's language. */
export function LevelName({ id, part = 'name' }: { id: LevelId; part?: 'name' | 'intro' }) {
  const t = useTranslations('levels');
  return <>{t(`${id}.${part}`)}</>;
}

/** What to show for a refusal or a closed room: the server's own words in English, else by code. */
export function useErrorText(): (e: GameError | { reason: string; why: ClosedWhy }) => string {
  const t = useTranslations('errors');
  const locale = useLocale();
  return useCallback(
    (e) => {
      if ('why' in e) return locale === 'en' ? e.reason : t(`closed.${e.why}`);
      return locale === 'en' ? e.message : t(`codes.${e.code}`);
    },
    [t, locale],
  );
}
