'use client';
/**
 * The card's multiple-choice check, in two modes.
 *
 * Self-check (the library pages): choices in authored order, scored locally with the same pure
 * checkAnswer the server uses, so the reader sees the explanation at once.
 *
 * In a room (`room`): the server decides. Choices come in the room's order, an answer is only locked in,
 * and whether it was right, the right answer and the explanation show once the big screen reveals them.
 */
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { CHECK_POINTS, checkAnswer, type CheckResult } from '@/game/lessons/check';
import type { LessonCard } from '@/game/lessons/types';
import { InlineText } from './RichText';

/** A check question in a room: the server's order, the answer locked in, and the right one once revealed. */
export interface RoomCheck {
  /** order[shown] = authored index into the card's choices. */
  order: number[];
  /** The shown position locked in; null before the player answers. */
  locked: number | null;
  /** The right answer's shown position once revealed; null before. */
  answer: number | null;
  onChoose: (shown: number) => void;
}

export interface CheckQuestionProps {
  card: LessonCard;
  compact?: boolean;
  /** Self-check: a choice made earlier, shown as already answered. */
  initialChoice?: number | null;
  /** Self-check: called with the first choice and its local score. */
  onAnswer?: (choice: number, result: CheckResult) => void;
  /** In a room: the server's order and verdict instead of local scoring. */
  room?: RoomCheck;
}

const LETTERS = ['A', 'B', 'C', 'D'];

/** What the question shows, whichever mode decided it. Positions are as shown. */
interface Shown {
  choices: string[];
  picked: number | null;
  /** The right position, once known. */
  answer: number | null;
  onChoose: (shown: number) => void;
}

export function CheckQuestion({ card, compact, initialChoice = null, onAnswer, room }: CheckQuestionProps) {
  const t = useTranslations('lesson');
  const [choice, setChoice] = useState<number | null>(initialChoice);
  const shown: Shown = room
    ? { choices: room.order.map((i) => card.check.choices[i]), picked: room.locked, answer: room.answer, onChoose: room.onChoose }
    : {
        choices: card.check.choices,
        picked: choice,
        answer: choice === null ? null : card.check.answer,
        onChoose: (i) => {
          setChoice(i);
          onAnswer?.(i, checkAnswer(card.id, i));
        },
      };
  const { choices, picked, answer } = shown;
  const revealed = answer !== null;
  // One answer per card: the first one counts, as on the server.
  const closed = picked !== null || revealed;
  return (
    <section aria-labelledby={`check-${card.id}`} className={`rounded-2xl border-2 border-accent/60 bg-panel ${compact ? 'p-3' : 'p-6'}`}>
      <h3 id={`check-${card.id}`} className="mb-1 text-[0.8em] font-bold uppercase tracking-wider text-accent">
        {t('checkYourself')}
      </h3>
      <p className={`${compact ? 'text-lg' : 'text-2xl'} mb-4 font-bold text-white`}>
        <InlineText text={card.check.prompt} />
      </p>
      <div className="grid gap-3 md:grid-cols-2" role="group" aria-label={t('answers')}>
        {choices.map((text, i) => {
          const mine = picked === i;
          const right = revealed && i === answer;
          const state = !revealed ? (mine ? 'locked' : closed ? 'other' : 'idle') : right ? 'right' : mine ? 'wrong' : 'other';
          const styles = {
            idle: 'border-edge bg-ink/60 hover:border-accent hover:bg-ink focus-visible:border-accent',
            locked: 'border-accent bg-accent/15',
            right: 'border-real bg-real/15',
            wrong: 'border-fake bg-fake/15',
            other: 'border-edge bg-ink/40 opacity-60',
          }[state];
          const note = right ? 'right' : state === 'wrong' ? 'wrong' : mine ? 'mine' : 'none';
          return (
            <button
              key={i}
              type="button"
              onClick={() => !closed && shown.onChoose(i)}
              disabled={closed}
              aria-pressed={mine}
              aria-label={t('answerLabel', { letter: LETTERS[i], text, note })}
              className={`flex min-h-14 items-start gap-3 rounded-xl border-2 px-4 py-3 text-left transition focus:outline-none focus-visible:ring-4 focus-visible:ring-white/70 disabled:cursor-default ${compact ? 'text-base' : 'text-xl'} ${styles}`}
            >
              <span className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-lg font-black ${right ? 'bg-real text-ink' : state === 'wrong' ? 'bg-fake text-white' : state === 'locked' ? 'bg-accent text-ink' : 'bg-edge text-white'}`} aria-hidden>
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
        {revealed ? (
          <Verdict card={card} picked={picked} answer={answer} compact={compact} />
        ) : (
          picked !== null && (
            <p className="mt-4 rounded-xl bg-accent/10 p-4 text-lg font-bold text-accent ring-1 ring-accent/60" data-testid="locked-in">
              {t('lockedIn')}
            </p>
          )
        )}
      </div>
    </section>
  );
}

function Verdict({ card, picked, answer, compact }: { card: LessonCard; picked: number | null; answer: number; compact?: boolean }) {
  const t = useTranslations('lesson');
  const correct = picked === answer;
  const headline = correct ? t('correct', { points: CHECK_POINTS }) : picked === null ? t('theAnswer', { letter: LETTERS[answer] }) : t('notQuite', { letter: LETTERS[answer] });
  return (
    <div className={`mt-4 rounded-xl p-4 ${correct ? 'bg-real/15 ring-1 ring-real/60' : 'bg-fake/15 ring-1 ring-fake/60'}`} data-testid="check-result">
      <p className={`${compact ? 'text-lg' : 'text-2xl'} font-black ${correct ? 'text-real' : 'text-rose-300'}`}>{headline}</p>
      <p className="mt-1 text-slate-200">
        <InlineText text={card.check.explanation} />
      </p>
    </div>
  );
}
