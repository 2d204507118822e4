import type { LessonGroup } from '@/game/lessons/types';

const GROUP_KEYS = {
  Foundations: 'foundations',
  'The game': 'game',
  'Training in practice': 'practice',
  'Better GANs': 'better',
  'Responsible use': 'responsible',
  'The big picture': 'bigPicture',
} as const satisfies Record<LessonGroup, string>;

/** A lesson group's message key (the groups are named in English in the cards). */
export const groupKey = (group: LessonGroup) => GROUP_KEYS[group];
