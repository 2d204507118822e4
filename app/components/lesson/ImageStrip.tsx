'use client';
import { useTranslations } from 'use-intl';
import { PixelImage } from '../PixelImage';

/**
 * A row of 28×28 images with optional captions under each (step numbers, rounds, rates).
 * On the projector each image is at least 96 px wide and grows with the screen, so a digit reads
 * from the back of the room; fewer images are shown there rather than smaller ones.
 */
export function ImageStrip({ images, label, captions, compact, projector, max }: { images: string[]; label: string; captions?: string[]; compact?: boolean; projector?: boolean; max?: number }) {
  const t = useTranslations('panels');
  if (projector) {
    // Fewer, bigger images; spread over the sequence so a walk or a timeline keeps both its ends.
    const picks = spread(images.length, Math.min(max ?? 6, 8));
    return (
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(max(96px,6.4vw),1fr))] gap-[0.2em]" aria-label={label} data-strip>
        {picks.map((i) => (
          <li key={i} className="flex min-w-0 flex-col items-center gap-1" data-thumb>
            <PixelImage pixels={images[i]} label={t('image', { label, n: i + 1, caption: captions?.[i] ?? 'none' })} />
            {captions?.[i] && <span className="text-center text-[0.6em] leading-tight text-slate-300">{captions[i]}</span>}
          </li>
        ))}
      </ul>
    );
  }
  const shown = images.slice(0, max ?? (compact ? 6 : 12));
  const cols = compact ? 'grid-cols-6' : shown.length > 8 ? 'grid-cols-4 sm:grid-cols-6' : 'grid-cols-4 sm:grid-cols-8';
  return (
    <ul className={`grid gap-2 ${cols}`} aria-label={label}>
      {shown.map((img, i) => (
        <li key={i} className="flex flex-col items-center gap-1">
          <PixelImage pixels={img} label={t('image', { label, n: i + 1, caption: captions?.[i] ?? 'none' })} />
          {captions?.[i] && <span className="text-[0.7em] leading-tight text-slate-300">{captions[i]}</span>}
        </li>
      ))}
    </ul>
  );
}

/** `k` indices spread evenly over `n` items, first and last included (all of them when n ≤ k). */
export function spread(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  if (k <= 1) return [n - 1];
  return Array.from({ length: k }, (_, i) => Math.round((i * (n - 1)) / (k - 1)));
}
