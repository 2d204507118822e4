import { describe, expect, it } from 'vitest';
import { gapText, keyAction, revealCaption, roundHeadline } from './feedback';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keyAction', () => {
  it('votes on a plain R or F and moves on arrows', () => {
    expect(keyAction(press('r'))).toBe('real');
    expect(keyAction(press('F'))).toBe('fake');
    expect(keyAction(press('ArrowRight'))).toBe('next');
    expect(keyAction(press('ArrowLeft'))).toBe('previous');
    expect(keyAction(press('x'))).toBeNull();
  });

  it('never votes with a modifier held (Ctrl+F is the browser’s find)', () => {
    expect(keyAction(press('f', { ctrlKey: true }))).toBeNull();
    expect(keyAction(press('r', { altKey: true }))).toBeNull();
    expect(keyAction(press('f', { metaKey: true }))).toBeNull();
  });
});

describe('reveal wording', () => {
  it('states the truth, then what the player said', () => {
    expect(revealCaption({ truth: 'fake', mine: 'real' })).toBe('It was fake · you said real');
    expect(revealCaption({ truth: 'real', mine: null })).toBe('It was real · no vote');
  });

  it('tells a player who did not vote so, instead of 0 right', () => {
    const none = [{ mine: null, correct: false }, { mine: null, correct: false }];
    expect(roundHeadline(none)).toEqual({ text: 'You did not vote this round', voted: false });
    expect(roundHeadline([{ mine: 'fake', correct: true }, { mine: 'real', correct: false }]).text).toBe('1 of 2 right');
    expect(roundHeadline([{ mine: 'fake', correct: true }, { mine: null, correct: false }]).text).toBe('1 of 2 right · 1 without a vote');
  });
});

describe('gapText', () => {
  it('says a tie is a tie and counts one point as one', () => {
    expect(gapText(0)).toBe('level with');
    expect(gapText(1)).toBe('1 point behind');
    expect(gapText(12)).toBe('12 points behind');
  });
});
