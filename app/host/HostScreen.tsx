'use client';
/**
 * The host's page, made for a projector: the PIN and join link, the round's images with a live vote
 * count, the reveal with per-image vote bars and the room's fooled rate, the trainer's real steps,
 * and the leaderboard. This browser also trains the generator (see trainer.ts).
 */
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { type Backend, type Dataset, type HostView, PROTOCOL_VERSION } from '@/game/protocol';
import { Countdown } from '../components/Countdown';
import { PixelImage } from '../components/PixelImage';
import { TrainingBar } from '../components/ProgressBar';
import { type GameSocket, call, connectSocket } from '../lib/socket';
import { forgetHost, savedHost, saveHost, useHost } from './store';
import { HostTrainer } from './trainer';

const BACKENDS: Backend[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export function HostScreen() {
  const params = useSearchParams();
  const socketRef = useRef<GameSocket | null>(null);
  const authRef = useRef<{ pin: string; hostToken: string } | null>(null);
  const view = useHost((s) => s.view);
  const error = useHost((s) => s.error);
  const connected = useHost((s) => s.connected);

  useEffect(() => {
    const dataset: Dataset = params.get('dataset') === 'fashion' ? 'fashion' : 'digits';
    const tiny = params.get('preset') === 'tiny';
    const prefer = params.get('backend');
    const socket = connectSocket();
    socketRef.current = socket;
    const store = useHost.getState();
    const trainer = new HostTrainer(socket, () => authRef.current, {
      dataset,
      preset: tiny ? 'tiny' : 'standard',
      prefer: prefer && (BACKENDS as string[]).includes(prefer) ? [prefer as Backend] : undefined,
    });

    const settings = tiny ? { stepScale: 0.1, roundSeconds: 60, revealSeconds: 60, roundsPerLevel: 1 } : {};
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
      const ack = await call(socket, 'host:create', { v: PROTOCOL_VERSION, settings });
      if (!ack.ok) {
        store.set({ error: ack.error.message });
        return;
      }
      authRef.current = { pin: ack.pin, hostToken: ack.hostToken };
      saveHost(ack.pin, ack.hostToken);
      store.set({ pin: ack.pin, error: null });
      trainer.announce();
    };

    socket.on('connect', () => {
      store.set({ connected: true });
      void openRoom();
    });
    socket.on('disconnect', () => store.set({ connected: false }));
    socket.on('room:host', (v) =>
      useHost.getState().set({
        view: v,
        votes: v.phase.kind === 'judging' ? { votesCast: v.phase.votesCast, votesExpected: v.phase.votesExpected } : null,
        progress: v.phase.kind === 'training' ? (v.phase.progress ?? useHost.getState().progress) : useHost.getState().progress,
      }),
    );
    socket.on('room:votes', (v) => useHost.getState().set({ votes: v }));
    socket.on('trainer:job', (job) => trainer.handle(job));
    return () => {
      socket.disconnect();
      trainer.dispose();
      useHost.getState().reset();
    };
  }, [params]);

  const act = async (event: 'host:start' | 'host:advance' | 'host:end') => {
    const socket = socketRef.current;
    const auth = authRef.current;
    if (!socket || !auth) return;
    const ack = await call(socket, event, auth);
    useHost.getState().set({ error: ack.ok ? null : ack.error.message });
  };

  return (
    <main className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-4 p-4 lg:p-8">
      <header className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-black">
          GAN <span className="text-accent">Arena</span>
        </h1>
        <TrainerBadge />
        {!connected && <span className="text-fake">Reconnecting…</span>}
      </header>
      {error && (
        <p role="alert" className="rounded-xl bg-fake/20 px-4 py-3 text-xl text-rose-200">
          {error}
        </p>
      )}
      {!view ? (
        <p className="text-2xl text-slate-300">Opening a room…</p>
      ) : (
        <div className="grid flex-1 gap-6 lg:grid-cols-[1fr_22rem]">
          <section className="flex flex-col gap-4">
            <Stage view={view} act={act} />
          </section>
          <aside className="flex flex-col gap-4">
            <Leaderboard view={view} />
            <Timeline view={view} />
          </aside>
        </div>
      )}
    </main>
  );
}

function TrainerBadge() {
  const trainer = useHost((s) => s.trainer);
  const checksum = useHost((s) => s.checksum);
  const text =
    trainer.kind === 'loading'
      ? 'Loading the generator…'
      : trainer.kind === 'failed'
        ? `Trainer failed: ${trainer.message}`
        : `${trainer.kind === 'busy' ? `${trainer.task} · ` : ''}training on ${trainer.info.backend.toUpperCase()}`;
  return (
    <div className="flex flex-col items-end text-right">
      <span
        className={`rounded-full px-4 py-1 text-lg font-bold ${trainer.kind === 'failed' ? 'bg-fake/30' : 'bg-panel'}`}
        data-testid="backend"
        data-backend={trainer.kind === 'ready' || trainer.kind === 'busy' ? trainer.info.backend : ''}
      >
        {text}
      </span>
      {(trainer.kind === 'ready' || trainer.kind === 'busy') && (
        <span className="max-w-xl text-sm text-slate-400">{trainer.info.reason}</span>
      )}
      <span className="text-xs text-slate-500" data-testid="checksum" data-checksum={checksum ?? ''}>
        weights checksum {checksum === null ? '…' : checksum.toFixed(6)}
      </span>
    </div>
  );
}

function Button(props: { onClick: () => void; children: React.ReactNode; primary?: boolean; disabled?: boolean }) {
  return (
    <button
      type="button"
      onClick={props.onClick}
      disabled={props.disabled}
      className={`rounded-xl px-6 py-3 text-xl font-bold disabled:opacity-40 ${props.primary ? 'bg-accent text-ink' : 'border-2 border-edge bg-panel'}`}
    >
      {props.children}
    </button>
  );
}

function Stage({ view, act }: { view: HostView; act: (e: 'host:start' | 'host:advance' | 'host:end') => void }) {
  const votes = useHost((s) => s.votes);
  const progress = useHost((s) => s.progress);
  const phase = view.phase;
  const roundLabel = `Round ${view.round} of ${view.totalRounds}`;
  switch (phase.kind) {
    case 'lobby':
      return <Lobby view={view} onStart={() => act('host:start')} />;
    case 'generating':
      return (
        <Panel title={roundLabel}>
          <p className="text-3xl text-slate-300">The generator is drawing its fakes…</p>
        </Panel>
      );
    case 'judging':
      return (
        <Panel
          title={roundLabel}
          right={
            <div className="flex items-center gap-6 text-3xl font-black">
              <span data-testid="vote-count" className="tabular-nums">
                {votes?.votesCast ?? phase.votesCast} / {votes?.votesExpected ?? phase.votesExpected} votes
              </span>
              <Countdown deadline={phase.deadline} serverNow={view.serverNow} />
            </div>
          }
        >
          <p className="text-2xl text-slate-300">Real or generated? Judge each image on your device.</p>
          <ul className="grid grid-cols-3 gap-4 xl:grid-cols-6">
            {phase.images.map((img, i) => (
              <li key={img.id} className="rounded-xl bg-panel p-2">
                <PixelImage pixels={img.pixels} label={`Image ${i + 1}`} />
                <p className="mt-1 text-center text-xl font-bold text-slate-400">{i + 1}</p>
              </li>
            ))}
          </ul>
          <div>
            <Button onClick={() => act('host:advance')}>Close voting</Button>
          </div>
        </Panel>
      );
    case 'reveal': {
      const ci = phase.fooledInterval;
      return (
        <Panel
          title={`${roundLabel} · the reveal`}
          right={
            phase.fooledRate === null ? null : (
              <div className="text-right">
                <p className="text-5xl font-black text-accent" data-testid="fooled-rate">
                  {Math.round(phase.fooledRate * 100)}% fooled
                </p>
                {ci && (
                  <p className="text-lg text-slate-400">
                    95% interval {Math.round(ci.low * 100)}–{Math.round(ci.high * 100)}%
                  </p>
                )}
              </div>
            )
          }
        >
          <ul className="grid grid-cols-3 gap-4 xl:grid-cols-6">
            {phase.images.map((img, i) => {
              const total = img.realVotes + img.fakeVotes;
              const best = img.id === phase.mostFooling;
              return (
                <li key={img.id} className={`rounded-xl bg-panel p-2 ${best ? 'ring-4 ring-accent' : ''}`}>
                  <PixelImage pixels={img.pixels} label={`Image ${i + 1}: ${img.truth}, ${img.realVotes} said real, ${img.fakeVotes} said fake`} />
                  <p className={`mt-2 text-center text-2xl font-black ${img.truth === 'real' ? 'text-real' : 'text-fake'}`}>
                    {img.truth === 'real' ? 'REAL' : 'FAKE'}
                  </p>
                  <div className="mt-1 flex h-4 overflow-hidden rounded-full bg-edge" aria-hidden>
                    <div className="bg-real" style={{ width: total ? `${(100 * img.realVotes) / total}%` : 0 }} />
                    <div className="bg-fake" style={{ width: total ? `${(100 * img.fakeVotes) / total}%` : 0 }} />
                  </div>
                  <p className="mt-1 flex justify-between text-sm text-slate-300 tabular-nums">
                    <span>{img.realVotes} real</span>
                    <span>{img.fakeVotes} fake</span>
                  </p>
                  {best && <p className="mt-1 text-center text-sm font-bold text-accent">Fooled the most</p>}
                </li>
              );
            })}
          </ul>
          <div>
            <Button primary onClick={() => act('host:advance')}>
              Train now
            </Button>
          </div>
        </Panel>
      );
    }
    case 'training':
      return (
        <Panel title={`${roundLabel} · training`}>
          <p className="text-2xl text-slate-300">The room&apos;s votes are becoming real training steps.</p>
          <TrainingBar progress={progress ?? phase.progress} large />
          <LossChart />
          <div>
            <Button onClick={() => act('host:advance')}>Skip training</Button>
          </div>
        </Panel>
      );
    case 'leaderboard':
      return (
        <Panel title={`Level ${phase.level} complete`}>
          <Podium view={view} />
          <div className="flex gap-4">
            <Button primary onClick={() => act('host:advance')}>
              Next level
            </Button>
            <Button onClick={() => act('host:end')}>End game</Button>
          </div>
        </Panel>
      );
    case 'ended':
      return (
        <Panel title="Game over">
          <Podium view={view} />
          <LossChart />
        </Panel>
      );
  }
}

function Lobby({ view, onStart }: { view: HostView; onStart: () => void }) {
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const link = `${origin}/play?pin=${view.pin}`;
  const trainer = useHost((s) => s.trainer);
  return (
    <Panel title="Join the game">
      <div className="flex flex-wrap items-end gap-10">
        <div>
          <p className="text-2xl text-slate-300">Game PIN</p>
          <p className="text-8xl font-black tracking-widest text-accent tabular-nums" data-testid="pin">
            {view.pin}
          </p>
        </div>
        <div>
          <p className="text-2xl text-slate-300">Open on your phone</p>
          <p className="break-all text-3xl font-bold" data-testid="join-link">
            {link}
          </p>
        </div>
      </div>
      <p className="text-2xl">
        <b className="tabular-nums" data-testid="player-count">
          {view.players.length}
        </b>{' '}
        {view.players.length === 1 ? 'player' : 'players'}
      </p>
      <ul className="flex flex-wrap gap-3" aria-label="Players">
        {view.players.map((p) => (
          <li key={p.id} className={`rounded-full bg-panel px-4 py-2 text-xl ${p.connected ? '' : 'opacity-40'}`}>
            {p.nickname}
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-4">
        <Button primary onClick={onStart} disabled={view.players.length === 0 || trainer.kind === 'loading' || trainer.kind === 'failed'}>
          Start the game
        </Button>
        {trainer.kind === 'loading' && <span className="text-slate-400">Waiting for the generator to load…</span>}
      </div>
    </Panel>
  );
}

function Panel({ title, right, children }: { title: string; right?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-5 rounded-2xl border border-edge bg-panel/50 p-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h2 className="text-4xl font-black" data-testid="phase-title">
          {title}
        </h2>
        {right}
      </div>
      {children}
    </div>
  );
}

function Leaderboard({ view }: { view: HostView }) {
  return (
    <div className="rounded-2xl border border-edge bg-panel/50 p-4">
      <h2 className="text-2xl font-bold">Leaderboard</h2>
      <ol className="mt-2 flex flex-col gap-1" data-testid="leaderboard">
        {view.leaderboard.slice(0, 8).map((e) => (
          <li key={e.playerId} className="flex justify-between text-xl">
            <span>
              <span className="inline-block w-8 text-slate-400">{e.rank}.</span>
              {e.nickname}
            </span>
            <b className="tabular-nums">{e.score}</b>
          </li>
        ))}
        {view.leaderboard.length === 0 && <li className="text-slate-400">Nobody yet.</li>}
      </ol>
    </div>
  );
}

function Podium({ view }: { view: HostView }) {
  const top = view.leaderboard.slice(0, 3);
  const medals = ['🥇', '🥈', '🥉'];
  return (
    <ol className="flex flex-wrap items-end gap-6">
      {top.map((e, i) => (
        <li key={e.playerId} className="rounded-2xl bg-panel px-8 py-6 text-center">
          <p className="text-5xl">{medals[i]}</p>
          <p className="text-3xl font-black">{e.nickname}</p>
          <p className="text-2xl text-accent tabular-nums">{e.score}</p>
        </li>
      ))}
    </ol>
  );
}

/** The generator's best fake of each round, so the class sees it improve. */
function Timeline({ view }: { view: HostView }) {
  if (view.history.length === 0) return null;
  return (
    <div className="rounded-2xl border border-edge bg-panel/50 p-4">
      <h2 className="text-2xl font-bold">The generator so far</h2>
      <ol className="mt-2 grid grid-cols-3 gap-2">
        {view.history.map((r) => (
          <li key={r.round} className="text-center text-sm text-slate-300">
            {r.bestFake ? <PixelImage pixels={r.bestFake} label={`Round ${r.round}: the fake that fooled the most`} /> : <div className="aspect-square rounded-lg bg-edge" />}
            <span>
              R{r.round} · {r.fooledRate === null ? '–' : `${Math.round(r.fooledRate * 100)}%`}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** D and G loss over every step run this session; a plain SVG until the classroom issue brings a chart library. */
function LossChart() {
  const losses = useHost((s) => s.losses);
  if (losses.length < 2) return null;
  const w = 600;
  const h = 160;
  const max = Math.max(...losses.flatMap((l) => [l.d, l.g]), 1e-6);
  const line = (pick: (l: { d: number; g: number }) => number) =>
    losses.map((l, i) => `${((i / (losses.length - 1)) * w).toFixed(1)},${(h - (pick(l) / max) * h).toFixed(1)}`).join(' ');
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h}`} className="h-40 w-full rounded-lg bg-ink" role="img" aria-label="Discriminator and generator loss per step">
        <polyline points={line((l) => l.d)} fill="none" stroke="#38bdf8" strokeWidth="2" />
        <polyline points={line((l) => l.g)} fill="none" stroke="#facc15" strokeWidth="2" />
      </svg>
      <figcaption className="mt-1 flex gap-4 text-sm text-slate-400">
        <span className="text-sky-400">— D loss</span>
        <span className="text-accent">— G loss</span>
        <span>{losses.length} steps</span>
      </figcaption>
    </figure>
  );
}
