/**
 * One-sentence text versions of each chart: read out by screen readers, and shown under the
 * chart so a projector audience that cannot read axes still gets the point.
 */
import type { T } from '@/app/i18n/types';
import type { LessonData } from './types';

/** Writes a number with a fixed count of decimals, in the page's language (the page passes its own). */
export type WriteNumber = (v: number, decimals: number) => string;
const plain: WriteNumber = (v, d) => v.toFixed(d);

/** Two decimals, none from 100 up. */
const f2 = (v: number, write: WriteNumber) => write(v, Math.abs(v) >= 100 ? 0 : 2);

/**
 * `steps` is how many steps a thinned curve (points without their own step) spans; a curve whose
 * points carry steps is counted from them, so the sentence describes exactly the curve above it.
 */
export function summariseLosses(t: T<'charts'>, losses: NonNullable<LessonData['losses']>, steps?: number, critic = false, lossKind?: string, write = plain): string {
  if (!losses.length) return t('noSteps');
  const a = losses[0];
  const b = losses[losses.length - 1];
  const n = a.step !== undefined && b.step !== undefined ? b.step - a.step + 1 : (steps ?? losses.length);
  return t('lossSummary', { n, kind: lossKind ?? 'none', critic: String(critic), d0: f2(a.d, write), d1: f2(b.d, write), g0: f2(a.g, write), g1: f2(b.g, write) });
}

/** `probability`: D's score is a probability (the BCE losses); otherwise a raw score with no balance point of 0.5. */
export function summariseDTrace(t: T<'charts'>, trace: NonNullable<LessonData['dTrace']>, probability = true, write = plain): string {
  if (!trace.length) return t('noTrace');
  const a = trace[0];
  const b = trace[trace.length - 1];
  return t('traceSummary', { r0: f2(a.real, write), r1: f2(b.real, write), f0: f2(a.fake, write), f1: f2(b.fake, write), probability: String(probability) });
}

export function summariseHistogram(t: T<'charts'>, h: NonNullable<LessonData['histogram']>, className: (name: string) => string = (n) => n): string {
  const total = h.counts.reduce((s, c) => s + c, 0);
  if (!total) return t('noSamples');
  const ranked = h.counts.map((c, i) => ({ c, name: className(h.classNames[i] ?? String(i)) })).sort((x, y) => y.c - x.c);
  const empty = ranked.filter((r) => r.c === 0).map((r) => r.name);
  const top = ranked.slice(0, 2).filter((r) => r.c > 0).map((r) => t('classShare', { name: r.name, share: r.c / total }));
  const lead = top.length === 1 ? t('allOne', { top: top[0] }) : t('topTwo', { a: top[0], b: top[1] ?? '' });
  return t('histSummary', { total, lead, never: empty.length ? empty.join(', ') : 'none', even: 1 / h.counts.length });
}
