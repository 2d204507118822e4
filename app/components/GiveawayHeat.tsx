'use client';
/**
 * Flag the giveaway, shown: the class's taps on a fake as a heat map over the image (the projector's
 * reveal and the teacher's session page), and a player's own mark (the phone). Never colour alone: the
 * hottest spots carry rings with their counts, and the caption says how many tapped and where.
 */
import { useEffect, useRef } from 'react';
import { type Region, heatField, hotspots, hottestRegion } from '@/game/giveaway';
import type { GiveawayHeat, Spot } from '@/game/protocol';
import { PixelImage } from './PixelImage';

/** Every word this file puts on screen, in one place for translation. */
export const GIVEAWAY_TEXT = {
  taps: (n: number) => `${n} ${n === 1 ? 'tap' : 'taps'}`,
  region: {
    'top-left': 'top left',
    top: 'top',
    'top-right': 'top right',
    left: 'left',
    centre: 'centre',
    right: 'right',
    'bottom-left': 'bottom left',
    bottom: 'bottom',
    'bottom-right': 'bottom right',
  } satisfies Record<Region, string>,
  mostAt: (where: string) => `most at the ${where}`,
  /** The picture's description for a screen reader. */
  label: (image: string, n: number, where: string | null) =>
    `${image}: the class's giveaway marks, ${n} ${n === 1 ? 'tap' : 'taps'}${where ? `, most at the ${where}` : ''}`,
  yourMark: 'your mark',
};

/** The field is drawn this many pixels a side and smoothed by the browser when scaled. */
const FIELD = 56;

/** Heat colours: from transparent yellow to opaque red, so the hottest spot reads on a washed-out projector. */
function paint(canvas: HTMLCanvasElement, heat: GiveawayHeat) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const f = heatField(heat, FIELD);
  const img = ctx.createImageData(FIELD, FIELD);
  for (let i = 0; i < f.length; i++) {
    const v = f[i];
    img.data[i * 4] = 255;
    img.data[i * 4 + 1] = Math.round(220 * (1 - v));
    img.data[i * 4 + 2] = 0;
    img.data[i * 4 + 3] = v < 0.05 ? 0 : Math.round(60 + 150 * v);
  }
  ctx.putImageData(img, 0, 0);
}

/**
 * An image with the class's giveaway taps over it: a smooth heat map, rings with counts on the (at most
 * three) hottest spots, and a caption with the tap count and where most fell.
 */
export function GiveawayImage({
  pixels,
  heat,
  image,
  large = false,
  testId,
}: {
  pixels: string;
  heat: GiveawayHeat;
  /** How the image is named to a screen reader ("Image 3"). */
  image: string;
  /** Projector sizes. */
  large?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, heat);
  }, [heat]);
  const region = hottestRegion(heat);
  const where = region ? GIVEAWAY_TEXT.region[region] : null;
  const spots = hotspots(heat, 3);
  return (
    <figure className="m-0" data-testid={testId} data-taps={heat.taps}>
      <div className="relative">
        <PixelImage pixels={pixels} label={GIVEAWAY_TEXT.label(image, heat.taps, where)} />
        <canvas ref={ref} width={FIELD} height={FIELD} aria-hidden className="pointer-events-none absolute inset-0 h-full w-full rounded-lg" />
        <svg viewBox="0 0 100 100" aria-hidden className="pointer-events-none absolute inset-0 h-full w-full">
          {spots.map((s, i) => (
            <g key={i} transform={`translate(${s.x * 100} ${s.y * 100})`}>
              <circle r={9} fill="rgba(11,16,32,0.55)" stroke="#fff" strokeWidth={2.5} />
              <text textAnchor="middle" dominantBaseline="central" fontSize={s.count > 99 ? 7 : 10} fontWeight={900} fill="#fff">
                {s.count}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption className={`mt-1 text-center font-bold ${large ? 'text-lg' : 'text-sm'}`}>
        <span data-testid="giveaway-taps">📍 {GIVEAWAY_TEXT.taps(heat.taps)}</span>
        {where && <span className="block font-normal text-slate-300">{GIVEAWAY_TEXT.mostAt(where)}</span>}
      </figcaption>
    </figure>
  );
}

/** One player's own mark on an image: a ring with a dot, over whatever the image is drawn in. */
export function MarkRing({ spot, className = '' }: { spot: Spot; className?: string }) {
  return (
    <svg viewBox="0 0 100 100" aria-hidden className={`pointer-events-none absolute inset-0 h-full w-full ${className}`}>
      <g transform={`translate(${spot.x * 100} ${spot.y * 100})`}>
        <circle r={11} fill="none" stroke="#0b1020" strokeWidth={6} />
        <circle r={11} fill="none" stroke="#facc15" strokeWidth={3} />
        <circle r={2.5} fill="#facc15" stroke="#0b1020" strokeWidth={1} />
      </g>
    </svg>
  );
}
