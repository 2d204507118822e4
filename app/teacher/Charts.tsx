'use client';
/**
 * The dashboard's charts. recharts draws in the browser only, so these are client components fed
 * plain numbers by the server page. Series never differ by colour alone: a second bar series is
 * striped and says so in the legend, and lines are solid, dashed or dotted.
 */
import { useTranslations } from 'use-intl';
import { useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const AXIS = { stroke: '#94a3b8', fontSize: 12 };
const GRID = '#2a3358';
const TOOLTIP = { contentStyle: { background: '#151b33', border: '1px solid #2a3358', borderRadius: 8 }, labelStyle: { color: '#f8fafc' } };
const pct = (x: number) => `${Math.round(x * 100)}%`;

export interface RealismPoint {
  label: string;
  fakes: number | null;
  reals: number | null;
  /** [below, above] distances to the 95% interval's ends, as ErrorBar wants them. */
  fakesErr: [number, number] | null;
  realsErr: [number, number] | null;
}

/** Error rate on fakes and on reals per level; 50% is a room that can no longer tell. */
export function RealismChart({ data }: { data: RealismPoint[] }) {
  const t = useTranslations('teacherCharts');
  const stripes = `stripes-${useId().replace(/:/g, '')}`;
  return (
    <div className="h-64 w-full" data-testid="realism-chart">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 10, right: 10, bottom: 0, left: -10 }}>
          <defs>
            <pattern id={stripes} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="8" height="8" fill="#22c55e" />
              <rect width="3" height="8" fill="#0b1020" />
            </pattern>
          </defs>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" {...AXIS} />
          <YAxis domain={[0, 1]} tickFormatter={pct} {...AXIS} />
          <Tooltip {...TOOLTIP} formatter={(v) => (typeof v === 'number' ? pct(v) : String(v))} />
          <Legend />
          <ReferenceLine y={0.5} stroke="#facc15" strokeDasharray="4 4" label={{ value: t('chance'), fill: '#facc15', fontSize: 12, position: 'insideTopRight' }} />
          <Bar dataKey="fakes" name={t('errorFakes')} fill="#f43f5e" isAnimationActive={false}>
            <ErrorBar dataKey="fakesErr" stroke="#f8fafc" width={6} />
          </Bar>
          <Bar dataKey="reals" name={t('errorReals')} fill={`url(#${stripes})`} stroke="#22c55e" isAnimationActive={false}>
            <ErrorBar dataKey="realsErr" stroke="#f8fafc" width={6} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * A point marker by shape, so a one-round game (points, no line to dash) still tells its series
 * apart without colour; the legend shows the same shape.
 */
function marker(shape: 'square' | 'triangle', color: string) {
  function Marker({ cx, cy, index }: { cx?: number; cy?: number; index?: number }) {
    const key = `marker-${index}`;
    if (cx == null || cy == null) return <g key={key} />;
    return shape === 'square' ? (
      <rect key={key} x={cx - 4.5} y={cy - 4.5} width={9} height={9} fill={color} />
    ) : (
      <polygon key={key} points={`${cx},${cy - 6} ${cx + 6},${cy + 5} ${cx - 6},${cy + 5}`} fill={color} />
    );
  }
  return Marker;
}

export interface RoundPoint {
  round: number;
  fooledRate: number | null;
  dLoss: number | null;
  gLoss: number | null;
}

/** Per round: how often the fakes fooled the room, beside the losses the trainer reported. */
export function RoundsChart({ data }: { data: RoundPoint[] }) {
  const t = useTranslations('teacherCharts');
  return (
    <div className="h-64 w-full" data-testid="rounds-chart">
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 10, right: 10, bottom: 0, left: -10 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="round" {...AXIS} />
          <YAxis yAxisId="rate" domain={[0, 1]} tickFormatter={pct} {...AXIS} />
          <YAxis yAxisId="loss" orientation="right" {...AXIS} />
          <Tooltip {...TOOLTIP} />
          <Legend />
          <Line yAxisId="rate" dataKey="fooledRate" name={t('fooledRate')} stroke="#facc15" strokeWidth={3} legendType="circle" connectNulls isAnimationActive={false} />
          <Line yAxisId="loss" dataKey="dLoss" name={t('dLoss')} stroke="#60a5fa" strokeDasharray="8 5" dot={marker('square', '#60a5fa')} legendType="square" connectNulls isAnimationActive={false} />
          <Line yAxisId="loss" dataKey="gLoss" name={t('gLoss')} stroke="#c084fc" strokeDasharray="2 4" dot={marker('triangle', '#c084fc')} legendType="triangle" connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Generated samples per class as the project's classifier sees them: a spike is mode collapse. */
export function HistogramChart({ counts, classNames }: { counts: number[]; classNames: string[] | null }) {
  const t = useTranslations('teacherCharts');
  const data = counts.map((n, i) => ({ label: classNames?.[i] ?? String(i), n }));
  return (
    <div className="h-40 w-full">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 5, right: 5, bottom: 0, left: -25 }}>
          <XAxis dataKey="label" {...AXIS} interval={0} />
          <YAxis allowDecimals={false} {...AXIS} />
          <Tooltip {...TOOLTIP} />
          <Bar dataKey="n" name={t('samples')} fill="#60a5fa" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
