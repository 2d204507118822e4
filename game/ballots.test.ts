import { describe, expect, it } from 'vitest';
import { ballotEntries, ballotOf, ballotsFrom, castVote, eachBallot, emptyBallots, judgeIndex, openBallots, setBallot, votesCast, withBallots, withoutJudge } from './ballots';
import { createRoom } from './engine';
import type { Ballot, Room } from './state';

const vote = (verdict: 'real' | 'fake', at: number) => ({ verdict, at });

describe('ballots', () => {
  const eligible = ['p0', 'p1', 'p2'];

  it('finds a judge by id, and says -1 for anyone else (including names on Object.prototype)', () => {
    expect(judgeIndex(eligible, 'p1')).toBe(1);
    expect(judgeIndex(eligible, 'p9')).toBe(-1);
    expect(judgeIndex(eligible, 'constructor')).toBe(-1);
    // A new list gets its own index.
    expect(judgeIndex(['p2'], 'p2')).toBe(0);
  });

  it('casts a vote into a new array and leaves the old phase as it was', () => {
    const before = { eligible, ballots: emptyBallots(3) };
    const after = { eligible, ballots: castVote(before, 1, 'img', vote('fake', 5)) };
    expect(ballotOf(after, 'p1')).toEqual({ img: vote('fake', 5) });
    expect(ballotOf(before, 'p1')).toEqual({});
    expect(ballotOf(after, 'p0')).toEqual({});
    expect(ballotOf(after, 'stranger')).toBeUndefined();
    expect(votesCast(before.ballots)).toBe(0);
    expect(votesCast(after.ballots)).toBe(1);
    expect(ballotEntries(after)).toEqual([['p1', { img: vote('fake', 5) }]]);
  });

  it('removes a judge with their ballot, keeping the others aligned', () => {
    let phase = { eligible, ballots: emptyBallots(3) };
    phase = { eligible, ballots: castVote(phase, 2, 'a', vote('real', 1)) };
    const without = withoutJudge(phase, 'p1');
    expect(without.eligible).toEqual(['p0', 'p2']);
    expect(ballotOf(without, 'p2')).toEqual({ a: vote('real', 1) });
    expect(withoutJudge(phase, 'nobody').eligible).toEqual(eligible);
  });

  it('counts the judges still voting, as votes complete and are taken back', () => {
    const many = Array.from({ length: 130 }, (_, i) => `j${i}`);
    let phase = { eligible: many, ballots: emptyBallots(many.length) };
    expect(openBallots(phase.ballots, 2)).toBe(130);
    for (const i of [0, 64, 129]) {
      phase = { eligible: many, ballots: castVote(phase, i, 'a', vote('real', 1)) };
      phase = { eligible: many, ballots: castVote(phase, i, 'b', vote('fake', 2)) };
    }
    phase = { eligible: many, ballots: castVote(phase, 5, 'a', vote('real', 3)) };
    expect(openBallots(phase.ballots, 2)).toBe(127);
    // A ballot taken back to one image is open again; the earlier ballots still count as they did.
    const back = setBallot(phase.ballots, 64, { a: vote('real', 1) });
    expect(openBallots(back, 2)).toBe(128);
    expect(openBallots(phase.ballots, 2)).toBe(127);
  });

  it('builds ballots from votes keyed by player, dropping players who are not judges', () => {
    const byPlayer: Record<string, Ballot> = { p2: { a: vote('real', 1) }, intruder: { a: vote('fake', 2) } };
    expect([...eachBallot(ballotsFrom(eligible, byPlayer))]).toEqual([{}, {}, { a: vote('real', 1) }]);
  });

  it('keeps every judge’s ballot in place across chunk boundaries, in a room of hundreds', () => {
    const many = Array.from({ length: 150 }, (_, i) => `j${i}`);
    const start = { eligible: many, ballots: emptyBallots(many.length) };
    let phase = start;
    for (const i of [0, 63, 64, 65, 127, 128, 149]) phase = { eligible: many, ballots: castVote(phase, i, 'img', vote('real', i)) };
    for (const [i, id] of many.entries()) {
      const expected = [0, 63, 64, 65, 127, 128, 149].includes(i) ? { img: vote('real', i) } : {};
      expect(ballotOf(phase, id)).toEqual(expected);
      expect(ballotOf(start, id)).toEqual({});
    }
    expect(votesCast(phase.ballots)).toBe(7);
    const without = withoutJudge(phase, 'j10');
    expect(without.eligible).toHaveLength(149);
    for (const id of ['j0', 'j63', 'j64', 'j65', 'j127', 'j128', 'j149']) expect(ballotOf(without, id)).toEqual(ballotOf(phase, id));
    expect(votesCast(without.ballots)).toBe(7);
    // The round's JSON (a snapshot) reads back into the same ballots.
    const copy = JSON.parse(JSON.stringify(phase)) as typeof phase;
    for (const id of many) expect(ballotOf(copy, id)).toEqual(ballotOf(phase, id));
  });

  it('reads a room saved before ballots (votes keyed by player) in today’s shape', () => {
    const base = createRoom({ pin: '123456', hostToken: 'h' }, { now: 0 });
    const images = [{ id: 'a', pixels: '', truth: 'fake' as const }];
    const judging = {
      ...base,
      phase: { kind: 'judging', round: 1, images, eligible, startedAt: 0, deadline: 10, picked: {}, votes: { p0: { a: vote('real', 3) } } },
    } as unknown as Room;
    const upgraded = withBallots(judging);
    if (upgraded.phase.kind !== 'judging') throw new Error('expected judging');
    expect([...eachBallot(upgraded.phase.ballots)]).toEqual([{ a: vote('real', 3) }, {}, {}]);
    expect('votes' in upgraded.phase).toBe(false);

    const results = { tallies: [], gained: {}, fooledRate: null, fooledInterval: null, mostFooling: null };
    const reveal = { ...base, phase: { kind: 'reveal', round: 1, images, results, until: 5, votes: { p1: { a: vote('fake', 4) } } } } as unknown as Room;
    const shown = withBallots(reveal);
    if (shown.phase.kind !== 'reveal') throw new Error('expected reveal');
    expect(ballotOf(shown.phase, 'p1')).toEqual({ a: vote('fake', 4) });

    // Rooms in today's shape, and other phases, come back as they are.
    expect(withBallots(upgraded)).toBe(upgraded);
    expect(withBallots(base)).toBe(base);
  });
});
