'use client';
/** The big area of the projector: what the room is doing right now. */
import { LEVELS } from '@/game/levels';
import { lessonStep } from '@/game/lessons/check';
import { ordinal, podiumPlaces, teamWinner } from '@/game/podium';
import type { HostView, VoteCount } from '@/game/protocol';
import { ARCH, DATASET } from '@/game/vocabulary';
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
import { TRAINING_TEXT } from './setup-text';
import { useHost } from './store';

const pct = (x: number) => `${Math.round(x * 100)}%`;

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
  const { send } = useHostActions();
  const votes = useHost((s) => s.votes);
  const progress = useHost((s) => s.progress);
  const judged = useHost((s) => s.judged);
  const phase = view.phase;
  const level = view.levels[view.level - 1];
  const roundLabel = `${level.name} · round ${view.roundInLevel} of ${view.settings.roundsPerLevel}`;
  switch (phase.kind) {
    case 'lobby':
      return <Lobby view={view} />;
    case 'intro':
      return (
        <Panel title={`Level ${phase.level} of ${view.levels.length}: ${level.name}`}>
          <p className="max-w-4xl text-3xl leading-snug text-slate-200">{level.intro}</p>
          <p className="text-xl text-slate-400">
            {ARCH[level.model.arch].generator} generator
            {level.model.conditional ? ', conditioned on the digit' : ''} · {DATASET[level.model.dataset].source} ·{' '}
            {level.tunables.loss} loss · {view.settings.roundsPerLevel} {view.settings.roundsPerLevel === 1 ? 'round' : 'rounds'}
          </p>
          {view.teams && <TeamRoster view={view} />}
          <div>
            <Button primary onClick={() => send('host:advance')} disabled={!!view.paused}>
              Play level {phase.level}
            </Button>
          </div>
        </Panel>
      );
    case 'generating':
      return (
        <Panel title={roundLabel}>
          <p className="text-3xl text-slate-300">The generator is drawing its fakes…</p>
          <TrainerWait view={view} />
        </Panel>
      );
    case 'coaching':
      return (
        <Panel title={roundLabel} right={<Countdown deadline={phase.deadline} serverNow={view.serverNow} className="text-4xl font-black" />}>
          <p className="text-3xl text-slate-200">
            Coaches are choosing which fakes to send in: <b className="tabular-nums">{phase.coachesDone}</b> of {phase.coaches} done.
          </p>
          <p className="text-xl text-slate-400">Discriminators, get ready. The coaches picked from a pool you will never see.</p>
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
          <StillJudging count={votes ?? phase} onClose={() => send('host:advance')} paused={!!view.paused} />
          <ul className="grid grid-cols-3 gap-4 xl:grid-cols-6">
            {phase.images.map((img, i) => (
              <li key={img.id} className="rounded-xl bg-panel p-2">
                <PixelImage pixels={img.pixels} label={`Image ${i + 1}`} />
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
          title={`${roundLabel} · the reveal`}
          right={
            hype ? (
              <div className="max-w-xl text-right" data-testid="hype">
                <p className="text-4xl font-black text-accent" data-testid="fooled-rate">
                  Human error rate (HYPE∞): {pct(hype.score!)}
                </p>
                <p className="text-lg text-slate-300">
                  {hype.interval ? `95% interval ${pct(hype.interval.low)}–${pct(hype.interval.high)}` : 'one judge: no interval'}
                  {hype.fakeError !== null && ` · fakes called real ${pct(hype.fakeError)}`}
                  {hype.realError !== null && ` · reals called fake ${pct(hype.realError)}`}
                </p>
                <p className="text-lg text-slate-400">50% means the class cannot tell</p>
              </div>
            ) : phase.fooledRate === null ? null : (
              <div className="text-right">
                <p className="text-5xl font-black text-accent" data-testid="fooled-rate">
                  {pct(phase.fooledRate)} fooled
                </p>
                {ci && <p className="text-lg text-slate-400">95% interval {pct(ci.low)}–{pct(ci.high)}</p>}
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
                    <GiveawayImage pixels={img.pixels} heat={img.giveaway} image={`Image ${i + 1}: fake, ${img.realVotes} said real, ${img.fakeVotes} said fake`} large caption={false} testId="giveaway" />
                  ) : (
                    <PixelImage pixels={img.pixels} label={`Image ${i + 1}: ${img.truth}, ${img.realVotes} said real, ${img.fakeVotes} said fake`} />
                  )}
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
        <Panel title={`${roundLabel} · training`}>
          <p className="text-2xl text-slate-300">
            The room&apos;s votes are becoming real training steps
            {phase.knobs ? ` · the coaches chose ${phase.knobs.loss}, ${phase.knobs.lr} learning rate, D:G ${phase.knobs.ratio}, ${phase.knobs.steps} steps` : ''}.
          </p>
          {judged?.round === phase.round && judged.steps > 0 && (
            <p className="text-xl text-slate-300" data-testid="trained-while-judging">
              {TRAINING_TEXT.trainedWhileJudging(judged.steps)}
            </p>
          )}
          <TrainingBar progress={progress ?? phase.progress} large />
          <TrainerWait view={view} />
          <LossChart />
        </Panel>
      );
    case 'leaderboard':
      return (
        <Panel title={`Level ${phase.level} complete: ${level.name}`}>
          <Podium view={view} />
          <LevelRealism view={view} />
          <div>
            <Button primary onClick={() => send('host:advance')}>
              What just happened? (lesson)
            </Button>
          </div>
        </Panel>
      );
    case 'lesson':
      return (
        <Panel title={`After ${level.name}: lesson`}>
          <LessonStage view={view} cards={phase.cards} />
          <div>
            <Button primary onClick={() => send('host:advance')}>
              {{
                reveal: 'Reveal the answer',
                next: 'Next card',
                done: view.level < view.levels.length ? `On to level ${view.level + 1}: ${view.levels[view.level].name}` : 'Finish the game',
              }[lessonStep({ at: phase.at, revealed: phase.question?.revealed ?? false, total: phase.cards.length })]}
            </Button>
          </div>
        </Panel>
      );
    case 'ended':
      return (
        <Panel title="Game over">
          <Podium view={view} final />
          <EndTable view={view} />
          <ResultsDownload pin={view.pin} />
          <LossChart />
        </Panel>
      );
  }
}

function TeamRoster({ view }: { view: HostView }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {(['discriminator', 'coach'] as const).map((role) => (
        <div key={role} className={`rounded-xl p-4 ${role === 'coach' ? 'bg-fake/15' : 'bg-real/15'}`}>
          <p className="text-xl font-bold">{role === 'coach' ? 'Coaches: help the generator fool them' : 'Discriminators: catch the fakes'}</p>
          <p className="mt-1 text-lg text-slate-300">
            {view.players
              .filter((p) => p.role === role)
              .map((p) => p.nickname)
              .join(', ') || 'nobody'}
          </p>
        </div>
      ))}
    </div>
  );
}

function verdict(ci: { low: number; high: number } | null): string {
  if (!ci) return '';
  if (ci.high < 0.5) return 'You could still tell them apart.';
  if (ci.low > 0.5) return 'The generator fooled you more often than not.';
  return 'That is as good as guessing: the room could not tell.';
}

/** The level's human realism (pooled over its rounds, with intervals) and what the classifier sees. */
function LevelRealism({ view }: { view: HostView }) {
  const r = view.realism;
  const measured = view.history.filter((h) => h.level === view.level && h.report?.fid !== undefined);
  const m = measured[measured.length - 1]?.report;
  if (!r && !m) return null;
  return (
    <div className="flex flex-col gap-2 text-2xl text-slate-200" data-testid="level-realism">
      {r?.fakeErrorRate != null && (
        <p>
          The room took fakes for real <b className="text-accent">{pct(r.fakeErrorRate)}</b> of the time
          {r.fakeInterval && ` (95% interval ${pct(r.fakeInterval.low)}–${pct(r.fakeInterval.high)})`}
          {r.realErrorRate != null && <>, and real images for fakes {pct(r.realErrorRate)}</>}.{' '}
          {verdict(r.fakeInterval)}
        </p>
      )}
      {m?.fid !== undefined && (
        <p className="text-xl text-slate-300">
          Fréchet distance to real images {m.fid.toFixed(1)} (lower is closer).{' '}
          {m.notImages
            ? 'The samples are still far from anything real, so which class the classifier puts them in means little yet.'
            : `The classifier sees ${Math.round((m.coverage ?? 0) * 10)} of 10 classes in the generator's samples.${m.collapsed ? ` Mode collapse: ${m.collapseReason}` : ''}`}
        </p>
      )}
    </div>
  );
}

/**
 * Who the round is waiting for. Names stay off the projector until the teacher asks (a class need
 * not see who is slow); one tap shows them, and voting can be closed from here.
 */
function StillJudging({ count, onClose, paused }: { count: Pick<VoteCount, 'waiting' | 'waitingCount'>; onClose: () => void; paused: boolean }) {
  const show = useHost((s) => s.showWaiting);
  const set = useHost((s) => s.set);
  const { waiting, waitingCount } = count;
  if (waitingCount === 0) return <p className="text-2xl font-bold text-real">Everyone has judged every image.</p>;
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="still-judging">
      <span className="text-2xl text-slate-200">
        Still judging: <b className="tabular-nums">{waitingCount}</b>
      </span>
      <Button onClick={() => set({ showWaiting: !show })} aria-expanded={show}>
        {show ? 'Hide names' : 'Who hasn’t finished?'}
      </Button>
      <Button onClick={onClose} disabled={paused}>
        Close voting now
      </Button>
      {show && (
        <ul className="flex w-full flex-wrap gap-2" aria-label="Players still judging" data-testid="waiting-names">
          {waiting.map((name, i) => (
            <li key={`${name}-${i}`} className="rounded-lg bg-panel px-3 py-1 text-xl font-bold">
              {name}
            </li>
          ))}
          {waitingCount > waiting.length && <li className="px-3 py-1 text-xl text-slate-300">and {waitingCount - waiting.length} more</li>}
        </ul>
      )}
    </div>
  );
}

/** `final`: the game is over, so a team wins rather than leads. */
function Podium({ view, final = false }: { view: HostView; final?: boolean }) {
  const places = podiumPlaces(view.leaderboard);
  const colors: Record<number, string> = { 1: 'text-accent', 2: 'text-slate-200', 3: 'text-amber-500' };
  const winner = teamWinner(view.teams);
  return (
    <div className="flex flex-col gap-4">
      {winner && (
        <p className="text-3xl font-black" data-testid="team-winner">
          {winner === 'tie'
            ? `The two teams are level on points${final ? ' at the end' : ''}!`
            : `${winner.role === 'coach' ? 'The Coaches' : 'The Discriminators'} ${final ? 'win' : 'lead'}, with a mean of ${winner.score} points${final ? '!' : '.'}`}
        </p>
      )}
      {/* Equal columns, whatever the names: a place is a box, and a tie shares its box. */}
      <ol className="grid grid-cols-3 items-end gap-4" data-testid="podium">
        {places.map((place) => (
          <li key={place.rank} className={`min-w-0 rounded-2xl bg-panel px-4 text-center ${place.rank === 1 ? 'py-8' : 'py-5'}`}>
            <p className={`text-4xl font-black ${colors[place.rank] ?? 'text-slate-200'}`}>
              {ordinal(place.rank)}
              {place.entries.length > 1 && <span className="ml-2 text-xl font-bold text-slate-300">(tie)</span>}
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
  if (view.phase.kind !== 'ended') return null;
  const { summaries } = view.phase;
  const levels = view.levels.slice(0, view.level);
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Each player's game">
      <table className="w-full text-left text-lg" data-testid="summary-table">
        <caption className="mb-2 text-left text-slate-400">Each player&apos;s game: accuracy, speed, best streak, and accuracy level by level.</caption>
        <thead className="text-slate-400">
          <tr>
            <th className="py-1 pr-4">#</th>
            <th className="pr-4">Player</th>
            <th className="pr-4 text-right">Score</th>
            <th className="pr-4 text-right">Accuracy</th>
            <th className="pr-4 text-right">Avg. answer</th>
            <th className="pr-4 text-right">Best streak</th>
            {levels.map((l, i) => (
              <th key={i} className="pr-4 text-right text-sm">
                {LEVELS[l.id].name}
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
              <td className="pr-4 text-right tabular-nums">{s.meanAnswerMs === null ? '–' : `${(s.meanAnswerMs / 1000).toFixed(1)} s`}</td>
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
