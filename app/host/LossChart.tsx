'use client';
/**
 * Live D and G loss for the level being played, under its own loss family's name. Each level (and
 * each switch of loss by the coaches) starts a fresh curve: a WGAN critic's loss on the same axis
 * as a BCE discriminator's would read as a collapse or a miracle, and be neither.
 */
import { useFormatter, useTranslations } from 'use-intl';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { levelLossCurve } from '@/game/lessons/room';
import { useHost } from './store';

const AXIS = { stroke: '#94a3b8', fontSize: 16 };

export function LossChart() {
  const t = useTranslations('lossChart');
  const tl = useTranslations('levels');
  const tk = useTranslations('host');
  const format = useFormatter();
  const losses = useHost((s) => s.losses);
  const view = useHost((s) => s.view);
  if (!view) return null;
  const level = view.levels[view.level - 1];
  const { points, loss } = levelLossCurve(losses, level, view.level);
  if (points.length < 2) return null;
  const last = points[points.length - 1];
  const critic = loss === 'wgan-gp';
  const dName = critic ? t('criticLoss') : t('dLoss');
  const name = tl(`${level.id}.name`);
  const lossName = tk(`lossNames.${loss}`);
  const three = (x: number) => format.number(x, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return (
    <figure data-testid="loss-chart" data-loss={loss}>
      <div
        className="h-56 w-full"
        role="img"
        aria-label={t('label', { level: name, loss: lossName, steps: points.length, dName, d: three(last.d), g: three(last.g) })}
      >
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#2a3358" strokeDasharray="3 3" />
            <XAxis dataKey="step" tick={AXIS} stroke={AXIS.stroke} minTickGap={28} />
            <YAxis tick={AXIS} stroke={AXIS.stroke} width={52} />
            <Tooltip contentStyle={{ background: '#151b33', border: '1px solid #2a3358' }} />
            <Legend wrapperStyle={{ fontSize: 18 }} />
            <Line type="monotone" dataKey="d" name={t('solid', { name: dName })} stroke="#38bdf8" dot={false} isAnimationActive={false} strokeWidth={3} legendType="plainline" />
            <Line type="monotone" dataKey="g" name={t('gDashed')} stroke="#facc15" strokeDasharray="10 6" dot={false} isAnimationActive={false} strokeWidth={3} legendType="plainline" />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-base text-slate-300">
        {t('caption', { steps: points.length, level: name, loss: lossName })}
      </figcaption>
    </figure>
  );
}
