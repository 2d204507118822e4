import { describe, expect, it } from 'vitest';
import { seededRng } from '../rng';
import { CHECK_POINTS, LESSON_LEVELS, LEVEL_CARDS, LessonCheckError, checkAnswer, checkShown, drawOrder, shownAnswer } from './check';
import { CARDS, getCard } from './cards';

describe('checkAnswer', () => {
  it('scores the right choice with points and the explanation', () => {
    const card = getCard('T06')!;
    const r = checkAnswer('T06', card.check.answer);
    expect(r).toEqual({ correct: true, answer: card.check.answer, explanation: card.check.explanation, points: CHECK_POINTS });
  });

  it('scores a wrong choice with no points but still explains', () => {
    for (const card of CARDS) {
      const wrong = (card.check.answer + 1) % card.check.choices.length;
      const r = checkAnswer(card.id, wrong);
      expect(r.correct).toBe(false);
      expect(r.points).toBe(0);
      expect(r.explanation).toBe(card.check.explanation);
    }
  });

  it('refuses an unknown card', () => {
    expect(() => checkAnswer('T99', 0)).toThrow(LessonCheckError);
    expect(() => checkAnswer('T99', 0)).toThrow(/no lesson card with id "T99"/);
  });

  it('refuses a choice that is not one of the card\u2019s choices', () => {
    const n = getCard('T01')!.check.choices.length;
    for (const bad of [-1, n, 1.5, Number.NaN, Infinity]) {
      expect(() => checkAnswer('T01', bad)).toThrow(/choices 0\.\./);
    }
    try {
      checkAnswer('T01', n);
    } catch (e) {
      expect((e as LessonCheckError).code).toBe('bad-choice');
    }
  });
});

describe('choices in a room\u2019s order', () => {
  it('draws a permutation of each card\u2019s choices, and none for an unknown card', () => {
    const rng = seededRng(7);
    for (const card of CARDS) expect([...drawOrder(card.id, rng)].sort()).toEqual([...card.check.choices.keys()]);
    expect(drawOrder('T99', rng)).toEqual([]);
  });

  it('scores a shown position as the authored choice it stands for', () => {
    const card = getCard('T03')!;
    const order = [...card.check.choices.keys()].reverse();
    const right = shownAnswer('T03', order);
    expect(order[right]).toBe(card.check.answer);
    order.forEach((authored, shown) => expect(checkShown('T03', order, shown)).toMatchObject({ choice: authored, correct: shown === right }));
    expect(() => checkShown('T03', order, order.length)).toThrow(/shows choices 0\.\./);
    expect(() => checkShown('T99', [], 0)).toThrow(/no lesson card/);
  });
});

describe('cards after each level', () => {
  it('covers every card somewhere in the default campaign, and only real cards', () => {
    const used = LESSON_LEVELS.flatMap((l) => LEVEL_CARDS[l]);
    for (const id of used) expect(getCard(id), id).toBeDefined();
    for (const c of CARDS) expect(used, c.id).toContain(c.id);
  });

  it('follows the design: collapse → T09, deepfakes → the responsible-use cards', () => {
    expect(LEVEL_CARDS.noise).toEqual(expect.arrayContaining(['T01', 'T03']));
    expect(LEVEL_CARDS.strokes).toEqual(expect.arrayContaining(['T04', 'T05']));
    expect(LEVEL_CARDS.dcgan).toContain('T12');
    expect(LEVEL_CARDS.collapse[0]).toBe('T09');
    expect(LEVEL_CARDS.fixit).toEqual(expect.arrayContaining(['T13', 'T14']));
    expect(LEVEL_CARDS.conditional).toContain('T11');
    expect(LEVEL_CARDS.fashion).toEqual(expect.arrayContaining(['T10', 'T15']));
    expect(LEVEL_CARDS.deepfakes).toEqual(expect.arrayContaining(['T16', 'T16b', 'T16c']));
  });
});
