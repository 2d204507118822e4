/**
 * The small random change the server makes to every image it shows, real or generated, so that no
 * image a player sees is byte-identical to one anywhere else: not to any file a browser can download,
 * not to an image an earlier reveal showed. A byte lookup then finds nothing, and real and fake are
 * changed alike, so the change itself tells nothing.
 *
 * The change: a sub-pixel shift (bilinear, |dx|, |dy| ≤ MAX_SHIFT px, edges extended), then a little
 * uniform noise (± NOISE of 255) before rounding back to 8 bits. On MNIST digits the mean change is a
 * few levels of 255 a pixel (game/disguise.test.ts measures it), below what a person sees at the size a
 * phone shows them.
 */
import { type Rng, randomInt } from './rng';
import { IMAGE_SIDE, decodePixels, encodePixels } from './wire';

/** Largest shift along each axis, in pixels. */
export const MAX_SHIFT = 0.5;
/** Largest noise added to a pixel before rounding, in levels of 255. */
export const NOISE = 1.5;

/**
 * The image moved by (dx, dy) pixels (positive: right, down), sampled bilinearly; a sample that
 * falls outside takes the nearest edge pixel. Values are not rounded.
 */
export function shiftBilinear(pixels: Uint8Array, dx: number, dy: number, side = IMAGE_SIDE): Float32Array {
  if (pixels.length !== side * side) throw new RangeError(`expected ${side * side} pixels, got ${pixels.length}`);
  const out = new Float32Array(side * side);
  const clamp = (v: number) => (v < 0 ? 0 : v > side - 1 ? side - 1 : v);
  for (let y = 0; y < side; y++) {
    const sy = clamp(y - dy);
    const y0 = Math.floor(sy);
    const y1 = Math.min(side - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < side; x++) {
      const sx = clamp(x - dx);
      const x0 = Math.floor(sx);
      const x1 = Math.min(side - 1, x0 + 1);
      const fx = sx - x0;
      const top = pixels[y0 * side + x0] * (1 - fx) + pixels[y0 * side + x1] * fx;
      const bottom = pixels[y1 * side + x0] * (1 - fx) + pixels[y1 * side + x1] * fx;
      out[y * side + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/** One image, changed as the header says. Deterministic given `rng`; never returns its input's bytes. */
export function disguise(pixels: Uint8Array, rng: Rng, side = IMAGE_SIDE): Uint8Array {
  const dx = (rng() * 2 - 1) * MAX_SHIFT;
  const dy = (rng() * 2 - 1) * MAX_SHIFT;
  const shifted = shiftBilinear(pixels, dx, dy, side);
  const out = new Uint8Array(shifted.length);
  let same = true;
  for (let i = 0; i < shifted.length; i++) {
    const v = Math.round(shifted[i] + (rng() * 2 - 1) * NOISE);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    if (out[i] !== pixels[i]) same = false;
  }
  // Vanishingly rare for a real image (every pixel would have to round back), but a promise is a promise.
  if (same) {
    const i = randomInt(rng, out.length);
    out[i] = out[i] === 255 ? 254 : out[i] + 1;
  }
  return out;
}

/** disguise() on the wire's base64 encoding. */
export function disguiseEncoded(b64: string, rng: Rng): string {
  return encodePixels(disguise(decodePixels(b64), rng));
}
