/** Who the round is still waiting for: the projector's list and count. */
import { describe, expect, it } from 'vitest';
import { WAITING_NAMES, voteCount, waitingJudges } from './engine';
import { harness } from './test-harness';
import { hostView } from './views';

describe('waitingJudges', () => {
  it('lists connected judges until they have judged every image', () => {
    const h = harness();
    h.join('Ada');
    h.join('Bo');
    h.join('Cy');
    h.startRound();
    expect(waitingJudges(h.state)).toEqual({ names: ['Ada', 'Bo', 'Cy'], count: 3 });
    const images = h.images();
    // Ada judges everything, Bo half: only Ada leaves the list.
    images.forEach((img) => expect(h.vote(0, img.id, 'fake').error).toBeUndefined());
    images.slice(0, 3).forEach((img) => h.vote(1, img.id, 'real'));
    expect(waitingJudges(h.state)).toEqual({ names: ['Bo', 'Cy'], count: 2 });
    // A phone that dropped is not waited for by name.
    h.send({ type: 'disconnect', playerId: 'p2' });
    expect(waitingJudges(h.state)).toEqual({ names: ['Bo'], count: 1 });
    const phase = hostView(h.state, h.now).phase;
    expect(phase).toMatchObject({ kind: 'judging', waiting: ['Bo'], waitingCount: 1 });
    expect(voteCount(h.state)).toMatchObject({ votesCast: 9, waiting: ['Bo'], waitingCount: 1 });
  });

  it('names at most WAITING_NAMES and counts the rest', () => {
    const h = harness();
    for (let i = 0; i < WAITING_NAMES + 5; i++) h.join(`Player ${i}`);
    h.startRound();
    const w = waitingJudges(h.state);
    expect(w.names).toHaveLength(WAITING_NAMES);
    expect(w.count).toBe(WAITING_NAMES + 5);
  });

  it('is empty outside judging', () => {
    const h = harness();
    h.join('Ada');
    expect(waitingJudges(h.state)).toEqual({ names: [], count: 0 });
  });
});
