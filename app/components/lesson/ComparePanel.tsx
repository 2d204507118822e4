'use client';
/**
 * Two generators side by side: each side's label in text above its samples, how it was made under
 * them. Both sides come from the same seeds, so image k on the left and image k on the right start
 * from the same z (for models of the same latent size). On the projector each thumbnail is at least
 * 96 px wide and fewer are shown rather than smaller ones.
 */
import { useTranslations } from 'use-intl';
import type { Comparison, ComparisonSide } from '@/game/lessons/types';
import { PixelImage } from '../PixelImage';

function Side({ side, compact, projector }: { side: ComparisonSide; compact?: boolean; projector?: boolean }) {
  const t = useTranslations('panels');
  const shown = side.images.slice(0, projector ? 6 : compact ? 6 : 12);
  return (
    <figure className={`flex min-w-0 flex-col ${projector ? 'gap-[0.2em]' : 'gap-2'}`} data-compare-side>
      <figcaption className={`font-bold text-white ${projector ? 'text-[0.7em] leading-tight' : 'text-[0.9em]'}`}>{side.label}</figcaption>
      <ul
        className={projector ? 'grid grid-cols-[repeat(auto-fill,minmax(max(96px,6.4vw),1fr))] gap-[0.2em]' : `grid gap-2 ${compact ? 'grid-cols-3' : 'grid-cols-4'}`}
        aria-label={t('sideSamples', { label: side.label, n: shown.length })}
        data-strip
      >
        {shown.map((img, i) => (
          <li key={i} className="min-w-0" data-thumb={projector ? '' : undefined}>
            <PixelImage pixels={img} label={t('sideSample', { label: side.label, n: i + 1 })} />
          </li>
        ))}
      </ul>
      {side.note && <p className={`text-slate-300 ${projector ? 'text-[0.5em] leading-snug' : 'text-[0.75em]'}`}>{side.note}</p>}
    </figure>
  );
}

export function ComparePanel({ comparison, compact, projector }: { comparison: Comparison; compact?: boolean; projector?: boolean }) {
  return (
    <div className={`grid grid-cols-2 ${projector ? 'gap-[0.5em]' : 'gap-4'}`} data-compare>
      <Side side={comparison.left} compact={compact} projector={projector} />
      <Side side={comparison.right} compact={compact} projector={projector} />
    </div>
  );
}
