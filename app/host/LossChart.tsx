'use client';
/**
 * Live D and G loss for the level being played, under its own loss family's name. Each level (and
 * each switch of loss by the coaches) starts a fresh curve: a WGAN critic's loss on the same axis
 * as a BCE discriminator's would read as a collapse or a miracle, and be neither.
 */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { levelLossCurve } from '@/game/lessons/room';
import { useHost } from './store';

const AXIS = { stroke: '#94a3b8', fontSize: 16 };

export function LossChart() {
  const losses = useHost((s) => s.losses);
  const view = useHost((s) => s.view);
  if (!view) return null;
  const level = view.levels[view.level - 1];
  const { points, loss } = levelLossCurve(losses, level, view.level);
  if (points.length < 2) return null;
  const last = points[points.length - 1];
  const critic = loss === 'wgan-gp';
  const dName = critic ? 'critic loss' : 'D loss';
  return (
    <figure data-testid="loss-chart" data-loss={loss}>
      <div
        className="h-56 w-full"
        role="img"
        aria-label={`${level.name}, ${loss} loss per step: ${points.length} steps, latest ${dName} ${last.d.toFixed(3)}, G loss ${last.g.toFixed(3)}`}
      >
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#2a3358" strokeDasharray="3 3" />
            <XAxis dataKey="step" tick={AXIS} stroke={AXIS.stroke} minTickGap={28} />
            <YAxis tick={AXIS} stroke={AXIS.stroke} width={52} />
            <Tooltip contentStyle={{ background: '#151b33', border: '1px solid #2a3358' }} />
            <Legend wrapperStyle={{ fontSize: 18 }} />
            <Line type="monotone" dataKey="d" name={`${dName} (solid)`} stroke="#38bdf8" dot={false} isAnimationActive={false} strokeWidth={3} legendType="plainline" />
            <Line type="monotone" dataKey="g" name="G loss (dashed)" stroke="#facc15" strokeDasharray="10 6" dot={false} isAnimationActive={false} strokeWidth={3} legendType="plainline" />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-base text-slate-300">
        {points.length} steps of {level.name} · {loss} loss
      </figcaption>
    </figure>
  );
}
