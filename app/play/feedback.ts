/**
 * What the phone says to a player, as plain functions: which key press is a vote, and how a reveal
 * reads. Kept out of the React tree so the wording is tested where it lives.
 */
import type { Verdict } from '@/game/protocol';
import type { T } from '../i18n/types';

export type KeyAction = Verdict | 'next' | 'previous';

interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** A plain R or F votes; Ctrl+F (find), Alt+R and the like belong to the browser, never to the game. */
export function keyAction(e: KeyPress): KeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'r':
    case 'R':
      return 'real';
    case 'f':
    case 'F':
      return 'fake';
    case 'ArrowRight':
      return 'next';
    case 'ArrowLeft':
      return 'previous';
    default:
      return null;
  }
}

/** "It was fake · you said real": the truth first, then the player's own verdict, so ✓/✗ cannot be misread. */
export function revealCaption(t: T<'play'>, img: { truth: Verdict; mine: Verdict | null }): string {
  return t('revealCaption', { truth: img.truth, mine: img.mine ?? 'none' });
}

/** The round's headline on the phone; a player who cast no vote is told so, not shown "0 of 6 right". */
export function roundHeadline(t: T<'play'>, images: readonly { mine: Verdict | null; correct: boolean }[]): { text: string; voted: boolean } {
  const judged = images.filter((i) => i.mine !== null).length;
  if (judged === 0) return { text: t('noVote'), voted: false };
  const right = images.filter((i) => i.mine !== null && i.correct).length;
  return { text: t('roundRight', { right, total: images.length, missed: images.length - judged }), voted: true };
}

/** The gap to the player just ahead: "level with", "1 point behind", "12 points behind". */
export function gapText(t: T<'play'>, points: number): string {
  return t('gap', { points: Math.max(0, points) });
}
