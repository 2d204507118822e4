import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageSet, imageAt } from '../ml/format';
import { MAX_SHIFT, NOISE, disguise, disguiseEncoded, shiftBilinear } from './disguise';
import { seededRng } from './rng';
import { IMAGE_BYTES, decodePixels, encodePixels } from './wire';

const digits = decodeImageSet(new Uint8Array(readFileSync(path.join(__dirname, '../public/data/digits.bin'))));
const sample = Array.from({ length: 500 }, (_, i) => imageAt(digits, (i * 17) % digits.count));

const meanAbs = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
/** Centre of mass of the brightness, in pixels. */
function centre(px: ArrayLike<number>): [number, number] {
  let m = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < px.length; i++) {
    m += px[i];
    cx += px[i] * (i % 28);
    cy += px[i] * Math.floor(i / 28);
  }
  return [cx / m, cy / m];
}

describe('shiftBilinear', () => {
  it('moves a bright column half a pixel into two half-bright ones, and a whole pixel exactly', () => {
    const img = new Uint8Array(IMAGE_BYTES);
    for (let y = 0; y < 28; y++) img[y * 28 + 10] = 200;
    const half = shiftBilinear(img, 0.5, 0);
    expect(half[5 * 28 + 10]).toBeCloseTo(100);
    expect(half[5 * 28 + 11]).toBeCloseTo(100);
    expect(half[5 * 28 + 9]).toBe(0);
    const whole = shiftBilinear(img, 0, 1);
    expect(Array.from(whole)).toEqual(Array.from(img));
    const right = shiftBilinear(img, 1, 0);
    expect(right[3 * 28 + 11]).toBe(200);
    expect(right[3 * 28 + 10]).toBe(0);
  });

  it('extends the edges instead of bringing in black', () => {
    const white = new Uint8Array(IMAGE_BYTES).fill(255);
    expect(Math.min(...shiftBilinear(white, 0.5, -0.5))).toBe(255);
  });
});

describe('disguise', () => {
  it('is deterministic given the rng, and differs between draws', () => {
    const a = disguise(sample[0], seededRng(7));
    expect(Array.from(disguise(sample[0], seededRng(7)))).toEqual(Array.from(a));
    expect(Array.from(disguise(sample[0], seededRng(8)))).not.toEqual(Array.from(a));
    const rng = seededRng(9);
    expect(Array.from(disguise(sample[0], rng))).not.toEqual(Array.from(disguise(sample[0], rng)));
  });

  it('never gives back its source bytes, even for flat black or white images', () => {
    const rng = seededRng(1);
    const flat = [0, 1, 128, 254, 255].map((v) => new Uint8Array(IMAGE_BYTES).fill(v));
    for (const img of [...sample, ...flat]) {
      for (let k = 0; k < 3; k++) expect(Buffer.from(disguise(img, rng)).equals(Buffer.from(img))).toBe(false);
    }
    // A source with nothing to shift and noise that always rounds away still changes by one level somewhere.
    const noNoise = () => 0.5;
    const out = disguise(flat[2], noNoise);
    expect(Buffer.from(out).equals(Buffer.from(flat[2]))).toBe(false);
    expect(out.reduce((s, v, i) => s + Math.abs(v - flat[2][i]), 0)).toBe(1);
  });

  it('is visually negligible on real digits: small mean change, same brightness, the digit where it was', () => {
    const rng = seededRng(2);
    const changes: number[] = [];
    for (const img of sample) {
      const out = disguise(img, rng);
      changes.push(meanAbs(img, out));
      // Brightness kept to within a level; the digit moved at most MAX_SHIFT along each axis (plus noise).
      expect(Math.abs(mean(out) - mean(img))).toBeLessThan(1);
      const [x0, y0] = centre(img);
      const [x1, y1] = centre(out);
      expect(Math.abs(x1 - x0)).toBeLessThanOrEqual(MAX_SHIFT + 0.05);
      expect(Math.abs(y1 - y0)).toBeLessThanOrEqual(MAX_SHIFT + 0.05);
    }
    // Measured: about 7 levels of 255 a pixel on average, 17 for the worst digit.
    expect(mean(changes)).toBeLessThan(10);
    expect(Math.max(...changes)).toBeLessThan(25);
    // A flat image changes by the noise alone.
    const grey = new Uint8Array(IMAGE_BYTES).fill(128);
    const out = disguise(grey, rng);
    for (const v of out) expect(Math.abs(v - 128)).toBeLessThanOrEqual(Math.ceil(NOISE));
  });

  it('works on the wire encoding', () => {
    const b64 = encodePixels(sample[3]);
    const out = disguiseEncoded(b64, seededRng(4));
    expect(out).toHaveLength(b64.length);
    expect(out).not.toBe(b64);
    expect(Array.from(decodePixels(out))).toEqual(Array.from(disguise(sample[3], seededRng(4))));
  });
});
