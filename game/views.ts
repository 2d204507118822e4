/**
 * What each screen may see. Players never get truth before the reveal: during judging a view holds
 * only opaque ids and pixels, in the shuffled order, for real and generated images alike. The host
 * screen is projected to the class, so the same rule holds for it, and it never shows the coaches'
 * candidate pool (every image in it is a fake).
 */
import { ballotOf } from './ballots';
import { currentLevel, roundInLevel, totalRounds, voteCount } from './engine';
import { levelSpec } from './levels';
import type { HostPhaseView, HostView, PlayerPhaseView, PlayerView, RoundSummaryView, TeamStanding } from './protocol';
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
        })),
        fooledRate: phase.results.fooledRate,
        fooledInterval: phase.results.fooledInterval,
        mostFooling: phase.results.mostFooling,
        until: phase.until,
      };
    }
    case 'training':
      return { kind: 'training', round: phase.round, progress: phase.progress, knobs: phase.job.knobs };
    case 'leaderboard':
      return { kind: 'leaderboard', level: phase.level };
    case 'lesson': {
      const answers: Record<string, { answered: number; correct: number }> = {};
      for (const id of phase.cards) answers[id] = { answered: 0, correct: 0 };
      for (const byCard of Object.values(state.answers)) {
        for (const [id, a] of Object.entries(byCard)) {
          if (!answers[id]) continue;
          answers[id].answered++;
          if (a.correct) answers[id].correct++;
        }
      }
      return { kind: 'lesson', level: phase.level, cards: phase.cards, answers };
    }
  }
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
      for (const [id, v] of Object.entries(ballot ?? {})) mine[id] = v.verdict;
      return {
        kind: 'judging',
        round: phase.round,
        inRound,
        images: inRound ? phase.images.map(({ id, pixels }) => ({ id, pixels })) : [],
        deadline: phase.deadline,
        mine,
      };
    }
    case 'reveal': {
      const mine = ballotOf(phase, playerId) ?? {};
      return {
        kind: 'reveal',
        round: phase.round,
        images: phase.images.map((img) => {
          const v = mine[img.id]?.verdict ?? null;
          return { id: img.id, pixels: img.pixels, truth: img.truth, mine: v, correct: v === img.truth };
        }),
        gained: phase.results.gained[playerId] ?? 0,
        fooledRate: phase.results.fooledRate,
      };
    }
    case 'training':
      return { kind: 'training', round: phase.round, progress: phase.progress };
    case 'leaderboard':
      return { kind: 'leaderboard', level: phase.level };
    case 'lesson': {
      const mine: Record<string, { choice: number; correct: boolean }> = {};
      for (const id of phase.cards) {
        const a = state.answers[playerId]?.[id];
        if (a) mine[id] = { choice: a.choice, correct: a.correct };
      }
      return { kind: 'lesson', level: phase.level, cards: phase.cards, mine };
    }
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
