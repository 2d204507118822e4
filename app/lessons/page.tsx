import Link from 'next/link';
import { cardsByGroup } from '@/game/lessons/cards';
import { loadCards } from '@/game/lessons/localized';
import { groupKey } from '../i18n/groups';
import { requestLocale, serverT } from '../i18n/server';

export default async function LessonsPage() {
  const t = await serverT();
  const CARDS = await loadCards(await requestLocale());
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-8 px-5 py-10">
      <header>
        <p className="text-sm font-bold uppercase tracking-wider text-accent">GAN Arena</p>
        <h1 className="text-4xl font-black sm:text-6xl">{t('library.title')}</h1>
        <p className="mt-3 max-w-3xl text-lg text-slate-300">{t('library.intro', { n: CARDS.length })}</p>
      </header>
      {cardsByGroup(CARDS).map(({ group, cards }) => (
        <section key={group} aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`} className="mb-3 text-2xl font-bold text-white">
            {t(`lessonGroups.${groupKey(group)}`)}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {cards.map((c) => (
              <li key={c.id}>
                <Link
                  href={`/lessons/${c.id}`}
                  className="flex h-full flex-col gap-1 rounded-2xl border border-edge bg-panel p-4 transition hover:border-accent focus:outline-none focus-visible:ring-4 focus-visible:ring-accent"
                >
                  <span className="flex items-center gap-2">
                    <span className="rounded-md bg-accent px-2 py-0.5 font-mono text-sm font-black text-ink">{c.id}</span>
                    {c.live.length > 0 && <span className="text-xs text-slate-400">{t('library.withData')}</span>}
                  </span>
                  <span className="text-lg font-bold text-white">{c.title}</span>
                  <span className="text-slate-300">{c.summary}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
