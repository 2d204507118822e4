'use client';
/**
 * The library's projector view of one card. Next/Back (and the arrow and page keys a presentation
 * clicker sends) walk through the card's steps, then on to the neighbouring card.
 * ?preview shows the room data stored for the card view (see ../CardView), as in a game.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useCard } from '@/app/i18n/useCards';
import type { LessonData, LessonExamples } from '@/game/lessons/types';
import { ProjectorCard } from '@/app/components/lesson/ProjectorCard';
import { StepNav, useStepKeys } from '@/app/components/lesson/StepNav';
import { PREVIEW_KEY } from '../CardView';

export function ProjectorView({ id, prev, next, examples }: { id: string; prev: string | null; next: string | null; examples: LessonExamples }) {
  const t = useTranslations('library');
  const card = useCard(id);
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [steps, setSteps] = useState(1);
  const [data, setData] = useState<LessonData | null>(null);
  useEffect(() => {
    if (!new URLSearchParams(window.location.search).has('preview')) return;
    try {
      const stored = JSON.parse(window.sessionStorage.getItem(PREVIEW_KEY) ?? 'null') as LessonData | null;
      if (stored && typeof stored === 'object') setData({ ...stored, source: 'live' });
    } catch {
      // A broken preview shows the example data.
    }
  }, []);
  const go = (card: string | null) => card && router.push(`/lessons/${card}/projector${window.location.search}`);
  const forward = () => (step < steps - 1 ? setStep(step + 1) : go(next));
  const back = () => (step > 0 ? setStep(step - 1) : go(prev));
  useStepKeys(forward, back);
  if (!card) return null;
  return (
    <ProjectorCard
      card={card}
      data={data}
      examples={examples}
      step={step}
      onSteps={setSteps}
      footer={
        <StepNav step={step} steps={steps} onBack={step > 0 || prev ? back : undefined} onNext={step < steps - 1 || next ? forward : undefined} nextLabel={step < steps - 1 ? t('nextStep') : next ? t('nextCard', { id: next }) : undefined}>
          <Link href={`/lessons/${card.id}`} className="rounded-[0.4em] border-2 border-edge bg-panel px-[0.6em] py-[0.2em] text-slate-100 hover:border-accent focus:outline-none focus-visible:ring-4 focus-visible:ring-accent">
            {t('closeProjector')}
          </Link>
        </StepNav>
      }
    />
  );
}
