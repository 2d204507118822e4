'use client';
import { useEffect, useRef } from 'react';
import { IMAGE_SIDE, decodePixels } from '@/game/wire';

/**
 * Draws a 28×28 8-bit image from its base64 pixels, scaled up crisp. An empty label marks the image
 * as decoration (a thumbnail inside a button that already names it): hidden from screen readers.
 */
export function PixelImage({ pixels, label, className = '' }: { pixels: string; label: string; className?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const bytes = decodePixels(pixels);
    const img = ctx.createImageData(IMAGE_SIDE, IMAGE_SIDE);
    for (let i = 0; i < bytes.length; i++) {
      img.data[i * 4] = img.data[i * 4 + 1] = img.data[i * 4 + 2] = bytes[i];
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={ref}
      width={IMAGE_SIDE}
      height={IMAGE_SIDE}
      role={label ? 'img' : undefined}
      aria-label={label || undefined}
      aria-hidden={label ? undefined : true}
      className={`pixelated block aspect-square w-full rounded-lg bg-black ${className}`}
    />
  );
}
