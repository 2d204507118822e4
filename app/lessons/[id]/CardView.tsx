'use client';
/**
 * The library's card view: example data, and the check answered locally (nothing is sent anywhere).
 * ?compact previews the phone layout on a big screen. ?preview shows the LessonData stored under
 * sessionStorage['gan-arena:lesson-preview'] as the room's data: a seam for end-to-end tests and
 * for checking a card against a saved session's numbers. ?projector opens the card's projector view.
 */
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useCard } from '@/app/i18n/useCards';
import type { LessonData, LessonExamples } from '@/game/lessons/types';
import { LessonCard } from '@/app/components/lesson/LessonCard';

export const PREVIEW_KEY = 'gan-arena:lesson-preview';

export function CardView({ id, examples }: { id: string; examples: LessonExamples }) {
  const card = useCard(id);
  const [compact, setCompact] = useState(false);
  const [data, setData] = useState<LessonData | null>(null);
  const router = useRouter();
  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    if (q.has('projector')) {
      q.delete('projector');
      router.replace(`/lessons/${id}/projector${q.size ? `?${q}` : ''}`);
      return;
    }
    const narrow = window.matchMedia('(max-width: 640px)');
    const update = () => setCompact(q.has('compact') || narrow.matches);
    update();
    narrow.addEventListener('change', update);
    if (q.has('preview')) {
      try {
        const stored = JSON.parse(window.sessionStorage.getItem(PREVIEW_KEY) ?? 'null') as LessonData | null;
        if (stored && typeof stored === 'object') setData({ ...stored, source: 'live' });
      } catch {
        // A broken preview shows the example data, as without ?preview.
      }
    }
    return () => narrow.removeEventListener('change', update);
  }, [id, router]);
  return card ? <LessonCard card={card} data={data} examples={examples} compact={compact} /> : null;
}
