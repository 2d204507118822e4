/**
 * Which cards follow which level by default. The teacher may change it; these defaults put each
 * card right after the level where the room has just seen the thing it explains.
 */
export const LESSON_LEVELS = ['noise', 'first-strokes', 'dcgan', 'collapse', 'fix-it', 'conditional', 'fashion', 'deepfakes', 'finale'] as const;
export type LessonLevel = (typeof LESSON_LEVELS)[number];

export const LEVEL_CARDS: Readonly<Record<LessonLevel, readonly string[]>> = {
  // An untrained G: what generative models are, and the two players.
  noise: ['T01', 'T03', 'T02'],
  // The MLP GAN starts drawing strokes: the generator, the discriminator, the game, the loop.
  'first-strokes': ['T04', 'T05', 'T06', 'T07'],
  dcgan: ['T12', 'T18'],
  // Settings that provoke collapse: the class histogram shows it; bad settings explain it.
  collapse: ['T09', 'T08'],
  'fix-it': ['T13', 'T14'],
  conditional: ['T11', 'T17'],
  fashion: ['T15', 'T10'],
  // After the room has seen it can no longer tell: its own numbers first.
  deepfakes: ['T16', 'T16b', 'T16c', 'T19'],
  // End of the session: the whole timeline.
  finale: ['T20'],
};

export function isLessonLevel(name: string): name is LessonLevel {
  return (LESSON_LEVELS as readonly string[]).includes(name);
}

/**
 * Default cards after a level, by name or by 0-based index in the default campaign
 * (noise, first-strokes, …, deepfakes; an index past the last level gives the finale).
 */
export function cardsAfterLevel(level: LessonLevel | number): readonly string[] {
  if (typeof level === 'number') {
    if (!Number.isInteger(level) || level < 0) throw new RangeError(`level index must be a non-negative integer, got ${level}`);
    return LEVEL_CARDS[LESSON_LEVELS[Math.min(level, LESSON_LEVELS.length - 1)]];
  }
  if (!isLessonLevel(level)) throw new RangeError(`unknown level "${String(level)}"; expected one of ${LESSON_LEVELS.join(', ')}`);
  return LEVEL_CARDS[level];
}
