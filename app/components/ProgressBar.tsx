'use client';
import { useFormatter, useTranslations } from 'use-intl';
import type { TrainingProgress } from '@/game/protocol';

/** Step i of n of the trainer's real steps (D and G in turns, ml/trainer.ts), with the current losses. */
export function TrainingBar({ progress, large = false }: { progress: TrainingProgress | null; large?: boolean }) {
  const t = useTranslations('training');
  const format = useFormatter();
  const loss = (x: number) => format.number(x, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const total = progress?.total ?? 0;
  const step = progress?.step ?? 0;
  const pct = total ? Math.round((100 * step) / total) : 0;
  return (
    <div className="w-full" data-testid="training-progress">
      <div className={`flex justify-between ${large ? 'text-2xl' : 'text-sm'} text-slate-300`}>
        <span>
          {progress ? t('trainingTurns') : t('waiting')}
        </span>
        <span className="tabular-nums">{progress ? t('step', { step, total }) : ''}</span>
      </div>
      <div
        className={`mt-2 w-full overflow-hidden rounded-full bg-edge ${large ? 'h-6' : 'h-3'}`}
        role="progressbar"
        aria-label={t('label')}
        aria-valuetext={progress ? t('step', { step, total }) : t('waiting')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={step}
      >
        <div className="h-full rounded-full bg-accent transition-all" style={{ width: `${pct}%` }} />
      </div>
      {progress && (
        <div className={`mt-2 flex gap-6 tabular-nums ${large ? 'text-xl' : 'text-sm'} text-slate-300`}>
          <span>{t('dLoss', { loss: loss(progress.dLoss) })}</span>
          <span>{t('gLoss', { loss: loss(progress.gLoss) })}</span>
        </div>
      )}
    </div>
  );
}
