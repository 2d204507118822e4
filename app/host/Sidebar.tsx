'use client';
import type { HostView } from '@/game/protocol';
import { PixelImage } from '../components/PixelImage';

export function Leaderboard({ view }: { view: HostView }) {
  return (
    <div className="rounded-2xl border border-edge bg-panel/50 p-4">
      <h2 className="text-2xl font-bold">Leaderboard</h2>
      <ol className="mt-2 flex flex-col gap-1" data-testid="leaderboard">
        {view.leaderboard.slice(0, 8).map((e) => (
          <li key={e.playerId} className="flex justify-between gap-2 text-xl">
            <span className="truncate">
              <span className="inline-block w-8 text-slate-400">{e.rank}.</span>
              {e.nickname}
              {view.teams && <span className="ml-2 text-sm text-slate-400">{e.role === 'coach' ? 'coach' : 'judge'}</span>}
            </span>
            <b className="tabular-nums">{e.score}</b>
          </li>
        ))}
        {view.leaderboard.length === 0 && <li className="text-slate-400">Nobody yet.</li>}
      </ol>
    </div>
  );
}

export function TeamBoard({ view }: { view: HostView }) {
  if (!view.teams) return null;
  return (
    <div className="grid grid-cols-2 gap-2" data-testid="teams">
      {view.teams.map((t) => (
        <div key={t.role} className={`rounded-2xl p-3 text-center ${t.role === 'coach' ? 'bg-fake/20' : 'bg-real/20'}`}>
          <p className="text-sm uppercase tracking-wide text-slate-300">{t.role === 'coach' ? 'Coaches' : 'Discriminators'}</p>
          <p className="text-3xl font-black tabular-nums">{t.score}</p>
          <p className="text-xs text-slate-400">mean of {t.members}</p>
        </div>
      ))}
    </div>
  );
}

/** The generator's best fake of each round, so the class sees it improve. */
export function Timeline({ view }: { view: HostView }) {
  if (view.history.length === 0) return null;
  return (
    <div className="rounded-2xl border border-edge bg-panel/50 p-4">
      <h2 className="text-2xl font-bold">The generator so far</h2>
      <ol className="mt-2 grid grid-cols-4 gap-2">
        {view.history.map((r) => (
          <li key={r.round} className="text-center text-xs text-slate-300">
            {r.bestFake ? (
              <PixelImage pixels={r.bestFake} label={`Round ${r.round}: the fake that fooled the most`} />
            ) : (
              <div className="aspect-square rounded-lg bg-edge" title="No fake fooled anyone" />
            )}
            <span>
              R{r.round} · {r.fooledRate === null ? '–' : `${Math.round(r.fooledRate * 100)}%`}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
