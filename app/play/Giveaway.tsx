'use client';
/**
 * Flag the giveaway on the phone: the image being judged takes one tap on the spot that gave it away.
 * Tapped before the vote, the mark goes with a "fake" vote (and is dropped with a "real" one); after a
 * "fake" vote, a tap marks or moves it on the server until the deadline, and it can be removed. Optional
 * throughout. Keyboard: on the focused image, arrow keys move a cursor, Enter marks, Delete removes.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { PlayerView, Spot, Verdict } from '@/game/protocol';
import { MarkRing } from '../components/GiveawayHeat';
import { PixelImage } from '../components/PixelImage';
import { type GameSocket, call } from '../lib/socket';
import { savedToken } from './store';
import { useErrorText } from '../i18n/text';

/** Keyboard cursor steps: one bin of the class's heat map (game/giveaway.ts). */
const STEP = 1 / 14;
const clamp = (v: number) => Math.min(1, Math.max(0, v));
/** Three decimals: finer than any finger, and short on the wire. */
const tidy = (v: number) => Math.round(clamp(v) * 1000) / 1000;

/**
 * This player's marks in the round being judged: the server's (a reload keeps them), overlaid with what
 * this phone did since. `mark` sends a mark (or null) for an image called fake, keeps one locally for an
 * image not judged yet; `forVote` is the mark a vote carries (and forgets one a "real" vote drops).
 */
export function useGiveaways(view: PlayerView, socket: GameSocket, onError: (message: string | null) => void) {
  const errorText = useErrorText();
  const phase = view.phase;
  const round = phase.kind === 'judging' ? phase.round : 0;
  const server = phase.kind === 'judging' ? (phase.spots ?? {}) : {};
  const [local, setLocal] = useState<{ round: number; marks: Record<string, Spot | null> }>({ round, marks: {} });
  const mine = local.round === round ? local.marks : {};
  useEffect(() => {
    if (local.round !== round) setLocal({ round, marks: {} });
  }, [local.round, round]);

  const markOf = (imageId: string): Spot | null => (Object.hasOwn(mine, imageId) ? mine[imageId] : (server[imageId] ?? null));
  const setMark = useCallback((imageId: string, spot: Spot | null) => setLocal((l) => ({ round, marks: { ...(l.round === round ? l.marks : {}), [imageId]: spot } })), [round]);

  const mark = async (imageId: string, spot: Spot | null, verdict: Verdict | undefined) => {
    if (verdict === 'real') return;
    const before = markOf(imageId);
    setMark(imageId, spot);
    if (verdict !== 'fake') return;
    const token = savedToken(view.pin);
    if (!token) return;
    const ack = await call(socket, 'player:flag', { pin: view.pin, playerToken: token, imageId, spot });
    if (ack.ok) onError(null);
    else {
      setMark(imageId, before);
      onError(errorText(ack.error));
    }
  };

  const forVote = (imageId: string, verdict: Verdict): Spot | undefined => {
    const spot = markOf(imageId);
    if (verdict === 'real' && spot) setMark(imageId, null);
    return verdict === 'fake' && spot ? spot : undefined;
  };

  return { markOf, mark, forVote };
}

/**
 * The image being judged, taking a mark where it may (not on an image called real), with the line that
 * says what a tap does and, once marked, a button to remove the mark.
 */
export function MarkableImage({
  pixels,
  image,
  verdict,
  spot,
  onMark,
}: {
  pixels: string;
  /** The image's name ("Image 2 of 6"). */
  image: string;
  verdict: Verdict | undefined;
  spot: Spot | null;
  onMark: (spot: Spot | null) => void;
}) {
  const t = useTranslations('giveaway');
  const [cursor, setCursor] = useState<Spot | null>(null);
  const open = verdict !== 'real';
  // A new image: the keyboard cursor starts again from its mark, or the centre.
  useEffect(() => setCursor(null), [pixels]);
  if (!open) return <PixelImage pixels={pixels} label={image} />;

  const at = (e: React.MouseEvent<HTMLDivElement>): Spot => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: tidy((e.clientX - r.left) / r.width), y: tidy((e.clientY - r.top) / r.height) };
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const from = cursor ?? spot ?? { x: 0.5, y: 0.5 };
    const move: Record<string, [number, number]> = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (move[e.key]) {
      const [dx, dy] = move[e.key];
      setCursor({ x: tidy(from.x + dx), y: tidy(from.y + dy) });
    } else if (e.key === 'Enter' || e.key === ' ') {
      onMark(from);
      setCursor(null);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && spot) {
      onMark(null);
    } else return;
    // The image's own keys: the page's arrows (previous/next image) wait while the image has focus.
    e.preventDefault();
    e.stopPropagation();
  };
  const hint = verdict === 'fake' ? (spot ? t('markedAfter') : t('after')) : spot ? t('markedBefore') : t('before');
  return (
    <>
      <div
        role="button"
        tabIndex={0}
        aria-label={t('label', { image })}
        aria-describedby="giveaway-hint"
        data-testid="mark-target"
        onClick={(e) => onMark(at(e))}
        onKeyDown={onKeyDown}
        onBlur={() => setCursor(null)}
        className="relative cursor-crosshair touch-manipulation rounded-lg focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-accent"
      >
        <PixelImage pixels={pixels} label={image} />
        {spot && <MarkRing spot={spot} />}
        {cursor && (
          <svg viewBox="0 0 100 100" aria-hidden className="pointer-events-none absolute inset-0 h-full w-full">
            <g transform={`translate(${cursor.x * 100} ${cursor.y * 100})`} stroke="#fff" strokeWidth={2}>
              <line x1={-14} x2={-5} y1={0} y2={0} />
              <line x1={5} x2={14} y1={0} y2={0} />
              <line x1={0} x2={0} y1={-14} y2={-5} />
              <line x1={0} x2={0} y1={5} y2={14} />
            </g>
          </svg>
        )}
      </div>
      <p className="mt-1 flex min-h-8 items-center justify-center gap-2 text-center text-sm text-slate-300">
        <span id="giveaway-hint" aria-live="polite">
          {hint}
        </span>
        {spot && (
          <button type="button" onClick={() => onMark(null)} className="shrink-0 rounded-md border border-edge px-2 py-1 text-sm font-bold text-white">
            {t('remove')}
          </button>
        )}
      </p>
    </>
  );
}
