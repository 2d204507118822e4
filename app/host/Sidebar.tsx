'use client';
import { useFormatter, useTranslations } from 'use-intl';
import type { HostView } from '@/game/protocol';
import { PixelImage } from '../components/PixelImage';

export function Leaderboard({ view }: { view: HostView }) {
  const t = useTranslations('host');
  return (
    <div className="rounded-2xl border border-edge bg-panel/50 p-4">
      <h2 className="text-2xl font-bold">{t('leaderboard')}</h2>
      <ol className="mt-2 flex flex-col gap-1" data-testid="leaderboard">
        {view.leaderboard.slice(0, 8).map((e) => (
          <li key={e.playerId} className="flex justify-between gap-2 text-xl">
            <span className="truncate">
              <span className="inline-block w-8 text-slate-400">{e.rank}.</span>
              {e.nickname}
              {view.teams && <span className="ml-2 text-sm text-slate-400">{e.role === 'coach' ? t('coach') : t('judge')}</span>}
            </span>
            <b className="tabular-nums">{e.score}</b>
          </li>
        ))}
        {view.leaderboard.length === 0 && <li className="text-slate-400">{t('nobodyYet')}</li>}
      </ol>
    </div>
  );
}

export function TeamBoard({ view }: { view: HostView }) {
  const tr = useTranslations('host');
  if (!view.teams) return null;
  return (
    <div className="grid grid-cols-2 gap-2" data-testid="teams">
      {view.teams.map((t) => (
        <div key={t.role} className={`rounded-2xl p-3 text-center ${t.role === 'coach' ? 'bg-fake/20' : 'bg-real/20'}`}>
          <p className="text-sm uppercase tracking-wide text-slate-300">{t.role === 'coach' ? tr('coaches') : tr('discriminators')}</p>
          <p className="text-3xl font-black tabular-nums">{t.score}</p>
          <p className="text-xs text-slate-400">{tr('meanOf', { n: t.members })}</p>
        </div>
      ))}
    </div>
  );
}

/** The generator's best fake of each round, so the class sees it improve. */
export function Timeline({ view }: { view: HostView }) {
  const t = useTranslations('host');
  const format = useFormatter();
  if (view.history.length === 0) return null;
  return (
    <div className="rounded-2xl border border-edge bg-panel/50 p-4">
      <h2 className="text-2xl font-bold">{t('soFar')}</h2>
      <ol className="mt-2 grid grid-cols-4 gap-2">
        {view.history.map((r) => (
          <li key={r.round} className="text-center text-xs text-slate-300">
            {r.bestFake ? (
              <PixelImage pixels={r.bestFake} label={t('bestFake', { round: r.round })} />
            ) : (
              <div className="aspect-square rounded-lg bg-edge" title={t('noneFooled')} />
            )}
            <span>
              {t('roundShort', { round: r.round })} · {r.fooledRate === null ? '–' : format.number(r.fooledRate, { style: 'percent' })}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
