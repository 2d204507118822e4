import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { CARDS, CARD_IDS, getCard } from '@/game/lessons/cards';
import { examplesFor } from '../../examples';
import { ProjectorView } from './ProjectorView';

export function generateStaticParams() {
  return CARD_IDS.map((id) => ({ id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const card = getCard((await params).id);
  return { title: card ? `${card.id} ${card.title} (projector) · GAN Arena` : 'Lesson not found · GAN Arena' };
}

/** Any card as the projector shows it in a game, with example data: for preparing a lesson, and for the e2e check of every card. */
export default async function ProjectorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const card = getCard(id);
  if (!card) notFound();
  const i = CARDS.indexOf(card);
  return (
    <main>
      {/* The page's h1 names the library; the card's own title is its h2, as in a game. */}
      <h1 className="sr-only">GAN Arena lesson cards, projector view</h1>
      <ProjectorView id={card.id} prev={CARDS[i - 1]?.id ?? null} next={CARDS[i + 1]?.id ?? null} examples={examplesFor(card)} />
    </main>
  );
}
