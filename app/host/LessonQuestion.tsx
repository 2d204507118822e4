'use client';
/**
 * The check question of the card on the projector, in the room's order (the order the phones show).
 * Before the reveal only how many have answered; after it, how the class answered, choice by choice,
 * with the right one marked in words and a ✓, not by colour alone. Sizes are in em: the projector's
 * full-screen layer sets the scale, the host page a text size of its own.
 */
import { useFormatter, useTranslations } from 'use-intl';
import type { HostLessonQuestion } from '@/game/protocol';
import { InlineText } from '../components/lesson/RichText';
import { useCard } from '../i18n/useCards';

const LETTERS = ['A', 'B', 'C', 'D'];

export function LessonQuestion({ question }: { question: HostLessonQuestion }) {
  const t = useTranslations('host');
  const format = useFormatter();
  const pct = (x: number) => format.number(x, { style: 'percent' });
  const card = useCard(question.id);
  if (!card) return null;
  const total = question.revealed ? question.counts.reduce((a, b) => a + b, 0) : 0;
  return (
    <section className="flex flex-col gap-[0.6em] rounded-2xl border-2 border-accent/60 bg-panel p-[0.8em]" aria-labelledby="lesson-question-prompt" data-testid="lesson-question" data-card={question.id}>
      <p id="lesson-question-prompt" className="text-[1.25em] font-bold text-white">
        <InlineText text={card.check.prompt} />
      </p>
      <ol className="flex flex-col gap-[0.4em]" aria-label={question.revealed ? t('howAnswered') : t('choices')} data-testid={question.revealed ? 'lesson-distribution' : undefined}>
        {question.order.map((authored, shown) => {
          const text = card.check.choices[authored];
          if (!question.revealed) {
            return (
              <li key={shown} className="flex items-start gap-[0.5em]">
                <Letter>{LETTERS[shown]}</Letter>
                <InlineText text={text} />
              </li>
            );
          }
          const count = question.counts[shown] ?? 0;
          const share = total ? count / total : 0;
          const right = shown === question.answer;
          return (
            <li key={shown} className="flex flex-col gap-[0.2em]" data-testid={right ? 'lesson-right-choice' : undefined}>
              <div className="flex items-start gap-[0.5em]">
                <Letter right={right}>{right ? '✓' : LETTERS[shown]}</Letter>
                <span className={right ? 'font-bold text-white' : 'text-slate-300'}>
                  <InlineText text={text} />
                  {right && <span className="ml-2 text-real"> {t('correctAnswer')}</span>}
                </span>
                <span className="ml-auto shrink-0 font-mono text-slate-200">
                  {count} · {pct(share)}
                </span>
              </div>
              <div className="h-[0.5em] overflow-hidden rounded-full bg-ink/60" aria-hidden>
                <div className={`h-full rounded-full ${right ? 'bg-real' : 'bg-slate-500'}`} style={{ width: `${share * 100}%` }} />
              </div>
            </li>
          );
        })}
      </ol>
      {question.revealed ? (
        <p className="text-[0.85em] text-slate-200">
          <InlineText text={card.check.explanation} />
        </p>
      ) : (
        <p className="text-[0.9em] text-slate-300" data-testid="lesson-answered">
          {t('answered', { n: question.answered })}
        </p>
      )}
    </section>
  );
}

function Letter({ right, children }: { right?: boolean; children: React.ReactNode }) {
  return (
    <span className={`flex h-[1.5em] w-[1.5em] shrink-0 items-center justify-center rounded-lg font-black ${right ? 'bg-real text-ink' : 'bg-edge text-white'}`} aria-hidden>
      {children}
    </span>
  );
}
