'use client';
import { useEffect, useRef } from 'react';

/** Draws a rows×cols 8-bit image straight from its bytes (the Lab's grids, no base64 round trip). */
export function BytesImage({ bytes, side = 28, label, className = '' }: { bytes: Uint8Array; side?: number; label: string; className?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(side, side);
    for (let i = 0; i < bytes.length && i < side * side; i++) {
      img.data[i * 4] = img.data[i * 4 + 1] = img.data[i * 4 + 2] = bytes[i];
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [bytes, side]);
  return <canvas ref={ref} width={side} height={side} role="img" aria-label={label} className={`pixelated block aspect-square w-full rounded bg-black ${className}`} />;
}
