'use client';
/** The lesson on a player's device: each card's check question, answered and scored on the server. */
import { useState } from 'react';
import { getCard } from '@/game/lessons/cards';
import type { PlayerView } from '@/game/protocol';
import { CheckQuestion } from '../components/lesson/CheckQuestion';
import { type GameSocket, call } from '../lib/socket';
import { savedToken } from './store';

export function LessonAnswers({ view, socket }: { view: PlayerView; socket: GameSocket }) {
  const [error, setError] = useState<string | null>(null);
  if (view.phase.kind !== 'lesson') return null;
  const { cards, mine } = view.phase;
  return (
    <section className="mt-3 flex flex-col gap-4" aria-label="Lesson questions">
      <h1 className="text-2xl font-black">Lesson time: look at the big screen, then answer</h1>
      {error && (
        <p role="alert" className="rounded-lg bg-fake/20 px-3 py-2 text-rose-200">
          {error}
        </p>
      )}
      {cards.map((id) => {
        const card = getCard(id);
        if (!card) return null;
        return (
          <div key={id} data-testid={`question-${id}`}>
            <p className="mb-1 font-mono text-sm text-accent">
              {card.id} · {card.title}
            </p>
            <CheckQuestion
              card={card}
              compact
              initialChoice={mine[id]?.choice ?? null}
              onAnswer={async (choice) => {
                const token = savedToken(view.pin);
                if (!token) return;
                const ack = await call(socket, 'player:answer', { pin: view.pin, playerToken: token, cardId: id, choice });
                setError(ack.ok ? null : ack.error.message);
              }}
            />
          </div>
        );
      })}
    </section>
  );
}
