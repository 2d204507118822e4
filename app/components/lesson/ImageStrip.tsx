'use client';
import { PixelImage } from '../PixelImage';

/** A row of 28×28 images with optional captions under each (step numbers, rounds, rates). */
export function ImageStrip({ images, label, captions, compact, max }: { images: string[]; label: string; captions?: string[]; compact?: boolean; max?: number }) {
  const shown = images.slice(0, max ?? (compact ? 6 : 12));
  const cols = compact ? 'grid-cols-6' : shown.length > 8 ? 'grid-cols-4 sm:grid-cols-6' : 'grid-cols-4 sm:grid-cols-8';
  return (
    <ul className={`grid gap-2 ${cols}`} aria-label={label}>
      {shown.map((img, i) => (
        <li key={i} className="flex flex-col items-center gap-1">
          <PixelImage pixels={img} label={`${label}, image ${i + 1}${captions?.[i] ? ` (${captions[i]})` : ''}`} />
          {captions?.[i] && <span className="text-[0.7em] leading-tight text-slate-400">{captions[i]}</span>}
        </li>
      ))}
    </ul>
  );
}
