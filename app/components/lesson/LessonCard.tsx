'use client';
/**
 * A lesson card: topic badge and title, the text with typeset maths, the data panels (the room's
 * own where it has them, labelled example data otherwise) and the check question.
 * `compact` is for phones; the default is sized for a projector.
 */
import { useMemo } from 'react';
import 'katex/dist/katex.min.css';
import { useTranslations } from 'use-intl';
import { groupKey } from '../../i18n/groups';
import { planPanels } from '@/game/lessons/panels';
import type { CheckResult } from '@/game/lessons/check';
import type { LessonCard as Card, LessonData, LessonExamples } from '@/game/lessons/types';
import { CheckQuestion } from './CheckQuestion';
import { LessonPanel } from './Panels';
import { InlineText, MathBlock } from './RichText';
import { useLessonExamples } from './useLessonExamples';

export interface LessonCardProps {
  card: Card;
  /** The room's or player's own data; null before there is any. */
  data: LessonData | null;
  /** Recorded example runs. Leave undefined to fetch /lessons/examples.json; null for none. */
  examples?: LessonExamples | null;
  compact?: boolean;
  /** Hide the check question (e.g. the projector shows the card while phones answer). */
  hideCheck?: boolean;
  initialChoice?: number | null;
  onAnswer?: (choice: number, result: CheckResult) => void;
}

export function LessonCard({ card, data, examples, compact = false, hideCheck = false, initialChoice, onAnswer }: LessonCardProps) {
  const t = useTranslations('lesson');
  const tg = useTranslations('lessonGroups');
  const fetched = useLessonExamples(examples === undefined && card.live.length > 0);
  const ex = examples === undefined ? (fetched ?? null) : examples;
  const panels = useMemo(() => planPanels(card, data, ex), [card, data, ex]);
  const loading = examples === undefined && fetched === undefined && card.live.length > 0;
  return (
    <article
      className={`mx-auto flex w-full flex-col ${compact ? 'max-w-xl gap-3 text-base' : 'max-w-6xl gap-6 text-lg lg:text-xl'}`}
      aria-labelledby={`card-${card.id}-title`}
      data-card={card.id}
    >
      <header className="flex flex-wrap items-center gap-3">
        <span className={`rounded-lg bg-accent font-mono font-black text-ink ${compact ? 'px-2 py-0.5 text-sm' : 'px-3 py-1 text-lg'}`} aria-label={t('topic', { topic: card.topic })}>
          {card.id}
        </span>
        <span className="text-[0.8em] uppercase tracking-wider text-slate-400">{tg(groupKey(card.group))}</span>
        <h2 id={`card-${card.id}-title`} className={`w-full font-black leading-tight text-white ${compact ? 'text-2xl' : 'text-4xl lg:text-5xl'}`}>
          {card.title}
        </h2>
      </header>

      <div className={`grid ${panels.length && !compact ? 'gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]' : 'gap-4'}`}>
        <div className="flex min-w-0 flex-col gap-3 leading-relaxed text-slate-200">
          {card.body.map((b, i) =>
            b.kind === 'p' ? (
              <p key={i}>
                <InlineText text={b.text} />
              </p>
            ) : b.kind === 'math' ? (
              <MathBlock key={i} source={b.tex} caption={b.caption} compact={compact} />
            ) : (
              <ul key={i} className="ml-5 list-disc space-y-1 marker:text-accent">
                {b.items.map((item, j) => (
                  <li key={j}>
                    <InlineText text={item} />
                  </li>
                ))}
              </ul>
            ),
          )}
        </div>
        {panels.length > 0 && (
          <div className="flex min-w-0 flex-col gap-4" aria-busy={loading}>
            {panels.map((p) => (
              <LessonPanel key={p.kind} panel={p} compact={compact} loading={loading} />
            ))}
          </div>
        )}
      </div>

      {!hideCheck && <CheckQuestion key={card.id} card={card} compact={compact} initialChoice={initialChoice} onAnswer={onAnswer} />}
    </article>
  );
}
