'use client';
/** One data panel of a card, with its source label ("Your room's data" / "Example data …"). */
import { useFormatter, useTranslations } from 'use-intl';
import type { Panel } from '@/game/lessons/panels';
import { sourceLabel } from '@/game/lessons/panels';
import type { LessonData } from '@/game/lessons/types';
import { DTraceChart, HistogramChart, LossChart } from './Charts';
import { ComparePanel } from './ComparePanel';
import { DetectionPanel } from './DetectionPanel';
import { useRecorded } from '../../i18n/recorded';
import { ImageStrip } from './ImageStrip';

/** Panels that say why they are empty (the `panels.missing` messages); the others say "not measured yet". */
const MISSING = ['histogram', 'fid', 'detection', 'compare', 'timeline'] as const;
const hasMissing = (kind: Panel['kind']): kind is (typeof MISSING)[number] => (MISSING as readonly string[]).includes(kind);

function Facts({ data, fields, projector }: { data: LessonData; fields: Panel['fields']; projector?: boolean }) {
  const t = useTranslations('panels');
  const format = useFormatter();
  const rows: [string, string][] = [];
  for (const f of fields) {
    if (f === 'latentDim' && data.latentDim !== undefined) rows.push([t('latentDim'), String(data.latentDim)]);
    if (f === 'layerSizes' && data.layerSizes?.length) rows.push([t('layerSizes'), data.layerSizes.join(' → ')]);
    if (f === 'batchSize' && data.batchSize !== undefined) rows.push([t('batchSize'), String(data.batchSize)]);
    if (f === 'stepsThisRound' && data.stepsThisRound !== undefined) rows.push([t('steps'), String(data.stepsThisRound)]);
    // The data-only steps run while the class judged go with the round's steps, wherever a card shows those.
    if (f === 'stepsThisRound' && data.judgingSteps !== undefined) rows.push([t('judgingSteps'), String(data.judgingSteps)]);
    if (f === 'backend' && data.backend) rows.push([t('backend'), data.backend]);
    if (f === 'gradientNorm' && data.gradientNorm !== undefined) rows.push([t('gradientNorm'), format.number(data.gradientNorm, { minimumFractionDigits: 3, maximumFractionDigits: 3 })]);
  }
  return (
    <dl className={`grid grid-cols-1 sm:grid-cols-2 ${projector ? 'gap-[0.25em]' : 'gap-2'}`}>
      {rows.map(([k, v]) => (
        // The layer list is long: it gets the whole row rather than wrapping in half of one.
        <div key={k} className={`rounded-xl border border-edge bg-ink/50 ${projector ? 'px-[0.4em] py-[0.15em]' : 'px-3 py-2'} ${v.length > 16 ? 'sm:col-span-2' : ''}`}>
          <dt className={`${projector ? 'text-[0.55em]' : 'text-[0.8em]'} text-slate-300`}>{k}</dt>
          <dd className={`font-mono font-bold text-accent ${projector ? 'text-[0.85em]' : 'text-[1.1em]'}`}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Panels whose plot grows into the height a projector page leaves it. */
const CHARTS: ReadonlySet<Panel['kind']> = new Set(['losses', 'dTrace', 'histogram']);

function Body({ panel, data, compact, projector }: { panel: Panel; data: LessonData; compact?: boolean; projector?: boolean }) {
  const recorded = useRecorded(panel);
  const t = useTranslations('panels');
  const format = useFormatter();
  switch (panel.kind) {
    case 'compare':
      return recorded.comparison ? <ComparePanel comparison={recorded.comparison} compact={compact} projector={projector} /> : null;
    case 'detection':
      return <DetectionPanel data={data} compact={compact} projector={projector} />;
    case 'losses':
      return <LossChart data={data} compact={compact} fill={projector} />;
    case 'dTrace':
      return <DTraceChart data={data} compact={compact} fill={projector} />;
    case 'histogram':
      return <HistogramChart data={data} compact={compact} fill={projector} />;
    case 'fid':
      return (
        <p className="text-[1em]">
          <span className={`${compact ? 'text-2xl' : projector ? 'text-[1.5em]' : 'text-4xl'} font-black text-accent`}>{format.number(data.fid!, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</span>{' '}
          <span className="text-slate-300">{t('fidText')}</span>
        </p>
      );
    case 'samples':
      return <ImageStrip images={data.samples!} label={data.conditionalClass ? t('askedToBe', { cls: data.conditionalClass }) : t('title.samples')} compact={compact} projector={projector} />;
    case 'realSamples':
      return <ImageStrip images={data.realSamples!} label={t('realImages')} compact={compact} projector={projector} />;
    case 'samplesOverTime':
      return <ImageStrip images={data.samplesOverTime!.map((s) => s.image)} captions={data.samplesOverTime!.map((s) => t('stepN', { step: s.step }))} label={t('sameZ')} compact={compact} projector={projector} max={8} />;
    case 'interpolation':
      return <ImageStrip images={data.interpolation!} captions={data.interpolation!.map((_, i, a) => `t=${(i / Math.max(1, a.length - 1)).toFixed(2)}`)} label={t('interpolationLabel')} compact={compact} projector={projector} max={8} />;
    case 'timeline': {
      const rounds = data.timeline!.filter((p) => p.bestFake);
      return rounds.length ? (
        <ImageStrip
          images={rounds.map((p) => p.bestFake!)}
          captions={rounds.map((p) => (p.fooledRate !== null ? t('roundFooled', { round: p.round, rate: p.fooledRate }) : t('roundN', { round: p.round })))}
          label={t('bestFakes')}
          compact={compact}
          projector={projector}
          max={compact ? 6 : projector ? 6 : 12}
        />
      ) : (
        <p className="text-slate-400">{t('noFakes')}</p>
      );
    }
    case 'facts':
      return <Facts data={data} fields={panel.fields} projector={projector} />;
  }
}

export function LessonPanel({ panel, compact, projector, loading }: { panel: Panel; compact?: boolean; projector?: boolean; loading?: boolean }) {
  const t = useTranslations('panels');
  const tk = useTranslations('host');
  const recorded = useRecorded(panel);
  const grows = projector && CHARTS.has(panel.kind) && panel.data !== null;
  const lossKind = panel.data?.lossKind;
  const title =
    panel.kind === 'compare' && recorded.comparison
      ? t('versus', { left: recorded.comparison.left.label, right: recorded.comparison.right.label })
      : panel.kind === 'samples' && panel.data?.conditionalClass
      ? t('askedToDraw', { cls: panel.data.conditionalClass })
      : panel.kind === 'losses' && lossKind
        ? t('lossCurves', { loss: tk.has(`lossNames.${lossKind as 'minimax'}`) ? tk(`lossNames.${lossKind as 'minimax'}`) : lossKind })
        : t(`title.${panel.kind}`);
  return (
    <section
      className={`rounded-2xl border border-edge bg-panel/80 ${projector ? `flex min-h-0 flex-col p-[0.5em] ${grows ? 'flex-1' : 'shrink-0'}` : compact ? 'p-3' : 'p-5'}`}
      aria-label={title}
      data-panel={panel.kind}
    >
      <header className={`flex flex-wrap items-center justify-between ${projector ? 'mb-[0.3em] gap-x-[0.4em] gap-y-[0.15em]' : 'mb-3 gap-2'}`}>
        <h3 className={`${projector ? 'text-[0.85em] leading-tight' : 'text-[1em]'} font-bold text-white`}>{title}</h3>
        {panel.data && (
          <span
            className={`rounded-full px-3 py-0.5 ${projector ? 'text-[0.55em]' : 'text-[0.75em]'} font-semibold ${panel.data.source === 'live' ? 'bg-real/20 text-real ring-1 ring-real/50' : 'bg-slate-700/60 text-slate-200 ring-1 ring-slate-500/60'}`}
            data-testid="source-label"
          >
            {sourceLabel(t, panel.data)}
          </span>
        )}
      </header>
      {panel.data ? (
        <Body panel={panel} data={panel.data} compact={compact} projector={projector} />
      ) : (
        <p className="text-slate-400">{loading ? t('loading') : hasMissing(panel.kind) ? t(`missing.${panel.kind}`) : t('notMeasured')}</p>
      )}
      {recorded.caption && <p className={`text-slate-300 ${projector ? 'mt-[0.2em] text-[0.55em] leading-snug' : 'mt-2 text-[0.75em]'}`}>{recorded.caption}</p>}
    </section>
  );
}
