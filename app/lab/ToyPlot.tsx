'use client';
/**
 * The 2-D view: D's decision surface as a heat map (warm where D says "real"), the real points as
 * white dots and the generator's as yellow crosses on top (told apart by shape, not only colour),
 * mode centres ringed. Drawn on a canvas: thousands of
 * points redraw many times a second without touching React's tree.
 */
import { useTranslations } from 'use-intl';
import { useEffect, useRef } from 'react';
import { surfaceToUnit } from '@/ml/lab-settings';
import type { LossKind } from '@/ml/gan-config';
import type { ToySnapshot } from '@/ml/trainer-client';

const SIZE = 480;

/** Dark blue (D: fake) to dark red (D: real), dim enough that the points stay readable on top. */
function heat(v: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, v));
  return [Math.round(20 + 150 * t), Math.round(30 + 20 * (1 - Math.abs(t - 0.5) * 2)), Math.round(120 * (1 - t) + 30)];
}

export function ToyPlot({ snap, loss }: { snap: ToySnapshot | null; loss: LossKind }) {
  const t = useTranslations('lab');
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#0b1020';
    ctx.fillRect(0, 0, SIZE, SIZE);
    if (!snap) return;
    const g = snap.grid;
    const unit = surfaceToUnit(loss, snap.surface);
    const img = ctx.createImageData(g, g);
    for (let i = 0; i < g * g; i++) {
      const [r, gg, b] = heat(unit[i]);
      img.data.set([r, gg, b, 255], i * 4);
    }
    // Draw the small lattice image scaled up smoothly: a surface, not pixels.
    const off = new OffscreenCanvas(g, g);
    off.getContext('2d')!.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(off, 0, 0, SIZE, SIZE);
    const e = snap.extent;
    const sx = (x: number) => ((x + e) / (2 * e)) * SIZE;
    const sy = (y: number) => ((e - y) / (2 * e)) * SIZE;
    ctx.strokeStyle = 'rgba(255,255,255,0.35)';
    for (const [cx, cy] of snap.centres) {
      ctx.beginPath();
      ctx.arc(sx(cx), sy(cy), (snap.radius / (2 * e)) * SIZE, 0, 2 * Math.PI);
      ctx.stroke();
    }
    const dots = (pts: Float32Array, color: string, r: number) => {
      ctx.fillStyle = color;
      for (let i = 0; i < pts.length; i += 2) ctx.fillRect(sx(pts[i]) - r / 2, sy(pts[i + 1]) - r / 2, r, r);
    };
    /** A small "+": two bars of `arm` by `w` pixels. */
    const crosses = (pts: Float32Array, color: string, arm: number, w: number) => {
      ctx.fillStyle = color;
      for (let i = 0; i < pts.length; i += 2) {
        const x = sx(pts[i]);
        const y = sy(pts[i + 1]);
        ctx.fillRect(x - arm / 2, y - w / 2, arm, w);
        ctx.fillRect(x - w / 2, y - arm / 2, w, arm);
      }
    };
    dots(snap.real, 'rgba(255,255,255,0.7)', 2);
    crosses(snap.fake, 'rgba(250,204,21,0.85)', 5, 1.5);
  }, [snap, loss]);
  return (
    <figure className="min-w-0 rounded-xl border border-edge bg-panel p-3">
      <canvas
        ref={ref}
        width={SIZE}
        height={SIZE}
        className="aspect-square w-full rounded-lg"
        role="img"
        aria-label={snap ? t('plotLabel', { covered: snap.covered, modes: snap.modes }) : t('noPoints')}
        data-testid="toy-plot"
      />
      <figcaption className="mt-2 text-sm text-slate-400">
        {t.rich('plotCaption', { red: (c) => <span className="text-rose-300">{c}</span>, blue: (c) => <span className="text-sky-300">{c}</span> })}
      </figcaption>
    </figure>
  );
}
