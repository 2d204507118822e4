'use client';
/** The big area of the projector: what the room is doing right now. */
import { useFormatter, useLocale, useTranslations } from 'use-intl';
import { lessonStep } from '@/game/lessons/check';
import { podiumPlaces, teamWinner } from '@/game/podium';
import type { HostView, VoteCount } from '@/game/protocol';
import { Countdown } from '../components/Countdown';
import { GiveawayCaption, GiveawayImage } from '../components/GiveawayHeat';
import { PixelImage } from '../components/PixelImage';
import { TrainingBar } from '../components/ProgressBar';
import { Button } from './Button';
import { useHostActions } from './context';
import { LessonStage } from './LessonStage';
import { Lobby } from './Lobby';
import { LossChart } from './LossChart';
import { ResultsDownload } from './ResultsDownload';
import { TrainerWait } from './TrainerWait';
import { useHost } from './store';

/** A share as a percentage in the page's language ("45%", "45 %"). */
function usePct() {
  const format = useFormatter();
  return (x: number) => format.number(x, { style: 'percent' });
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

export function Stage({ view }: { view: HostView }) {
  const t = useTranslations('host');
  const tl = useTranslations('levels');
  const pct = usePct();
  const { send } = useHostActions();
  const votes = useHost((s) => s.votes);
  const progress = useHost((s) => s.progress);
  const judged = useHost((s) => s.judged);
  const phase = view.phase;
  const level = view.levels[view.level - 1];
  const levelName = tl(`${level.id}.name`);
  const roundLabel = t('roundLabel', { level: levelName, round: view.roundInLevel, rounds: view.settings.roundsPerLevel });
  switch (phase.kind) {
    case 'lobby':
      return <Lobby view={view} />;
    case 'intro':
      return (
        <Panel title={t('introTitle', { level: phase.level, levels: view.levels.length, name: levelName })}>
          <p className="max-w-4xl text-3xl leading-snug text-slate-200">{tl(`${level.id}.intro`)}</p>
          <p className="text-xl text-slate-400">
            {t('introFacts', {
              arch: level.model.arch,
              conditional: String(level.model.conditional),
              dataset: level.model.dataset,
              loss: t(`lossNames.${level.tunables.loss}`),
              rounds: view.settings.roundsPerLevel,
            })}
          </p>
          {view.teams && <TeamRoster view={view} />}
          <div>
            <Button primary onClick={() => send('host:advance')} disabled={!!view.paused}>
              {t('playLevel', { level: phase.level })}
            </Button>
          </div>
        </Panel>
      );
    case 'generating':
      return (
        <Panel title={roundLabel}>
          <p className="text-3xl text-slate-300">{t('drawing')}</p>
          <TrainerWait view={view} />
        </Panel>
      );
    case 'coaching':
      return (
        <Panel title={roundLabel} right={<Countdown deadline={phase.deadline} serverNow={view.serverNow} className="text-4xl font-black" />}>
          <p className="text-3xl text-slate-200">
            {t.rich('coaching', { done: phase.coachesDone, coaches: phase.coaches, b: (c) => <b className="tabular-nums">{c}</b> })}
          </p>
          <p className="text-xl text-slate-400">{t('coachingHint')}</p>
        </Panel>
      );
    case 'judging':
      return (
        <Panel
          title={roundLabel}
          right={
            <div className="flex items-center gap-6 text-3xl font-black">
              <span data-testid="vote-count" className="tabular-nums">
                {t('votes', { cast: votes?.votesCast ?? phase.votesCast, expected: votes?.votesExpected ?? phase.votesExpected })}
              </span>
              <Countdown deadline={phase.deadline} serverNow={view.serverNow} />
            </div>
          }
        >
          <p className="text-2xl text-slate-300">{t('judgeHint')}</p>
          <StillJudging count={votes ?? phase} onClose={() => send('host:advance')} paused={!!view.paused} />
          <ul className="grid grid-cols-3 gap-4 xl:grid-cols-6">
            {phase.images.map((img, i) => (
              <li key={img.id} className="rounded-xl bg-panel p-2">
                <PixelImage pixels={img.pixels} label={t('image', { index: i + 1 })} />
                <p className="mt-1 text-center text-xl font-bold text-slate-400">{i + 1}</p>
              </li>
            ))}
          </ul>
        </Panel>
      );
    case 'reveal': {
      const ci = phase.fooledInterval;
      // HYPE∞: each judge's error rate, averaged over judges, its interval resampling judges. An older
      // server's view (or a reveal saved before HYPE∞) has only the vote-pooled fooled rate.
      const hype = phase.hype?.score != null ? phase.hype : null;
      return (
        <Panel
          title={t('revealTitle', { round: roundLabel })}
          right={
            hype ? (
              <div className="max-w-xl text-right" data-testid="hype">
                <p className="text-4xl font-black text-accent" data-testid="fooled-rate">
                  {t('hype', { rate: pct(hype.score!) })}
                </p>
                <p className="text-lg text-slate-300">
                  {hype.interval ? t('interval', { low: pct(hype.interval.low), high: pct(hype.interval.high) }) : t('oneJudge')}
                  {hype.fakeError !== null && ` · ${t('fakesCalledReal', { rate: pct(hype.fakeError) })}`}
                  {hype.realError !== null && ` · ${t('realsCalledFake', { rate: pct(hype.realError) })}`}
                </p>
                <p className="text-lg text-slate-400">{t('chance')}</p>
              </div>
            ) : phase.fooledRate === null ? null : (
              <div className="text-right">
                <p className="text-5xl font-black text-accent" data-testid="fooled-rate">
                  {t('fooled', { rate: pct(phase.fooledRate) })}
                </p>
                {ci && <p className="text-lg text-slate-400">{t('interval', { low: pct(ci.low), high: pct(ci.high) })}</p>}
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
                  {img.giveaway ? (
                    <GiveawayImage pixels={img.pixels} heat={img.giveaway} image={t('revealImage', { index: i + 1, truth: 'fake', real: img.realVotes, fake: img.fakeVotes })} large caption={false} testId="giveaway" />
                  ) : (
                    <PixelImage pixels={img.pixels} label={t('revealImage', { index: i + 1, truth: img.truth, real: img.realVotes, fake: img.fakeVotes })} />
                  )}
                  <p className={`mt-2 text-center text-2xl font-black ${img.truth === 'real' ? 'text-real' : 'text-fake'}`}>
                    {img.truth === 'real' ? t('realBig') : t('fakeBig')}
                  </p>
                  <div className="mt-1 flex h-4 overflow-hidden rounded-full bg-edge" aria-hidden>
                    <div className="bg-real" style={{ width: total ? `${(100 * img.realVotes) / total}%` : 0 }} />
                    <div className="bg-fake" style={{ width: total ? `${(100 * img.fakeVotes) / total}%` : 0 }} />
                  </div>
                  <p className="mt-1 flex justify-between text-sm text-slate-300 tabular-nums">
                    <span>{t('realVotes', { n: img.realVotes })}</span>
                    <span>{t('fakeVotes', { n: img.fakeVotes })}</span>
                  </p>
                  {best && <p className="mt-1 text-center text-sm font-bold text-accent">{t('fooledMost')}</p>}
                  {img.giveaway && <GiveawayCaption heat={img.giveaway} large />}
                </li>
              );
            })}
          </ul>
        </Panel>
      );
    }
    case 'training':
      return (
        <Panel title={t('trainingTitle', { round: roundLabel })}>
          <p className="text-2xl text-slate-300">
            {phase.knobs
              ? t('trainingKnobs', {
                  loss: t(`lossNames.${phase.knobs.loss}`),
                  lr: t(`lr.${phase.knobs.lr}`),
                  ratio: phase.knobs.ratio,
                  steps: t(`stepsChoice.${phase.knobs.steps}`),
                })
              : t('trainingPlain')}
          </p>
          {judged?.round === phase.round && judged.steps > 0 && (
            <p className="text-xl text-slate-300" data-testid="trained-while-judging">
              {t('trainedWhileJudging', { n: judged.steps })}
            </p>
          )}
          <TrainingBar progress={progress ?? phase.progress} large />
          <TrainerWait view={view} />
          <LossChart />
        </Panel>
      );
    case 'leaderboard':
      return (
        <Panel title={t('levelComplete', { level: phase.level, name: levelName })}>
          <Podium view={view} />
          <LevelRealism view={view} />
          <div>
            <Button primary onClick={() => send('host:advance')}>
              {t('toLesson')}
            </Button>
          </div>
        </Panel>
      );
    case 'lesson':
      return (
        <Panel title={t('lessonTitle', { name: levelName })}>
          <LessonStage view={view} cards={phase.cards} />
          <div>
            <Button primary onClick={() => send('host:advance')}>
              {{
                reveal: t('revealAnswer'),
                next: t('nextCard'),
                done: view.level < view.levels.length ? t('onToLevel', { level: view.level + 1, name: tl(`${view.levels[view.level].id}.name`) }) : t('finish'),
              }[lessonStep({ at: phase.at, revealed: phase.question?.revealed ?? false, total: phase.cards.length })]}
            </Button>
          </div>
        </Panel>
      );
    case 'ended':
      return (
        <Panel title={t('gameOver')}>
          <Podium view={view} final />
          <EndTable view={view} />
          <ResultsDownload pin={view.pin} />
          <LossChart />
        </Panel>
      );
  }
}

function TeamRoster({ view }: { view: HostView }) {
  const t = useTranslations('host');
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {(['discriminator', 'coach'] as const).map((role) => (
        <div key={role} className={`rounded-xl p-4 ${role === 'coach' ? 'bg-fake/15' : 'bg-real/15'}`}>
          <p className="text-xl font-bold">{role === 'coach' ? t('coachesTeam') : t('judgesTeam')}</p>
          <p className="mt-1 text-lg text-slate-300">
            {view.players
              .filter((p) => p.role === role)
              .map((p) => p.nickname)
              .join(', ') || t('nobody')}
          </p>
        </div>
      ))}
    </div>
  );
}

function verdict(t: ReturnType<typeof useTranslations<'host'>>, ci: { low: number; high: number } | null): string {
  if (!ci) return '';
  if (ci.high < 0.5) return t('verdictTell');
  if (ci.low > 0.5) return t('verdictFooled');
  return t('verdictGuess');
}

/** The level's human realism (pooled over its rounds, with intervals) and what the classifier sees. */
function LevelRealism({ view }: { view: HostView }) {
  const t = useTranslations('host');
  const pct = usePct();
  const format = useFormatter();
  const r = view.realism;
  const measured = view.history.filter((h) => h.level === view.level && h.report?.fid !== undefined);
  const m = measured[measured.length - 1]?.report;
  if (!r && !m) return null;
  return (
    <div className="flex flex-col gap-2 text-2xl text-slate-200" data-testid="level-realism">
      {r?.fakeErrorRate != null && (
        <p>
          {t.rich('realism', {
            rate: pct(r.fakeErrorRate),
            interval: r.fakeInterval ? t('interval', { low: pct(r.fakeInterval.low), high: pct(r.fakeInterval.high) }) : 'none',
            real: r.realErrorRate != null ? pct(r.realErrorRate) : 'none',
            b: (c) => <b className="text-accent">{c}</b>,
          })}{' '}
          {verdict(t, r.fakeInterval)}
        </p>
      )}
      {m?.fid !== undefined && (
        <p className="text-xl text-slate-300">
          {t('fid', { fid: format.number(m.fid, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}{' '}
          {m.notImages
            ? t('notImages')
            : t('coverage', { classes: Math.round((m.coverage ?? 0) * 10) })}
          {!m.notImages && m.collapsed && <CollapseNote reason={m.collapseReason} />}
        </p>
      )}
    </div>
  );
}

/** Mode collapse, with the evaluator's reason where the page is in English (the evaluator speaks English only). */
function CollapseNote({ reason }: { reason: string | undefined }) {
  const t = useTranslations('host');
  const locale = useLocale();
  return <> {locale === 'en' && reason ? t('collapsedWhy', { reason }) : t('collapsed')}</>;
}

/**
 * Who the round is waiting for. Names stay off the projector until the teacher asks (a class need
 * not see who is slow); one tap shows them, and voting can be closed from here.
 */
function StillJudging({ count, onClose, paused }: { count: Pick<VoteCount, 'waiting' | 'waitingCount'>; onClose: () => void; paused: boolean }) {
  const t = useTranslations('host');
  const show = useHost((s) => s.showWaiting);
  const set = useHost((s) => s.set);
  const { waiting, waitingCount } = count;
  if (waitingCount === 0) return <p className="text-2xl font-bold text-real">{t('everyoneJudged')}</p>;
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="still-judging">
      <span className="text-2xl text-slate-200">
        {t.rich('stillJudging', { n: waitingCount, b: (c) => <b className="tabular-nums">{c}</b> })}
      </span>
      <Button onClick={() => set({ showWaiting: !show })} aria-expanded={show}>
        {show ? t('hideNames') : t('whoNotFinished')}
      </Button>
      <Button onClick={onClose} disabled={paused}>
        {t('closeVoting')}
      </Button>
      {show && (
        <ul className="flex w-full flex-wrap gap-2" aria-label={t('stillJudgingLabel')} data-testid="waiting-names">
          {waiting.map((name, i) => (
            <li key={`${name}-${i}`} className="rounded-lg bg-panel px-3 py-1 text-xl font-bold">
              {name}
            </li>
          ))}
          {waitingCount > waiting.length && <li className="px-3 py-1 text-xl text-slate-300">{t('andMore', { n: waitingCount - waiting.length })}</li>}
        </ul>
      )}
    </div>
  );
}

/** `final`: the game is over, so a team wins rather than leads. */
function Podium({ view, final = false }: { view: HostView; final?: boolean }) {
  const t = useTranslations('host');
  const places = podiumPlaces(view.leaderboard);
  const colors: Record<number, string> = { 1: 'text-accent', 2: 'text-slate-200', 3: 'text-amber-500' };
  const winner = teamWinner(view.teams);
  return (
    <div className="flex flex-col gap-4">
      {winner && (
        <p className="text-3xl font-black" data-testid="team-winner">
          {winner === 'tie' ? t('teamsTie', { final: String(final) }) : t('teamWins', { role: winner.role, final: String(final), score: winner.score })}
        </p>
      )}
      {/* Equal columns, whatever the names: a place is a box, and a tie shares its box. */}
      <ol className="grid grid-cols-3 items-end gap-4" data-testid="podium">
        {places.map((place) => (
          <li key={place.rank} className={`min-w-0 rounded-2xl bg-panel px-4 text-center ${place.rank === 1 ? 'py-8' : 'py-5'}`}>
            <p className={`text-4xl font-black ${colors[place.rank] ?? 'text-slate-200'}`}>
              {t('place', { rank: place.rank })}
              {place.entries.length > 1 && <span className="ml-2 text-xl font-bold text-slate-300">{t('tie')}</span>}
            </p>
            {place.entries.map((e) => (
              <p key={e.playerId} className="truncate text-3xl font-black" title={e.nickname}>
                {e.nickname}
              </p>
            ))}
            <p className="text-2xl text-accent tabular-nums">{place.entries[0].score}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}

function EndTable({ view }: { view: HostView }) {
  const t = useTranslations('host');
  const tl = useTranslations('levels');
  const pct = usePct();
  const format = useFormatter();
  if (view.phase.kind !== 'ended') return null;
  const { summaries } = view.phase;
  const levels = view.levels.slice(0, view.level);
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('endTableLabel')}>
      <table className="w-full text-left text-lg" data-testid="summary-table">
        <caption className="mb-2 text-left text-slate-400">{t('endTableCaption')}</caption>
        <thead className="text-slate-400">
          <tr>
            <th className="py-1 pr-4">#</th>
            <th className="pr-4">{t('player')}</th>
            <th className="pr-4 text-right">{t('score')}</th>
            <th className="pr-4 text-right">{t('accuracy')}</th>
            <th className="pr-4 text-right">{t('avgAnswer')}</th>
            <th className="pr-4 text-right">{t('bestStreak')}</th>
            {levels.map((l, i) => (
              <th key={i} className="pr-4 text-right text-sm">
                {tl(`${l.id}.name`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summaries.map((s) => (
            <tr key={s.playerId} className="border-t border-edge">
              <td className="py-1 pr-4">{s.rank}</td>
              <td className="pr-4 font-bold">{s.nickname}</td>
              <td className="pr-4 text-right tabular-nums">{s.score}</td>
              <td className="pr-4 text-right tabular-nums">{s.accuracy === null ? '–' : pct(s.accuracy)}</td>
              <td className="pr-4 text-right tabular-nums">{s.meanAnswerMs === null ? '–' : t('seconds', { s: format.number(s.meanAnswerMs / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}</td>
              <td className="pr-4 text-right tabular-nums">{s.bestStreak}</td>
              {s.perLevel.map((l) => (
                <td key={l.level} className="pr-4 text-right tabular-nums">
                  {l.accuracy === null ? '–' : pct(l.accuracy)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
