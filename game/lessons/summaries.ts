/**
 * One-sentence text versions of each chart: read out by screen readers, and shown under the
 * chart so a projector audience that cannot read axes still gets the point.
 */
import type { LessonData } from './types';
import { pct } from './verdict';

const f2 = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

/**
 * `steps` is how many steps a thinned curve (points without their own step) spans; a curve whose
 * points carry steps is counted from them, so the sentence describes exactly the curve above it.
 */
export function summariseLosses(losses: NonNullable<LessonData['losses']>, steps?: number, dName = 'D', lossKind?: string): string {
  if (!losses.length) return 'No training steps yet.';
  const a = losses[0];
  const b = losses[losses.length - 1];
  const n = a.step !== undefined && b.step !== undefined ? b.step - a.step + 1 : (steps ?? losses.length);
  return `Over ${n} ${n === 1 ? 'step' : 'steps'}${lossKind ? ` of ${lossKind} training` : ''}, ${dName}'s loss went from ${f2(a.d)} to ${f2(b.d)} and G's loss from ${f2(a.g)} to ${f2(b.g)}.`;
}

/** `probability`: D's score is a probability (the BCE losses); otherwise a raw score with no balance point of 0.5. */
export function summariseDTrace(trace: NonNullable<LessonData['dTrace']>, probability = true): string {
  if (!trace.length) return 'No D(x) measurements yet.';
  const a = trace[0];
  const b = trace[trace.length - 1];
  const balance = probability ? ' At balance both approach 0.5.' : ' This score has no fixed scale: what matters is the gap between real and fake, which closes as the generator catches up.';
  return `D's average score on real images went from ${f2(a.real)} to ${f2(b.real)}, and on fakes from ${f2(a.fake)} to ${f2(b.fake)}.${balance}`;
}

export function summariseHistogram(h: NonNullable<LessonData['histogram']>): string {
  const total = h.counts.reduce((s, c) => s + c, 0);
  if (!total) return 'No samples classified yet.';
  const ranked = h.counts.map((c, i) => ({ c, name: h.classNames[i] ?? String(i) })).sort((x, y) => y.c - x.c);
  const empty = ranked.filter((r) => r.c === 0).map((r) => r.name);
  const top = ranked.slice(0, 2).filter((r) => r.c > 0).map((r) => `${r.name} (${pct(r.c / total)})`);
  const lead = top.length === 1 ? `every one was classed as ${top[0]}` : `the most common classes are ${top.join(' and ')}`;
  return `Of ${total} samples, ${lead}.${empty.length ? ` Never drawn: ${empty.join(', ')}.` : ' Every class appears.'} An even spread would be ${pct(1 / h.counts.length)} each.`;
}
