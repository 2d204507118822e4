'use client';
import { useEffect, useState } from 'react';
import type { LessonExamples } from '@/game/lessons/types';

export const EXAMPLES_URL = '/lessons/examples.json';

let cache: Promise<LessonExamples | null> | null = null;

/** The recorded example runs, fetched once per page (about 150 KB) and shared by every card. */
export function loadLessonExamples(): Promise<LessonExamples | null> {
  cache ??= fetch(EXAMPLES_URL)
    .then((r) => (r.ok ? (r.json() as Promise<LessonExamples>) : null))
    .catch(() => null);
  return cache;
}

/** undefined while loading; null when there are none (the cards then show only live data). */
export function useLessonExamples(enabled = true): LessonExamples | null | undefined {
  const [examples, setExamples] = useState<LessonExamples | null | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadLessonExamples().then((e) => live && setExamples(e));
    return () => {
      live = false;
    };
  }, [enabled]);
  return examples;
}
