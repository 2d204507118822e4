'use client';
/**
 * The host's page, made for a projector: the PIN, QR code and join link; the round's images with a
 * live vote count; the reveal with per-image vote bars and the room's fooled rate; the trainer's real
 * steps with a live loss chart; leaderboards, lesson cards and the end-of-game summary. This browser
 * also trains the generator (see trainer.ts).
 */
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { type HostView, type LevelId, LevelIdSchema, PROTOCOL_VERSION } from '@/game/protocol';
import { BACKENDS } from '@/game/vocabulary';
import { type GameSocket, call, connectSocket } from '../lib/socket';
import { HostContext, type HostActions, hostPayload } from './context';
import { Controls } from './Controls';
import { Stage } from './Stage';
import { Leaderboard, TeamBoard, Timeline } from './Sidebar';
import { forgetHost, savedHost, saveHost, useHost } from './store';
import { HostTrainer } from './trainer';
import { isPresetId, presetSettings } from '@/game/setup';
import { useSetup } from './setup-store';
import { useErrorText } from '../i18n/text';
import { useTaskText } from '../i18n/tasks';


export function HostScreen() {
  const t = useTranslations('host');
  const errorText = useErrorText();
  const errorRef = useRef(errorText);
  errorRef.current = errorText;
  const params = useSearchParams();
  const socketRef = useRef<GameSocket | null>(null);
  const trainerRef = useRef<HostTrainer | null>(null);
  const authRef = useRef<{ pin: string; hostToken: string } | null>(null);
  const view = useHost((s) => s.view);
  const error = useHost((s) => s.error);
  const connected = useHost((s) => s.connected);

  useEffect(() => {
    const preset = params.get('preset');
    const prefer = params.get('backend');
    let opened: GameSocket | null = null;
    let training: HostTrainer | null = null;
    let cancelled = false;
    // Socket.io loads after the page is up (see connectSocket).
    void connectSocket().then((s) => {
      if (cancelled) {
        s.disconnect();
        return;
      }
      const socket = s;
      opened = s;
      socketRef.current = s;
      const store = useHost.getState();
      const preferred = BACKENDS.find((b) => b === prefer);
      const trainer = new HostTrainer(s, () => authRef.current, { prefer: preferred ? [preferred] : undefined });
      training = trainer;
      trainerRef.current = trainer;

      // ?preset= sets the room's budget as the lobby's choice does (game/setup.ts); the tiny preset also
      // keeps a test game short: one round a level, long timers.
      const chosen = isPresetId(preset) ? preset : null;
      useSetup.getState().set({ explicitPreset: chosen !== null });
      const settings = { ...(chosen ? presetSettings(chosen) : {}), ...(chosen === 'tiny' ? { roundsPerLevel: 1, roundSeconds: 60, revealSeconds: 60 } : {}) };
      const levels = params.get('levels')?.split(',').filter((x): x is LevelId => LevelIdSchema.safeParse(x).success);
      const openRoom = async () => {
        const saved = savedHost();
        if (saved) {
          const ack = await call(socket, 'host:resume', saved);
          if (ack.ok) {
            authRef.current = saved;
            store.set({ pin: saved.pin, error: null });
            trainer.announce();
            return;
          }
          forgetHost();
        }
        const ack = await call(socket, 'host:create', { v: PROTOCOL_VERSION, settings, ...(levels?.length ? { levels } : {}) });
        if (!ack.ok) {
          store.set({ error: errorRef.current(ack.error) });
          return;
        }
        authRef.current = { pin: ack.pin, hostToken: ack.hostToken };
        saveHost(ack.pin, ack.hostToken);
        store.set({ pin: ack.pin, error: null });
      };

      let preparedLevel = 0;
      socket.on('connect', () => {
        store.set({ connected: true });
        void openRoom();
      });
      socket.on('disconnect', () => store.set({ connected: false }));
      socket.on('room:host', (v: HostView) => {
        const s = useHost.getState();
        s.set({
          view: v,
          votes: v.phase.kind === 'judging' ? v.phase : null,
          progress: v.phase.kind === 'training' ? (v.phase.progress ?? s.progress) : s.progress,
        });
        trainer.follow(v.phase, v.paused !== null);
        // Load the level's model early (during the lobby or the level intro), not when the first job arrives.
        if (v.level !== preparedLevel && v.phase.kind !== 'ended') {
          preparedLevel = v.level;
          trainer.prepare(v.levels[v.level - 1], v.level);
        }
        // Before the game: how fast this computer trains the campaign's models (the lobby's estimate).
        if (v.phase.kind === 'lobby') trainer.measure(v.levels);
      });
      socket.on('room:votes', (v) => useHost.getState().set({ votes: v }));
      socket.on('trainer:job', (job) => trainer.handle(job));
      socket.on('room:closed', (closed) => {
        forgetHost();
        useHost.getState().set({ error: errorRef.current(closed) });
      });
    });
    return () => {
      cancelled = true;
      opened?.disconnect();
      training?.dispose();
      trainerRef.current = null;
      useHost.getState().reset();
    };
  }, [params]);

  const actions: HostActions = {
    async send(event, ...[extra]) {
      const socket = socketRef.current;
      const auth = authRef.current;
      if (!socket || !auth) return;
      const ack = await call(socket, event, hostPayload(auth, extra));
      useHost.getState().set({ error: ack.ok ? null : errorText(ack.error) });
    },
    newGame() {
      forgetHost();
      window.location.reload();
    },
    retryTrainer() {
      void trainerRef.current?.retry();
    },
  };

  return (
    <HostContext.Provider value={actions}>
      <main className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-4 p-4 lg:p-8">
        <header className="flex flex-wrap items-center justify-between gap-4">
          <h1 className="text-3xl font-black">
            GAN <span className="text-accent">Arena</span>
            {view && view.phase.kind !== 'lobby' && (
              <span className="ml-4 text-xl font-bold text-slate-300">
                {t('pinShort')} <span className="tabular-nums text-white">{view.pin}</span>
              </span>
            )}
          </h1>
          <TrainerBadge />
          {!connected && <span className="text-fake">{t('reconnecting')}</span>}
        </header>
        {error && (
          <p role="alert" className="rounded-xl bg-fake/20 px-4 py-3 text-xl text-rose-200">
            {error}
          </p>
        )}
        {view?.paused && (
          <p role="status" className="rounded-xl border-2 border-accent bg-accent/10 px-4 py-3 text-2xl font-bold text-accent" data-testid="paused">
            {view.paused.reason === 'host' ? t('paused') : t('pausedAway')}
          </p>
        )}
        {!view ? (
          <p className="text-2xl text-slate-300">{t('opening')}</p>
        ) : (
          <div className="grid flex-1 gap-6 lg:grid-cols-[1fr_22rem]">
            <section className="flex min-w-0 flex-col gap-4">
              <Stage view={view} />
              <Controls view={view} />
            </section>
            <aside className="flex flex-col gap-4">
              <TeamBoard view={view} />
              <Leaderboard view={view} />
              <Timeline view={view} />
            </aside>
          </div>
        )}
      </main>
    </HostContext.Provider>
  );
}

function TrainerBadge() {
  const t = useTranslations('host');
  const locale = useLocale();
  const taskText = useTaskText();
  const trainer = useHost((s) => s.trainer);
  const checksum = useHost((s) => s.checksum);
  const text =
    trainer.kind === 'loading'
      ? t('loadingGenerator')
      : trainer.kind === 'failed'
        ? t('trainerFailed', { message: trainer.message })
        : `${trainer.kind === 'busy' ? `${taskText(trainer.task)} · ` : ''}${t('trainingOn', { backend: trainer.info.backend.toUpperCase() })}`;
  return (
    <div className="flex max-w-2xl flex-col items-end text-right">
      <span
        className={`rounded-full px-4 py-1 text-lg font-bold ${trainer.kind === 'failed' ? 'bg-fake/30' : 'bg-panel'}`}
        data-testid="backend"
        data-backend={trainer.kind === 'ready' || trainer.kind === 'busy' ? trainer.info.backend : ''}
      >
        {text}
      </span>
      {/* Why this backend, and where the level starts from: the trainer's own (English) diagnostics. */}
      {(trainer.kind === 'ready' || trainer.kind === 'busy') && locale === 'en' && <span className="text-sm text-slate-400">{trainer.info.reason}</span>}
      <span className="text-xs text-slate-400" data-testid="checksum" data-checksum={checksum ?? ''}>
        {t('weights', { checksum: checksum === null ? '…' : (checksum >>> 0).toString(16).padStart(8, '0') })}
      </span>
    </div>
  );
}
