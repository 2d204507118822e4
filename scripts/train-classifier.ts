/**
 * Trains the evaluation classifier for one dataset and writes public/models/<dataset>-classifier.{json,bin}.
 *
 *   npx tsx scripts/train-classifier.ts digits|fashion [--epochs N] [--extra N]
 *
 * Train on the training split (public/data/<dataset>.bin, 9,000 images), report accuracy on the first
 * 1,000 images of the held-out split (data/<dataset>-heldout.bin: never trained on or used to pick
 * anything; the rest of that split must stay unseen too, so nothing here reads past them). Fashion also
 * trains on extra garments from the fashion-mnist package (rows 1000 to 1000 + --extra of each class,
 * which neither split holds: scripts/build-data.ts takes its own extra held-out garments from row 5,000),
 * since 900 a class is too few for 85%+. Digits get small random shifts instead: the mnist package has
 * no more digits to add, and the MNIST test digits are held out.
 * Runs on tfjs's CPU backend: the conv net needs Conv2DBackpropFilter, which WASM lacks.
 */
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { imagesOf, readSplit } from '../ml/dataset-files';
import { DATASETS, type DatasetName, EVAL_HELD_OUT, headOf } from '../ml/format';
import { argmax, classifierPaths, createClassifierModel, pixelsToTensor, serializeClassifier, toInferenceModel } from '../ml/classifier';
import { seededRng } from '../game/rng';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SIZE = 28 * 28;
const FASHION_IN_BINARY = 1000;
/** scripts/build-data.ts's FASHION_EXTRA_FROM: garments from this row on are held out. */
const FASHION_HELD_OUT_FROM = 5000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Garments from the package that neither split holds, so they can never leak into the held-out images. */
function extraFashion(perClass: number): { images: Uint8Array[]; labels: number[] } {
  if (FASHION_IN_BINARY + perClass > FASHION_HELD_OUT_FROM) throw new Error(`--extra ${perClass} would train on held-out garments (rows ${FASHION_HELD_OUT_FROM} on)`);
  const images: Uint8Array[] = [];
  const labels: number[] = [];
  for (let label = 0; label < 10; label++) {
    const rows: number[][] = require(`fashion-mnist/src/clothes/${label}.json`).data;
    for (const r of rows.slice(FASHION_IN_BINARY, FASHION_IN_BINARY + perClass)) {
      if (r.length !== SIZE) continue;
      images.push(Uint8Array.from(r, (v) => Math.min(255, Math.max(0, v | 0))));
      labels.push(label);
    }
  }
  return { images, labels };
}

/** Shifts a 28×28 image by (dx, dy), filling with black: cheap augmentation for the small digit set. */
function shifted(img: Uint8Array, dx: number, dy: number): Uint8Array {
  const out = new Uint8Array(SIZE);
  for (let y = 0; y < 28; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= 28) continue;
    for (let x = 0; x < 28; x++) {
      const sx = x - dx;
      if (sx >= 0 && sx < 28) out[y * 28 + x] = img[sy * 28 + sx];
    }
  }
  return out;
}

async function accuracy(model: tf.LayersModel, images: Uint8Array[], labels: ArrayLike<number>): Promise<number> {
  let correct = 0;
  for (let s = 0; s < images.length; s += 500) {
    const part = images.slice(s, s + 500);
    const probs = tf.tidy(() => model.predict(pixelsToTensor(part)) as tf.Tensor);
    const data = (await probs.array()) as number[][];
    probs.dispose();
    data.forEach((row, i) => (correct += argmax(row) === labels[s + i] ? 1 : 0));
  }
  return correct / images.length;
}

async function main(): Promise<void> {
  const dataset = process.argv[2] as DatasetName;
  if (!DATASETS.includes(dataset)) throw new Error(`usage: train-classifier.ts ${DATASETS.join('|')} [--epochs N] [--extra N]`);
  // WASM trains the conv3d form of the net fast; the exported conv2d form is checked below on CPU.
  setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs WASM backend did not start');
  const train = readSplit(dataset, 'train', root);
  const test = headOf(readSplit(dataset, 'heldout', root), EVAL_HELD_OUT);
  const trainImages = imagesOf(train);
  const trainLabels = Array.from(train.labels);
  const testImages = imagesOf(test);
  const testLabels = test.labels;

  const augment = dataset === 'digits';
  if (dataset === 'fashion') {
    const extra = extraFashion(arg('extra', 2500));
    trainImages.push(...extra.images);
    trainLabels.push(...extra.labels);
  }
  const epochs = arg('epochs', dataset === 'digits' ? 15 : 5);
  // Smaller batches for the small digit set: more updates per epoch for the same arithmetic.
  const batchSize = dataset === 'digits' ? 64 : 128;
  console.log(`${dataset}: training on ${trainImages.length} images, holding out ${testImages.length}, ${epochs} epochs, backend ${tf.getBackend()}`);

  const model = createClassifierModel({ trainOnWasm: true });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const rand = seededRng(dataset === 'digits' ? 11 : 12);
  const started = Date.now();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    // A fresh shuffle (and, for digits, fresh shifts) each epoch.
    const order = Array.from(trainImages.keys());
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const imgs = order.map((i) => (augment && rand() < 0.5 ? shifted(trainImages[i], Math.round(rand() * 4 - 2), Math.round(rand() * 4 - 2)) : trainImages[i]));
    const x = pixelsToTensor(imgs);
    const y = tf.tensor1d(order.map((i) => trainLabels[i]), 'float32');
    const h = await model.fit(x, y, { batchSize, epochs: 1, shuffle: false, verbose: 0 });
    x.dispose();
    y.dispose();
    const loss = Number(h.history.loss[0]).toFixed(4);
    const acc = Number(h.history.acc?.[0] ?? h.history.accuracy?.[0]).toFixed(4);
    console.log(`epoch ${epoch}/${epochs}: loss ${loss}, train accuracy ${acc}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const trainSeconds = (Date.now() - started) / 1000;
  const trainedAccuracy = await accuracy(model, testImages, testLabels);
  // Measure what is shipped: the conv2d form, on the CPU backend every runtime has.
  const inference = toInferenceModel(model);
  model.dispose();
  await tf.setBackend('cpu');
  const heldOutAccuracy = await accuracy(inference, testImages, testLabels);
  if (Math.abs(heldOutAccuracy - trainedAccuracy) > 0.002) {
    throw new Error(`the exported conv2d model scores ${heldOutAccuracy}, the trained conv3d one ${trainedAccuracy}`);
  }

  const { json, bin } = await serializeClassifier(inference, {
    dataset,
    heldOutAccuracy,
    heldOutCount: testImages.length,
    trainCount: trainImages.length,
    epochs,
    trainSeconds: Math.round(trainSeconds),
  });
  const paths = classifierPaths(dataset);
  mkdirSync(path.join(root, 'public', 'models'), { recursive: true });
  writeFileSync(path.join(root, 'public', paths.json), json);
  writeFileSync(path.join(root, 'public', paths.bin), bin);
  const bytes = Buffer.byteLength(json) + bin.byteLength;
  const target = dataset === 'digits' ? 0.97 : 0.85;
  console.log(
    `${dataset} classifier: held-out accuracy ${(heldOutAccuracy * 100).toFixed(2)}% on ${testImages.length} images ` +
      `(target ${target * 100}%: ${heldOutAccuracy >= target ? 'met' : 'NOT met'}), ` +
      `training time ${trainSeconds.toFixed(0)} s, weights ${(bytes / 1024).toFixed(1)} KB ` +
      `(${paths.json} ${Buffer.byteLength(json)} B + ${paths.bin} ${bin.byteLength} B)`,
  );
  inference.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
