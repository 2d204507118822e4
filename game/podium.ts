/**
 * The end screens' podium: places, not players. Players on equal scores share a place (the
 * leaderboard already ranks ties alike: 1st, 1st, 3rd), so a tie for third shows every name on it.
 * Pure.
 */
import type { LeaderboardEntry, TeamStanding } from './protocol';

export interface PodiumPlace {
  rank: number;
  entries: LeaderboardEntry[];
}

/** The places ranked 1 to `places` (at most that many groups), each with everyone who holds it. */
export function podiumPlaces(board: readonly LeaderboardEntry[], places = 3): PodiumPlace[] {
  const out: PodiumPlace[] = [];
  for (const e of board) {
    if (e.rank > places) break;
    const last = out[out.length - 1];
    if (last?.rank === e.rank) last.entries.push(e);
    else out.push({ rank: e.rank, entries: [e] });
  }
  return out;
}

/** The winning team (by mean score, so team sizes compare fairly), or 'tie'; null without teams or players. */
export function teamWinner(teams: readonly TeamStanding[] | null): TeamStanding | 'tie' | null {
  const playing = (teams ?? []).filter((t) => t.members > 0);
  if (playing.length === 0) return null;
  const best = Math.max(...playing.map((t) => t.score));
  const top = playing.filter((t) => t.score === best);
  return top.length === 1 ? top[0] : 'tie';
}

/** "1st", "2nd", "3rd", "4th"… */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
