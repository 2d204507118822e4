'use client';
/** One data panel of a card, with its source label ("Your room's data" / "Example data …"). */
import type { Panel } from '@/game/lessons/panels';
import { sourceLabel } from '@/game/lessons/panels';
import type { LessonData } from '@/game/lessons/types';
import { pct } from '@/game/lessons/verdict';
import { DTraceChart, HistogramChart, LossChart } from './Charts';
import { ComparePanel } from './ComparePanel';
import { DetectionPanel } from './DetectionPanel';
import { ImageStrip } from './ImageStrip';
import { TRAINING_TEXT } from '../../host/setup-text';

const TITLES: Record<Panel['kind'], string> = {
  compare: 'Side by side',
  detection: 'Could the judges tell real from fake?',
  losses: 'Loss curves',
  dTrace: 'D(x) on real vs fake',
  histogram: 'Which classes the generator draws',
  fid: 'Fréchet distance',
  samples: 'Generated samples',
  realSamples: 'Real images from the dataset',
  samplesOverTime: 'One z, as training goes on',
  interpolation: 'A walk through the latent space',
  timeline: 'The session, round by round',
  facts: 'The numbers behind it',
};

const MISSING: Partial<Record<Panel['kind'], string>> = {
  histogram: "The class histogram appears once the project's classifier has sorted this room's samples.",
  fid: "The Fréchet distance appears once the project's classifier has measured this room's samples.",
  detection: 'The fooled rate appears after the first round of judging.',
  compare: 'The side-by-side samples are not recorded yet (scripts/lesson-examples.ts --only=comparisons).',
  timeline: 'The timeline fills in as rounds are played.',
};

function Facts({ data, fields, projector }: { data: LessonData; fields: Panel['fields']; projector?: boolean }) {
  const rows: [string, string][] = [];
  for (const f of fields) {
    if (f === 'latentDim' && data.latentDim !== undefined) rows.push(['Latent size (numbers in z)', String(data.latentDim)]);
    if (f === 'layerSizes' && data.layerSizes?.length) rows.push(["Generator's layers", data.layerSizes.join(' → ')]);
    if (f === 'batchSize' && data.batchSize !== undefined) rows.push(['Batch size', String(data.batchSize)]);
    if (f === 'stepsThisRound' && data.stepsThisRound !== undefined) rows.push(['Training steps', String(data.stepsThisRound)]);
    // The data-only steps run while the class judged go with the round's steps, wherever a card shows those.
    if (f === 'stepsThisRound' && data.judgingSteps !== undefined) rows.push([TRAINING_TEXT.judgingStepsLabel, String(data.judgingSteps)]);
    if (f === 'backend' && data.backend) rows.push(['Trained on', data.backend]);
    if (f === 'gradientNorm' && data.gradientNorm !== undefined) rows.push(["Size of G's gradient (‖∇‖)", data.gradientNorm.toFixed(3)]);
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
  switch (panel.kind) {
    case 'compare':
      return panel.comparison ? <ComparePanel comparison={panel.comparison} compact={compact} projector={projector} /> : null;
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
          <span className={`${compact ? 'text-2xl' : projector ? 'text-[1.5em]' : 'text-4xl'} font-black text-accent`}>{data.fid!.toFixed(1)}</span>{' '}
          <span className="text-slate-300">between classifier features of generated and real images (0 would be identical; compare only runs measured on the same number of images).</span>
        </p>
      );
    case 'samples':
      return <ImageStrip images={data.samples!} label={data.conditionalClass ? `Samples asked to be a ${data.conditionalClass}` : 'Generated samples'} compact={compact} projector={projector} />;
    case 'realSamples':
      return <ImageStrip images={data.realSamples!} label="Real images" compact={compact} projector={projector} />;
    case 'samplesOverTime':
      return <ImageStrip images={data.samplesOverTime!.map((s) => s.image)} captions={data.samplesOverTime!.map((s) => `step ${s.step}`)} label="The same z during training" compact={compact} projector={projector} max={8} />;
    case 'interpolation':
      return <ImageStrip images={data.interpolation!} captions={data.interpolation!.map((_, i, a) => `t=${(i / Math.max(1, a.length - 1)).toFixed(2)}`)} label="Interpolation from z_A to z_B" compact={compact} projector={projector} max={8} />;
    case 'timeline': {
      const t = data.timeline!.filter((p) => p.bestFake);
      return t.length ? (
        <ImageStrip
          images={t.map((p) => p.bestFake!)}
          captions={t.map((p) => `round ${p.round}${p.fooledRate !== null ? ` · fooled ${pct(p.fooledRate)}` : ''}`)}
          label="Best fake of each round"
          compact={compact}
          projector={projector}
          max={compact ? 6 : projector ? 6 : 12}
        />
      ) : (
        <p className="text-slate-400">No fakes recorded yet.</p>
      );
    }
    case 'facts':
      return <Facts data={data} fields={panel.fields} projector={projector} />;
  }
}

export function LessonPanel({ panel, compact, projector, loading }: { panel: Panel; compact?: boolean; projector?: boolean; loading?: boolean }) {
  const grows = projector && CHARTS.has(panel.kind) && panel.data !== null;
  const title =
    panel.kind === 'compare' && panel.comparison
      ? `${panel.comparison.left.label} vs ${panel.comparison.right.label}`
      : panel.kind === 'samples' && panel.data?.conditionalClass
      ? `Asked to draw a ${panel.data.conditionalClass}`
      : panel.kind === 'losses' && panel.data?.lossKind
        ? `Loss curves: ${panel.data.lossKind} loss`
        : TITLES[panel.kind];
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
            {sourceLabel(panel.data)}
          </span>
        )}
      </header>
      {panel.data ? (
        <Body panel={panel} data={panel.data} compact={compact} projector={projector} />
      ) : (
        <p className="text-slate-400">{loading ? 'Loading example data…' : (MISSING[panel.kind] ?? 'Not measured yet.')}</p>
      )}
      {panel.data?.caption && panel.data.source === 'example' && <p className={`text-slate-300 ${projector ? 'mt-[0.2em] text-[0.55em] leading-snug' : 'mt-2 text-[0.75em]'}`}>{panel.data.caption}</p>}
    </section>
  );
}
