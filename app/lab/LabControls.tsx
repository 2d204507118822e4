'use client';
/**
 * The Lab's knobs and buttons. Choices are selects (with the link's own value added where it is not
 * a preset), so a phone gets its native picker and no half-typed number restarts the trainer.
 */
import { useTranslations } from 'use-intl';
import { useId, useRef } from 'react';
import { ARCH, ARCHS, BACKENDS, DATASET, DATASETS, LOSS, LOSS_MENU, TOY_DATASETS } from '@/game/vocabulary';
import type { LabSettings } from '@/ml/lab-settings';
import { DCGAN_HIDDEN, defaultConfig, isToy, type GanConfig } from '@/ml/gan-config';

/** The Lab offers the 2-D mixtures first: they train in seconds and show collapse on one plot. */
const DATASET_MENU = [...TOY_DATASETS, ...DATASETS];
const BACKEND_MENU = ['auto', ...BACKENDS] as const;

const LR = [1e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2];
const STEPS = [0, 1, 2, 3, 5, 10];
const LATENT = [1, 2, 4, 8, 16, 32, 64, 100, 128];
const HIDDEN = [8, 16, 32, 64, 128, 256, 512];
const BATCH = [8, 16, 32, 64, 128, 256, 512];
const SEEDS = [1, 2, 3, 4, 5, 42];

const withValue = (xs: number[], v: number) => (xs.includes(v) ? xs : [...xs, v].sort((a, b) => a - b));

interface Props {
  settings: LabSettings;
  config: GanConfig | null;
  onChange: (s: LabSettings) => void;
  disabled: boolean;
  running: boolean;
  onPlay: () => void;
  onPause: () => void;
  onStep: (kind: 'd' | 'g') => void;
  onExport: () => void;
  onImport: (file: File) => void;
}

function Select<T extends string | number>({ label, value, options, onChange, format }: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (v: T) => void;
  format?: (v: T) => string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1 text-sm text-slate-400">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => onChange((typeof value === 'number' ? Number(e.target.value) : e.target.value) as T)}
        className="min-h-10 rounded-lg border border-edge bg-ink px-2 text-base text-white"
      >
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {format ? format(o) : String(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

const btn = 'min-h-11 rounded-xl px-3 font-bold disabled:opacity-40';

export function LabControls({ settings: s, config, onChange, disabled, running, onPlay, onPause, onStep, onExport, onImport }: Props) {
  const t = useTranslations('lab');
  const tk = useTranslations('knobs');
  const file = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<LabSettings>) => onChange({ ...s, ...patch });
  const toy = isToy(s.dataset);
  return (
    <aside className="flex flex-col gap-4 rounded-2xl border border-edge bg-panel p-4" aria-label={t('settings')}>
      <div className="grid grid-cols-2 gap-2">
        {running ? (
          <button type="button" className={`${btn} col-span-2 bg-accent text-ink`} onClick={onPause} disabled={disabled}>
            {t('pause')}
          </button>
        ) : (
          <button type="button" className={`${btn} col-span-2 bg-accent text-ink`} onClick={onPlay} disabled={disabled}>
            {t('play')}
          </button>
        )}
        <button type="button" className={`${btn} bg-ink text-sky-300`} onClick={() => onStep('d')} disabled={disabled || running}>
          {t('stepD')}
        </button>
        <button type="button" className={`${btn} bg-ink text-yellow-300`} onClick={() => onStep('g')} disabled={disabled || running}>
          {t('stepG')}
        </button>
      </div>

      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="mb-2 text-sm font-bold uppercase tracking-wider text-slate-300">{t('dataModel')}</legend>
        <Select
          label={t('dataset')}
          value={s.dataset}
          options={DATASET_MENU}
          format={(v) => t(`datasets.${v}`)}
          // A new dataset starts from that dataset's defaults, keeping only the loop and backend choices.
          onChange={(dataset) => onChange({ ...s, dataset, ...defaultsFor(dataset) })}
        />
        <Select label={t('arch')} value={s.arch} options={toy ? (['mlp'] as const) : ARCHS} format={(v) => ARCH[v].label} onChange={(arch) => set({ arch, hidden: arch === 'dcgan' ? DCGAN_HIDDEN : defaultConfig(s.dataset).hidden })} />
        <Select label={t('latent')} value={s.latentDim} options={withValue(LATENT, s.latentDim)} onChange={(latentDim) => set({ latentDim })} />
        <Select label={s.arch === 'dcgan' ? t('baseFilters') : t('hiddenWidth')} value={s.hidden} options={withValue(HIDDEN, s.hidden)} onChange={(hidden) => set({ hidden })} />
        <Select label={t('seed')} value={s.seed} options={withValue(SEEDS, s.seed)} onChange={(seed) => set({ seed })} />
        <Select
          label={t('backend')}
          value={s.backend ?? 'auto'}
          options={BACKEND_MENU}
          format={(v) => (v === 'auto' ? t('automatic') : v.toUpperCase())}
          onChange={(b) => set({ backend: b === 'auto' ? null : b })}
        />
      </fieldset>

      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="mb-2 text-sm font-bold uppercase tracking-wider text-slate-300">{t('training')}</legend>
        <div className="col-span-2">
          <Select
            label={t('loss')}
            value={s.loss}
            options={LOSS_MENU}
            format={(v) => `${tk(`lossNames.${v}`)}${LOSS[v].probability ? ' (BCE)' : ''}`}
            onChange={(loss) => set({ loss })}
          />
        </div>
        <Select label={t('lrD')} value={s.lrD} options={withValue(LR, s.lrD)} format={(v) => v.toExponential(0)} onChange={(lrD) => set({ lrD })} />
        <Select label={t('lrG')} value={s.lrG} options={withValue(LR, s.lrG)} format={(v) => v.toExponential(0)} onChange={(lrG) => set({ lrG })} />
        <Select label={t('dSteps')} value={s.dSteps} options={withValue(STEPS, s.dSteps)} onChange={(dSteps) => set({ dSteps, gSteps: dSteps + s.gSteps === 0 ? 1 : s.gSteps })} />
        <Select label={t('gSteps')} value={s.gSteps} options={withValue(STEPS, s.gSteps)} onChange={(gSteps) => set({ gSteps, dSteps: gSteps + s.dSteps === 0 ? 1 : s.dSteps })} />
        <Select label={t('batch')} value={s.batchSize} options={withValue(BATCH, s.batchSize)} onChange={(batchSize) => set({ batchSize })} />
      </fieldset>

      {config && config.arch !== s.arch && (
        <p className="text-sm text-accent">{t('otherArch', { arch: config.arch.toUpperCase() })}</p>
      )}

      <div className="grid grid-cols-2 gap-2">
        <button type="button" className={`${btn} border border-edge`} onClick={onExport} disabled={disabled}>
          {t('export')}
        </button>
        <button type="button" className={`${btn} border border-edge`} onClick={() => file.current?.click()}>
          {t('import')}
        </button>
        <input
          ref={file}
          type="file"
          accept=".ganc,application/octet-stream"
          className="hidden"
          aria-label={t('file')}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onImport(f);
            e.target.value = '';
          }}
        />
      </div>
      <p className="text-xs text-slate-400">{t('share')}</p>
    </aside>
  );
}

/** The dataset's default model and rates (ml/gan-config.ts defaultConfig); the loss, loop and backend stay. */
function defaultsFor(dataset: LabSettings['dataset']): Partial<LabSettings> {
  const { arch, latentDim, hidden, lrD, lrG, batchSize } = defaultConfig(dataset);
  return { arch, latentDim, hidden, lrD, lrG, batchSize };
}
