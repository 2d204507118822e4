/**
 * "Could the room tell?": the fooled rate with its 95% interval against the 50% chance line, and
 * the error on fakes beside the error on reals. Drawn with plain elements so it stays sharp and
 * readable from the back of a classroom.
 */
import { useFormatter, useTranslations } from 'use-intl';
import type { LessonData } from '@/game/lessons/types';
import { detectionVerdict } from '@/game/lessons/verdict';

export function DetectionPanel({ data, compact, projector }: { data: LessonData; compact?: boolean; projector?: boolean }) {
  // On a projector every size is relative to the card's viewport-based font (see .projector).
  const headline = compact ? 'text-xl' : projector ? 'text-[1em]' : 'text-3xl';
  const figure = compact ? 'text-2xl' : projector ? 'text-[1.2em] leading-tight' : 'text-4xl';
  const small = projector ? 'text-[0.55em]' : 'text-[0.8em]';
  const t = useTranslations('verdict');
  const format = useFormatter();
  const pct = (x: number) => format.number(x, { style: 'percent' });
  const v = detectionVerdict(t, data);
  const rate = data.fooledRate ?? data.fakeErrorRate;
  const iv = data.fooledInterval;
  const tone = v.couldTell === false ? 'text-fake' : v.couldTell ? 'text-real' : 'text-slate-200';
  return (
    <div className={`flex flex-col ${projector ? 'gap-[0.3em]' : 'gap-3'}`}>
      <p className={`${headline} font-black leading-tight ${tone}`} data-testid="detection-headline">
        {v.headline}
      </p>
      {rate !== undefined && (
        <div role="img" aria-label={iv ? t('barLabelIv', { rate, low: iv.low, high: iv.high }) : t('barLabel', { rate })}>
          <div className={`relative w-full rounded-full ${projector ? 'h-[1em]' : 'h-8'} bg-ink/70 ring-1 ring-edge`}>
            {iv && (
              <div
                className="absolute top-1/2 h-3 -translate-y-1/2 rounded-full bg-fake/35"
                style={{ left: `${iv.low * 100}%`, width: `${Math.max(0.5, (iv.high - iv.low) * 100)}%` }}
              />
            )}
            <div className="absolute top-0 h-full w-0.5 bg-slate-300" style={{ left: '50%' }} />
            <div className="absolute top-1/2 h-6 w-6 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-fake" style={{ left: `${rate * 100}%` }} />
          </div>
          <div className={`mt-1 flex justify-between text-slate-300 ${projector ? 'text-[0.55em]' : 'text-[0.75em]'}`}>
            <span>{t('scale0')}</span>
            <span>{t('scale50')}</span>
            <span>{t('scale100')}</span>
          </div>
        </div>
      )}
      <dl className={`grid grid-cols-2 ${projector ? 'gap-[0.3em]' : 'gap-3'}`}>
        {data.fakeErrorRate !== undefined && (
          <div className={`rounded-xl border border-edge bg-ink/50 ${projector ? 'px-[0.4em] py-[0.2em]' : 'p-3'}`}>
            <dt className={`${small} text-slate-300`}>{t('fakesCalledRealShort')}</dt>
            <dd className={`${figure} font-black text-fake`}>{pct(data.fakeErrorRate)}</dd>
          </div>
        )}
        {data.realErrorRate !== undefined && (
          <div className={`rounded-xl border border-edge bg-ink/50 ${projector ? 'px-[0.4em] py-[0.2em]' : 'p-3'}`}>
            <dt className={`${small} text-slate-300`}>{t('realsCalledFakeShort')}</dt>
            <dd className={`${figure} font-black text-real`}>{pct(data.realErrorRate)}</dd>
          </div>
        )}
      </dl>
      <p className={`${projector ? 'text-[0.6em] leading-snug' : 'text-[0.85em]'} text-slate-300`}>{v.detail}</p>
    </div>
  );
}
