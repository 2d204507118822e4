import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { PixelImage } from '@/app/components/PixelImage';
import { LEVEL_IDS, type LevelId } from '@/game/vocabulary';
import { buildReport } from '@/server/db/report';
import { sessionDetail } from '@/server/db/sessions';
import { percent, seconds } from '@/server/db/stats';
import type { Interval } from '@/game/protocol';
import { HistogramChart, RealismChart, RoundsChart } from '../../Charts';
import { DeleteSession } from '../../DeleteSession';
import { Giveaways } from '../../Giveaways';
import { currentTeacher, dateTime } from '../../session';
import { pageTitle, requestLocale, serverT } from '@/app/i18n/server';

export const dynamic = 'force-dynamic';
export const generateMetadata = () => pageTitle('session');

const interval = (i: Interval | null) => (i ? `${percent(i.low)}–${percent(i.high)}` : '');
const errBar = (rate: number | null, i: Interval | null): [number, number] | null =>
  rate === null || !i ? null : [Math.max(0, rate - i.low), Math.max(0, i.high - rate)];

function Section({ title, children, note }: { title: string; children: React.ReactNode; note?: string }) {
  return (
    <section className="rounded-2xl border border-edge bg-panel p-5">
      <h2 className="text-xl font-bold">{title}</h2>
      {note && <p className="mt-1 text-sm text-slate-400">{note}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { db, teacher } = await currentTeacher();
  if (!teacher) redirect('/teacher');
  const { id } = await params;
  const detail = await sessionDetail(db, teacher.id, id);
  // Another teacher's session looks exactly like a missing one.
  if (!detail) notFound();
  const r = buildReport(detail);
  const { session } = detail;
  const t = await serverT();
  const locale = await requestLocale();
  const levelName = (level: number) => {
    const lid = session.levels[level - 1];
    const name = lid && (LEVEL_IDS as readonly string[]).includes(lid) ? t(`levels.${lid as LevelId}.name`) : lid;
    return name ? `${level}. ${name}` : t('teacher.levelN', { level });
  };

  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-6 px-5 py-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href="/teacher" className="text-slate-400 hover:text-white">
            {t('teacher.allSessions')}
          </Link>
          <h1 className="mt-1 text-3xl font-black">
            {t.rich('teacher.game', { pin: session.pin, p: (c) => <span className="font-mono text-accent">{c}</span> })}
          </h1>
          <p className="text-slate-400">
            {dateTime(session.createdAt, locale)} · {t(`teacher.datasets.${session.dataset === 'fashion' ? 'fashion' : 'digits'}`)} ·{' '}
            {session.endedAt ? t('teacher.endedAt', { when: dateTime(session.endedAt, locale) }) : t('teacher.notEnded')}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a href={`/api/sessions/${session.id}/csv/players`} className="rounded-lg border border-edge px-3 py-1.5 hover:bg-panel" download>
            {t('teacher.playersCsv')}
          </a>
          <a href={`/api/sessions/${session.id}/csv/votes`} className="rounded-lg border border-edge px-3 py-1.5 hover:bg-panel" download>
            {t('teacher.votesCsv')}
          </a>
          <DeleteSession id={session.id} />
        </div>
      </header>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="totals">
        {[
          [t('teacher.players'), String(r.totals.players), 'players'],
          [t('teacher.rounds'), String(detail.rounds.length), 'rounds'],
          [t('teacher.votes'), String(r.totals.votes), 'votes'],
          [t('teacher.classAccuracy'), percent(r.totals.accuracy), 'accuracy'],
        ].map(([k, v, t]) => (
          <div key={k} className="rounded-2xl border border-edge bg-panel p-4">
            <dt className="text-sm text-slate-400">{k}</dt>
            <dd className="text-3xl font-black tabular-nums" data-testid={`total-${t}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>

      <Section title={t('teacher.roster')} note={t('teacher.rosterNote')}>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('teacher.roster')}>
          <table className="w-full text-left tabular-nums" data-testid="roster">
            <thead className="text-sm text-slate-400">
              <tr>
                <th className="py-2 pr-3">{t('teacher.nickname')}</th>
                <th className="px-3 text-right">{t('teacher.score')}</th>
                <th className="px-3 text-right">{t('teacher.judged')}</th>
                <th className="px-3 text-right">{t('teacher.accuracy')}</th>
                <th className="px-3 text-right">{t('teacher.speed')}</th>
                <th className="px-3 text-right">{t('teacher.bestStreak')}</th>
                {r.levels.map((l) => (
                  <th key={l} className="px-3 text-right" title={levelName(l)}>
                    L{l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.roster.map((p) => (
                <tr key={p.id} className="border-t border-edge" data-testid="roster-row" data-nickname={p.nickname}>
                  <td className="py-2 pr-3 font-bold">{p.nickname}</td>
                  <td className="px-3 text-right">{p.score}</td>
                  <td className="px-3 text-right" data-testid="judged">{p.judged}</td>
                  <td className="px-3 text-right" data-testid="accuracy">{percent(p.accuracy)}</td>
                  <td className="px-3 text-right">{seconds(p.meanAnswerMs)}</td>
                  <td className="px-3 text-right">{p.bestStreak}</td>
                  {p.perLevel.map((l) => (
                    <td key={l.level} className="px-3 text-right">
                      <span
                        className="inline-block min-w-14 rounded px-2 py-0.5"
                        style={{ background: l.accuracy === null ? 'transparent' : `rgba(34,197,94,${0.15 + 0.4 * l.accuracy})` }}
                      >
                        {percent(l.accuracy)}
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section
          title={t('teacher.realism')}
          note={t('teacher.realismNote')}
        >
          <RealismChart
            data={r.perLevel.map((l) => ({
              label: `L${l.level}`,
              fakes: l.realism.fakeErrorRate,
              reals: l.realism.realErrorRate,
              fakesErr: errBar(l.realism.fakeErrorRate, l.realism.fakeInterval),
              realsErr: errBar(l.realism.realErrorRate, l.realism.realInterval),
            }))}
          />
          <table className="mt-3 w-full text-sm tabular-nums" data-testid="realism">
            <thead className="text-slate-400">
              <tr>
                <th className="text-left">{t('teacher.level')}</th>
                <th className="text-right">{t('teacher.errorFakes')}</th>
                <th className="text-right">{t('teacher.errorReals')}</th>
                <th className="text-right">{t('teacher.hype')}</th>
              </tr>
            </thead>
            <tbody>
              {r.perLevel.map((l) => (
                <tr key={l.level} className="border-t border-edge">
                  <td className="py-1">{levelName(l.level)}</td>
                  <td className="text-right" data-testid={`fake-error-${l.level}`}>
                    {percent(l.realism.fakeErrorRate)} <span className="text-slate-400">{interval(l.realism.fakeInterval)}</span>
                    <span className="text-slate-400"> ({l.realism.fakeErrors}/{l.realism.fakeVotes})</span>
                  </td>
                  <td className="text-right" data-testid={`real-error-${l.level}`}>
                    {percent(l.realism.realErrorRate)} <span className="text-slate-400">{interval(l.realism.realInterval)}</span>
                    <span className="text-slate-400"> ({l.realism.realErrors}/{l.realism.realVotes})</span>
                  </td>
                  <td className="text-right" data-testid={`hype-${l.level}`}>
                    {percent(l.realism.hype.score)} <span className="text-slate-400">{interval(l.realism.hype.interval)}</span>
                    <span className="text-slate-400">
                      {' '}
                      ({t('teacher.judges', { n: l.realism.hype.judges })})
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>

        <Section title={t('teacher.byRound')} note={t('teacher.byRoundNote')}>
          <RoundsChart data={r.rounds.map(({ round, fooledRate, dLoss, gLoss }) => ({ round, fooledRate, dLoss, gLoss }))} />
        </Section>
      </div>

      <Section title={t('teacher.checks')} note={t('teacher.checksNote')}>
        {r.cards.length === 0 ? (
          <p className="text-slate-400">{t('teacher.noChecks')}</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2" data-testid="cards">
            {r.cards.map((c) => (
              <li key={c.cardId} className="rounded-xl border border-edge p-3">
                <div className="flex justify-between">
                  <b>{c.cardId}</b>
                  <span className="tabular-nums">
                    {t('teacher.right', { correct: c.correct, answered: c.answered, rate: percent(c.rate) })}
                  </span>
                </div>
                <div className="mt-2 h-2 overflow-hidden rounded bg-fake/40">
                  <div className="h-full bg-real" style={{ width: `${(c.rate ?? 0) * 100}%` }} />
                </div>
                <p className="mt-1 text-xs text-slate-400">
                  {t('teacher.choices')}: {Object.entries(c.choices).map(([choice, n]) => `${String.fromCharCode(65 + Number(choice))}×${n}`).join(', ')}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Giveaways giveaways={r.giveaways} levelName={levelName} />

      {r.perLevel.map((l) => (
        <Section key={l.level} title={t('teacher.levelTitle', { name: levelName(l.level) })}>
          <div className="grid gap-6 md:grid-cols-2">
            <div>
              <h3 className="font-bold text-slate-300">{t('teacher.generated')}</h3>
              <div className="mt-2 grid grid-cols-4 gap-2 sm:grid-cols-8 md:grid-cols-4">
                {l.fakes.map((img) => (
                  <PixelImage key={img.imageId} pixels={img.pixels} label={t('teacher.generatedImage')} />
                ))}
              </div>
              {l.reals.length > 0 && (
                <>
                  <h3 className="mt-3 font-bold text-slate-300">{t('teacher.reals')}</h3>
                  <div className="mt-2 grid grid-cols-4 gap-2 sm:grid-cols-8 md:grid-cols-4">
                    {l.reals.map((img) => (
                      <PixelImage key={img.imageId} pixels={img.pixels} label={t('teacher.realImage')} />
                    ))}
                  </div>
                </>
              )}
            </div>
            <div>
              <h3 className="font-bold text-slate-300">{t('teacher.metrics')}</h3>
              {l.metrics ? (
                <>
                  <p className="mt-2 text-lg">
                    {t('teacher.fid')}: <b className="tabular-nums">{l.metrics.fid === null ? '–' : l.metrics.fid.toFixed(1)}</b>
                    {l.metrics.entropy !== null && (
                      <span className="text-slate-400"> · {t('teacher.entropy', { bits: l.metrics.entropy.toFixed(2), round: l.metrics.round })}</span>
                    )}
                  </p>
                  {l.metrics.histogram && <HistogramChart counts={l.metrics.histogram.counts} classNames={l.metrics.histogram.classNames} />}
                </>
              ) : (
                <p className="mt-2 text-slate-400">{t('teacher.noMetrics')}</p>
              )}
            </div>
          </div>
        </Section>
      ))}
    </main>
  );
}
