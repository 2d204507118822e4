/**
 * What each screen may see. Players never get truth before the reveal: during judging a view holds
 * only opaque ids and pixels, in the shuffled order, for real and generated images alike. The host
 * screen is projected to the class, so the same rule holds for it, and it never shows the coaches'
 * candidate pool (every image in it is a fake).
 */
import { ballotOf } from './ballots';
import { currentLevel, roundInLevel, totalRounds, voteCount } from './engine';
import { levelSpec } from './levels';
import { shownAnswer } from './lessons/check';
import type { Spot } from './protocol';
import type { HostLessonQuestion, HostPhaseView, HostView, PlayerLessonQuestion, PlayerPhaseView, PlayerView, RoundSummaryView, TeamStanding } from './protocol';
import type { Player, Room } from './state';
import { type Standing, leaderboard, levelRealism, playerSummary, standing, summaries, teamStandings } from './summary';

export { leaderboard };

function history(state: Room): RoundSummaryView[] {
  return state.history.map((r) => ({ round: r.round, level: r.level, fooledRate: r.fooledRate, report: r.report, bestFake: r.bestFake }));
}

function hostPhase(state: Room): HostPhaseView {
  const phase = state.phase;
  switch (phase.kind) {
    case 'lobby':
      return { kind: 'lobby' };
    case 'ended':
      return { kind: 'ended', summaries: summaries(state) };
    case 'intro':
      return { kind: 'intro', level: phase.level };
    case 'generating':
      return { kind: 'generating', round: phase.round };
    case 'coaching': {
      const coaches = state.players.filter((p) => p.role === 'coach' && p.connected);
      return {
        kind: 'coaching',
        round: phase.round,
        coaches: coaches.length,
        coachesDone: coaches.filter((c) => phase.picks[c.id]?.length === phase.fakes).length,
        deadline: phase.deadline,
      };
    }
    case 'judging':
      return {
        kind: 'judging',
        round: phase.round,
        images: phase.images.map(({ id, pixels }) => ({ id, pixels })),
        deadline: phase.deadline,
        ...voteCount(state),
      };
    case 'reveal': {
      const tallies = new Map(phase.results.tallies.map((t) => [t.id, t]));
      return {
        kind: 'reveal',
        round: phase.round,
        images: phase.images.map((img) => ({
          id: img.id,
          pixels: img.pixels,
          truth: img.truth,
          realVotes: tallies.get(img.id)?.realVotes ?? 0,
          fakeVotes: tallies.get(img.id)?.fakeVotes ?? 0,
          ...(phase.results.giveaways?.[img.id] ? { giveaway: phase.results.giveaways[img.id] } : {}),
        })),
        fooledRate: phase.results.fooledRate,
        fooledInterval: phase.results.fooledInterval,
        hype: phase.results.hype ?? null,
        mostFooling: phase.results.mostFooling,
        until: phase.until,
      };
    }
    case 'training':
      return { kind: 'training', round: phase.round, progress: phase.progress, knobs: phase.job.knobs };
    case 'leaderboard':
      return { kind: 'leaderboard', level: phase.level };
    case 'lesson':
      return hostLesson(state, phase);
  }
}

type LessonPhase = Extract<Room['phase'], { kind: 'lesson' }>;

/** Whether a card's answer is out: the cards before the current one, and the current one once revealed. */
const isRevealed = (phase: LessonPhase, i: number) => i < phase.at || (i === phase.at && phase.revealed);

/**
 * The lesson on the projector. The class's answers to a card (how many were right, who picked what)
 * appear only once its answer is revealed: before that, only how many have answered.
 */
function hostLesson(state: Room, phase: LessonPhase): HostPhaseView {
  const answers: Record<string, { answered: number; correct: number }> = {};
  phase.cards.forEach((id, i) => {
    if (isRevealed(phase, i)) answers[id] = { answered: 0, correct: 0 };
  });
  const id = phase.cards[phase.at] as string | undefined;
  const order = id === undefined ? [] : (phase.orders[id] ?? []);
  // authored index → shown position, to count the class's choices as the projector shows them
  const shownAt = new Map(order.map((authored, shown) => [authored, shown]));
  const counts = order.map(() => 0);
  let answered = 0;
  for (const byCard of Object.values(state.answers)) {
    for (const [card, a] of Object.entries(byCard)) {
      if (card === id) {
        answered++;
        const shown = shownAt.get(a.choice);
        if (shown !== undefined) counts[shown]++;
      }
      if (!answers[card]) continue;
      answers[card].answered++;
      if (a.correct) answers[card].correct++;
    }
  }
  const question: HostLessonQuestion | null =
    id === undefined
      ? null
      : phase.revealed
        ? { id, order, answered, revealed: true, counts, answer: shownAnswer(id, order) }
        : { id, order, answered, revealed: false };
  return { kind: 'lesson', level: phase.level, cards: phase.cards, answers, at: phase.at, question };
}

/** The card on the projector as one phone sees it: whether its answer was right, only once revealed. */
function playerQuestion(state: Room, phase: LessonPhase, playerId: string): PlayerLessonQuestion | null {
  const id = phase.cards[phase.at] as string | undefined;
  if (id === undefined) return null;
  const order = phase.orders[id] ?? [];
  const a = state.answers[playerId]?.[id];
  const base = { id, order, index: phase.at, total: phase.cards.length, mine: a ? order.indexOf(a.choice) : null };
  return phase.revealed ? { ...base, revealed: true, correct: a?.correct ?? false, answer: shownAnswer(id, order) } : { ...base, revealed: false };
}

export function hostView(state: Room, now: number): HostView {
  return {
    pin: state.pin,
    settings: state.settings,
    serverNow: now,
    levels: state.levels.map((id) => ({ ...levelSpec(id), cards: state.cards[id] ?? levelSpec(id).cards })),
    level: state.level,
    round: state.round,
    roundInLevel: roundInLevel(state),
    totalRounds: totalRounds(state),
    paused: state.paused,
    locked: state.locked,
    players: state.players.map((p) => ({ id: p.id, nickname: p.nickname, score: p.score, connected: p.connected, role: p.role })),
    leaderboard: leaderboard(state),
    teams: teamStandings(state),
    trainer: state.trainer,
    history: history(state),
    realism: levelRealism(state, state.level),
    phase: hostPhase(state),
  };
}

function playerPhase(state: Room, me: Player, rank: number): PlayerPhaseView {
  const phase = state.phase;
  const playerId = me.id;
  switch (phase.kind) {
    case 'lobby':
      return { kind: 'lobby' };
    case 'ended':
      return { kind: 'ended', summary: playerSummary(state, me, rank) };
    case 'intro': {
      const spec = currentLevel(state);
      return { kind: 'intro', level: phase.level, name: spec.name, intro: spec.intro };
    }
    case 'generating':
      return { kind: 'generating', round: phase.round };
    case 'coaching': {
      const coach = me.role === 'coach';
      return {
        kind: 'coaching',
        round: phase.round,
        pool: coach ? phase.pool.map(({ id, pixels }) => ({ id, pixels })) : [],
        needed: phase.fakes,
        mine: coach ? (phase.picks[playerId] ?? []) : [],
        deadline: phase.deadline,
      };
    }
    case 'judging': {
      const ballot = ballotOf(phase, playerId);
      const inRound = ballot !== undefined;
      const mine: Record<string, 'real' | 'fake'> = {};
      const spots: Record<string, Spot> = {};
      for (const [id, v] of Object.entries(ballot ?? {})) {
        mine[id] = v.verdict;
        if (v.spot) spots[id] = v.spot;
      }
      return {
        kind: 'judging',
        round: phase.round,
        inRound,
        images: inRound ? phase.images.map(({ id, pixels }) => ({ id, pixels })) : [],
        deadline: phase.deadline,
        mine,
        spots,
      };
    }
    case 'reveal': {
      const mine = ballotOf(phase, playerId) ?? {};
      return {
        kind: 'reveal',
        round: phase.round,
        images: phase.images.map((img) => {
          const v = mine[img.id]?.verdict ?? null;
          const spot = mine[img.id]?.spot;
          return { id: img.id, pixels: img.pixels, truth: img.truth, mine: v, correct: v === img.truth, ...(spot ? { spot } : {}) };
        }),
        gained: phase.results.gained[playerId] ?? 0,
        fooledRate: phase.results.fooledRate,
      };
    }
    case 'training':
      return { kind: 'training', round: phase.round, progress: phase.progress };
    case 'leaderboard':
      return { kind: 'leaderboard', level: phase.level };
    case 'lesson':
      return { kind: 'lesson', level: phase.level, question: playerQuestion(state, phase, playerId) };
  }
}

/** The view for one player, or null if the id is not a player of this room. */
/** The view for one player, or null if the id is not a player of this room. Linear in the room's size. */
export function playerView(state: Room, playerId: string, now: number): PlayerView | null {
  const me = state.players.find((p) => p.id === playerId);
  return me ? viewOf(state, me, standing(state, me), teamStandings(state), now) : null;
}

/**
 * Every player's view of one room state, for a broadcast: the leaderboard is sorted once for all of
 * them rather than once each (a phase change in a room of 2,000 sends 2,000 views). Each view is made
 * when it is taken, with the clock's time then, so views sent in slices carry the time they left.
 */
export function* playerViews(state: Room, clock: () => number): Generator<PlayerView> {
  const board = leaderboard(state);
  const top = board.slice(0, 5);
  const teams = teamStandings(state);
  const byId = new Map(state.players.map((p) => [p.id, p]));
  for (const [i, e] of board.entries()) {
    yield viewOf(state, byId.get(e.playerId)!, { rank: e.rank, above: i > 0 ? board[i - 1] : null, top }, teams, clock());
  }
}

function viewOf(state: Room, me: Player, { rank, above, top }: Standing, teams: TeamStanding[] | null, now: number): PlayerView {
  return {
    pin: state.pin,
    serverNow: now,
    round: state.round,
    totalRounds: totalRounds(state),
    level: state.level,
    levelId: currentLevel(state).id,
    levelName: currentLevel(state).name,
    playerCount: state.players.length,
    paused: state.paused,
    me: { id: me.id, nickname: me.nickname, score: me.score, rank, streak: me.streak, role: me.role },
    ahead: above ? { nickname: above.nickname, score: above.score } : null,
    top,
    teams,
    knobs: me.role === 'coach' ? (state.knobs[me.id] ?? null) : null,
    trainer: state.trainer,
    phase: playerPhase(state, me, rank),
  };
}
