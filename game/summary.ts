/** Per-player and per-team figures for the end screens and the teacher. Pure. */
import { levelSpec } from './levels';
import type { Hype, LeaderboardEntry, PlayerSummary, Realism, Role, TeamStanding } from './protocol';
import { seededRng } from './rng';
import { type JudgeTally, bootstrapProportion, hypeInfinity } from './stats';
import type { Player, Room, RoundRecord } from './state';

/** One collator for every comparison: String.prototype.localeCompare sets one up per call, which a room of 2,000 felt. */
const collator = new Intl.Collator();
/** The leaderboard's order: higher score first, then nickname. */
const ahead = (a: Player, b: Player) => b.score - a.score || collator.compare(a.nickname, b.nickname);

const entry = (p: Player, rank: number): LeaderboardEntry => ({ playerId: p.id, nickname: p.nickname, score: p.score, rank, role: p.role });

export function leaderboard(state: Room): LeaderboardEntry[] {
  const sorted = [...state.players].sort(ahead);
  // Equal scores share a rank: "2nd" twice, then "4th".
  let rank = 0;
  let prev = Number.NaN;
  return sorted.map((p, i) => {
    if (p.score !== prev) {
      rank = i + 1;
      prev = p.score;
    }
    return entry(p, rank);
  });
}

export interface Standing {
  rank: number;
  /** The entry just above this player's. */
  above: LeaderboardEntry | null;
  top: LeaderboardEntry[];
}

/**
 * One player's place on the leaderboard, found without sorting the room: what a single view needs (a
 * join or a rejoin in a room of 2,000). The same order as leaderboard(), ties in players' order as
 * its stable sort leaves them.
 */
export function standing(state: Room, me: Player): Standing {
  const players = state.players;
  const mine = players.indexOf(me);
  const order = (p: Player, i: number, q: Player, j: number) => ahead(p, q) || i - j;
  let above = -1;
  const top: number[] = [];
  players.forEach((p, i) => {
    if (order(p, i, me, mine) < 0 && (above < 0 || order(players[above], above, p, i) < 0)) above = i;
    const last = top.length - 1;
    if (top.length < 5 || order(p, i, players[top[last]], top[last]) < 0) {
      let at = top.length;
      while (at > 0 && order(p, i, players[top[at - 1]], top[at - 1]) < 0) at--;
      top.splice(at, 0, i);
      if (top.length > 5) top.pop();
    }
  });
  const rankOf = (score: number) => 1 + players.reduce((n, p) => n + (p.score > score ? 1 : 0), 0);
  const at = (i: number) => entry(players[i], rankOf(players[i].score));
  return { rank: rankOf(me.score), above: above < 0 ? null : at(above), top: top.map(at) };
}

export function teamStandings(state: Room): TeamStanding[] | null {
  if (!state.settings.teams) return null;
  const roles: Role[] = ['discriminator', 'coach'];
  return roles.map((role) => {
    const members = state.players.filter((p) => p.role === role);
    const score = members.length ? Math.round(members.reduce((s, p) => s + p.score, 0) / members.length) : 0;
    return { role, members: members.length, score };
  });
}

export function playerSummary(state: Room, p: Player, rank: number): PlayerSummary {
  let correct = 0;
  let judged = 0;
  let answerMs = 0;
  const perLevel = state.levels.slice(0, state.level).map((id, i) => {
    const s = p.perLevel[i + 1];
    correct += s?.correct ?? 0;
    judged += s?.judged ?? 0;
    answerMs += s?.answerMs ?? 0;
    return { level: i + 1, levelId: id, name: levelSpec(id).name, accuracy: s?.judged ? s.correct / s.judged : null, judged: s?.judged ?? 0 };
  });
  return {
    playerId: p.id,
    nickname: p.nickname,
    score: p.score,
    rank,
    accuracy: judged ? correct / judged : null,
    meanAnswerMs: judged ? Math.round(answerMs / judged) : null,
    bestStreak: p.bestStreak,
    perLevel,
  };
}

export function summaries(state: Room, board = leaderboard(state)): PlayerSummary[] {
  const byId = new Map(state.players.map((p) => [p.id, p]));
  return board.map((e) => playerSummary(state, byId.get(e.playerId)!, e.rank));
}

/**
 * The room's error rates on fakes and on reals for one level, pooled over its rounds, with bootstrap
 * intervals. The resampling is seeded by the level so the figures on screen do not flicker.
 */
export function levelRealism(state: Room, level: number): Realism | null {
  // Worked out once per history (a new array when a round is recorded) and level: the projector's
  // view carries it, and in a hundred rooms those views came often enough to make this the server's hottest code.
  let byLevel = realismOf.get(state.history);
  if (!byLevel) realismOf.set(state.history, (byLevel = new Map()));
  if (!byLevel.has(level)) byLevel.set(level, realism(state.history, level));
  const pooled = byLevel.get(level)!;
  return pooled && { ...pooled, hype: levelHype(state.players, level) };
}
const realismOf = new WeakMap<readonly RoundRecord[], Map<number, Omit<Realism, 'hype'> | null>>();

/**
 * HYPE∞ for a level: each judge's judgments pooled over the level's rounds (kept per player, so a
 * player who left takes theirs along), then averaged over judges. Null when no judge's split is kept
 * (a room saved before it was). Cached per players array (a new one whenever anyone's score changes).
 */
export function levelHype(players: readonly Player[], level: number): Hype | null {
  let byLevel = hypeOf.get(players);
  if (!byLevel) hypeOf.set(players, (byLevel = new Map()));
  if (!byLevel.has(level)) {
    const judges: JudgeTally[] = [];
    for (const p of players) {
      const s = p.perLevel[level];
      if (s?.fakeJudged === undefined) continue;
      judges.push({ fakeJudged: s.fakeJudged, fakeCalledReal: s.fakeCalledReal ?? 0, realJudged: s.realJudged ?? 0, realCalledFake: s.realCalledFake ?? 0 });
    }
    const hype = hypeInfinity(judges, seededRng(level * 15485863));
    byLevel.set(level, hype.judges ? hype : null);
  }
  return byLevel.get(level)!;
}
const hypeOf = new WeakMap<readonly Player[], Map<number, Hype | null>>();

function realism(history: readonly RoundRecord[], level: number): Omit<Realism, 'hype'> | null {
  const rounds = history.filter((r) => r.level === level);
  const sum = (f: (r: (typeof rounds)[number]) => number) => rounds.reduce((s, r) => s + f(r), 0);
  const fakeJudged = sum((r) => r.fakeJudged);
  const realJudged = sum((r) => r.realJudged);
  if (fakeJudged + realJudged === 0) return null;
  const outcomes = (n: number, k: number): (0 | 1)[] => Array.from({ length: n }, (_, i) => (i < k ? 1 : 0));
  const fakeCalledReal = sum((r) => r.fakeCalledReal);
  const realCalledFake = sum((r) => r.realCalledFake);
  return {
    level,
    fakeErrorRate: fakeJudged ? fakeCalledReal / fakeJudged : null,
    fakeInterval: bootstrapProportion(outcomes(fakeJudged, fakeCalledReal), seededRng(level * 7919)),
    realErrorRate: realJudged ? realCalledFake / realJudged : null,
    realInterval: bootstrapProportion(outcomes(realJudged, realCalledFake), seededRng(level * 104729)),
    judgments: fakeJudged + realJudged,
  };
}
