'use client';
/**
 * The lesson on a player's device, in step with the big screen: the question of the card on the
 * projector, in the room's order. The answer is locked in on the server; whether it was right, and why,
 * shows when the host reveals it.
 */
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { PlayerView } from '@/game/protocol';
import { CheckQuestion } from '../components/lesson/CheckQuestion';
import { type GameSocket, call } from '../lib/socket';
import { savedToken } from './store';
import { useErrorText } from '../i18n/text';
import { useCard } from '../i18n/useCards';

export function LessonAnswers({ view, socket }: { view: PlayerView; socket: GameSocket }) {
  const t = useTranslations('lesson');
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  // The choice sent and not yet in a view: shown as locked in at once, dropped if the server refuses it.
  const [sent, setSent] = useState<{ cardId: string; shown: number } | null>(null);
  const question = view.phase.kind === 'lesson' ? view.phase.question : null;
  const card = useCard(question?.id);
  if (view.phase.kind !== 'lesson') return null;
  if (card === null) return <p className="text-center text-slate-400">{t('loading')}</p>;
  if (!question || !card) {
    return <h1 className="mt-3 text-xl text-slate-300">{t('lookUp')}</h1>;
  }
  const locked = question.mine ?? (sent?.cardId === question.id ? sent.shown : null);
  return (
    <section className="mt-3 flex flex-col gap-4" aria-label={t('questionLabel')} data-testid={`question-${question.id}`}>
      <h1 className="text-2xl font-black">{t('lookThenAnswer')}</h1>
      {error && (
        <p role="alert" className="rounded-lg bg-fake/20 px-3 py-2 text-rose-200">
          {error}
        </p>
      )}
      <h2 className="font-mono text-sm text-accent">
        {t('questionOf', { index: question.index + 1, total: question.total })} · {card.id} · {card.title}
      </h2>
      <CheckQuestion
        key={card.id}
        card={card}
        compact
        room={{
          order: question.order,
          locked,
          answer: question.revealed ? question.answer : null,
          onChoose: async (shown) => {
            const token = savedToken(view.pin);
            if (!token) return;
            setSent({ cardId: card.id, shown });
            const ack = await call(socket, 'player:answer', { pin: view.pin, playerToken: token, cardId: card.id, choice: shown });
            setError(ack.ok ? null : errorText(ack.error));
            if (!ack.ok) setSent(null);
          },
        }}
      />
    </section>
  );
}
