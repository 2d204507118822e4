import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { PixelImage } from '@/app/components/PixelImage';
import { LEVELS } from '@/game/levels';
import { buildReport } from '@/server/db/report';
import { sessionDetail } from '@/server/db/sessions';
import { percent, seconds } from '@/server/db/stats';
import type { Interval } from '@/game/protocol';
import { HistogramChart, RealismChart, RoundsChart } from '../../Charts';
import { DeleteSession } from '../../DeleteSession';
import { Giveaways } from '../../Giveaways';
import { currentTeacher, dateTime } from '../../session';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Session · GAN Arena' };

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
  const levelName = (level: number) => {
    const lid = session.levels[level - 1];
    const name = lid && lid in LEVELS ? LEVELS[lid as keyof typeof LEVELS].name : lid;
    return name ? `${level}. ${name}` : `Level ${level}`;
  };

  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-6 px-5 py-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href="/teacher" className="text-slate-400 hover:text-white">
            ← All sessions
          </Link>
          <h1 className="mt-1 text-3xl font-black">
            Game <span className="font-mono text-accent">{session.pin}</span>
          </h1>
          <p className="text-slate-400">
            {dateTime(session.createdAt)} · {session.dataset} · {session.endedAt ? `ended ${dateTime(session.endedAt)}` : 'not ended'}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a href={`/api/sessions/${session.id}/csv/players`} className="rounded-lg border border-edge px-3 py-1.5 hover:bg-panel" download>
            Players CSV
          </a>
          <a href={`/api/sessions/${session.id}/csv/votes`} className="rounded-lg border border-edge px-3 py-1.5 hover:bg-panel" download>
            Votes CSV
          </a>
          <DeleteSession id={session.id} />
        </div>
      </header>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="totals">
        {[
          ['Players', String(r.totals.players), 'players'],
          ['Rounds', String(detail.rounds.length), 'rounds'],
          ['Votes', String(r.totals.votes), 'votes'],
          ['Class accuracy', percent(r.totals.accuracy), 'accuracy'],
        ].map(([k, v, t]) => (
          <div key={k} className="rounded-2xl border border-edge bg-panel p-4">
            <dt className="text-sm text-slate-400">{k}</dt>
            <dd className="text-3xl font-black tabular-nums" data-testid={`total-${t}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>

      <Section title="Roster" note="Accuracy is the share of a player's judgments that were right; speed is the mean time from a round's start to each vote.">
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Roster">
          <table className="w-full text-left tabular-nums" data-testid="roster">
            <thead className="text-sm text-slate-400">
              <tr>
                <th className="py-2 pr-3">Nickname</th>
                <th className="px-3 text-right">Score</th>
                <th className="px-3 text-right">Judged</th>
                <th className="px-3 text-right">Accuracy</th>
                <th className="px-3 text-right">Speed</th>
                <th className="px-3 text-right">Best streak</th>
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
          title="Human realism by level"
          note="How often the room was wrong, on generated and on real images, with bootstrap 95% intervals. At 50% the class can no longer tell. HYPE∞ averages each judge's own error rate over the images they judged; its interval resamples judges, so it is the honest one (the per-vote intervals treat one judge's votes as independent and come out too narrow)."
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
                <th className="text-left">Level</th>
                <th className="text-right">Error on fakes</th>
                <th className="text-right">Error on reals</th>
                <th className="text-right">HYPE∞ (per judge)</th>
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
                      ({l.realism.hype.judges} {l.realism.hype.judges === 1 ? 'judge' : 'judges'})
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>

        <Section title="Round by round" note="The fooled rate (votes that called a fake real) against the losses the trainer reported after each round.">
          <RoundsChart data={r.rounds.map(({ round, fooledRate, dLoss, gLoss }) => ({ round, fooledRate, dLoss, gLoss }))} />
        </Section>
      </div>

      <Section title="Check questions" note="Answers to the lesson cards' questions; each player's first answer counts.">
        {r.cards.length === 0 ? (
          <p className="text-slate-400">No check questions were answered in this session.</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2" data-testid="cards">
            {r.cards.map((c) => (
              <li key={c.cardId} className="rounded-xl border border-edge p-3">
                <div className="flex justify-between">
                  <b>{c.cardId}</b>
                  <span className="tabular-nums">
                    {c.correct}/{c.answered} right ({percent(c.rate)})
                  </span>
                </div>
                <div className="mt-2 h-2 overflow-hidden rounded bg-fake/40">
                  <div className="h-full bg-real" style={{ width: `${(c.rate ?? 0) * 100}%` }} />
                </div>
                <p className="mt-1 text-xs text-slate-400">
                  Choices: {Object.entries(c.choices).map(([choice, n]) => `${String.fromCharCode(65 + Number(choice))}×${n}`).join(', ')}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Giveaways giveaways={r.giveaways} levelName={levelName} />

      {r.perLevel.map((l) => (
        <Section key={l.level} title={`Level ${levelName(l.level)}`}>
          <div className="grid gap-6 md:grid-cols-2">
            <div>
              <h3 className="font-bold text-slate-300">Generated samples</h3>
              <div className="mt-2 grid grid-cols-4 gap-2 sm:grid-cols-8 md:grid-cols-4">
                {l.fakes.map((img) => (
                  <PixelImage key={img.imageId} pixels={img.pixels} label="generated image" />
                ))}
              </div>
              {l.reals.length > 0 && (
                <>
                  <h3 className="mt-3 font-bold text-slate-300">Real images shown beside them</h3>
                  <div className="mt-2 grid grid-cols-4 gap-2 sm:grid-cols-8 md:grid-cols-4">
                    {l.reals.map((img) => (
                      <PixelImage key={img.imageId} pixels={img.pixels} label="real image" />
                    ))}
                  </div>
                </>
              )}
            </div>
            <div>
              <h3 className="font-bold text-slate-300">Machine metrics</h3>
              {l.metrics ? (
                <>
                  <p className="mt-2 text-lg">
                    Fréchet distance: <b className="tabular-nums">{l.metrics.fid === null ? '–' : l.metrics.fid.toFixed(1)}</b>
                    {l.metrics.entropy !== null && (
                      <span className="text-slate-400"> · class entropy {l.metrics.entropy.toFixed(2)} bits (round {l.metrics.round})</span>
                    )}
                  </p>
                  {l.metrics.histogram && <HistogramChart counts={l.metrics.histogram.counts} classNames={l.metrics.histogram.classNames} />}
                </>
              ) : (
                <p className="mt-2 text-slate-400">The trainer reported no Fréchet distance or class histogram for this level.</p>
              )}
            </div>
          </div>
        </Section>
      ))}
    </main>
  );
}
