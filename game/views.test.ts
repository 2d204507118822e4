import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRoom } from './engine';
import type { Player, Room } from './state';
import { leaderboard } from './summary';
import { playerView, playerViews } from './views';

function room(players: { score: number; nickname: string }[], teams: boolean): Room {
  const base = createRoom({ pin: '123456', hostToken: 'h', settings: { teams } }, { now: 0 });
  const list: Player[] = players.map((p, i) => ({
    id: `p${i}`,
    token: `t${i}`,
    nickname: p.nickname,
    role: i % 3 === 0 && teams ? 'coach' : 'discriminator',
    score: p.score,
    streak: 0,
    bestStreak: 0,
    connected: true,
    joinedAt: 0,
    perLevel: {},
  }));
  return { ...base, players: list };
}

describe('player views', () => {
  it('one player’s view (found without sorting) equals that player’s view in a broadcast (one sort for all)', () => {
    const player = fc.record({ score: fc.integer({ min: 0, max: 40 }).map((s) => s * 50), nickname: fc.constantFrom('Ada', 'ada', 'Bo', 'Émile', 'Emile', 'Zed', 'ß', 'z') });
    fc.assert(
      fc.property(fc.array(player, { minLength: 1, maxLength: 40 }), fc.boolean(), (players, teams) => {
        const state = room(players, teams);
        const views = [...playerViews(state, () => 1000)];
        expect(views.map((v) => v.me.id).sort()).toEqual(state.players.map((p) => p.id).sort());
        for (const v of views) expect(playerView(state, v.me.id, 1000)).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it('ranks equal scores together and lists the top five in leaderboard order', () => {
    const state = room(
      [
        { score: 100, nickname: 'Cy' },
        { score: 300, nickname: 'Al' },
        { score: 100, nickname: 'Bea' },
        { score: 0, nickname: 'Dee' },
        { score: 300, nickname: 'Ed' },
        { score: 50, nickname: 'Flo' },
      ],
      false,
    );
    expect(leaderboard(state).map((e) => [e.nickname, e.rank])).toEqual([['Al', 1], ['Ed', 1], ['Bea', 3], ['Cy', 3], ['Flo', 5], ['Dee', 6]]);
    const cy = playerView(state, 'p0', 0)!;
    expect(cy.me.rank).toBe(3);
    expect(cy.ahead).toEqual({ nickname: 'Bea', score: 100 });
    expect(cy.top.map((e) => e.nickname)).toEqual(['Al', 'Ed', 'Bea', 'Cy', 'Flo']);
    expect(playerView(state, 'p1', 0)!.ahead).toBeNull();
    expect(playerView(state, 'nobody', 0)).toBeNull();
  });
});
