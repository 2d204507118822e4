'use client';
/**
 * The card's multiple-choice check. Scores locally with the same pure checkAnswer the server uses,
 * so the player sees the explanation at once; onAnswer lets the classroom send the answer on.
 */
import { useState } from 'react';
import { checkAnswer, type CheckResult } from '@/game/lessons/check';
import type { LessonCard } from '@/game/lessons/types';
import { InlineText } from './RichText';

export interface CheckQuestionProps {
  card: LessonCard;
  compact?: boolean;
  /** A choice made earlier (a rejoin, or the server's record), shown as already answered. */
  initialChoice?: number | null;
  onAnswer?: (choice: number, result: CheckResult) => void;
}

const LETTERS = ['A', 'B', 'C', 'D'];

export function CheckQuestion({ card, compact, initialChoice = null, onAnswer }: CheckQuestionProps) {
  const [choice, setChoice] = useState<number | null>(initialChoice);
  const result = choice === null ? null : checkAnswer(card.id, choice);
  const choose = (i: number) => {
    if (choice !== null) return; // one answer per card: the first one counts, as on the server
    setChoice(i);
    onAnswer?.(i, checkAnswer(card.id, i));
  };
  return (
    <section aria-labelledby={`check-${card.id}`} className={`rounded-2xl border-2 border-accent/60 bg-panel ${compact ? 'p-3' : 'p-6'}`}>
      <h3 id={`check-${card.id}`} className="mb-1 text-[0.8em] font-bold uppercase tracking-wider text-accent">
        Check yourself
      </h3>
      <p className={`${compact ? 'text-lg' : 'text-2xl'} mb-4 font-bold text-white`}>
        <InlineText text={card.check.prompt} />
      </p>
      <div className="grid gap-3 md:grid-cols-2" role="group" aria-label="Answers">
        {card.check.choices.map((text, i) => {
          const picked = choice === i;
          const right = result !== null && i === result.answer;
          const state = result === null ? 'idle' : right ? 'right' : picked ? 'wrong' : 'other';
          const styles = {
            idle: 'border-edge bg-ink/60 hover:border-accent hover:bg-ink focus-visible:border-accent',
            right: 'border-real bg-real/15',
            wrong: 'border-fake bg-fake/15',
            other: 'border-edge bg-ink/40 opacity-60',
          }[state];
          return (
            <button
              key={i}
              type="button"
              onClick={() => choose(i)}
              disabled={result !== null}
              aria-pressed={picked}
              aria-label={`Answer ${LETTERS[i]}: ${text}${right ? ' (correct answer)' : picked ? ' (your answer, incorrect)' : ''}`}
              className={`flex min-h-14 items-start gap-3 rounded-xl border-2 px-4 py-3 text-left transition focus:outline-none focus-visible:ring-4 focus-visible:ring-white/70 disabled:cursor-default ${compact ? 'text-base' : 'text-xl'} ${styles}`}
            >
              <span className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-lg font-black ${right ? 'bg-real text-ink' : state === 'wrong' ? 'bg-fake text-white' : 'bg-edge text-white'}`} aria-hidden>
                {right ? '✓' : state === 'wrong' ? '✗' : LETTERS[i]}
              </span>
              <span className="pt-0.5">
                <InlineText text={text} />
              </span>
            </button>
          );
        })}
      </div>
      <div aria-live="polite">
        {result && (
          <div className={`mt-4 rounded-xl p-4 ${result.correct ? 'bg-real/15 ring-1 ring-real/60' : 'bg-fake/15 ring-1 ring-fake/60'}`} data-testid="check-result">
            <p className={`${compact ? 'text-lg' : 'text-2xl'} font-black ${result.correct ? 'text-real' : 'text-fake'}`}>
              {result.correct ? `Correct! +${result.points}` : `Not quite: the answer is ${LETTERS[result.answer]}.`}
            </p>
            <p className="mt-1 text-slate-200">
              <InlineText text={result.explanation} />
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
