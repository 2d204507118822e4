/**
 * Salt-and-pepper speckle, counted: an "isolated bright pixel" is a pixel brighter than half scale
 * (> 127 of 255) whose every neighbour among the 8 around it (those inside the image: 5 on an
 * edge, 3 in a corner) is darker than a quarter of full scale (< 64 of 255). A pen stroke never
 * leaves one (its pixels touch other bright pixels), an untrained or fast-learning-rate MLP
 * generator leaves dozens. Pure TypeScript, no tfjs: anything may import it.
 */

export const SPECKLE_BRIGHT = 128;
export const SPECKLE_DARK = 64;

export interface SpeckleOptions {
  /** A pixel is bright at or above this (0..255); default 128 (> 0.5 brightness). */
  bright?: number;
  /** Every neighbour must be below this (0..255); default 64 (< 0.25 brightness). */
  dark?: number;
}

/** Isolated bright pixels in one rows×cols 8-bit image. */
export function isolatedBrightPixels(image: ArrayLike<number>, rows: number, cols: number, options: SpeckleOptions = {}): number {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) throw new Error(`rows and cols must be positive integers, got ${rows}×${cols}`);
  if (image.length !== rows * cols) throw new Error(`expected ${rows * cols} pixels (${rows}×${cols}), got ${image.length}`);
  const bright = options.bright ?? SPECKLE_BRIGHT;
  const dark = options.dark ?? SPECKLE_DARK;
  let count = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (image[r * cols + c] < bright) continue;
      let isolated = true;
      for (let dr = -1; dr <= 1 && isolated; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= rows) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const cc = c + dc;
          if ((dr === 0 && dc === 0) || cc < 0 || cc >= cols) continue;
          if (image[rr * cols + cc] >= dark) {
            isolated = false;
            break;
          }
        }
      }
      if (isolated) count++;
    }
  }
  return count;
}

export interface SpeckleReport {
  /** Mean isolated bright pixels per image. */
  perImage: number;
  /** Share of images with at least one. */
  imagesWithAny: number;
  /** The most in any one image. */
  max: number;
  images: number;
}

/** Isolated bright pixels over a set of images (each rows×cols bytes). */
export function speckleReport(images: readonly ArrayLike<number>[], rows: number, cols: number, options: SpeckleOptions = {}): SpeckleReport {
  let total = 0, withAny = 0, max = 0;
  for (const im of images) {
    const n = isolatedBrightPixels(im, rows, cols, options);
    total += n;
    if (n > 0) withAny++;
    if (n > max) max = n;
  }
  const k = images.length;
  return { perImage: k ? total / k : 0, imagesWithAny: k ? withAny / k : 0, max, images: k };
}
