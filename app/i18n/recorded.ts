'use client';
/**
 * Recorded example data (public/lessons/examples.json) carries English captions, written by the
 * script that recorded it. In another language a comparison shows its translated labels and caption,
 * without the recorded per-side notes (their numbers are the script's, in its words); other example
 * captions are left out there (the source label already says the data is an example run).
 */
import { useLocale, useTranslations } from 'use-intl';
import type { Panel } from '@/game/lessons/panels';
import type { Comparison } from '@/game/lessons/types';

export function useRecorded(panel: Panel): { comparison?: Comparison; caption?: string } {
  const locale = useLocale();
  const t = useTranslations('recorded');
  const { comparison, compareId, data } = panel;
  if (locale === 'en') return { comparison, caption: data?.source === 'example' ? data.caption : undefined };
  if (!comparison || !compareId) return { comparison };
  return {
    comparison: {
      caption: t(`${compareId}.caption`),
      left: { label: t(`${compareId}.left`), images: comparison.left.images },
      right: { label: t(`${compareId}.right`), images: comparison.right.images },
    },
    caption: t(`${compareId}.caption`),
  };
}
