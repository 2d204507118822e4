'use client';
/**
 * The player's page: phone-first, loads no TensorFlow.js. One image at a time with two large
 * buttons; F and R on a keyboard, arrows to move.
 */
import dynamic from 'next/dynamic';
import { useSearchParams } from 'next/navigation';
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import type { PlayerView, Verdict } from '@/game/protocol';
import { PROTOCOL_VERSION } from '@/game/wire';
import { Countdown } from '../components/Countdown';
import { PixelImage } from '../components/PixelImage';
import { TrainingBar } from '../components/ProgressBar';
import { type GameSocket, call, connectSocket } from '../lib/socket';
import { gapText, keyAction, revealCaption, roundHeadline } from './feedback';
import { MarkRing } from '../components/GiveawayHeat';
import { MarkableImage, useGiveaways } from './Giveaway';
import { forgetToken, savedToken, saveToken, usePlay } from './store';
import { LevelName, useErrorText } from '../i18n/text';

// Only coaches need these, for part of the game: not in the page's first load either.
const CoachPanel = dynamic(() => import('./Coach').then((m) => m.CoachPanel), { ssr: false });
const KnobsForm = dynamic(() => import('./Coach').then((m) => m.KnobsForm), { ssr: false });

// Lesson questions may hold math: KaTeX loads only when a lesson starts, so it is not in the page's first load.
const LessonAnswers = dynamic(() => import('./LessonAnswers').then((m) => m.LessonAnswers), {
  ssr: false,
  loading: () => <LoadingLesson />,
});

function LoadingLesson() {
  return <p className="text-center text-slate-400">{useTranslations('play')('loadingLesson')}</p>;
}

export function PlayScreen() {
  const t = useTranslations('play');
  const errorText = useErrorText();
  const params = useSearchParams();
  const initialPin = params.get('pin') ?? '';
  const socketRef = useRef<GameSocket | null>(null);
  const readyRef = useRef<Promise<GameSocket | null>>(Promise.resolve(null));
  const pinRef = useRef<string>('');
  const { status, error, view, connected } = usePlay();

  const join = useCallback(async (pin: string, nickname?: string) => {
    // A quick player may press Join before the socket library has loaded: wait for it.
    const socket = socketRef.current ?? (await readyRef.current);
    if (!socket) return;
    usePlay.getState().set({ status: 'joining', error: null });
    const token = savedToken(pin);
    let ack = await call(socket, 'player:join', { v: PROTOCOL_VERSION, pin, ...(token ? { playerToken: token } : { nickname }) });
    if (!ack.ok && token && ack.error.code === 'no_such_game') {
      // The saved token is from an older game with the same PIN (the server answers a token it does not
      // know exactly as a missing game): join afresh, which says whether the game is there.
      forgetToken(pin);
      ack = await call(socket, 'player:join', { v: PROTOCOL_VERSION, pin, nickname });
    }
    if (!ack.ok) {
      usePlay.getState().set({ status: 'form', error: errorText(ack.error) });
      return;
    }
    saveToken(pin, ack.playerToken);
    pinRef.current = pin;
    usePlay.getState().set({ status: 'playing' });
  }, [errorText]);

  useEffect(() => {
    let socket: GameSocket | null = null;
    let cancelled = false;
    // Socket.io loads after the join form is on screen (see connectSocket).
    const ready = connectSocket();
    readyRef.current = ready.catch(() => null);
    void ready.then((s) => {
      if (cancelled) {
        s.disconnect();
        return;
      }
      socket = s;
      socketRef.current = s;
      const store = usePlay.getState();
      socket.on('connect', () => {
        store.set({ connected: true });
        // Back from a dropped connection: rejoin as the same player.
        if (pinRef.current) void join(pinRef.current);
        else if (initialPin && savedToken(initialPin)) void join(initialPin);
      });
      socket.on('disconnect', () => store.set({ connected: false }));
      socket.on('room:player', (v) => {
        const prev = usePlay.getState().view;
        const pending = prev?.phase.kind === 'judging' && v.phase.kind === 'judging' && prev.phase.round === v.phase.round ? usePlay.getState().pending : {};
        usePlay.getState().set({ view: v, pending, progress: v.phase.kind === 'training' ? v.phase.progress : null });
      });
      socket.on('training:progress', ({ progress }) => usePlay.getState().set({ progress }));
      socket.on('room:closed', (closed) => {
        if (pinRef.current) forgetToken(pinRef.current);
        pinRef.current = '';
        usePlay.getState().set({ status: 'form', view: null, error: errorText(closed) });
      });
    });
    return () => {
      cancelled = true;
      socket?.disconnect();
      usePlay.getState().reset();
    };
  }, [initialPin, join, errorText]);

  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col px-4 pb-6 pt-4">
      <header className="flex items-center justify-between gap-3 text-sm text-slate-400">
        <span className="shrink-0 font-bold text-white">
          GAN <span className="text-accent">Arena</span>
        </span>
        {view && (
          <span className="min-w-0 text-center" data-testid="me">
            {t.rich('me', {
              nickname: view.me.nickname,
              role: view.teams ? view.me.role : 'none',
              score: view.me.score,
              rank: view.me.rank,
              b: (chunks) => <b className="text-white tabular-nums">{chunks}</b>,
            })}
          </span>
        )}
        <span aria-live="polite" className={`shrink-0 ${connected ? 'text-real' : 'text-fake'}`}>
          {connected ? '●' : t('reconnecting')}
        </span>
      </header>
      {view?.paused && status === 'playing' && (
        <p role="status" className="mt-3 rounded-xl border-2 border-accent bg-accent/10 px-4 py-2 text-center text-lg font-bold text-accent">
          {view.paused.reason === 'host' ? t('paused') : t('hostAway')}
        </p>
      )}
      {status !== 'playing' || !view ? (
        <JoinPanel initialPin={initialPin} busy={status === 'joining'} error={error} onJoin={join} />
      ) : (
        <Phase view={view} socket={socketRef.current!} />
      )}
    </main>
  );
}

function JoinPanel(props: { initialPin: string; busy: boolean; error: string | null; onJoin: (pin: string, nickname?: string) => void }) {
  const t = useTranslations('play');
  const [pin, setPin] = useState(props.initialPin);
  const [nickname, setNickname] = useState('');
  const valid = /^\d{6}$/.test(pin);
  return (
    <form
      className="mt-10 flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) props.onJoin(pin, nickname.trim() || undefined);
      }}
    >
      <h1 className="text-3xl font-black">{t('joinTitle')}</h1>
      <label className="flex flex-col gap-1">
        <span className="text-slate-300">{t('pin')}</span>
        <input
          name="pin"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 6))}
          className="min-w-0 rounded-xl border-2 border-edge bg-panel px-4 py-4 text-center text-3xl font-bold tracking-[0.3em] focus:border-accent"
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-slate-300">{t('nickname')}</span>
        <input
          name="nickname"
          maxLength={60}
          autoComplete="off"
          placeholder={t('nicknamePlaceholder')}
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
          className="min-w-0 rounded-xl border-2 border-edge bg-panel px-4 py-3 text-xl focus:border-accent"
        />
      </label>
      {props.error && (
        <p role="alert" className="rounded-lg bg-fake/20 px-4 py-3 text-lg text-rose-200">
          {props.error}
        </p>
      )}
      <button type="submit" disabled={!valid || props.busy} className="rounded-xl bg-accent px-5 py-4 text-2xl font-black text-ink disabled:opacity-40">
        {props.busy ? t('joining') : t('join')}
      </button>
    </form>
  );
}

function Phase({ view, socket }: { view: PlayerView; socket: GameSocket }) {
  const t = useTranslations('play');
  const progress = usePlay((s) => s.progress);
  const phase = view.phase;
  switch (phase.kind) {
    case 'lobby':
      return (
        <Centered>
          <h1 className="flex flex-col gap-2">
            <span className="text-slate-300">{t('youreIn')}</span>
            <span className="text-4xl font-black text-accent" data-testid="nickname">
              {view.me.nickname}
            </span>
          </h1>
          <p className="mt-6 text-xl text-slate-300">{t('waitingStart', { count: view.playerCount })}</p>
        </Centered>
      );
    case 'intro':
      return (
        <Centered>
          <h1 className="flex flex-col gap-2">
            <span className="text-slate-300">{t('level', { level: phase.level })}</span>
            <span className="text-4xl font-black text-accent">
              <LevelName id={view.levelId} />
            </span>
          </h1>
          <p className="mt-3 text-xl text-slate-200">
            <LevelName id={view.levelId} part="intro" />
          </p>
          {view.teams && (
            <p className={`mt-6 rounded-xl px-4 py-3 text-xl font-bold ${view.me.role === 'coach' ? 'bg-fake/20' : 'bg-real/20'}`} data-testid="role">
              {view.me.role === 'coach' ? t('youAreCoach') : t('youAreJudge')}
            </p>
          )}
        </Centered>
      );
    case 'coaching':
      return view.me.role === 'coach' ? (
        <CoachPanel view={view} socket={socket} />
      ) : (
        <Centered>
          <h1 className="text-2xl font-bold">{t('round', { round: phase.round })}</h1>
          <p className="mt-3 text-xl text-slate-300">{t('coachesChoosing')}</p>
          <Spinner />
        </Centered>
      );
    case 'lesson':
      return <LessonAnswers view={view} socket={socket} />;
    case 'generating':
      return (
        <Centered>
          <h1 className="text-2xl font-bold">{t('round', { round: phase.round })}</h1>
          <p className="mt-3 text-xl text-slate-300">{t('drawing')}</p>
          <Spinner />
        </Centered>
      );
    case 'judging':
      if (phase.inRound) return <Judging view={view} socket={socket} />;
      return view.me.role === 'coach' ? (
        <section className="mt-4 flex flex-col gap-4">
          <h1 className="text-center text-2xl font-bold">{t('judgesLooking')}</h1>
          <KnobsForm view={view} socket={socket} />
        </section>
      ) : (
        <Centered>
          <h1 className="text-xl text-slate-300">{t('underWay')}</h1>
        </Centered>
      );
    case 'reveal':
      return <Reveal view={view} />;
    case 'training':
      return (
        <Centered>
          <h1 className="text-2xl font-bold">{t('votesTraining')}</h1>
          <div className="mt-6 w-full">
            <TrainingBar progress={progress ?? phase.progress} />
          </div>
          <Standing view={view} />
        </Centered>
      );
    case 'leaderboard':
    case 'ended':
      return (
        <Centered>
          <h1 className="text-slate-300">{phase.kind === 'ended' ? t('gameOver') : t('levelDone', { level: phase.level })}</h1>
          <p className="text-6xl font-black text-accent" data-testid="final-rank">
            #{view.me.rank}
          </p>
          <p className="text-xl">
            {t('ofPlayers', { count: view.playerCount, score: view.me.score })}
          </p>
          <Standing view={view} withRank={false} />
          {phase.kind === 'ended' && phase.summary && <Summary summary={phase.summary} />}
        </Centered>
      );
  }
}

function Judging({ view, socket }: { view: PlayerView; socket: GameSocket }) {
  const t = useTranslations('play');
  const errorText = useErrorText();
  const phase = view.phase;
  const pending = usePlay((s) => s.pending);
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const images = phase.kind === 'judging' ? phase.images : [];
  const mine = phase.kind === 'judging' ? { ...phase.mine, ...pending } : {};
  const current = images[Math.min(index, images.length - 1)];
  const done = images.filter((i) => mine[i.id]).length;
  const giveaways = useGiveaways(view, socket, setError);

  const vote = useCallback(
    async (verdict: Verdict) => {
      if (!current || mine[current.id]) return;
      const token = savedToken(view.pin);
      if (!token) return;
      const store = usePlay.getState();
      store.set({ pending: { ...store.pending, [current.id]: verdict } });
      // Move on to the next image not yet judged.
      const nextIdx = images.findIndex((img, i) => i > index && !mine[img.id]);
      if (nextIdx >= 0) setIndex(nextIdx);
      const spot = giveaways.forVote(current.id, verdict);
      const ack = await call(socket, 'player:vote', { pin: view.pin, playerToken: token, imageId: current.id, verdict, ...(spot ? { spot } : {}) });
      if (!ack.ok) {
        setError(errorText(ack.error));
        if (ack.error.code !== 'duplicate_vote') {
          const { [current.id]: _, ...rest } = usePlay.getState().pending;
          usePlay.getState().set({ pending: rest });
        }
      } else setError(null);
    },
    [current, images, index, mine, socket, view.pin, giveaways, errorText],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      const action = keyAction(e);
      if (action === 'real' || action === 'fake') void vote(action);
      else if (action === 'next') setIndex((i) => Math.min(images.length - 1, i + 1));
      else if (action === 'previous') setIndex((i) => Math.max(0, i - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [vote, images.length]);

  if (phase.kind !== 'judging' || !current) return null;
  const chosen = mine[current.id];
  // Key hints only where there is a keyboard and a fine pointer: a phone has neither R nor F to press.
  const keyboard = typeof window !== 'undefined' && window.matchMedia('(hover: hover) and (pointer: fine)').matches;
  return (
    <section className="mt-3 flex flex-1 flex-col gap-3" aria-label={t('judgeLabel', { round: phase.round })}>
      <div className="flex items-baseline justify-between">
        <h1 className="text-xl font-bold">
          {t('judgeTitle', { round: phase.round, index: index + 1, total: images.length })}
        </h1>
        <Countdown deadline={phase.deadline} serverNow={view.serverNow} className="text-2xl font-black" />
      </div>
      <div className="relative mx-auto w-full max-w-sm">
        <MarkableImage
          pixels={current.pixels}
          image={t('imageOf', { index: index + 1, total: images.length })}
          verdict={chosen}
          spot={giveaways.markOf(current.id)}
          onMark={(spot) => void giveaways.mark(current.id, spot, chosen)}
        />
        {chosen && (
          <span
            className={`pointer-events-none absolute right-2 top-2 rounded-lg px-3 py-1 text-lg font-black ${chosen === 'real' ? 'bg-real text-ink' : 'bg-fake text-white'}`}
          >
            {t('youSaid', { verdict: chosen })}
          </span>
        )}
      </div>
      <div className="grid grid-cols-2 gap-3">
        <button
          type="button"
          onClick={() => vote('real')}
          disabled={!!chosen}
          aria-keyshortcuts="R"
          className="min-h-20 rounded-2xl bg-real text-3xl font-black text-ink active:scale-95 disabled:opacity-30"
        >
          {t('real')}
        </button>
        <button
          type="button"
          onClick={() => vote('fake')}
          disabled={!!chosen}
          aria-keyshortcuts="F"
          className="min-h-20 rounded-2xl bg-fake text-3xl font-black text-white active:scale-95 disabled:opacity-30"
        >
          {t('fake')}
        </button>
      </div>
      {error && (
        <p role="alert" className="rounded-lg bg-fake/20 px-3 py-2 text-rose-200">
          {error}
        </p>
      )}
      <nav className="grid grid-cols-6 gap-2" aria-label={t('imagesInRound')}>
        {images.map((img, i) => (
          <button
            key={img.id}
            type="button"
            onClick={() => setIndex(i)}
            aria-label={t('thumb', { index: i + 1, mine: mine[img.id] ?? 'none' })}
            aria-current={i === index}
            className={`rounded-lg border-2 p-0.5 ${i === index ? 'border-accent' : mine[img.id] ? 'border-edge opacity-50' : 'border-edge'}`}
          >
            <PixelImage pixels={img.pixels} label="" />
          </button>
        ))}
      </nav>
      <p className="text-center text-slate-400" aria-live="polite">
        {done === images.length ? t('allJudged') : t('judged', { done, total: images.length, keyboard: String(keyboard) })}
      </p>
    </section>
  );
}

function Reveal({ view }: { view: PlayerView }) {
  const t = useTranslations('play');
  const format = useFormatter();
  const phase = view.phase;
  if (phase.kind !== 'reveal') return null;
  const headline = roundHeadline(t, phase.images);
  return (
    <section className="mt-4 flex flex-col gap-4" aria-label={t('yourResults')}>
      <div className="text-center">
        <h1>
          <span className="block text-slate-300">{t('round', { round: phase.round })}</span>
          <span className={`block font-black ${headline.voted ? 'text-4xl' : 'text-3xl text-slate-200'}`} data-testid="round-result">
            {headline.text}
          </span>
        </h1>
        <p className="text-2xl font-bold text-accent">{t('gained', { points: phase.gained })}</p>
      </div>
      <ul className="grid grid-cols-3 gap-3">
        {phase.images.map((img, i) => (
          <li key={img.id} className={`rounded-xl border-4 p-1 ${img.mine === null ? 'border-edge' : img.correct ? 'border-real' : 'border-fake'}`}>
            <div className="relative">
              <PixelImage pixels={img.pixels} label={t('revealImage', { index: i + 1, caption: revealCaption(t, img) })} />
              {img.spot && <MarkRing spot={img.spot} />}
            </div>
            <p className="mt-1 text-center text-sm font-bold">
              {img.mine ? (img.correct ? '✓ ' : '✗ ') : ''}
              {revealCaption(t, img)}
            </p>
          </li>
        ))}
      </ul>
      {phase.fooledRate !== null && (
        <p className="text-center text-lg text-slate-300">{t('fooledRoom', { rate: format.number(phase.fooledRate, { style: 'percent' }) })}</p>
      )}
      <Standing view={view} />
    </section>
  );
}

/** Rank, who is just ahead and the streak; without the rank where the screen already shows it large. */
function Standing({ view, withRank = true }: { view: PlayerView; withRank?: boolean }) {
  const t = useTranslations('play');
  const b = (chunks: React.ReactNode) => <b className="text-white">{chunks}</b>;
  const parts: React.ReactNode[] = [];
  if (withRank) parts.push(t.rich('rankOf', { rank: view.me.rank, count: view.playerCount, b }));
  if (view.ahead) parts.push(<>{gapText(t, view.ahead.score - view.me.score)} <b className="text-white">{view.ahead.nickname}</b></>);
  else if (view.playerCount > 1) parts.push(withRank ? t('inLead') : t('inLeadStart'));
  if (view.me.streak > 1) parts.push(t('streak', { streak: view.me.streak }));
  if (!parts.length) return null;
  return (
    <p className="mt-4 text-center text-lg text-slate-300" data-testid="standing">
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && ' · '}
          {p}
        </Fragment>
      ))}
    </p>
  );
}

function Summary({ summary }: { summary: NonNullable<Extract<PlayerView['phase'], { kind: 'ended' }>['summary']> }) {
  const t = useTranslations('play');
  const format = useFormatter();
  const pct = (x: number | null) => (x === null ? '–' : format.number(x, { style: 'percent' }));
  return (
    <dl className="mt-6 grid w-full grid-cols-3 gap-3 text-center" data-testid="my-summary">
      <div className="rounded-xl bg-panel p-3">
        <dt className="text-sm text-slate-400">{t('accuracy')}</dt>
        <dd className="text-2xl font-black">{pct(summary.accuracy)}</dd>
      </div>
      <div className="rounded-xl bg-panel p-3">
        <dt className="text-sm text-slate-400">{t('avgAnswer')}</dt>
        <dd className="text-2xl font-black">{summary.meanAnswerMs === null ? '–' : t('seconds', { s: format.number(summary.meanAnswerMs / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}</dd>
      </div>
      <div className="rounded-xl bg-panel p-3">
        <dt className="text-sm text-slate-400">{t('bestStreak')}</dt>
        <dd className="text-2xl font-black">{summary.bestStreak}</dd>
      </div>
      <div className="col-span-3 rounded-xl bg-panel p-3 text-left">
        <dt className="text-sm text-slate-400">{t('perLevel')}</dt>
        {summary.perLevel.map((l) => (
          <dd key={l.level} className="flex justify-between">
            <span>
              <LevelName id={l.levelId} />
            </span>
            <b className="tabular-nums">{pct(l.accuracy)}</b>
          </dd>
        ))}
      </div>
    </dl>
  );
}

function Centered({ children }: { children: React.ReactNode }) {
  return <section className="flex flex-1 flex-col items-center justify-center gap-2 text-center">{children}</section>;
}

function Spinner() {
  return <div className="mt-6 h-12 w-12 animate-spin rounded-full border-4 border-edge border-t-accent" aria-hidden />;
}
