/** Turns measured judging errors into a plain sentence: could the judges tell real from fake? */
import type { LessonData } from './types';

export interface DetectionVerdict {
  /** true: they could tell; false: they could not; null: the numbers cannot say (too few, or none). */
  couldTell: boolean | null;
  headline: string;
  detail: string;
}

export const pct = (v: number) => `${Math.round(v * 100)}%`;

function who(data: LessonData): string {
  if (data.judge === 'discriminator') return data.source === 'live' ? 'The discriminator network' : 'The example run\u2019s discriminator';
  return data.source === 'live' ? 'Your room' : 'The judges';
}

/**
 * Chance is 50%: a judge who guesses is fooled by half the fakes. The room "could tell" only when
 * even the top of the 95% interval is below that; an interval that reaches 50% means it could not
 * reliably tell, and a rate at or above 50% means the fakes passed as real.
 */
export function detectionVerdict(data: LessonData): DetectionVerdict {
  const subject = who(data);
  const rate = data.fooledRate ?? data.fakeErrorRate;
  if (rate === undefined) return { couldTell: null, headline: `${subject} has not judged any images yet.`, detail: '' };
  const iv = data.fooledInterval;
  const parts = [`Fakes were called real ${pct(rate)} of the time${iv ? ` (95% interval ${pct(iv.low)}–${pct(iv.high)})` : ''}.`];
  if (data.realErrorRate !== undefined) parts.push(`Real images were called fake ${pct(data.realErrorRate)} of the time.`);
  if (data.judgments !== undefined) parts.push(`${data.judgments} judgments.`);
  parts.push('Guessing at random would be wrong 50% of the time.');
  const detail = parts.join(' ');
  let couldTell: boolean | null;
  let headline: string;
  if (iv ? iv.low >= 0.5 || rate >= 0.5 : rate >= 0.5) {
    couldTell = false;
    headline = `${subject} could not tell real from fake.`;
  } else if (iv ? iv.high < 0.5 : rate < 0.35) {
    couldTell = true;
    headline = `${subject} could still tell real from fake, most of the time.`;
  } else {
    couldTell = false;
    headline = `${subject} could not reliably tell real from fake.`;
  }
  return { couldTell, headline, detail };
}
