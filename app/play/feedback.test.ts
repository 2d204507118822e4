import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator';
import { gapText, keyAction, revealCaption, roundHeadline } from './feedback';

const t = (locale: 'en' | 'es' = 'en') => translator(locale, 'play');

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
    expect(revealCaption(t(), { truth: 'fake', mine: 'real' })).toBe('It was fake · you said real');
    expect(revealCaption(t(), { truth: 'real', mine: null })).toBe('It was real · no vote');
  });

  it('tells a player who did not vote so, instead of 0 right', () => {
    const none = [{ mine: null, correct: false }, { mine: null, correct: false }];
    expect(roundHeadline(t(), none)).toEqual({ text: 'You did not vote this round', voted: false });
    expect(roundHeadline(t(), [{ mine: 'fake', correct: true }, { mine: 'real', correct: false }]).text).toBe('1 of 2 right');
    expect(roundHeadline(t(), [{ mine: 'fake', correct: true }, { mine: null, correct: false }]).text).toBe('1 of 2 right · 1 without a vote');
  });
});

describe('gapText', () => {
  it('says a tie is a tie and counts one point as one', () => {
    expect(gapText(t(), 0)).toBe('level with');
    expect(gapText(t(), 1)).toBe('1 point behind');
    expect(gapText(t(), 12)).toBe('12 points behind');
  });

  it('says it in Spanish too', () => {
    expect(gapText(t('es'), 0)).toBe('empatado con');
    expect(gapText(t('es'), 1)).toBe('a 1 punto de');
    expect(revealCaption(t('es'), { truth: 'fake', mine: 'real' })).toBe('Era falsa · dijiste real');
    expect(roundHeadline(t('es'), [{ mine: 'fake', correct: true }, { mine: null, correct: false }]).text).toBe('1 de 2 acertadas · 1 sin voto');
  });
});
