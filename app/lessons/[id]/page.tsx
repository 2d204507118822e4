import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { CARDS, CARD_IDS, getCard } from '@/game/lessons/cards';
import { examplesFor } from '../examples';
import { CardView } from './CardView';

export function generateStaticParams() {
  return CARD_IDS.map((id) => ({ id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const card = getCard((await params).id);
  return { title: card ? `${card.id} ${card.title} · GAN Arena` : 'Lesson not found · GAN Arena' };
}

export default async function LessonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const card = getCard(id);
  if (!card) notFound();
  const i = CARDS.indexOf(card);
  const prev = CARDS[i - 1];
  const next = CARDS[i + 1];
  const nav = 'rounded-xl border border-edge bg-panel px-4 py-2 hover:border-accent focus:outline-none focus-visible:ring-4 focus-visible:ring-accent';
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6 sm:py-10">
      {/* The page's h1 names the library; the card's own title is its h2, as in a game. */}
      <h1 className="sr-only">GAN Arena lesson cards</h1>
      <nav className="flex flex-wrap items-center justify-between gap-2 text-base" aria-label="Lesson navigation">
        <Link href="/lessons" className={nav}>
          ← All lessons
        </Link>
        <span className="flex flex-wrap gap-2">
          <Link href={`/lessons/${card.id}/projector`} className={nav}>
            Projector view
          </Link>
          {prev && (
            <Link href={`/lessons/${prev.id}`} className={nav} aria-label={`Previous: ${prev.id} ${prev.title}`}>
              ← {prev.id}
            </Link>
          )}
          {next && (
            <Link href={`/lessons/${next.id}`} className={nav} aria-label={`Next: ${next.id} ${next.title}`}>
              {next.id} →
            </Link>
          )}
        </span>
      </nav>
      <CardView id={card.id} examples={examplesFor(card)} />
    </main>
  );
}
