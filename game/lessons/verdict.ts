/**
 * Turns measured judging errors into a plain sentence: could the judges tell real from fake? The
 * words are the page's (the `verdict` messages); the judgement is made here.
 */
import type { T } from '@/app/i18n/types';
import type { LessonData } from './types';

export interface DetectionVerdict {
  /** true: they could tell; false: they could not; null: the numbers cannot say (too few, or none). */
  couldTell: boolean | null;
  headline: string;
  detail: string;
}

export const pct = (v: number) => `${Math.round(v * 100)}%`;

function who(data: LessonData): 'network' | 'exampleNetwork' | 'room' | 'judges' {
  if (data.judge === 'discriminator') return data.source === 'live' ? 'network' : 'exampleNetwork';
  return data.source === 'live' ? 'room' : 'judges';
}

/**
 * Chance is 50%: a judge who guesses is fooled by half the fakes. The room "could tell" only when
 * even the top of the 95% interval is below that; an interval that reaches 50% means it could not
 * reliably tell, and a rate at or above 50% means the fakes passed as real.
 */
export function detectionVerdict(t: T<'verdict'>, data: LessonData): DetectionVerdict {
  const subject = who(data);
  const rate = data.fooledRate ?? data.fakeErrorRate;
  if (rate === undefined) return { couldTell: null, headline: t('none', { who: subject }), detail: '' };
  const iv = data.fooledInterval;
  const parts = [iv ? t('fakesCalledRealIv', { rate, low: iv.low, high: iv.high }) : t('fakesCalledReal', { rate })];
  if (data.realErrorRate !== undefined) parts.push(t('realsCalledFake', { rate: data.realErrorRate }));
  if (data.judgments !== undefined) parts.push(t('judgments', { n: data.judgments }));
  parts.push(t('guessing'));
  const detail = parts.join(' ');
  let couldTell: boolean | null;
  let headline: string;
  if (iv ? iv.low >= 0.5 || rate >= 0.5 : rate >= 0.5) {
    couldTell = false;
    headline = t('couldNot', { who: subject });
  } else if (iv ? iv.high < 0.5 : rate < 0.35) {
    couldTell = true;
    headline = t('could', { who: subject });
  } else {
    couldTell = false;
    headline = t('notReliably', { who: subject });
  }
  return { couldTell, headline, detail };
}
