'use client';
/**
 * Flag the giveaway, shown: the class's taps on a fake as a heat map over the image (the projector's
 * reveal and the teacher's session page), and a player's own mark (the phone). Never colour alone: the
 * hottest spots carry rings with their counts, and the caption says how many tapped and where.
 */
import { useEffect, useRef } from 'react';
import { useTranslations } from 'use-intl';
import { type Region, heatField, hotspots, hottestRegion } from '@/game/giveaway';
import type { GiveawayHeat, Spot } from '@/game/protocol';
import { PixelImage } from './PixelImage';

/** The field is drawn this many pixels a side and smoothed by the browser when scaled. */
const FIELD = 56;

/** Heat colours: from transparent yellow to opaque red, so the hottest spot reads on a washed-out projector. */
function paint(canvas: HTMLCanvasElement, heat: GiveawayHeat) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const f = heatField(heat, FIELD, 1.7);
  const img = ctx.createImageData(FIELD, FIELD);
  for (let i = 0; i < f.length; i++) {
    const v = f[i];
    img.data[i * 4] = 255;
    img.data[i * 4 + 1] = Math.round(220 * (1 - v));
    img.data[i * 4 + 2] = 0;
    img.data[i * 4 + 3] = v < 0.04 ? 0 : Math.round(70 + 160 * v);
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
  caption = true,
  testId,
}: {
  pixels: string;
  heat: GiveawayHeat;
  /** How the image is named to a screen reader ("Image 3"). */
  image: string;
  /** Projector sizes. */
  large?: boolean;
  /** False: the caller puts <GiveawayCaption> where it fits its layout. */
  caption?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, heat);
  }, [heat]);
  const t = useTranslations('heat');
  const region = hottestRegion(heat);
  const spots = hotspots(heat, 3);
  // Rings the size of a fingertip's bin or more, with counts readable from the back of a classroom.
  const r = large ? 12 : 10;
  return (
    <figure className="m-0" data-testid={testId} data-taps={heat.taps}>
      <div className="relative">
        <PixelImage pixels={pixels} label={t('label', { image, n: heat.taps, where: region?.replace('-', '') ?? 'none' })} />
        <canvas ref={ref} width={FIELD} height={FIELD} aria-hidden className="pointer-events-none absolute inset-0 h-full w-full rounded-lg" />
        <svg viewBox="0 0 100 100" aria-hidden className="pointer-events-none absolute inset-0 h-full w-full">
          {spots.map((s, i) => (
            <g key={i} transform={`translate(${s.x * 100} ${s.y * 100})`}>
              <circle r={r} fill="rgba(11,16,32,0.7)" stroke="#fff" strokeWidth={3} />
              <text textAnchor="middle" dominantBaseline="central" fontSize={s.count > 99 ? r * 0.8 : r * 1.2} fontWeight={900} fill="#fff">
                {s.count}
              </text>
            </g>
          ))}
        </svg>
      </div>
      {caption && (
        <figcaption>
          <GiveawayCaption heat={heat} large={large} />
        </figcaption>
      )}
    </figure>
  );
}

/** "◎ 2 taps, most at top left": the count and the place in words, so the heat map is never colour alone. */
export function GiveawayCaption({ heat, large = false }: { heat: GiveawayHeat; large?: boolean }) {
  const t = useTranslations('heat');
  const region = hottestRegion(heat);
  return (
    <p className={`mt-1 text-center leading-tight ${large ? 'text-lg' : 'text-sm'}`}>
      <b className="inline-flex items-center gap-1" data-testid="giveaway-taps">
        <svg viewBox="0 0 20 20" aria-hidden className="h-[1em] w-[1em] shrink-0">
          <circle cx={10} cy={10} r={7} fill="none" stroke="#facc15" strokeWidth={3} />
          <circle cx={10} cy={10} r={2} fill="#facc15" />
        </svg>
        {t('taps', { n: heat.taps })}
      </b>
      {region && <span className="block text-slate-300 text-[0.85em]">{t('mostAt', { where: region.replace('-', '') })}</span>}
    </p>
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
