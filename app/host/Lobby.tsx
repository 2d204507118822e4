'use client';
/** The lobby: how to join (PIN, link, QR code), who is here, and the game's settings and levels. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { CARDS } from '@/game/lessons/cards';
import { type HostView, LEVEL_IDS, type LevelId } from '@/game/protocol';
import { chooseJoinOrigin, type JoinOrigin } from '@/server/network';
import { Button } from './Button';
import { SpeedCheck } from './SpeedCheck';
import { useHostActions } from './context';
import { useHost } from './store';
import { useCards } from '../i18n/useCards';

export function Lobby({ view }: { view: HostView }) {
  const t = useTranslations('lobby');
  const locale = useLocale();
  const { send } = useHostActions();
  const trainer = useHost((s) => s.trainer);
  const join = useJoinOrigin();
  const [qr, setQr] = useState('');
  const link = join ? `${join.origin}/play?pin=${view.pin}` : '';
  useEffect(() => {
    if (!link) return;
    QRCode.toString(link, { type: 'svg', margin: 1, color: { dark: '#0b1020', light: '#ffffff' } })
      .then(setQr)
      .catch(() => setQr(''));
  }, [link]);
  const bare = (url: string) => url.replace(/^https?:\/\//, '');

  // One screen on a 1366×768 projector: how to join on one row, Start right under it, then who is
  // here and the settings (which may run below the fold: they are set before the class arrives).
  return (
    <div className="flex flex-col gap-4 rounded-2xl border border-edge bg-panel/50 p-5">
      <div className="flex flex-wrap items-center gap-x-8 gap-y-4">
        <div className="min-w-0 flex-1">
          <p className="text-xl text-slate-300">{t('pin')}</p>
          <p className="text-7xl font-black leading-none tracking-widest text-accent tabular-nums" data-testid="pin">
            {view.pin}
          </p>
          <p className="mt-3 text-xl text-slate-300">{t('orOpen')}</p>
          <p className="break-all text-3xl font-bold" data-testid="join-link" data-source={join?.source}>
            {link && bare(link)}
          </p>
          {join && join.alternatives.length > 0 && (
            <p className="mt-1 text-base text-slate-400">
              {t('alternatives', { list: join.alternatives.map((a) => `${bare(a)}/play`).join(` ${t('or')} `) })}
            </p>
          )}
        </div>
        {qr && (
          <div
            className="h-48 w-48 shrink-0 rounded-xl bg-white p-2"
            role="img"
            aria-label={t('qr', { link })}
            data-testid="qr"
            // The SVG comes from the qrcode library, built from our own link.
            dangerouslySetInnerHTML={{ __html: qr }}
          />
        )}
      </div>
      {join?.warning && (
        <p role="alert" className="rounded-xl border-2 border-fake bg-fake/15 px-4 py-3 text-lg text-rose-100" data-testid="join-warning">
          {locale === 'en' ? join.warning : t('joinWarning')}
        </p>
      )}

      <div className="flex flex-wrap items-center gap-4">
        <Button primary onClick={() => send('host:start')} disabled={view.players.length === 0 || trainer.kind === 'loading' || trainer.kind === 'failed'}>
          {t('start')}
        </Button>
        <Button onClick={() => send('host:lock', { locked: !view.locked })}>{view.locked ? t('unlock') : t('lock')}</Button>
        {trainer.kind === 'loading' && <span className="text-slate-400">{t('waitingGenerator')}</span>}
        {view.players.length === 0 && <span className="text-slate-400">{t('waitingPlayers')}</span>}
      </div>

      <div>
        <p className="text-2xl">
          <b className="tabular-nums" data-testid="player-count">
            {view.players.length}
          </b>{' '}
          {t('players', { count: view.players.length })}
          {view.locked && <span className="ml-3 text-lg text-fake">{t('locked')}</span>}
        </p>
        <ul className="mt-3 flex flex-wrap gap-3" aria-label={t('playersLabel')}>
          {view.players.map((p) => (
            <li key={p.id} className={`flex items-center gap-2 rounded-full bg-panel py-1.5 pl-4 pr-1.5 text-xl ${p.connected ? '' : 'opacity-40'}`}>
              {p.nickname}
              <button
                type="button"
                onClick={() => send('host:kick', { playerId: p.id })}
                aria-label={t('remove', { name: p.nickname })}
                className="rounded-full px-2 text-base text-slate-400 hover:bg-fake hover:text-white"
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      </div>

      <SpeedCheck view={view} />
      <Settings view={view} />
    </div>
  );
}

/**
 * Where phones join: GET /api/network answers with this machine's LAN address when the page was opened
 * at localhost (a link no phone could follow), the page's own origin otherwise, PUBLIC_URL over both.
 * Without an answer, the same choice is made here with no addresses: the page's origin, or a warning.
 */
function useJoinOrigin(): JoinOrigin | null {
  const [join, setJoin] = useState<JoinOrigin | null>(null);
  useEffect(() => {
    let live = true;
    const local = () => chooseJoinOrigin({ interfaces: {}, requestHost: window.location.host, protocol: window.location.protocol });
    fetch('/api/network', { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<JoinOrigin>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((j) => live && setJoin(typeof j?.origin === 'string' ? j : local()))
      .catch(() => live && setJoin(local()));
    return () => {
      live = false;
    };
  }, []);
  return join;
}

function NumberSetting(props: { label: string; value: number; min: number; max: number; onChange: (v: number) => void }) {
  return (
    <label className="flex items-center justify-between gap-3">
      <span className="text-slate-300">{props.label}</span>
      <input
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isInteger(v) && v >= props.min && v <= props.max) props.onChange(v);
        }}
        className="w-24 rounded-lg border-2 border-edge bg-ink px-3 py-1.5 text-right text-lg"
      />
    </label>
  );
}

function Settings({ view }: { view: HostView }) {
  const t = useTranslations('lobby');
  const tl = useTranslations('levels');
  const { send } = useHostActions();
  const s = view.settings;
  const chosen = view.levels.map((l) => l.id);
  const set = (patch: Partial<typeof s>) => send('host:settings', { settings: patch });
  const setLevels = (levels: LevelId[]) => levels.length > 0 && send('host:settings', { settings: {}, levels });
  const move = (i: number, d: -1 | 1) => {
    const next = [...chosen];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    void setLevels(next);
  };
  return (
    <details className="rounded-xl border border-edge bg-ink/40 p-4" open>
      <summary className="cursor-pointer text-xl font-bold">{t('settings')}</summary>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <div className="flex flex-col gap-3 text-lg">
          <NumberSetting label={t('roundSeconds')} value={s.roundSeconds} min={5} max={300} onChange={(v) => set({ roundSeconds: v })} />
          <NumberSetting label={t('imagesPerRound')} value={s.imagesPerRound} min={2} max={24} onChange={(v) => set({ imagesPerRound: v })} />
          <NumberSetting label={t('roundsPerLevel')} value={s.roundsPerLevel} min={1} max={20} onChange={(v) => set({ roundsPerLevel: v })} />
          <label className="flex items-center justify-between gap-3">
            <span className="text-slate-300">{t('teams')}</span>
            <input type="checkbox" checked={s.teams} onChange={(e) => set({ teams: e.target.checked })} className="h-6 w-6 accent-amber-400" />
          </label>
          {s.teams && (
            <label className="flex items-center justify-between gap-3">
              <span className="text-slate-300">{t('swapRoles')}</span>
              <input type="checkbox" checked={s.swapRoles} onChange={(e) => set({ swapRoles: e.target.checked })} className="h-6 w-6 accent-amber-400" />
            </label>
          )}
        </div>
        <div>
          <p className="text-slate-300">{t('levels')}</p>
          <ol className="mt-2 flex flex-col gap-1.5" aria-label={t('levelsLabel')}>
            {chosen.map((id, i) => (
              <li key={id} className="flex items-center gap-2 rounded-lg bg-panel px-3 py-1.5">
                <span className="w-6 text-slate-400">{i + 1}.</span>
                <span className="flex-1">
                  {tl(`${id}.name`)}
                  <CardPicker level={id} chosen={view.levels[i].cards} />
                </span>
                <button type="button" aria-label={t('moveUp', { name: tl(`${id}.name`) })} disabled={i === 0} onClick={() => move(i, -1)} className="px-2 disabled:opacity-30">
                  ↑
                </button>
                <button type="button" aria-label={t('moveDown', { name: tl(`${id}.name`) })} disabled={i === chosen.length - 1} onClick={() => move(i, 1)} className="px-2 disabled:opacity-30">
                  ↓
                </button>
                <button type="button" aria-label={t('leaveOut', { name: tl(`${id}.name`) })} disabled={chosen.length === 1} onClick={() => setLevels(chosen.filter((c) => c !== id))} className="px-2 text-slate-400 disabled:opacity-30">
                  ✕
                </button>
              </li>
            ))}
          </ol>
          {LEVEL_IDS.some((id) => !chosen.includes(id)) && (
            <div className="mt-3 flex flex-wrap gap-2">
              {LEVEL_IDS.filter((id) => !chosen.includes(id)).map((id) => (
                <button key={id} type="button" onClick={() => setLevels([...chosen, id])} className="rounded-full border border-edge px-3 py-1 text-sm hover:border-accent">
                  + {tl(`${id}.name`)}
                </button>
              ))}
            </div>
          )}
        </div>
      </div>
    </details>
  );
}

/** Which lesson cards follow a level: the level's own by default, the teacher's choice otherwise. */
function CardPicker({ level, chosen }: { level: LevelId; chosen: string[] }) {
  const t = useTranslations('lobby');
  const tl = useTranslations('levels');
  const cards = useCards();
  const { send } = useHostActions();
  const [open, setOpen] = useState(false);
  const toggle = (id: string) => {
    const next = chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id];
    void send('host:settings', { settings: {}, cards: { [level]: CARDS.map((c) => c.id).filter((c) => next.includes(c)) } });
  };
  return (
    <span className="ml-2 text-sm text-slate-400">
      <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open} className="underline decoration-dotted hover:text-white">
        {t('cards', { cards: chosen.join(' ') || 'none' })}
      </button>
      {open && (
        <span className="mt-2 flex flex-wrap gap-1.5" role="group" aria-label={t('cardsAfter', { name: tl(`${level}.name`) })}>
          {CARDS.map((c) => (
            <label key={c.id} title={cards?.find((l) => l.id === c.id)?.title ?? c.id} className={`cursor-pointer rounded-md px-2 py-0.5 font-mono ${chosen.includes(c.id) ? 'bg-accent text-ink' : 'bg-ink text-slate-300'}`}>
              <input type="checkbox" className="sr-only" checked={chosen.includes(c.id)} onChange={() => toggle(c.id)} />
              {c.id}
            </label>
          ))}
        </span>
      )}
    </span>
  );
}
