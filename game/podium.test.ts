import { describe, expect, it } from 'vitest';
import type { LeaderboardEntry, TeamStanding } from './protocol';
import { ordinal, podiumPlaces, teamWinner } from './podium';

const board = (...scores: number[]): LeaderboardEntry[] => {
  let rank = 0;
  return scores.map((score, i) => {
    if (i === 0 || score !== scores[i - 1]) rank = i + 1;
    return { playerId: `p${i}`, nickname: `P${i}`, score, rank, role: 'discriminator' };
  });
};

describe('podiumPlaces', () => {
  it('puts everyone tied for a place on it', () => {
    const places = podiumPlaces(board(50, 40, 30, 30, 10));
    expect(places.map((p) => [p.rank, p.entries.map((e) => e.nickname)])).toEqual([
      [1, ['P0']],
      [2, ['P1']],
      [3, ['P2', 'P3']],
    ]);
  });

  it('skips a place that a tie above used up (1st, 1st, 3rd)', () => {
    expect(podiumPlaces(board(50, 50, 30, 20)).map((p) => p.rank)).toEqual([1, 3]);
    expect(podiumPlaces(board(50, 40, 40, 40, 10)).map((p) => [p.rank, p.entries.length])).toEqual([
      [1, 1],
      [2, 3],
    ]);
  });

  it('is empty for an empty room', () => {
    expect(podiumPlaces([])).toEqual([]);
  });
});

describe('teamWinner', () => {
  const team = (role: TeamStanding['role'], score: number, members = 3): TeamStanding => ({ role, score, members });
  it('names the team with the higher mean, or a tie', () => {
    expect(teamWinner([team('discriminator', 120), team('coach', 90)])).toEqual(team('discriminator', 120));
    expect(teamWinner([team('discriminator', 90), team('coach', 90)])).toBe('tie');
    expect(teamWinner(null)).toBeNull();
    expect(teamWinner([team('discriminator', 10, 0), team('coach', 5)])).toEqual(team('coach', 5));
  });
});

describe('ordinal', () => {
  it('spells places', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
  });
});
