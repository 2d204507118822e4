/**
 * What each screen may see. Players never get truth before the reveal: during judging a view holds
 * only opaque ids and pixels, in the shuffled order, for real and generated images alike. The host
 * screen is projected to the class, so the same rule holds for it.
 */
import { totalRounds, votesCast, votesExpected } from './engine';
import type { HostPhaseView, HostView, LeaderboardEntry, PlayerPhaseView, PlayerView, RoundSummaryView } from './protocol';
import type { Room } from './state';

export function leaderboard(state: Room): LeaderboardEntry[] {
  const sorted = [...state.players].sort((a, b) => b.score - a.score || a.nickname.localeCompare(b.nickname));
  // Equal scores share a rank: "2nd" twice, then "4th".
  let rank = 0;
  let prev = Number.NaN;
  return sorted.map((p, i) => {
    if (p.score !== prev) {
      rank = i + 1;
      prev = p.score;
    }
    return { playerId: p.id, nickname: p.nickname, score: p.score, rank };
  });
}

function history(state: Room): RoundSummaryView[] {
  return state.history.map((r) => ({ round: r.round, fooledRate: r.fooledRate, report: r.report, bestFake: r.bestFake }));
}

function hostPhase(state: Room): HostPhaseView {
  const phase = state.phase;
  switch (phase.kind) {
    case 'lobby':
    case 'ended':
      return { kind: phase.kind };
    case 'generating':
      return { kind: 'generating', round: phase.round };
    case 'judging':
      return {
        kind: 'judging',
        round: phase.round,
        images: phase.images.map(({ id, pixels }) => ({ id, pixels })),
        deadline: phase.deadline,
        votesCast: votesCast(phase.votes),
        votesExpected: votesExpected(state),
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
      return { kind: 'training', round: phase.round, progress: phase.progress };
    case 'leaderboard':
      return { kind: 'leaderboard', level: phase.level };
  }
}

export function hostView(state: Room, now: number): HostView {
  return {
    pin: state.pin,
    dataset: state.dataset,
    settings: state.settings,
    serverNow: now,
    level: state.level,
    round: state.round,
    totalRounds: totalRounds(state),
    players: state.players.map((p) => ({ id: p.id, nickname: p.nickname, score: p.score, connected: p.connected })),
    leaderboard: leaderboard(state),
    trainer: state.trainer,
    history: history(state),
    phase: hostPhase(state),
  };
}

function playerPhase(state: Room, playerId: string): PlayerPhaseView {
  const phase = state.phase;
  switch (phase.kind) {
    case 'lobby':
    case 'ended':
      return { kind: phase.kind };
    case 'generating':
      return { kind: 'generating', round: phase.round };
    case 'judging': {
      const inRound = phase.eligible.includes(playerId);
      const mine: Record<string, 'real' | 'fake'> = {};
      for (const [id, v] of Object.entries(phase.votes[playerId] ?? {})) mine[id] = v.verdict;
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
      const mine = phase.votes[playerId] ?? {};
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
  }
}

/** The view for one player, or null if the id is not a player of this room. */
export function playerView(state: Room, playerId: string, now: number, board = leaderboard(state)): PlayerView | null {
  const me = state.players.find((p) => p.id === playerId);
  if (!me) return null;
  const idx = board.findIndex((e) => e.playerId === playerId);
  const above = idx > 0 ? board[idx - 1] : null;
  return {
    pin: state.pin,
    serverNow: now,
    round: state.round,
    totalRounds: totalRounds(state),
    playerCount: state.players.length,
    me: { id: me.id, nickname: me.nickname, score: me.score, rank: board[idx].rank, streak: me.streak },
    ahead: above ? { nickname: above.nickname, score: above.score } : null,
    top: board.slice(0, 5),
    trainer: state.trainer,
    phase: playerPhase(state, playerId),
  };
}
