import { describe, expect, it, beforeAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { classifierPaths, createClassifierModel, deserializeClassifier, FEATURE_SIZE, loadClassifier, pixelsToTensor, serializeClassifier, toInferenceModel } from './classifier';
import { DATASETS, type DatasetName, EVAL_HELD_OUT, decodeImageSet, heldOutPath, imageAt } from './format';

const publicDir = path.join(__dirname, '..', 'public');
const readFromPublic = (rel: string): Promise<Uint8Array> => readFile(path.join(publicDir, rel));
const TARGET: Record<DatasetName, number> = { digits: 0.97, fashion: 0.85 };

/** A sample of the held-out images the classifier was tested on, every third image so all classes appear. */
async function heldOut(dataset: DatasetName, n: number): Promise<{ images: Uint8Array[]; labels: number[] }> {
  const set = decodeImageSet(await readFile(path.join(__dirname, '..', heldOutPath(dataset))));
  const idx = Array.from({ length: n }, (_, i) => (i * 3) % EVAL_HELD_OUT);
  return { images: idx.map((i) => imageAt(set, i)), labels: idx.map((i) => set.labels[i]) };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(DATASETS)('committed %s classifier', (dataset) => {
  it('is at most 1 MB', () => {
    const { json, bin } = classifierPaths(dataset);
    const bytes = statSync(path.join(publicDir, json)).size + statSync(path.join(publicDir, bin)).size;
    expect(bytes).toBeLessThanOrEqual(1_000_000);
  });

  it(`classifies 300 held-out images above the target accuracy, leaking no tensors`, async () => {
    const classifier = await loadClassifier(dataset, { readFile: readFromPublic });
    const { images, labels } = await heldOut(dataset, 300);
    const predicted = await classifier.labels(images);
    const accuracy = predicted.filter((p, i) => p === labels[i]).length / labels.length;
    expect(accuracy).toBeGreaterThanOrEqual(TARGET[dataset]);
    expect(classifier.info.heldOutAccuracy).toBeGreaterThanOrEqual(TARGET[dataset]);

    // Warm-up done above; the count must not move across classify, features and tensor input.
    const before = tf.memory().numTensors;
    const probs = await classifier.classify(images.slice(0, 20));
    const feats = await classifier.features(images.slice(0, 20));
    const x = pixelsToTensor(images.slice(0, 20));
    const fromTensor = await classifier.classify(x);
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);

    expect(probs).toHaveLength(20);
    expect(probs[0].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(feats[0]).toBeInstanceOf(Float64Array);
    expect(feats[0]).toHaveLength(FEATURE_SIZE);
    // A tensor already in [-1, 1] (the GAN's output) is read the same as 8-bit pixels.
    fromTensor.forEach((row, i) => row.forEach((p, j) => expect(p).toBeCloseTo(probs[i][j], 5)));
    classifier.dispose();
  });
});

describe('classifier files', () => {
  it('round-trips a model through serialize/deserialize, and the conv3d training form exports to conv2d exactly', async () => {
    const trained = createClassifierModel({ trainOnWasm: true });
    const model = toInferenceModel(trained);
    const x = tf.randomUniform([4, 28, 28, 1], -1, 1);
    const a = trained.predict(x) as tf.Tensor;
    const b = model.predict(x) as tf.Tensor;
    const [av, bv] = [await a.data(), await b.data()];
    expect(Math.max(...Array.from(av, (v, i) => Math.abs(v - bv[i])))).toBeLessThan(1e-5);
    const info = { dataset: 'digits' as const, heldOutAccuracy: 0, heldOutCount: 0, trainCount: 0, epochs: 0, trainSeconds: 0 };
    const { json, bin } = await serializeClassifier(model, info);
    const loaded = await deserializeClassifier(json, bin);
    const c = loaded.model.predict(x) as tf.Tensor;
    expect(Array.from(await c.data())).toEqual(Array.from(await b.data()));
    await expect(deserializeClassifier(json, bin.subarray(0, bin.length - 4))).rejects.toThrow(/bytes/);
    await expect(deserializeClassifier('{"format":"other"}', bin)).rejects.toThrow(/not a GAN Arena classifier/);
    tf.dispose([x, a, b, c]);
    [trained, model, loaded.model].forEach((m) => m.dispose());
  });

  it('loads through fetch in the browser shape, and says which URL failed', async () => {
    const fakeFetch = (async (url: string) => {
      const rel = url.replace(/^\/+/, '');
      try {
        const bytes = await readFromPublic(rel);
        return new Response(new Uint8Array(bytes));
      } catch {
        return new Response('missing', { status: 404 });
      }
    }) as typeof fetch;
    const classifier = await loadClassifier('digits', { fetch: fakeFetch });
    expect(classifier.classNames[7]).toBe('7');
    classifier.dispose();
    // Both files are fetched at once: whichever 404 lands first is the one named.
    await expect(loadClassifier('digits', { fetch: fakeFetch, baseUrl: '/nowhere' })).rejects.toThrow(/\/nowhere\/models\/digits-classifier\.(json|bin): HTTP 404/);
  });
});
