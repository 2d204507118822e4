/** The lesson between levels: shuffled choices scored by the server, one card at a time in step with the projector. */
import { describe, expect, it } from 'vitest';
import { type Result, createRoom, reduce, withLessonSteps } from './engine';
import { getCard } from './lessons/cards';
import { CHECK_POINTS } from './lessons/check';
import { seededRng } from './rng';
import type { Player, Room } from './state';
import { HOST } from './test-harness';
import { hostView, playerView } from './views';

const token = (i: number) => `player-token-${i}-abcdef`;

function player(i: number): Player {
  return { id: `p${i}`, token: token(i), nickname: `P${i}`, role: 'discriminator', score: 0, streak: 0, bestStreak: 0, connected: true, joinedAt: 0, perLevel: {} };
}

/** A room at the end of level 1 of two, its lesson started with this seed's rng. */
function lessonRoom(seed: number, players = 3): { state: Room; send: (e: Parameters<typeof reduce>[1]) => Result } {
  const rng = seededRng(seed);
  const base = createRoom({ pin: '123456', hostToken: HOST, levels: ['noise', 'strokes'] }, { now: 0 });
  let state: Room = { ...base, players: Array.from({ length: players }, (_, i) => player(i)), phase: { kind: 'leaderboard', level: 1 } };
  const h = {
    get state() {
      return state;
    },
    send(e: Parameters<typeof reduce>[1]) {
      const r = reduce(state, e, { now: 1000, rng });
      if (r.error) expect(r.state).toBe(state);
      else state = r.state;
      return r;
    },
  };
  expect(h.send({ type: 'advance', hostToken: HOST }).error).toBeUndefined();
  return h;
}

function lesson(state: Room) {
  if (state.phase.kind !== 'lesson') throw new Error(`not a lesson but ${state.phase.kind}`);
  return state.phase;
}

/** The right answer's shown position for a card in this room. */
function rightShown(state: Room, cardId: string): number {
  return lesson(state).orders[cardId].indexOf(getCard(cardId)!.check.answer);
}

describe('shuffled choices', () => {
  it('puts the right answer in every shown position equally often across rooms (chi-square, fixed seeds)', () => {
    const ROOMS = 4000;
    const cards = lesson(lessonRoom(1).state).cards;
    for (const id of cards) {
      const n = getCard(id)!.check.choices.length;
      const counts = new Array<number>(n).fill(0);
      for (let seed = 1; seed <= ROOMS; seed++) {
        const order = lesson(lessonRoom(seed * 7919).state).orders[id];
        expect([...order].sort()).toEqual([...Array(n).keys()]); // a permutation of the card's choices
        counts[order.indexOf(getCard(id)!.check.answer)]++;
      }
      const expected = ROOMS / n;
      const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      // Critical values at p = 0.001 for n − 1 degrees of freedom (n is 2 to 4 choices).
      const critical = [0, 10.83, 13.82, 16.27][n - 1];
      expect(chi2, `${id}: ${counts.join('/')} (χ² = ${chi2.toFixed(2)})`).toBeLessThan(critical);
      // And no position strays more than 10% from its share.
      for (const c of counts) expect(Math.abs(c - expected) / expected).toBeLessThan(0.1);
    }
  });

  it('scores the right answer at its shown position, and no other, and stores the authored choice', () => {
    for (const seed of [3, 17, 99]) {
      const h = lessonRoom(seed, 4);
      const id = lesson(h.state).cards[0];
      const order = lesson(h.state).orders[id];
      const right = rightShown(h.state, id);
      order.forEach((_, shown) => {
        const r = h.send({ type: 'answer', token: token(shown), cardId: id, choice: shown });
        expect(r.reply).toEqual({ kind: 'answered', playerId: `p${shown}`, cardId: id, choice: shown });
        expect(h.state.answers[`p${shown}`][id]).toMatchObject({ choice: order[shown], correct: shown === right });
      });
      // Points wait for the reveal, then go to the right answer only.
      expect(h.state.players.map((p) => p.score)).toEqual([0, 0, 0, 0]);
      h.send({ type: 'advance', hostToken: HOST });
      expect(h.state.players.map((p) => p.score)).toEqual(order.map((_, shown) => (shown === right ? CHECK_POINTS : 0)).concat(new Array(4 - order.length).fill(0)));
    }
  });

  it('refuses a shown position the card does not have', () => {
    const h = lessonRoom(5);
    const id = lesson(h.state).cards[0];
    const n = lesson(h.state).orders[id].length;
    expect(h.send({ type: 'answer', token: token(0), cardId: id, choice: n }).error?.code).toBe('bad_payload');
  });
});

describe('the lesson in step with the projector', () => {
  it('advance reveals the card, then shows the next one, and after the last reveal starts the next level', () => {
    const h = lessonRoom(11);
    const cards = lesson(h.state).cards;
    expect(cards.length).toBeGreaterThan(1);
    for (let i = 0; i < cards.length; i++) {
      expect(lesson(h.state)).toMatchObject({ at: i, revealed: false });
      h.send({ type: 'advance', hostToken: HOST });
      expect(lesson(h.state)).toMatchObject({ at: i, revealed: true });
      h.send({ type: 'advance', hostToken: HOST });
    }
    expect(h.state.phase).toEqual({ kind: 'intro', level: 2 });
  });

  it('takes answers for the card on the projector only, and only before its reveal', () => {
    const h = lessonRoom(12);
    const [first, second] = lesson(h.state).cards;
    expect(h.send({ type: 'answer', token: token(0), cardId: second, choice: 0 }).error?.code).toBe('not_current_card');
    expect(h.send({ type: 'answer', token: token(0), cardId: 'T99', choice: 0 }).error?.code).toBe('unknown_card');
    expect(h.send({ type: 'answer', token: token(0), cardId: first, choice: 0 }).error).toBeUndefined();
    expect(h.send({ type: 'answer', token: token(0), cardId: first, choice: 1 }).error?.code).toBe('already_answered');
    h.send({ type: 'advance', hostToken: HOST }); // reveal
    expect(h.send({ type: 'answer', token: token(1), cardId: first, choice: 0 }).error?.code).toBe('question_closed');
    h.send({ type: 'advance', hostToken: HOST }); // next card
    expect(h.send({ type: 'answer', token: token(1), cardId: first, choice: 0 }).error?.code).toBe('not_current_card');
    expect(h.send({ type: 'answer', token: token(1), cardId: second, choice: 0 }).error).toBeUndefined();
  });

  it('shows nothing of the answer before the reveal, on a phone or on the projector', () => {
    const h = lessonRoom(13);
    const id = lesson(h.state).cards[0];
    const order = lesson(h.state).orders[id];
    const right = rightShown(h.state, id);
    h.send({ type: 'answer', token: token(0), cardId: id, choice: right });
    h.send({ type: 'answer', token: token(1), cardId: id, choice: (right + 1) % order.length });

    const phone = playerView(h.state, 'p0', 1000)!;
    expect(phone.phase).toEqual({ kind: 'lesson', level: 1, question: { id, order, index: 0, total: lesson(h.state).cards.length, mine: right, revealed: false } });
    const projector = hostView(h.state, 1000).phase;
    expect(projector).toEqual({ kind: 'lesson', level: 1, cards: lesson(h.state).cards, answers: {}, at: 0, question: { id, order, answered: 2, revealed: false } });
    for (const view of [phone.phase, projector]) {
      const text = JSON.stringify(view);
      for (const leak of ['"answer"', '"counts"', '"correct"']) expect(text).not.toContain(leak);
    }
    // Nor do the scores move before the reveal.
    expect(phone.me.score).toBe(0);

    h.send({ type: 'advance', hostToken: HOST });
    const counts = order.map((_, shown) => (shown === right || shown === (right + 1) % order.length ? 1 : 0));
    expect(hostView(h.state, 1000).phase).toMatchObject({
      answers: { [id]: { answered: 2, correct: 1 } },
      question: { id, order, answered: 2, revealed: true, counts, answer: right },
    });
    expect(playerView(h.state, 'p0', 1000)!.phase).toMatchObject({ question: { mine: right, revealed: true, correct: true, answer: right } });
    expect(playerView(h.state, 'p1', 1000)!.phase).toMatchObject({ question: { revealed: true, correct: false, answer: right } });
    expect(playerView(h.state, 'p2', 1000)!.phase).toMatchObject({ question: { mine: null, revealed: true, correct: false, answer: right } });
    expect(playerView(h.state, 'p0', 1000)!.me.score).toBe(CHECK_POINTS);

    // The next card: its question, nothing of the last one's answers.
    h.send({ type: 'advance', hostToken: HOST });
    const next = hostView(h.state, 1000).phase;
    expect(next).toMatchObject({ at: 1, question: { id: lesson(h.state).cards[1], answered: 0, revealed: false } });
    expect(JSON.stringify(next.kind === 'lesson' && next.question)).not.toContain('"counts"');
  });

  it('goes straight to the next level from a lesson without cards', () => {
    const base = createRoom({ pin: '123456', hostToken: HOST, levels: ['noise', 'strokes'] }, { now: 0 });
    const state: Room = { ...base, players: [player(0)], cards: { noise: [] }, phase: { kind: 'leaderboard', level: 1 } };
    const ctx = { now: 0, rng: seededRng(1) };
    const started = reduce(state, { type: 'advance', hostToken: HOST }, ctx).state;
    expect(started.phase).toMatchObject({ kind: 'lesson', cards: [], at: 0, revealed: false });
    expect(hostView(started, 0).phase).toMatchObject({ question: null });
    expect(playerView(started, 'p0', 0)!.phase).toEqual({ kind: 'lesson', level: 1, question: null });
    expect(reduce(started, { type: 'advance', hostToken: HOST }, ctx).state.phase).toEqual({ kind: 'intro', level: 2 });
  });

  it('takes up a lesson saved before it went card by card, from its first card in authored order', () => {
    const base = createRoom({ pin: '123456', hostToken: HOST, levels: ['noise', 'strokes'] }, { now: 0 });
    const old = { ...base, phase: { kind: 'lesson', level: 1, cards: ['T01', 'T03'] } } as unknown as Room;
    expect(withLessonSteps(old).phase).toEqual({ kind: 'lesson', level: 1, cards: ['T01', 'T03'], orders: { T01: [0, 1, 2], T03: [0, 1, 2, 3] }, at: 0, revealed: false });
    const now = lessonRoom(1).state;
    expect(withLessonSteps(now)).toBe(now);
  });
});
