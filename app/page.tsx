import Link from 'next/link';
import { JoinForm } from './components/JoinForm';
import { serverT } from './i18n/server';

export default async function Home() {
  const t = await serverT();
  const b = (chunks: React.ReactNode) => <b className="text-accent">{chunks}</b>;
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-10 px-5 py-10 sm:py-16">
      <header className="text-center">
        <h1 className="text-5xl font-black tracking-tight sm:text-7xl">
          GAN <span className="text-accent">Arena</span>
        </h1>
        <p className="mx-auto mt-4 max-w-2xl text-lg text-slate-300 sm:text-xl">{t('home.tagline')}</p>
      </header>

      <div className="grid gap-5 md:grid-cols-3">
        <section className="min-w-0 rounded-2xl border border-edge bg-panel p-5 sm:p-6">
          <h2 className="text-2xl font-bold">{t('home.joinTitle')}</h2>
          <p className="mt-1 text-slate-400">{t('home.joinHint')}</p>
          <JoinForm />
        </section>

        <section className="flex min-w-0 flex-col rounded-2xl border border-edge bg-panel p-5 sm:p-6">
          <h2 className="text-2xl font-bold">{t('home.hostTitle')}</h2>
          <p className="mt-1 flex-1 text-slate-400">{t('home.hostHint')}</p>
          <Link
            href="/host"
            className="mt-5 rounded-xl bg-accent px-5 py-4 text-center text-xl font-bold text-ink hover:brightness-110 focus:outline-none focus-visible:ring-4 focus-visible:ring-white"
          >
            {t('home.hostTitle')}
          </Link>
        </section>

        <section className="flex min-w-0 flex-col rounded-2xl border border-edge bg-panel p-5 sm:p-6">
          <h2 className="text-2xl font-bold">{t('home.soloTitle')}</h2>
          <p className="mt-1 flex-1 text-slate-400">{t('home.soloHint')}</p>
          <div className="mt-5 grid grid-cols-2 gap-3">
            <Link
              href="/solo"
              className="rounded-xl bg-accent px-4 py-4 text-center text-xl font-bold text-ink hover:brightness-110 focus:outline-none focus-visible:ring-4 focus-visible:ring-white"
            >
              {t('home.soloTitle')}
            </Link>
            <Link
              href="/lab"
              className="rounded-xl border-2 border-accent px-4 py-4 text-center text-xl font-bold text-accent hover:bg-accent/10 focus:outline-none focus-visible:ring-4 focus-visible:ring-white"
            >
              {t('home.openLab')}
            </Link>
          </div>
        </section>
      </div>

      <nav className="flex flex-wrap justify-center gap-4 text-lg" aria-label={t('home.more')}>
        <Link href="/lessons" className="rounded-xl border border-edge px-5 py-3 hover:border-accent">
          {t('home.lessons')}
        </Link>
        <Link href="/teacher" className="rounded-xl border border-edge px-5 py-3 hover:border-accent">
          {t('home.teachers')}
        </Link>
      </nav>

      <section className="rounded-2xl border border-edge bg-panel/60 p-6 text-slate-300">
        <h2 className="text-xl font-bold text-white">{t('home.howTitle')}</h2>
        <ol className="mt-3 grid gap-3 sm:grid-cols-4">
          <li>{t.rich('home.how1', { b })}</li>
          <li>{t.rich('home.how2', { b })}</li>
          <li>{t.rich('home.how3', { b })}</li>
          <li>{t.rich('home.how4', { b })}</li>
        </ol>
      </section>
    </main>
  );
}
