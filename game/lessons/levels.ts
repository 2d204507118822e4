/**
 * Which cards follow which level by default. The teacher may change it; these defaults put each
 * card right after the level where the room has just seen the thing it explains.
 */
import { LEVEL_IDS, type LevelId } from '../vocabulary';

/** The campaign's levels, then the finale after the last. */
export const LESSON_LEVELS = [...LEVEL_IDS, 'finale'] as const;
export type LessonLevel = LevelId | 'finale';

export const LEVEL_CARDS: Readonly<Record<LessonLevel, readonly string[]>> = {
  // An untrained G: what generative models are, and the two players.
  noise: ['T01', 'T03', 'T02'],
  // The generator starts drawing strokes: the generator, the discriminator, the game, the loop.
  strokes: ['T04', 'T05', 'T06', 'T07'],
  dcgan: ['T12', 'T18'],
  // Settings that provoke collapse: the class histogram shows it; bad settings explain it.
  collapse: ['T09', 'T08'],
  fixit: ['T13', 'T14'],
  conditional: ['T11', 'T17'],
  fashion: ['T15', 'T10'],
  // After the room has seen it can no longer tell: its own numbers first.
  deepfakes: ['T16', 'T16b', 'T16c', 'T19'],
  // End of the session: the whole timeline.
  finale: ['T20'],
};
