/**
 * The small per-dataset classifier behind the machine metrics (class histogram, coverage, FID).
 *
 * A LeNet-sized CNN (45k weights, 181 KB): trains in minutes in Node on the WASM backend (in its
 * conv3d form, see createClassifierModel), and runs for inference on every backend. Its penultimate
 * dense layer ("features", 64 units) is the embedding the Fréchet distance is computed on, the role
 * Inception's pool layer plays in FID for natural images.
 *
 * Like any classifier it is overconfident off its data: pure noise is read as one class (mostly "8"
 * on digits), so the histogram of an untrained generator looks collapsed; the FID (≈240 for noise
 * against ≈2.4 for real against real, 500 images each) is the number that says "not yet images".
 *
 * Weights live in public/models/<dataset>-classifier.{json,bin}: the json holds the tfjs model
 * topology, the weight manifest and how the weights were trained; the bin holds raw float32 weights.
 * Node reads them with fs, the browser fetches them; both go through tf.io.fromMemory.
 */
import * as tf from '@tensorflow/tfjs';
import { CLASS_NAMES, type DatasetName } from './format';
import { argmax } from './linalg';

export { argmax };

export const CLASSIFIER_SIDE = 28;
export const CLASSIFIER_CLASSES = 10;
export const FEATURE_LAYER = 'features';
export const FEATURE_SIZE = 64;
/** Images per forward pass: bounds memory when evaluating thousands of samples. */
const BATCH = 256;

/** Relative to public/ (and to the site root in the browser). */
export function classifierPaths(dataset: DatasetName): { json: string; bin: string } {
  return { json: `models/${dataset}-classifier.json`, bin: `models/${dataset}-classifier.bin` };
}

/** What the json file stores besides the tfjs artifacts, so a dashboard can say how good the judge is. */
export interface ClassifierInfo {
  dataset: DatasetName;
  heldOutAccuracy: number;
  heldOutCount: number;
  trainCount: number;
  epochs: number;
  trainSeconds: number;
}

export interface ClassifierFile {
  format: 'gan-arena-classifier';
  version: 1;
  info: ClassifierInfo;
  modelTopology: tf.io.ModelArtifacts['modelTopology'];
  weightSpecs: tf.io.WeightsManifestEntry[];
}

const CONV_FILTERS = [8, 16] as const;
const HIDDEN_UNITS = 128;

/**
 * The classifier as it runs everywhere: conv 5×5 → pool → conv 5×5 → pool → dense → features → softmax.
 * With `trainOnWasm`, each 2-D conv is written as a 3-D conv over a depth of 1: the same arithmetic,
 * but tfjs-backend-wasm has Conv3DBackpropFilterV2 and no Conv2DBackpropFilter, so this form trains
 * on WASM about 20× faster than the 2-D form on the pure-JS CPU backend. The weights carry over to
 * the 2-D form by dropping the depth axis of each kernel (see toInferenceModel).
 */
export function createClassifierModel(options: { trainOnWasm?: boolean } = {}): tf.LayersModel {
  const model = tf.sequential();
  const side = CLASSIFIER_SIDE;
  if (options.trainOnWasm) {
    model.add(tf.layers.reshape({ inputShape: [side, side, 1], targetShape: [1, side, side, 1] }));
    for (const filters of CONV_FILTERS) {
      model.add(tf.layers.conv3d({ filters, kernelSize: [1, 5, 5], activation: 'relu' }));
      model.add(tf.layers.maxPooling3d({ poolSize: [1, 2, 2] }));
    }
  } else {
    CONV_FILTERS.forEach((filters, i) => {
      model.add(tf.layers.conv2d({ ...(i === 0 ? { inputShape: [side, side, 1] } : {}), filters, kernelSize: 5, activation: 'relu' }));
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    });
  }
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: HIDDEN_UNITS, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: FEATURE_SIZE, activation: 'relu', name: FEATURE_LAYER }));
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: CLASSIFIER_CLASSES, activation: 'softmax' }));
  return model;
}

/** The 2-D model with the weights of a model built with `trainOnWasm` (flatten order is the same). */
export function toInferenceModel(trained: tf.LayersModel): tf.LayersModel {
  const model = createClassifierModel();
  const weights = trained.getWeights();
  const target = model.getWeights();
  if (weights.length !== target.length) throw new Error(`expected ${target.length} weight tensors, got ${weights.length}`);
  const converted = weights.map((w, i) => w.reshape(target[i].shape));
  model.setWeights(converted);
  converted.forEach((t) => t.dispose());
  return model;
}

/** Images as 8-bit rows (0 = black, 255 = white) or a tensor already in the GAN's [-1, 1] range. */
export type ImageInput = tf.Tensor | readonly Uint8Array[];

const SIZE = CLASSIFIER_SIDE * CLASSIFIER_SIDE;

/** 8-bit rows → [n, 28, 28, 1] in [-1, 1], the range a tanh generator produces. */
export function pixelsToTensor(images: readonly Uint8Array[]): tf.Tensor4D {
  const flat = new Float32Array(images.length * SIZE);
  images.forEach((img, i) => {
    if (img.length !== SIZE) throw new Error(`image ${i} has ${img.length} pixels, expected ${SIZE} (28×28)`);
    for (let j = 0; j < SIZE; j++) flat[i * SIZE + j] = img[j] / 127.5 - 1;
  });
  return tf.tensor4d(flat, [images.length, CLASSIFIER_SIDE, CLASSIFIER_SIDE, 1]);
}

function countOf(images: ImageInput): number {
  return images instanceof tf.Tensor ? images.shape[0] : images.length;
}

/** Rows [start, end) as an NHWC tensor the caller disposes. */
function sliceInput(images: ImageInput, start: number, end: number): tf.Tensor4D {
  if (!(images instanceof tf.Tensor)) return pixelsToTensor(images.slice(start, end));
  return tf.tidy(() => {
    const part = images.slice(start, end - start);
    if (part.size !== (end - start) * SIZE) {
      throw new Error(`expected images of 28×28×1, got a tensor of shape [${images.shape.join(', ')}]`);
    }
    return part.reshape([end - start, CLASSIFIER_SIDE, CLASSIFIER_SIDE, 1]) as tf.Tensor4D;
  });
}

function splitRows<T extends Float32Array | Float64Array>(data: T, n: number, width: number): T[] {
  return Array.from({ length: n }, (_, i) => data.slice(i * width, (i + 1) * width) as T);
}

export interface Predictions {
  /** One row of 10 class probabilities per image. */
  probabilities: Float32Array[];
  /** One row of FEATURE_SIZE penultimate activations per image, in float64 for the covariance. */
  features: Float64Array[];
}

export class Classifier {
  /** Same weights, two outputs: the feature layer and the softmax, so one pass yields both. */
  private readonly both: tf.LayersModel;

  constructor(
    readonly model: tf.LayersModel,
    readonly info: ClassifierInfo,
  ) {
    this.both = tf.model({ inputs: model.inputs, outputs: [model.getLayer(FEATURE_LAYER).output as tf.SymbolicTensor, model.outputs[0]] });
  }

  get dataset(): DatasetName {
    return this.info.dataset;
  }

  get classNames(): readonly string[] {
    return CLASS_NAMES[this.info.dataset];
  }

  /** Class probabilities and features in one pass, batched so thousands of images fit in memory. */
  async predict(images: ImageInput): Promise<Predictions> {
    const n = countOf(images);
    const probabilities: Float32Array[] = [];
    const features: Float64Array[] = [];
    for (let start = 0; start < n; start += BATCH) {
      const end = Math.min(n, start + BATCH);
      const [feat, prob] = tf.tidy(() => {
        const x = sliceInput(images, start, end);
        return this.both.predict(x) as tf.Tensor[];
      });
      try {
        const [f, p] = await Promise.all([feat.data(), prob.data()]);
        probabilities.push(...splitRows(p as Float32Array, end - start, CLASSIFIER_CLASSES));
        features.push(...splitRows(Float64Array.from(f), end - start, FEATURE_SIZE));
      } finally {
        feat.dispose();
        prob.dispose();
      }
    }
    return { probabilities, features };
  }

  async classify(images: ImageInput): Promise<Float32Array[]> {
    return (await this.predict(images)).probabilities;
  }

  async features(images: ImageInput): Promise<Float64Array[]> {
    return (await this.predict(images)).features;
  }

  /** Most likely class per image. */
  async labels(images: ImageInput): Promise<number[]> {
    return (await this.classify(images)).map(argmax);
  }

  dispose(): void {
    // `both` shares its layers (and so its weights) with `model`: disposing the model frees them all.
    this.model.dispose();
  }
}

/** The committed file pair for a trained model. */
export async function serializeClassifier(model: tf.LayersModel, info: ClassifierInfo): Promise<{ json: string; bin: Uint8Array }> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved?.weightSpecs || !saved.weightData) throw new Error('tfjs produced no weights to save');
  const data = saved.weightData;
  const bin = new Uint8Array(Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data);
  const file: ClassifierFile = { format: 'gan-arena-classifier', version: 1, info, modelTopology: saved.modelTopology, weightSpecs: saved.weightSpecs };
  return { json: JSON.stringify(file), bin };
}

/** Rebuilds a classifier from its two files, refusing anything that is not one. */
export async function deserializeClassifier(jsonText: string, bin: Uint8Array): Promise<Classifier> {
  const file = JSON.parse(jsonText) as Partial<ClassifierFile>;
  if (file.format !== 'gan-arena-classifier' || file.version !== 1 || !file.info || !file.weightSpecs) {
    throw new Error('not a GAN Arena classifier file (wrong format tag or version)');
  }
  const expected = file.weightSpecs.reduce((sum, s) => sum + 4 * s.shape.reduce((a, b) => a * b, 1), 0);
  if (bin.byteLength !== expected) {
    throw new Error(`classifier weights have ${bin.byteLength} bytes, the manifest expects ${expected}`);
  }
  // Copy into a fresh, exactly sized ArrayBuffer: a Node Buffer is often a view into a larger pool.
  const weightData = bin.slice().buffer as ArrayBuffer;
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: file.modelTopology, weightSpecs: file.weightSpecs, weightData }));
  return new Classifier(model, file.info);
}

/**
 * Where the files come from. In Node pass readFile (paths are relative to public/); in the browser
 * pass nothing (global fetch from the site root) or a fetch and a baseUrl.
 */
export interface ClassifierSource {
  readFile?: (relativePath: string) => Promise<Uint8Array>;
  fetch?: typeof globalThis.fetch;
  baseUrl?: string;
}

export async function loadClassifier(dataset: DatasetName, source: ClassifierSource = {}): Promise<Classifier> {
  const paths = classifierPaths(dataset);
  const read = async (rel: string): Promise<Uint8Array> => {
    if (source.readFile) return source.readFile(rel);
    const doFetch = source.fetch ?? globalThis.fetch;
    const url = `${(source.baseUrl ?? '/').replace(/\/?$/, '/')}${rel}`;
    const res = await doFetch(url);
    if (!res.ok) throw new Error(`could not fetch the ${dataset} classifier from ${url}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const [json, bin] = await Promise.all([read(paths.json), read(paths.bin)]);
  return deserializeClassifier(new TextDecoder().decode(json), bin);
}
