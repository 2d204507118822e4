'use client';
/** The lesson between levels on the projector: each card with the room's own data, and how the room answered. */
import { useMemo, useState } from 'react';
import { getCard } from '@/game/lessons/cards';
import type { HostView } from '@/game/protocol';
import { LessonCard } from '../components/lesson/LessonCard';
import { roomLessonData } from '@/game/lessons/room';
import { useHost } from './store';

export function LessonStage({ view, cards }: { view: HostView; cards: string[] }) {
  const [index, setIndex] = useState(0);
  const losses = useHost((s) => s.losses);
  const samplesOverTime = useHost((s) => s.samplesOverTime);
  const interpolation = useHost((s) => s.interpolation);
  const data = useMemo(() => roomLessonData(view, losses, { samplesOverTime, interpolation }), [view, losses, samplesOverTime, interpolation]);
  const id = cards[Math.min(index, cards.length - 1)];
  const card = getCard(id);
  const answers = view.phase.kind === 'lesson' ? view.phase.answers[id] : undefined;
  return (
    <div className="flex flex-col gap-4" data-testid="lesson">
      <nav className="flex flex-wrap items-center gap-2" aria-label="Lesson cards">
        {cards.map((c, i) => (
          <button
            key={c}
            type="button"
            onClick={() => setIndex(i)}
            aria-current={i === index}
            className={`rounded-lg px-3 py-1.5 font-mono text-lg font-bold ${i === index ? 'bg-accent text-ink' : 'bg-panel text-slate-300'}`}
          >
            {c}
          </button>
        ))}
        {answers && (
          <span className="ml-auto text-xl text-slate-300" data-testid="lesson-answers">
            {answers.answered} answered on their phones · {answers.correct} correct
          </span>
        )}
      </nav>
      {card ? (
        <>
          <LessonCard card={card} data={data} hideCheck />
          <p className="rounded-xl border-2 border-accent/60 bg-panel p-5 text-2xl">
            <b className="text-accent">Check yourself, on your device:</b> {card.check.prompt.replace(/\$/g, '')}
          </p>
        </>
      ) : (
        <p className="text-xl text-fake">Unknown card {id}.</p>
      )}
    </div>
  );
}
