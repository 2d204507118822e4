/**
 * What the phone says to a player, as plain functions: which key press is a vote, and how a reveal
 * reads. Kept out of the React tree so the wording is tested where it lives.
 */
import type { Verdict } from '@/game/protocol';

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
export function revealCaption(img: { truth: Verdict; mine: Verdict | null }): string {
  return `It was ${img.truth} · ${img.mine ? `you said ${img.mine}` : 'no vote'}`;
}

/** The round's headline on the phone; a player who cast no vote is told so, not shown "0 of 6 right". */
export function roundHeadline(images: readonly { mine: Verdict | null; correct: boolean }[]): { text: string; voted: boolean } {
  const judged = images.filter((i) => i.mine !== null).length;
  if (judged === 0) return { text: 'You did not vote this round', voted: false };
  const right = images.filter((i) => i.mine !== null && i.correct).length;
  const missed = images.length - judged;
  return { text: `${right} of ${images.length} right${missed ? ` · ${missed} without a vote` : ''}`, voted: true };
}

/** The gap to the player just ahead: "level with", "1 point behind", "12 points behind". */
export function gapText(points: number): string {
  if (points <= 0) return 'level with';
  return `${points} point${points === 1 ? '' : 's'} behind`;
}
