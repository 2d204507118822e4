'use client';
/**
 * A small live line chart for any number of series over steps (losses, D(x), distances, coverage).
 * Series never differ by colour alone: the first is solid, the second dashed, the third dotted, and
 * the legend says which, for colour-blind players and washed-out projectors.
 */
import { useFormatter, useTranslations } from 'use-intl';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const DASHES: { dash?: string; name: 'solid' | 'dashed' | 'dotted' }[] = [{ name: 'solid' }, { dash: '8 5', name: 'dashed' }, { dash: '2 4', name: 'dotted' }];

export interface Series {
  key: string;
  name: string;
  color: string;
}

export function SeriesChart({ data, series, title, testId, domain, height = 'h-44' }: {
  data: readonly object[];
  series: Series[];
  title: string;
  testId?: string;
  domain?: [number, number];
  height?: string;
}) {
  const t = useTranslations('series');
  const format = useFormatter();
  const last = data[data.length - 1] as Record<string, unknown> | undefined;
  const value = (v: unknown) => (typeof v === 'number' ? format.number(v, { minimumFractionDigits: 3, maximumFractionDigits: 3 }) : '–');
  const summary = last ? series.map((s) => `${s.name} ${value(last[s.key])}`).join(', ') : t('noData');
  return (
    <figure className="min-w-0 rounded-xl border border-edge bg-panel p-3" data-testid={testId}>
      <figcaption className="mb-1 text-sm font-bold text-slate-300">{title}</figcaption>
      <div className={`${height} w-full`} role="img" aria-label={`${title}: ${summary}`}>
        {data.length > 1 ? (
          <ResponsiveContainer width="100%" height="100%" minWidth={0}>
            <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#2a3358" strokeDasharray="3 3" />
              <XAxis dataKey="step" stroke="#94a3b8" fontSize={11} />
              <YAxis stroke="#94a3b8" fontSize={11} width={40} domain={domain ?? ['auto', 'auto']} />
              <Tooltip contentStyle={{ background: '#151b33', border: '1px solid #2a3358' }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {series.map((s, i) => (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={series.length > 1 ? `${s.name} (${t(DASHES[i % DASHES.length].name)})` : s.name}
                  stroke={s.color}
                  strokeDasharray={DASHES[i % DASHES.length].dash}
                  legendType="plainline"
                  dot={false}
                  isAnimationActive={false}
                  strokeWidth={2}
                  connectNulls
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <p className="flex h-full items-center justify-center text-sm text-slate-400">{t('waiting')}</p>
        )}
      </div>
    </figure>
  );
}
