'use client';
/**
 * Solo play: the classroom game for one, with the generator training in this browser. A start menu
 * (continue, or a new game as judge or coach), then the level's phases driven by SoloDriver.
 * URL flags: preset=tiny (few images and steps, for tests), levels=a,b (a campaign), backend=webgl.
 */
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import { DEFAULT_CAMPAIGN, LEVELS } from '@/game/levels';
import { BackendSchema, type LevelId } from '@/game/protocol';
import { DEFAULT_TARGETS, SAVE_KEY, createSoloGame, parseSave, soloMode, type SoloMode, type SoloSave, type SoloTarget } from '@/game/solo';
import { seededRng } from '@/game/rng';
import { BackendBadge } from '../components/solo/BackendBadge';
import { SoloDriver, forgetSolo } from './driver';
import { SoloGame } from './SoloGame';
import { useSolo } from './store';

function campaignFrom(param: string | null): LevelId[] {
  const ids = (param ?? '').split(',').filter((x): x is LevelId => x in LEVELS);
  return ids.length ? ids : DEFAULT_CAMPAIGN;
}

export function SoloScreen() {
  const t = useTranslations('solo');
  const params = useSearchParams();
  const tiny = params.get('preset') === 'tiny';
  const backend = BackendSchema.safeParse(params.get('backend'));
  const prefer = backend.success ? [backend.data] : undefined;
  const levels = campaignFrom(params.get('levels'));
  const driverRef = useRef<SoloDriver | null>(null);
  const [saved, setSaved] = useState<SoloSave | null | undefined>(undefined);
  const [playing, setPlaying] = useState(false);
  const trainer = useSolo((s) => s.trainer);
  const error = useSolo((s) => s.error);

  useEffect(() => {
    setSaved(parseSave(localStorage.getItem(SAVE_KEY)));
    return () => {
      driverRef.current?.dispose();
      driverRef.current = null;
      useSolo.getState().reset();
    };
  }, []);

  const begin = (save: SoloSave, resumed: boolean) => {
    driverRef.current?.dispose();
    const d = new SoloDriver(save, { tiny, prefer });
    driverRef.current = d;
    useSolo.getState().set({ error: null });
    d.start(resumed);
    setPlaying(true);
  };

  const newGame = async (mode: SoloMode, target: SoloTarget | null) => {
    await forgetSolo();
    const now = Date.now();
    const room = createSoloGame({ mode, levels, tiny }, { now, rng: seededRng(now >>> 0) });
    begin({ version: 1, room, machine: {}, labels: {}, calibration: null, losses: [], fids: [], target, heartbeat: now }, false);
  };

  const quit = () => {
    driverRef.current?.dispose();
    driverRef.current = null;
    useSolo.getState().reset();
    setSaved(parseSave(localStorage.getItem(SAVE_KEY)));
    setPlaying(false);
  };

  return (
    <main className="mx-auto flex min-h-dvh max-w-5xl flex-col gap-4 px-4 pb-10 pt-4 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <Link href="/" className="text-lg font-bold">
          GAN <span className="text-accent">Arena</span> <span className="text-slate-400">· {t('solo')}</span>
        </Link>
        <nav className="flex gap-3 text-sm">
          {playing && (
            <button type="button" onClick={quit} className="rounded-lg border border-edge px-3 py-1.5 hover:border-accent">
              {t('menu')}
            </button>
          )}
          <Link href="/lab" className="rounded-lg border border-edge px-3 py-1.5 hover:border-accent">
            {t('lab')}
          </Link>
        </nav>
      </header>
      {playing && (
        <BackendBadge
          backend={trainer.kind === 'ready' ? trainer.backend : null}
          reason={trainer.kind === 'ready' ? trainer.reason : null}
          task={trainer.kind === 'ready' ? trainer.task : null}
          loading={trainer.kind !== 'ready'}
        />
      )}
      {error && (
        <p role="alert" className="rounded-xl border border-fake bg-fake/10 px-4 py-2 text-rose-300">
          {error}
        </p>
      )}
      {playing && driverRef.current ? (
        <SoloGame driver={driverRef.current} />
      ) : (
        <StartMenu saved={saved} onContinue={() => saved && begin(saved, true)} onNew={newGame} levels={levels} />
      )}
    </main>
  );
}

function StartMenu({ saved, onContinue, onNew, levels }: {
  saved: SoloSave | null | undefined;
  onContinue: () => void;
  onNew: (mode: SoloMode, target: SoloTarget | null) => void;
  levels: LevelId[];
}) {
  const t = useTranslations('solo');
  const tl = useTranslations('levels');
  const format = useFormatter();
  const [target, setTarget] = useState<SoloTarget['kind']>('fooled');
  const me = saved?.room.players.find((p) => p.id === 'you');
  const over = saved?.room.phase.kind === 'ended';
  return (
    <section className="flex flex-col gap-5" aria-label={t('start')}>
      <div>
        <h1 className="text-4xl font-black sm:text-5xl">{t('title')}</h1>
        <p className="mt-2 max-w-3xl text-lg text-slate-300">{t('intro')}</p>
      </div>
      {saved && !over && me && (
        <button
          type="button"
          onClick={onContinue}
          className="rounded-2xl border-2 border-accent bg-accent/10 px-6 py-5 text-left hover:bg-accent/20"
          data-testid="continue"
        >
          <span className="block text-2xl font-black text-accent">{t('continue')}</span>
          <span className="text-slate-300">
            {t('continueLine', {
              mode: soloMode(saved.room),
              level: saved.room.level,
              levels: saved.room.levels.length,
              name: tl(`${saved.room.levels[saved.room.level - 1]}.name`),
              score: me.score,
            })}
          </span>
        </button>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <article className="flex flex-col rounded-2xl border border-edge bg-panel p-5">
          <h2 className="text-2xl font-bold">{t('judge')}</h2>
          <p className="mt-1 flex-1 text-slate-400">{t('judgeHint')}</p>
          <button type="button" onClick={() => onNew('judge', null)} className="mt-4 rounded-xl bg-accent px-5 py-3 text-xl font-bold text-ink hover:brightness-110">
            {saved && !over ? t('newAsJudge') : t('startAsJudge')}
          </button>
        </article>
        <article className="flex flex-col rounded-2xl border border-edge bg-panel p-5">
          <h2 className="text-2xl font-bold">{t('coach')}</h2>
          <p className="mt-1 flex-1 text-slate-400">{t('coachHint')}</p>
          <fieldset className="mt-3 flex flex-wrap gap-3 text-sm">
            <legend className="sr-only">{t('target')}</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="target" checked={target === 'fooled'} onChange={() => setTarget('fooled')} />
              {t('targetFooled', { rate: format.number((DEFAULT_TARGETS.fooled as { rate: number }).rate, { style: 'percent' }) })}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="target" checked={target === 'fid'} onChange={() => setTarget('fid')} />
              {t('targetFid', { value: (DEFAULT_TARGETS.fid as { value: number }).value })}
            </label>
          </fieldset>
          <button type="button" onClick={() => onNew('coach', DEFAULT_TARGETS[target])} className="mt-4 rounded-xl border-2 border-accent px-5 py-3 text-xl font-bold text-accent hover:bg-accent/10">
            {t('startAsCoach')}
          </button>
        </article>
      </div>
      <p className="text-sm text-slate-400">
        {t('campaign', { levels: levels.map((l) => tl(`${l}.name`)).join(' → ') })}
      </p>
    </section>
  );
}
