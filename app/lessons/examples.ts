/**
 * The recorded example runs, read at build time on the server. A card page passes on only the
 * runs its card can use, so the page does not carry every run's images.
 */
import examplesJson from '@/public/lessons/examples.json';
import type { LessonCard, LessonExamples } from '@/game/lessons/types';

const EXAMPLES = examplesJson as unknown as LessonExamples;

export function examplesFor(card: LessonCard): LessonExamples {
  const runs: LessonExamples['runs'] = { main: EXAMPLES.runs.main };
  const extra = card.example ? EXAMPLES.runs[card.example] : undefined;
  if (card.example && extra) runs[card.example] = extra;
  return { ...EXAMPLES, runs };
}
