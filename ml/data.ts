/**
 * Training data for the GANs: image sets scaled to [-1, 1] (tanh's range, so G's output and the
 * real data live on the same scale) and 2-D toy mixtures whose modes are known, so mode collapse
 * can be measured, not just seen.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from './format';
import type { Rng } from './random';
import { TOY_DATASETS, type ToyDataset } from '../game/vocabulary';

export { TOY_DATASETS };
export type ToyName = ToyDataset;

/** 8-bit pixels → [-1, 1]. */
export function toSigned(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 127.5 - 1;
  return out;
}

/** [-1, 1] → 8-bit pixels, clamped and rounded. */
export function toUint8(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round((values[i] + 1) * 127.5);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}

export interface Batch {
  /** [n, rows, cols, 1] for images, [n, 2] for toy points. */
  x: tf.Tensor;
  /** int32 [n] class labels (always present for images; zeros for toy data). */
  labels: tf.Tensor1D;
}

/**
 * Holds a whole image set on the device once (10k×784 floats ≈ 31 MB) so a batch is one gather,
 * not an upload per step.
 */
export class ImagePool {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly classes: number;
  private readonly x: tf.Tensor4D;
  private readonly y: tf.Tensor1D;

  constructor(set: ImageSet) {
    if (set.count < 1) throw new Error('image set is empty');
    if (set.pixels.length !== set.count * set.rows * set.cols) {
      throw new Error(`image set has ${set.pixels.length} pixel bytes, expected ${set.count * set.rows * set.cols}`);
    }
    this.count = set.count;
    this.rows = set.rows;
    this.cols = set.cols;
    this.classes = set.classes;
    this.x = tf.tensor4d(toSigned(set.pixels), [set.count, set.rows, set.cols, 1]);
    this.y = tf.tensor1d(Int32Array.from(set.labels), 'int32');
  }

  /** n images drawn uniformly with replacement. */
  sample(n: number, rng: Rng): Batch {
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = rng.int(this.count);
    return tf.tidy(() => {
      const it = tf.tensor1d(idx, 'int32');
      return { x: tf.gather(this.x, it), labels: tf.gather(this.y, it) as tf.Tensor1D };
    });
  }

  dispose(): void {
    this.x.dispose();
    this.y.dispose();
  }
}

export interface ToyMixture {
  name: ToyName;
  /** Mode centres, [x, y] each. */
  centres: ReadonlyArray<readonly [number, number]>;
  std: number;
}

/**
 * The two standard mode-collapse benchmarks (Metz et al., "Unrolled GANs"): 8 Gaussians on a
 * ring of radius 2 (σ 0.02), and a 5×5 grid at {-4,-2,0,2,4}² (σ 0.05).
 */
export function toyMixture(name: ToyName): ToyMixture {
  if (name === 'ring') {
    const centres: [number, number][] = [];
    for (let k = 0; k < 8; k++) centres.push([2 * Math.cos((2 * Math.PI * k) / 8), 2 * Math.sin((2 * Math.PI * k) / 8)]);
    return { name, centres, std: 0.02 };
  }
  if (name === 'grid') {
    const centres: [number, number][] = [];
    for (let i = -2; i <= 2; i++) for (let j = -2; j <= 2; j++) centres.push([2 * i, 2 * j]);
    return { name, centres, std: 0.05 };
  }
  throw new Error(`unknown toy dataset "${String(name)}"; expected ${TOY_DATASETS.join(' or ')}`);
}

/** n points, interleaved x,y, from the mixture (each mode equally likely). */
export function sampleToy(m: ToyMixture, n: number, rng: Rng): Float32Array {
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [cx, cy] = m.centres[rng.int(m.centres.length)];
    out[2 * i] = cx + m.std * rng.normal();
    out[2 * i + 1] = cy + m.std * rng.normal();
  }
  return out;
}

export function toyBatch(m: ToyMixture, n: number, rng: Rng): Batch {
  const pts = sampleToy(m, n, rng);
  return tf.tidy(() => ({ x: tf.tensor2d(pts, [n, 2]), labels: tf.zeros([n], 'int32') as tf.Tensor1D }));
}

/** Mean distance from each point to its nearest mode centre, and how many modes have a point within `radius`. */
export function modeStats(m: ToyMixture, points: ArrayLike<number>, radius = 0.5): { meanDist: number; modesHit: number } {
  const n = points.length / 2;
  const hit = new Set<number>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let bestK = -1;
    m.centres.forEach(([cx, cy], k) => {
      const d = Math.hypot(points[2 * i] - cx, points[2 * i + 1] - cy);
      if (d < best) {
        best = d;
        bestK = k;
      }
    });
    total += best;
    if (best < radius) hit.add(bestK);
  }
  return { meanDist: n ? total / n : Number.NaN, modesHit: hit.size };
}
