'use client';
/** The solo game's screens, one per phase of the engine's room, from the player's own view. */
import { useMemo, useState } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import { lessonStep } from '@/game/lessons/check';
import type { Knobs, PlayerView, Verdict } from '@/game/protocol';
import { HUMAN, machineAccuracy, machineDisplay, machineVerdict, soloMode, targetProgress, type SoloSave } from '@/game/solo';
import { hostView } from '@/game/views';
import { currentLevel } from '@/game/engine';
import { defaultKnobs } from '@/game/coaching';
import { Countdown } from '../components/Countdown';
import { PixelImage } from '../components/PixelImage';
import { KnobsFields } from '../components/KnobsFields';
import { TrainingBar } from '../components/ProgressBar';
import { TrainerStall, useWait } from '../components/TrainerStall';
import { waitLimitMs } from '@/game/setup';
import { CheckQuestion } from '../components/lesson/CheckQuestion';
import { LessonCard } from '../components/lesson/LessonCard';
import { SeriesChart } from '../components/solo/SeriesChart';
import { roomLessonData } from '@/game/lessons/room';
import type { SoloDriver } from './driver';
import { useSolo } from './store';
import { LevelName } from '../i18n/text';
import { useCard } from '../i18n/useCards';

const big = 'rounded-2xl bg-accent px-6 py-4 text-2xl font-black text-ink hover:brightness-110 focus:outline-none focus-visible:ring-4 focus-visible:ring-white disabled:opacity-40';

export function SoloGame({ driver }: { driver: SoloDriver }) {
  const t = useTranslations('solo');
  const view = useSolo((s) => s.view);
  const save = useSolo((s) => s.save);
  if (!view || !save) return null;
  const coach = soloMode(save.room) === 'coach';
  const phase = view.phase;
  return (
    <div className="flex flex-col gap-4">
      <StatusBar view={view} coach={coach} />
      {coach && save.target && <TargetPanel save={save} />}
      {phase.kind === 'intro' && (
        <section className="flex flex-col items-start gap-4 rounded-2xl border border-edge bg-panel p-6" data-testid="phase-intro">
          <p className="text-sm uppercase tracking-wider text-slate-400">{t('levelOf', { level: phase.level, levels: save.room.levels.length })}</p>
          <h1 className="text-4xl font-black">
            <LevelName id={view.levelId} />
          </h1>
          <p className="max-w-3xl text-xl text-slate-300">
            <LevelName id={view.levelId} part="intro" />
          </p>
          <button type="button" className={big} onClick={() => driver.advance()}>
            {t('playLevel', { level: phase.level })}
          </button>
        </section>
      )}
      {phase.kind === 'generating' && <Waiting text={t('drawing')} />}
      <SoloWait view={view} driver={driver} />
      {phase.kind === 'coaching' && <CoachPick view={view} driver={driver} />}
      {phase.kind === 'judging' && (coach ? <Waiting text={t('machineJudging')} /> : <JudgeGrid view={view} driver={driver} />)}
      {phase.kind === 'reveal' && <Reveal view={view} save={save} driver={driver} coach={coach} />}
      {phase.kind === 'training' && <Training save={save} />}
      {phase.kind === 'leaderboard' && <LevelDone save={save} driver={driver} />}
      {phase.kind === 'lesson' && <Lesson view={view} save={save} driver={driver} />}
      {phase.kind === 'ended' && (
        <section className="rounded-2xl border border-edge bg-panel p-6" data-testid="phase-ended">
          <h1 className="text-4xl font-black">{t('complete')}</h1>
          <p className="mt-2 text-xl text-slate-300">{t('completeText', { score: view.me.score, streak: phase.summary?.bestStreak ?? 0 })}</p>
        </section>
      )}
    </div>
  );
}

function StatusBar({ view, coach }: { view: PlayerView; coach: boolean }) {
  const t = useTranslations('solo');
  const b = (c: React.ReactNode) => <b className="text-white tabular-nums">{c}</b>;
  return (
    <div className="flex flex-wrap items-baseline gap-x-6 gap-y-1 rounded-xl border border-edge bg-panel/60 px-4 py-2 text-slate-300" data-testid="status">
      <span>
        {t.rich('statusLevel', { level: view.level, b })}
        <LevelName id={view.levelId} />
      </span>
      <span>{t.rich('statusRound', { round: view.round, total: view.totalRounds, b })}</span>
      <span>
        {t.rich('statusPoints', {
          score: view.me.score,
          s: (c) => (
            <b className="text-xl text-accent tabular-nums" data-testid="score">
              {c}
            </b>
          ),
        })}
      </span>
      {!coach && view.me.streak > 1 && <span>{t('streak', { n: view.me.streak })}</span>}
      <span className="text-slate-400">{coach ? t('youCoach') : t('youJudge')}</span>
    </div>
  );
}

/** A generator that stops answering while the game waits for it: Retry, and Skip for training (components/TrainerStall). */
function SoloWait({ view, driver }: { view: PlayerView; driver: SoloDriver }) {
  const lastSign = useSolo((s) => s.lastSign);
  const failure = useSolo((s) => s.failure);
  const phase = view.phase;
  const waiting = phase.kind === 'generating' || phase.kind === 'training';
  const { state, failed } = useWait(waiting ? `${phase.kind}:${phase.round}` : null, { lastSign, limitMs: waitLimitMs(null), failure });
  if (!waiting || (state.kind !== 'stalled' && !failed)) return null;
  return <TrainerStall state={state} failed={failed} large={false} onRetry={() => driver.retry()} onSkip={phase.kind === 'training' ? () => void driver.advance() : undefined} />;
}

function Waiting({ text }: { text: string }) {
  return (
    <p className="rounded-2xl border border-edge bg-panel p-8 text-center text-xl text-slate-300" role="status">
      {text}
    </p>
  );
}

function JudgeGrid({ view, driver }: { view: PlayerView; driver: SoloDriver }) {
  const t = useTranslations('solo');
  const tc = useTranslations('common');
  const phase = view.phase;
  if (phase.kind !== 'judging') return null;
  const judged = Object.keys(phase.mine).length;
  const vote = (imageId: string, verdict: Verdict) => driver.send({ type: 'vote', token: HUMAN.token, imageId, verdict });
  return (
    <section className="flex flex-col gap-3" aria-label={t('judgeLabel')} data-testid="phase-judging">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-bold">{t('realOrFake')}</h1>
        <span className="text-slate-400">
          {t('judged', { judged, total: phase.images.length })} · <Countdown deadline={phase.deadline} serverNow={view.serverNow} className="text-2xl font-black text-white" />
        </span>
      </div>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {phase.images.map((img, i) => {
          const mine = phase.mine[img.id];
          return (
            <li key={img.id} className="flex flex-col gap-2 rounded-xl border border-edge bg-panel p-2">
              <PixelImage pixels={img.pixels} label={t('image', { index: i + 1 })} />
              <div className="grid grid-cols-2 gap-2">
                {(['real', 'fake'] as const).map((v) => (
                  <button
                    key={v}
                    type="button"
                    disabled={!!mine}
                    onClick={() => vote(img.id, v)}
                    aria-label={t('imageVerdict', { index: i + 1, verdict: tc(v) })}
                    aria-pressed={mine === v}
                    className={`min-h-11 rounded-lg text-lg font-bold capitalize disabled:cursor-default ${
                      mine === v ? (v === 'real' ? 'bg-real text-ink' : 'bg-fake text-ink') : mine ? 'bg-ink text-slate-600' : v === 'real' ? 'bg-real/20 text-real hover:bg-real/30' : 'bg-fake/20 text-rose-300 hover:bg-fake/30'
                    }`}
                  >
                    {tc(v)}
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Reveal({ view, save, driver, coach }: { view: PlayerView; save: SoloSave; driver: SoloDriver; coach: boolean }) {
  const t = useTranslations('solo');
  const tc = useTranslations('common');
  const format = useFormatter();
  const two = (x: number) => format.number(x, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const phase = view.phase;
  const room = save.room;
  if (phase.kind !== 'reveal' || room.phase.kind !== 'reveal') return null;
  const loss = currentLevel(room).tunables.loss;
  const truths = room.phase.images;
  const machine = machineAccuracy(truths, save.machine, loss, save.calibration);
  const mine = phase.images.filter((i) => i.correct).length;
  return (
    <section className="flex flex-col gap-3" aria-label={t('reveal')} data-testid="phase-reveal">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t('theReveal')}</h1>
        <p className="text-lg text-slate-300" data-testid="reveal-summary">
          {coach ? (
            t.rich('coachReveal', {
              rate: phase.fooledRate === null ? '–' : format.number(phase.fooledRate, { style: 'percent' }),
              gained: phase.gained,
              b: (c) => <b className="text-white">{c}</b>,
            })
          ) : (
            t.rich('judgeReveal', {
              mine: `${mine}/${phase.images.length}`,
              machine: `${machine.correct}/${machine.judged}`,
              gained: phase.gained,
              b: (c) => <b className="text-white">{c}</b>,
            })
          )}
        </p>
      </div>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {phase.images.map((img, i) => {
          const raw = save.machine[img.pixels];
          const mv = raw === undefined ? null : machineVerdict(loss, raw, save.calibration);
          return (
            <li key={img.id} className={`flex flex-col gap-1 rounded-xl border-2 p-2 ${img.truth === 'real' ? 'border-real/60' : 'border-fake/60'} bg-panel`} data-truth={img.truth}>
              <PixelImage pixels={img.pixels} label={t('imageTruth', { index: i + 1, truth: tc(img.truth) })} />
              <p className={`text-center font-black uppercase ${img.truth === 'real' ? 'text-real' : 'text-fake'}`}>{tc(img.truth)}</p>
              {!coach && (
                <p className="text-sm">
                  {t('you', { verdict: img.mine ? tc(img.mine) : '—' })} {img.mine ? (img.correct ? '✓' : '✗') : ''}
                </p>
              )}
              {mv && (
                <p className="text-sm text-slate-300" data-testid="machine-verdict">
                  {t('machine', { verdict: tc(mv) })} {mv === img.truth ? '✓' : '✗'}{' '}
                  <span className="block text-xs text-slate-400">{t(`score.${machineDisplay(loss, raw!).kind}`, { value: two(machineDisplay(loss, raw!).value) })}</span>
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" className={`${big} self-start`} onClick={() => driver.advance()}>
        {t('train')}
      </button>
    </section>
  );
}

function Training({ save }: { save: SoloSave }) {
  const t = useTranslations('solo');
  const format = useFormatter();
  const progress = useSolo((s) => s.progress);
  const sps = useSolo((s) => s.stepsPerSec);
  const data = save.losses.map((l, i) => ({ step: i + 1, d: l.d, g: l.g }));
  return (
    <section className="flex flex-col gap-4 rounded-2xl border border-edge bg-panel p-5" data-testid="phase-training">
      <h1 className="text-2xl font-bold">{t('training')}</h1>
      <TrainingBar progress={progress} />
      {sps !== null && <p className="text-sm text-slate-400">{t('speed', { sps: format.number(sps, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) })}</p>}
      <SeriesChart title={t('meanLoss')} data={data} series={[{ key: 'd', name: t('dLoss'), color: '#38bdf8' }, { key: 'g', name: t('gLoss'), color: '#facc15' }]} />
    </section>
  );
}

function LevelDone({ save, driver }: { save: SoloSave; driver: SoloDriver }) {
  const t = useTranslations('solo');
  const format = useFormatter();
  const room = save.room;
  const me = room.players.find((p) => p.id === HUMAN.id)!;
  const stats = me.perLevel[room.level];
  const rounds = room.history.filter((h) => h.level === room.level);
  const fooled = rounds.map((r) => r.fooledRate).filter((x): x is number => x !== null);
  return (
    <section className="flex flex-col items-start gap-3 rounded-2xl border border-edge bg-panel p-6" data-testid="phase-leaderboard">
      <h1 className="text-3xl font-black">{t('levelDone', { level: room.level })}</h1>
      <p className="text-xl text-slate-300">
        {me.role === 'coach'
          ? t('coachLevel', { rate: format.number(fooled.length ? fooled.reduce((a, b) => a + b, 0) / fooled.length : 0, { style: 'percent' }) })
          : t('judgeLevel', { correct: stats?.correct ?? 0, judged: stats?.judged ?? 0 })}{' '}
        {t('total', { score: me.score })}
      </p>
      <button type="button" className={big} onClick={() => driver.advance()}>
        {t('toLesson')}
      </button>
    </section>
  );
}

/** The lesson, one card at a time as in class: answer, reveal, next card. */
function Lesson({ view, save, driver }: { view: PlayerView; save: SoloSave; driver: SoloDriver }) {
  const t = useTranslations('solo');
  const phase = view.phase;
  const data = useMemo(() => roomLessonData(hostView(save.room, Date.now()), save.losses), [save.room, save.losses]);
  const question = phase.kind === 'lesson' ? phase.question : null;
  const card = useCard(question?.id);
  if (phase.kind !== 'lesson') return null;
  const step = lessonStep({ at: question?.index ?? 0, revealed: question?.revealed ?? false, total: question?.total ?? 0 });
  return (
    <section className="flex flex-col gap-4" data-testid="phase-lesson">
      {question && card && (
        <>
          <h1 className="font-mono text-sm text-accent">
            {t('cardOf', { index: question.index + 1, total: question.total })}
          </h1>
          <LessonCard key={card.id} card={card} data={data} compact hideCheck />
          <CheckQuestion
            key={`check-${card.id}`}
            card={card}
            compact
            room={{
              order: question.order,
              locked: question.mine,
              answer: question.revealed ? question.answer : null,
              onChoose: (shown) => driver.send({ type: 'answer', token: HUMAN.token, cardId: card.id, choice: shown }),
            }}
          />
        </>
      )}
      <div className="flex gap-3">
        <button type="button" className={big} onClick={() => driver.advance()}>
          {{ reveal: t('revealAnswer'), next: t('nextCard'), done: view.level >= save.room.levels.length ? t('finish') : t('nextLevel') }[step]}
        </button>
      </div>
    </section>
  );
}

/** Coach mode: choose the fakes the machine will judge, and the knobs of the next training. */
function CoachPick({ view, driver }: { view: PlayerView; driver: SoloDriver }) {
  const t = useTranslations('solo');
  const tc = useTranslations('coach');
  const phase = view.phase;
  const [picked, setPicked] = useState<string[]>([]);
  const [knobs, setKnobs] = useState<Knobs>(view.knobs ?? defaultKnobs(currentLevel(driver.room)));
  if (phase.kind !== 'coaching') return null;
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length < phase.needed ? [...p, id] : p));
  const submit = () => {
    driver.send({ type: 'knobs', token: HUMAN.token, knobs });
    driver.send({ type: 'pick', token: HUMAN.token, imageIds: picked });
  };
  return (
    <section className="grid gap-4 lg:grid-cols-[3fr_2fr]" aria-label={t('coachLabel')} data-testid="phase-coaching">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">{t('pick', { needed: phase.needed })}</h1>
        <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4">
          {phase.pool.map((img, i) => {
            const on = picked.includes(img.id);
            return (
              <li key={img.id}>
                <button type="button" onClick={() => toggle(img.id)} aria-pressed={on} aria-label={tc('candidate', { index: i + 1, picked: String(on) })} className={`w-full rounded-xl border-4 p-1 ${on ? 'border-accent' : 'border-transparent'}`}>
                  <PixelImage pixels={img.pixels} label="" />
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="flex flex-col gap-3">
        <fieldset className="rounded-2xl border border-edge bg-panel/60 p-3" data-testid="knobs">
          <legend className="px-2 text-lg font-bold">{t('knobs')}</legend>
          <KnobsFields knobs={knobs} onChoose={(patch) => setKnobs({ ...knobs, ...patch })} />
        </fieldset>
        <button type="button" className={big} disabled={picked.length !== phase.needed} onClick={submit}>
          {t('submit', { count: picked.length, needed: phase.needed })}
        </button>
      </div>
    </section>
  );
}

function TargetPanel({ save }: { save: SoloSave }) {
  const t = useTranslations('solo');
  const format = useFormatter();
  const target = save.target!;
  const rates = save.room.history.map((h) => h.fooledRate);
  const p = targetProgress(target, rates, save.fids);
  const fmt = (x: number | null) =>
    x === null ? '–' : target.kind === 'fooled' ? format.number(x, { style: 'percent' }) : format.number(x, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const goal = target.kind === 'fooled' ? t('goalFooled', { rate: format.number(target.rate, { style: 'percent' }) }) : t('goalFid', { value: target.value });
  return (
    <p className={`rounded-xl border px-4 py-2 ${p.reached ? 'border-real bg-real/10 text-real' : 'border-edge text-slate-300'}`} data-testid="target">
      {t('targetLine', { goal, latest: fmt(p.latest), best: fmt(p.best), reached: String(p.reached) })}
    </p>
  );
}
