import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { serverT } from '@/app/i18n/server';
import { cardOf } from '../card-of';
import { examplesFor } from '../examples';
import { CardView } from './CardView';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const t = await serverT();
  const found = await cardOf((await params).id);
  return { title: found ? t('library.cardTitle', { id: found.card.id, title: found.card.title }) : t('library.notFound') };
}

export default async function LessonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await serverT();
  const found = await cardOf(id);
  if (!found) notFound();
  const { card, prev, next } = found;
  const nav = 'rounded-xl border border-edge bg-panel px-4 py-2 hover:border-accent focus:outline-none focus-visible:ring-4 focus-visible:ring-accent';
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6 sm:py-10">
      {/* The page's h1 names the library; the card's own title is its h2, as in a game. */}
      <h1 className="sr-only">{t('library.srTitle')}</h1>
      <nav className="flex flex-wrap items-center justify-between gap-2 text-base" aria-label={t('library.nav')}>
        <Link href="/lessons" className={nav}>
          {t('library.all')}
        </Link>
        <span className="flex flex-wrap gap-2">
          <Link href={`/lessons/${card.id}/projector`} className={nav}>
            {t('library.projector')}
          </Link>
          {prev && (
            <Link href={`/lessons/${prev.id}`} className={nav} aria-label={t('library.previous', { id: prev.id, title: prev.title })}>
              ← {prev.id}
            </Link>
          )}
          {next && (
            <Link href={`/lessons/${next.id}`} className={nav} aria-label={t('library.next', { id: next.id, title: next.title })}>
              {next.id} →
            </Link>
          )}
        </span>
      </nav>
      <CardView id={card.id} examples={examplesFor(card)} />
    </main>
  );
}
