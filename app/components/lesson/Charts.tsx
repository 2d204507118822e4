'use client';
/**
 * The card's recharts: loss curves, the D(x) trace and the class histogram. Each chart is a figure
 * with an aria-label and a visible one-line summary, so it still teaches without seeing the axes.
 * Two lines on one chart never differ by colour alone: one is solid and one dashed, and each is
 * named in text at its right-hand end ("real", "fake"), readable on a washed-out projector and by
 * colour-blind players. Axis text is at least 16 px and legends 18 px, for the back of the room.
 */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormatter, useTranslations } from 'use-intl';
import type { LessonData } from '@/game/lessons/types';
import { summariseDTrace, summariseHistogram, summariseLosses } from '@/game/lessons/summaries';
import { lossInfo } from '@/game/vocabulary';

const D_COLOR = '#38bdf8';
const G_COLOR = '#facc15';
const REAL_COLOR = '#22c55e';
const FAKE_COLOR = '#f43f5e';
const AXIS = { stroke: '#94a3b8', fontSize: 16 };
const LEGEND_PX = 18;
/** Second line of a pair: long dashes, clearly unlike the dotted reference lines. */
const DASHED = '10 6';
const REFERENCE_DASH = '2 5';
/** Room on the right for the end labels. */
const MARGIN = { top: 8, right: 64, bottom: 4, left: 0 };

/**
 * A Line label that names the line in its own colour beside its last point, so the chart reads
 * without matching colours against the legend.
 */
function endLabel(text: string, color: string, lastIndex: number) {
  function EndLabel(props: { x?: number | string; y?: number | string; index?: number; viewBox?: unknown }) {
    // A Line's label gets its point as the viewBox corner; x/y are already shifted for a default position.
    const vb = (props.viewBox ?? {}) as { x?: number; y?: number };
    const x = vb.x ?? props.x;
    const y = vb.y ?? props.y;
    if (props.index !== lastIndex || x === undefined || y === undefined) return null;
    return (
      <text x={Number(x) + 8} y={Number(y)} dy="0.35em" fill={color} fontSize={LEGEND_PX} fontWeight={700}>
        {text}
      </text>
    );
  }
  return EndLabel;
}
const TOOLTIP = { contentStyle: { background: '#151b33', border: '1px solid #2a3358', color: '#f8fafc' } };

/** How a chart is sized: `compact` for phones, `fill` to take the height its projector panel leaves. */
export interface ChartSize {
  compact?: boolean;
  fill?: boolean;
}

function ChartFigure({ label, summary, compact, fill, children }: { label: string; summary: string; children: React.ReactElement } & ChartSize) {
  // In a projector panel the plot grows into the space the page leaves it (data-chart lets the
  // page measure each panel at the chart's smallest readable height before it paginates).
  const box = fill ? 'min-h-0 w-full flex-1' : compact ? 'h-52 w-full' : 'h-64 w-full lg:h-72';
  return (
    <figure className={`flex flex-col gap-2 ${fill ? 'min-h-0 flex-1' : ''}`}>
      <div role="img" aria-label={`${label}. ${summary}`} className={box} data-chart>
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          {children}
        </ResponsiveContainer>
      </div>
      <figcaption className={`${fill ? 'text-[0.6em]' : 'text-[0.85em]'} leading-snug text-slate-300`}>{summary}</figcaption>
    </figure>
  );
}

/**
 * The x axis shows each point's own step where it has one (a room's curve); a thinned example run's
 * points are spread over the steps it ran.
 */
function withSteps<T extends object>(points: (T & { step?: number })[], totalSteps: number | undefined): (T & { step: number })[] {
  const n = points.length;
  const total = totalSteps && totalSteps >= n ? totalSteps : n;
  return points.map((p, i) => ({ ...p, step: p.step ?? (n > 1 ? Math.round(1 + (i * (total - 1)) / (n - 1)) : 1) }));
}

/** Chart words, and a class name (a Fashion-MNIST class) in the page's language. */
function useChartText() {
  const t = useTranslations('charts');
  const format = useFormatter();
  const three = (v: unknown) => (typeof v === 'number' ? format.number(v, { minimumFractionDigits: 3, maximumFractionDigits: 3 }) : String(v));
  const write = (v: number, d: number) => format.number(v, { minimumFractionDigits: d, maximumFractionDigits: d });
  const className = (name: string) => (t.has(`classes.${name}` as Parameters<typeof t>[0]) ? t(`classes.${name}` as Parameters<typeof t>[0]) : name);
  return { t, three, className, write };
}

export function LossChart({ data, compact, fill }: { data: LessonData } & ChartSize) {
  const { t, three, write } = useChartText();
  const losses = data.losses ?? [];
  const critic = lossInfo(data.lossKind)?.critic ?? false;
  const rows = withSteps(losses, data.stepsThisRound);
  return (
    <ChartFigure label={t('lossLabel', { critic: String(critic), kind: data.lossKind ?? 'none' })} summary={summariseLosses(t, losses, data.stepsThisRound, critic, data.lossKind, write)} compact={compact} fill={fill}>
      <LineChart data={rows} margin={MARGIN}>
        <CartesianGrid stroke="#2a3358" strokeDasharray="3 3" />
        <XAxis dataKey="step" tick={AXIS} stroke={AXIS.stroke} minTickGap={28} label={compact ? undefined : { value: t('step'), position: 'insideBottomRight', offset: -2, fill: '#94a3b8', fontSize: AXIS.fontSize }} />
        <YAxis tick={AXIS} stroke={AXIS.stroke} width={52} />
        <Tooltip {...TOOLTIP} formatter={three} />
        <Legend wrapperStyle={{ fontSize: LEGEND_PX }} />
        <Line type="monotone" dataKey="d" name={critic ? t('criticSolid') : t('dSolid')} stroke={D_COLOR} dot={false} strokeWidth={3} legendType="plainline" label={endLabel(critic ? t('critic') : 'D', D_COLOR, rows.length - 1)} isAnimationActive={false} />
        <Line type="monotone" dataKey="g" name={t('gDashed')} stroke={G_COLOR} strokeDasharray={DASHED} dot={false} strokeWidth={3} legendType="plainline" label={endLabel('G', G_COLOR, rows.length - 1)} isAnimationActive={false} />
      </LineChart>
    </ChartFigure>
  );
}

export function DTraceChart({ data, compact, fill }: { data: LessonData } & ChartSize) {
  const { t, three, write } = useChartText();
  const trace = data.dTrace ?? [];
  const rows = withSteps(trace, data.stepsThisRound);
  const info = lossInfo(data.lossKind);
  const critic = info?.critic ?? false;
  // Least squares and hinge score on their own scale too: only the BCE losses give probabilities.
  const probability = info?.probability ?? true;
  return (
    <ChartFigure label={critic ? t('traceCritic') : probability ? t('traceProbability') : t('traceRaw')} summary={summariseDTrace(t, trace, probability, write)} compact={compact} fill={fill}>
      <LineChart data={rows} margin={MARGIN}>
        <CartesianGrid stroke="#2a3358" strokeDasharray="3 3" />
        <XAxis dataKey="step" tick={AXIS} stroke={AXIS.stroke} minTickGap={28} />
        <YAxis tick={AXIS} stroke={AXIS.stroke} width={52} domain={probability ? [0, 1] : ['auto', 'auto']} />
        <Tooltip {...TOOLTIP} formatter={three} />
        <Legend wrapperStyle={{ fontSize: LEGEND_PX }} />
        {probability && <ReferenceLine y={0.5} stroke="#cbd5e1" strokeDasharray={REFERENCE_DASH} label={{ value: t('balance'), fill: '#cbd5e1', fontSize: AXIS.fontSize, position: 'insideTopLeft' }} />}
        <Line type="monotone" dataKey="real" name={t('onRealSolid')} stroke={REAL_COLOR} dot={false} strokeWidth={3} legendType="plainline" label={endLabel(t('real'), REAL_COLOR, rows.length - 1)} isAnimationActive={false} />
        <Line type="monotone" dataKey="fake" name={t('onFakesDashed')} stroke={FAKE_COLOR} strokeDasharray={DASHED} dot={false} strokeWidth={3} legendType="plainline" label={endLabel(t('fake'), FAKE_COLOR, rows.length - 1)} isAnimationActive={false} />
      </LineChart>
    </ChartFigure>
  );
}

export function HistogramChart({ data, compact, fill }: { data: LessonData } & ChartSize) {
  const { t, className } = useChartText();
  const h = data.histogram!;
  const total = h.counts.reduce((s, c) => s + c, 0) || 1;
  const rows = h.counts.map((c, i) => ({ name: className(h.classNames[i] ?? String(i)), share: Math.round((1000 * c) / total) / 10 }));
  return (
    <ChartFigure label={t('histLabel')} summary={summariseHistogram(t, h, className)} compact={compact} fill={fill}>
      <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#2a3358" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={AXIS} stroke={AXIS.stroke} interval={0} />
        <YAxis tick={AXIS} stroke={AXIS.stroke} width={56} unit="%" />
        <Tooltip {...TOOLTIP} formatter={(v) => `${String(v)}%`} />
        <ReferenceLine y={100 / h.counts.length} stroke="#cbd5e1" strokeDasharray={REFERENCE_DASH} label={{ value: t('evenSpread'), fill: '#cbd5e1', fontSize: AXIS.fontSize, position: 'insideTopLeft' }} />
        <Bar dataKey="share" name={t('shareOfSamples')} fill={G_COLOR} isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}
