import { describe, expect, it } from 'vitest';
import { checkResults, entropyBits, machineMetrics, metricsByLevel, realismByLevel, roster, type VoteRow } from './stats';

const v = (playerId: string, level: number, truth: 'real' | 'fake', verdict: 'real' | 'fake', answerMs = 1000, round = level): VoteRow => ({
  playerId,
  round,
  level,
  imageId: `${truth}${Math.random()}`,
  truth,
  verdict,
  answerMs,
});

describe('roster', () => {
  it('computes accuracy, mean answer time and per-level accuracy', () => {
    const players = [
      { id: 'a', nickname: 'Ada', score: 300, bestStreak: 3 },
      { id: 'b', nickname: 'Bo', score: 500, bestStreak: 1 },
      { id: 'c', nickname: 'Cy', score: 0, bestStreak: 0 },
    ];
    const votes = [v('a', 1, 'fake', 'fake', 1000), v('a', 1, 'real', 'fake', 3000), v('a', 2, 'real', 'real', 2000), v('b', 2, 'fake', 'fake', 500)];
    const r = roster(players, votes, [1, 2]);
    expect(r.map((p) => p.nickname)).toEqual(['Bo', 'Ada', 'Cy']);
    const ada = r[1];
    expect(ada.accuracy).toBeCloseTo(2 / 3);
    expect(ada.meanAnswerMs).toBe(2000);
    expect(ada.perLevel).toEqual([
      { level: 1, judged: 2, correct: 1, accuracy: 0.5 },
      { level: 2, judged: 1, correct: 1, accuracy: 1 },
    ]);
    expect(r[2]).toMatchObject({ judged: 0, accuracy: null, meanAnswerMs: null });
  });
});

describe('realismByLevel', () => {
  it('gives error rates on fakes and on reals with intervals that contain them', () => {
    const votes = [
      ...Array.from({ length: 30 }, (_, i) => v('p', 1, 'fake', i < 12 ? 'real' : 'fake')),
      ...Array.from({ length: 20 }, (_, i) => v('p', 1, 'real', i < 5 ? 'fake' : 'real')),
    ];
    const [r] = realismByLevel(votes, [1]);
    expect(r.fakeErrorRate).toBeCloseTo(0.4);
    expect(r.realErrorRate).toBeCloseTo(0.25);
    expect(r.errorRate).toBeCloseTo(17 / 50);
    expect(r.fakeInterval!.low).toBeLessThan(0.4);
    expect(r.fakeInterval!.high).toBeGreaterThan(0.4);
    // Seeded: the same page shows the same interval every time.
    expect(realismByLevel(votes, [1])[0].fakeInterval).toEqual(r.fakeInterval);
  });

  it('says nothing rather than zero for a level without votes', () => {
    expect(realismByLevel([], [3])[0]).toMatchObject({ fakeErrorRate: null, fakeInterval: null, errorRate: null });
  });
});

describe('checkResults', () => {
  it('counts answers, correct ones and choices per card', () => {
    const r = checkResults([
      { playerId: 'a', cardId: 'T02', choice: 1, correct: true },
      { playerId: 'b', cardId: 'T02', choice: 0, correct: false },
      { playerId: 'a', cardId: 'T01', choice: 2, correct: true },
    ]);
    expect(r.map((c) => c.cardId)).toEqual(['T01', 'T02']);
    expect(r[1]).toEqual({ cardId: 'T02', answered: 2, correct: 1, rate: 0.5, choices: { 0: 1, 1: 1 } });
  });
});

describe('machine metrics', () => {
  it('reads the FID and histogram a report may carry, under either name', () => {
    expect(machineMetrics({ fid: 12.5, histogram: { counts: [1, 2], classNames: ['0', '1'] } })).toEqual({
      fid: 12.5,
      histogram: { counts: [1, 2], classNames: ['0', '1'] },
    });
    expect(machineMetrics({ frechetDistance: 3, classHistogram: [4, 5] })).toEqual({ fid: 3, histogram: { counts: [4, 5], classNames: null } });
    expect(machineMetrics(null)).toEqual({ fid: null, histogram: null });
    expect(machineMetrics({ fid: 'x', histogram: { counts: ['a'] } })).toEqual({ fid: null, histogram: null });
  });

  it('keeps the last report with metrics in each level', () => {
    const m = metricsByLevel([
      { level: 1, round: 2, report: { fid: 20 } },
      { level: 1, round: 1, report: { fid: 30 } },
      { level: 2, round: 3, report: { dLoss: 1 } },
    ]);
    expect(m.get(1)).toMatchObject({ fid: 20, round: 2 });
    expect(m.has(2)).toBe(false);
  });

  it('measures mode coverage as entropy in bits', () => {
    expect(entropyBits([1, 1, 1, 1])).toBeCloseTo(2);
    expect(entropyBits([9, 0, 0])).toBe(0);
    expect(entropyBits([0, 0])).toBeNull();
  });
});
