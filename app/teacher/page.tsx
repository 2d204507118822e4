import Link from 'next/link';
import { listSessions } from '@/server/db/sessions';
import { retentionDays } from '@/server/db/retention';
import { AuthForm } from './AuthForm';
import { SignOut } from './SignOut';
import { currentTeacher, dateTime } from './session';
import { pageTitle, requestLocale, serverT } from '@/app/i18n/server';

export const dynamic = 'force-dynamic';
export const generateMetadata = () => pageTitle('teacher');

export default async function TeacherPage() {
  const { db, teacher } = await currentTeacher();
  const t = await serverT();
  const locale = await requestLocale();
  if (!teacher) {
    return (
      <main className="mx-auto max-w-5xl px-5 py-10">
        <h1 className="text-center text-4xl font-black">
          {t.rich('teacher.dashboard', { a: (c) => <span className="text-accent">{c}</span> })}
        </h1>
        <p className="mx-auto mt-3 max-w-xl text-center text-slate-300">{t('teacher.signInFirst')}</p>
        <AuthForm />
      </main>
    );
  }
  const sessions = await listSessions(db, teacher.id);
  return (
    <main className="mx-auto max-w-5xl px-5 py-10">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-black">{t('teacher.yourSessions')}</h1>
        <div className="flex items-center gap-3 text-slate-400">
          <span data-testid="teacher-email">{teacher.email}</span>
          <SignOut />
        </div>
      </header>
      <p className="mt-2 text-slate-400">
        {t('teacher.retention', { days: retentionDays() })}{' '}
        <Link href="/host" className="text-accent underline">
          {t('home.hostTitle')}
        </Link>
      </p>
      {sessions.length === 0 ? (
        <p className="mt-8 rounded-2xl border border-dashed border-edge p-8 text-center text-slate-400">{t('teacher.none')}</p>
      ) : (
        // On a phone: the dataset, rounds and votes are left out (the session page has them), and what is
        // still too wide scrolls inside its box, not the page.
        <div className="-mx-2 mt-6 overflow-x-auto px-2" tabIndex={0} role="region" aria-label={t('teacher.yourSessions')}>
          <table className="w-full border-separate border-spacing-y-2 text-left" data-testid="session-list">
            <thead className="text-sm text-slate-400">
              <tr>
                <th className="px-2 sm:px-3">{t('teacher.when')}</th>
                <th className="px-2 sm:px-3">{t('teacher.pin')}</th>
                <th className="hidden px-2 sm:table-cell sm:px-3">{t('teacher.dataset')}</th>
                <th className="px-2 sm:px-3 text-right">{t('teacher.players')}</th>
                <th className="hidden px-2 text-right sm:table-cell sm:px-3">{t('teacher.rounds')}</th>
                <th className="hidden px-2 text-right sm:table-cell sm:px-3">{t('teacher.votes')}</th>
                <th className="px-2 sm:px-3">{t('teacher.status')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} className="bg-panel">
                  <td className="rounded-l-xl px-2 sm:px-3 py-3">
                    <Link href={`/teacher/sessions/${s.id}`} className="font-bold text-accent underline-offset-4 hover:underline">
                      {dateTime(s.createdAt, locale)}
                    </Link>
                  </td>
                  <td className="px-2 sm:px-3 font-mono">{s.pin}</td>
                  <td className="hidden px-2 sm:table-cell sm:px-3">{t(`teacher.datasets.${s.dataset === 'fashion' ? 'fashion' : 'digits'}`)}</td>
                  <td className="px-2 sm:px-3 text-right tabular-nums">{s.players}</td>
                  <td className="hidden px-2 text-right tabular-nums sm:table-cell sm:px-3">{s.rounds}</td>
                  <td className="hidden px-2 text-right tabular-nums sm:table-cell sm:px-3">{s.votes}</td>
                  <td className="rounded-r-xl px-2 sm:px-3 text-slate-400">{s.endedAt ? t('teacher.ended') : t('teacher.open')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
