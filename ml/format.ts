/**
 * The compact 8-bit dataset format shared by the build script, the server and the trainer.
 * Pure (no tfjs, no I/O) so the server can read it without pulling TensorFlow.js in.
 *
 * Layout, little-endian:
 *   0  "GANA"  magic
 *   4  u8      format version (1)
 *   5  u8      rows
 *   6  u8      cols
 *   7  u8      number of classes
 *   8  u32     count
 *   12 u32     reserved (0)
 *   16 count bytes of labels, then count*rows*cols bytes of pixels (0 = black, 255 = white)
 */
import { DATASETS, type Dataset } from '../game/vocabulary';

export const DATASET_MAGIC = 'GANA';
export const DATASET_VERSION = 1;
export const HEADER_BYTES = 16;

export { DATASETS };
export type DatasetName = Dataset;

export const CLASS_NAMES: Record<DatasetName, readonly string[]> = {
  digits: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  fashion: ['T-shirt', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
};

/**
 * The training split: where the browser fetches a dataset (the host's trainer, solo, the Lab), relative
 * to public/. It never holds a held-out image.
 */
export function datasetPath(name: DatasetName): string {
  return `data/${name}.bin`;
}

/**
 * The held-out split, relative to the repository root and outside public/, so no browser can fetch it:
 * the real images the game shows (server/images.ts) and the real side of every Fréchet distance the
 * scripts report. Its first EVAL_HELD_OUT images are the ones the classifier was tested on.
 */
export function heldOutPath(name: DatasetName): string {
  return `data/${name}-heldout.bin`;
}

/**
 * The first this-many images of a held-out split: the classifier's test set and the GANs' evaluation
 * set (they were the last 10% of the one file there was before the splits were served apart). The rest
 * of the split (images the classifier and the GANs never saw either) only widens the game's pool.
 */
export const EVAL_HELD_OUT = 1000;

/** The first n images of a set, as a set (no copy). */
export function headOf(set: ImageSet, n: number): ImageSet {
  const count = Math.min(n, set.count);
  const size = imageSize(set);
  return { ...set, count, labels: set.labels.subarray(0, count), pixels: set.pixels.subarray(0, count * size) };
}

export interface ImageSet {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly classes: number;
  /** One byte per image. */
  readonly labels: Uint8Array;
  /** count*rows*cols bytes, image-major. */
  readonly pixels: Uint8Array;
}

export function imageSize(set: Pick<ImageSet, 'rows' | 'cols'>): number {
  return set.rows * set.cols;
}

/** A view of image i's pixels (no copy). */
export function imageAt(set: ImageSet, i: number): Uint8Array {
  if (!Number.isInteger(i) || i < 0 || i >= set.count) {
    throw new RangeError(`image index ${i} is outside 0..${set.count - 1}`);
  }
  const size = imageSize(set);
  return set.pixels.subarray(i * size, (i + 1) * size);
}

export function encodeImageSet(set: ImageSet): Uint8Array {
  const size = imageSize(set);
  if (set.labels.length !== set.count) throw new Error(`expected ${set.count} labels, got ${set.labels.length}`);
  if (set.pixels.length !== set.count * size) {
    throw new Error(`expected ${set.count * size} pixel bytes, got ${set.pixels.length}`);
  }
  const out = new Uint8Array(HEADER_BYTES + set.count + set.count * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = DATASET_MAGIC.charCodeAt(i);
  out[4] = DATASET_VERSION;
  out[5] = set.rows;
  out[6] = set.cols;
  out[7] = set.classes;
  view.setUint32(8, set.count, true);
  out.set(set.labels, HEADER_BYTES);
  out.set(set.pixels, HEADER_BYTES + set.count);
  return out;
}

/** Parses a dataset binary, refusing anything that is not one with a clear reason. */
export function decodeImageSet(bytes: Uint8Array): ImageSet {
  if (bytes.length < HEADER_BYTES) throw new Error('dataset file is too short to hold a header');
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== DATASET_MAGIC) throw new Error(`not a GAN Arena dataset (magic "${magic}")`);
  if (bytes[4] !== DATASET_VERSION) throw new Error(`unsupported dataset version ${bytes[4]}`);
  const rows = bytes[5];
  const cols = bytes[6];
  const classes = bytes[7];
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const size = rows * cols;
  const expected = HEADER_BYTES + count + count * size;
  if (bytes.length !== expected) {
    throw new Error(`dataset file has ${bytes.length} bytes, its header promises ${expected}`);
  }
  const labels = bytes.subarray(HEADER_BYTES, HEADER_BYTES + count);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= classes) throw new Error(`label ${labels[i]} at ${i} is not below ${classes} classes`);
  }
  return { count, rows, cols, classes, labels, pixels: bytes.subarray(HEADER_BYTES + count) };
}
