import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { serverT } from '@/app/i18n/server';
import { examplesFor } from '../../examples';
import { cardOf } from '../../card-of';
import { ProjectorView } from './ProjectorView';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const t = await serverT();
  const found = await cardOf((await params).id);
  return { title: found ? t('library.projectorTitle', { id: found.card.id, title: found.card.title }) : t('library.notFound') };
}

/** Any card as the projector shows it in a game, with example data: for preparing a lesson, and for the e2e check of every card. */
export default async function ProjectorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await serverT();
  const found = await cardOf(id);
  if (!found) notFound();
  const { card, prev, next } = found;
  return (
    <main>
      {/* The page's h1 names the library; the card's own title is its h2, as in a game. */}
      <h1 className="sr-only">{t('library.srProjector')}</h1>
      <ProjectorView id={card.id} prev={prev?.id ?? null} next={next?.id ?? null} examples={examplesFor(card)} />
    </main>
  );
}
