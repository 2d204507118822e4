'use client';
/** Live D and G loss, every step the trainer has run this session. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useHost } from './store';

export function LossChart() {
  const losses = useHost((s) => s.losses);
  if (losses.length < 2) return null;
  const last = losses[losses.length - 1];
  return (
    <figure data-testid="loss-chart">
      <div className="h-56 w-full" role="img" aria-label={`Loss per step: ${losses.length} steps, latest D loss ${last.d.toFixed(3)}, G loss ${last.g.toFixed(3)}`}>
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          <LineChart data={losses} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#2a3358" strokeDasharray="3 3" />
            <XAxis dataKey="step" stroke="#94a3b8" fontSize={12} />
            <YAxis stroke="#94a3b8" fontSize={12} width={44} />
            <Tooltip contentStyle={{ background: '#151b33', border: '1px solid #2a3358' }} />
            <Legend />
            <Line type="monotone" dataKey="d" name="D loss" stroke="#38bdf8" dot={false} isAnimationActive={false} strokeWidth={2} />
            <Line type="monotone" dataKey="g" name="G loss" stroke="#facc15" dot={false} isAnimationActive={false} strokeWidth={2} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-slate-400">{losses.length} steps</figcaption>
    </figure>
  );
}
