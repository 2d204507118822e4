import { describe, expect, it } from 'vitest';
import { isolatedBrightPixels, speckleReport } from './speckle';

function image(rows: number, cols: number, lit: [number, number, number][]): Uint8Array {
  const im = new Uint8Array(rows * cols);
  for (const [r, c, v] of lit) im[r * cols + c] = v;
  return im;
}

describe('isolatedBrightPixels', () => {
  it('counts a lone bright pixel, in the middle, on an edge and in a corner', () => {
    expect(isolatedBrightPixels(image(5, 5, [[2, 2, 255]]), 5, 5)).toBe(1);
    expect(isolatedBrightPixels(image(5, 5, [[0, 2, 200]]), 5, 5)).toBe(1);
    expect(isolatedBrightPixels(image(5, 5, [[4, 4, 128]]), 5, 5)).toBe(1);
    expect(isolatedBrightPixels(image(5, 5, [[0, 0, 255], [4, 4, 255], [0, 4, 255]]), 5, 5)).toBe(3);
  });

  it('does not count pixels of a stroke (bright neighbours), diagonal ones included', () => {
    expect(isolatedBrightPixels(image(5, 5, [[1, 1, 255], [1, 2, 255], [1, 3, 255]]), 5, 5)).toBe(0);
    expect(isolatedBrightPixels(image(5, 5, [[1, 1, 255], [2, 2, 255]]), 5, 5)).toBe(0);
  });

  it('uses the thresholds: bright ≥ 128, every neighbour < 64', () => {
    expect(isolatedBrightPixels(image(3, 3, [[1, 1, 127]]), 3, 3)).toBe(0);
    // A dim halo (< 64) still leaves the pixel isolated; one neighbour at 64 does not.
    expect(isolatedBrightPixels(image(3, 3, [[1, 1, 255], [0, 0, 63], [2, 2, 63]]), 3, 3)).toBe(1);
    expect(isolatedBrightPixels(image(3, 3, [[1, 1, 255], [0, 0, 64]]), 3, 3)).toBe(0);
    expect(isolatedBrightPixels(image(3, 3, [[1, 1, 100]]), 3, 3, { bright: 100 })).toBe(1);
    expect(isolatedBrightPixels(image(3, 3, [[1, 1, 255], [0, 0, 64]]), 3, 3, { dark: 65 })).toBe(1);
  });

  it('finds nothing in a blank or a full image and handles 1×1', () => {
    expect(isolatedBrightPixels(new Uint8Array(784), 28, 28)).toBe(0);
    expect(isolatedBrightPixels(new Uint8Array(784).fill(255), 28, 28)).toBe(0);
    expect(isolatedBrightPixels([200], 1, 1)).toBe(1);
  });

  it('counts a checkerboard of lone pixels two apart', () => {
    const lit: [number, number, number][] = [];
    for (let r = 0; r < 28; r += 2) for (let c = 0; c < 28; c += 2) lit.push([r, c, 255]);
    expect(isolatedBrightPixels(image(28, 28, lit), 28, 28)).toBe(196);
  });

  it('refuses a wrong size', () => {
    expect(() => isolatedBrightPixels(new Uint8Array(10), 28, 28)).toThrow(/784/);
    expect(() => isolatedBrightPixels(new Uint8Array(0), 0, 0)).toThrow(/positive/);
  });
});

describe('speckleReport', () => {
  it('averages over images and reports the share with any and the maximum', () => {
    const a = image(5, 5, [[0, 0, 255], [4, 4, 255]]);
    const b = image(5, 5, []);
    const r = speckleReport([a, b, b, b], 5, 5);
    expect(r).toEqual({ perImage: 0.5, imagesWithAny: 0.25, max: 2, images: 4 });
    expect(speckleReport([], 5, 5)).toEqual({ perImage: 0, imagesWithAny: 0, max: 0, images: 0 });
  });
});
