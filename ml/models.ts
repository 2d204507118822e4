/**
 * Model factories: MLP GAN, DCGAN, their conditional variants, and a 2-D MLP for the toy mixtures.
 * Every generator maps [z] (or [z, oneHot(label)]) to an image [n, rows, cols, 1] in [-1, 1] (tanh)
 * or to a point [n, 2] (linear, the toy modes sit at ±4). Every discriminator returns two outputs:
 * [logit [n, 1], features [n, f]]; the features are the penultimate layer, used by feature matching.
 * D has no batch norm on purpose: WGAN-GP's per-sample gradient penalty is wrong under batch norm.
 */
import * as tf from '@tensorflow/tfjs';
import { ARCHS, type Arch } from './gan-config';

export { ARCHS, type Arch };

export interface ModelSpec {
  arch: Arch;
  /** 'image' for 28×28 data sets, 'toy' for 2-D points (MLP only, never conditional). */
  output: 'image' | 'toy';
  conditional: boolean;
  latentDim: number;
  /** MLP: width of the narrowest hidden layer. DCGAN: filters in the widest-resolution conv layer. */
  hidden: number;
  rows: number;
  cols: number;
  classes: number;
}

export interface GanModels {
  generator: tf.LayersModel;
  discriminator: tf.LayersModel;
}

function checkInt(name: string, v: unknown, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new Error(`${name} must be an integer in ${min}..${max}, got ${String(v)}`);
  }
}

export function checkSpec(spec: ModelSpec): void {
  if (!ARCHS.includes(spec.arch)) throw new Error(`arch must be one of ${ARCHS.join(', ')}, got "${String(spec.arch)}"`);
  if (spec.output !== 'image' && spec.output !== 'toy') throw new Error(`output must be "image" or "toy", got "${String(spec.output)}"`);
  if (typeof spec.conditional !== 'boolean') throw new Error(`conditional must be a boolean, got ${String(spec.conditional)}`);
  checkInt('latentDim', spec.latentDim, 1, 1024);
  checkInt('hidden', spec.hidden, 1, 4096);
  if (spec.output === 'toy') {
    if (spec.arch !== 'mlp') throw new Error('the 2-D toy data sets need arch "mlp" (a DCGAN draws images, not points)');
    if (spec.conditional) throw new Error('the 2-D toy data sets have no classes, so conditional must be false');
    return;
  }
  checkInt('rows', spec.rows, 4, 256);
  checkInt('cols', spec.cols, 4, 256);
  if (spec.conditional) checkInt('classes', spec.classes, 2, 256);
  if (spec.arch === 'dcgan' && (spec.rows % 4 !== 0 || spec.cols % 4 !== 0)) {
    throw new Error(`a DCGAN upsamples twice by 2, so rows and cols must be multiples of 4, got ${spec.rows}×${spec.cols}`);
  }
}

const leaky = () => tf.layers.leakyReLU({ alpha: 0.2 });

/** Inputs for G or D, with the one-hot label concatenated where the model is conditional. */
function inputs(spec: ModelSpec, shape: number[]): { ins: tf.SymbolicTensor[]; x: tf.SymbolicTensor; label: tf.SymbolicTensor | null } {
  const x = tf.input({ shape });
  if (!spec.conditional) return { ins: [x], x, label: null };
  const label = tf.input({ shape: [spec.classes] });
  return { ins: [x, label], x, label };
}

function concat(a: tf.SymbolicTensor, b: tf.SymbolicTensor | null): tf.SymbolicTensor {
  return b ? (tf.layers.concatenate().apply([a, b]) as tf.SymbolicTensor) : a;
}

function dense(x: tf.SymbolicTensor, units: number, activation?: 'tanh' | 'linear', useBias = true): tf.SymbolicTensor {
  return tf.layers.dense({ units, activation, useBias }).apply(x) as tf.SymbolicTensor;
}

function chain(x: tf.SymbolicTensor, ...layers: tf.layers.Layer[]): tf.SymbolicTensor {
  return layers.reduce((t, l) => l.apply(t) as tf.SymbolicTensor, x);
}

function mlpGenerator(spec: ModelSpec): tf.LayersModel {
  const { ins, x, label } = inputs(spec, [spec.latentDim]);
  let h = concat(x, label);
  const h0 = spec.hidden;
  if (spec.output === 'toy') {
    h = chain(dense(h, h0), leaky());
    h = chain(dense(h, h0), leaky());
    return tf.model({ inputs: ins, outputs: dense(h, 2, 'linear') });
  }
  // As in the DCGAN: dense without bias (batch norm subtracts the mean), batch norm, leaky ReLU.
  // Without batch norm this MLP drew salt-and-pepper speckle (3.6–5.6 isolated bright pixels per
  // image at hidden 64, ml/speckle.ts). Momentum 0.9: see dcganGenerator.
  for (const units of [h0, 2 * h0, 4 * h0]) h = chain(dense(h, units, undefined, false), tf.layers.batchNormalization({ momentum: 0.9 }), leaky());
  const img = chain(dense(h, spec.rows * spec.cols, 'tanh'), tf.layers.reshape({ targetShape: [spec.rows, spec.cols, 1] }));
  return tf.model({ inputs: ins, outputs: img });
}

function mlpDiscriminator(spec: ModelSpec): tf.LayersModel {
  const shape = spec.output === 'toy' ? [2] : [spec.rows, spec.cols, 1];
  const { ins, x, label } = inputs(spec, shape);
  let h = spec.output === 'toy' ? x : (tf.layers.flatten().apply(x) as tf.SymbolicTensor);
  h = concat(h, label);
  const widths = spec.output === 'toy' ? [spec.hidden, spec.hidden] : [2 * spec.hidden, spec.hidden];
  for (const units of widths) h = chain(dense(h, units), leaky());
  return tf.model({ inputs: ins, outputs: [dense(h, 1, 'linear'), h] });
}

function dcganGenerator(spec: ModelSpec): tf.LayersModel {
  const { ins, x, label } = inputs(spec, [spec.latentDim]);
  const f = spec.hidden;
  const r4 = spec.rows / 4, c4 = spec.cols / 4;
  // Bias is redundant before batch norm (it subtracts the mean).
  let h = chain(
    dense(concat(x, label), r4 * c4 * 2 * f, undefined, false),
    tf.layers.batchNormalization({ momentum: 0.9 }),
    leaky(),
    tf.layers.reshape({ targetShape: [r4, c4, 2 * f] }),
    tf.layers.conv2dTranspose({ filters: f, kernelSize: 5, strides: 2, padding: 'same', useBias: false }),
    // Momentum 0.9 rather than Keras' 0.99: a round is only tens of steps, and generate() runs in
    // inference mode, so the moving statistics must keep up with G.
    tf.layers.batchNormalization({ momentum: 0.9 }),
    leaky(),
  );
  h = tf.layers.conv2dTranspose({ filters: 1, kernelSize: 5, strides: 2, padding: 'same', activation: 'tanh' }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: ins, outputs: h });
}

function dcganDiscriminator(spec: ModelSpec): tf.LayersModel {
  const { ins, x, label } = inputs(spec, [spec.rows, spec.cols, 1]);
  let h: tf.SymbolicTensor = x;
  if (label) {
    // The label becomes one extra image channel, so the first conv sees "this should be a 7".
    const plane = chain(dense(label, spec.rows * spec.cols), tf.layers.reshape({ targetShape: [spec.rows, spec.cols, 1] }));
    h = tf.layers.concatenate({ axis: -1 }).apply([x, plane]) as tf.SymbolicTensor;
  }
  const f = spec.hidden;
  h = chain(
    h,
    tf.layers.conv2d({ filters: f, kernelSize: 5, strides: 2, padding: 'same' }),
    leaky(),
    tf.layers.conv2d({ filters: 2 * f, kernelSize: 5, strides: 2, padding: 'same' }),
    leaky(),
    tf.layers.flatten(),
  );
  return tf.model({ inputs: ins, outputs: [dense(h, 1, 'linear'), h] });
}

/** Builds G and D for a spec, after checking every field. */
export function buildGan(spec: ModelSpec): GanModels {
  checkSpec(spec);
  return spec.arch === 'mlp'
    ? { generator: mlpGenerator(spec), discriminator: mlpDiscriminator(spec) }
    : { generator: dcganGenerator(spec), discriminator: dcganDiscriminator(spec) };
}

/** The tf.Variables the optimizer updates, in a stable order (the checkpoint relies on it). */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** Runs a model on concrete tensors in training or inference mode; returns every output. */
export function run(model: tf.LayersModel, xs: tf.Tensor[], training: boolean): tf.Tensor[] {
  const out = model.apply(xs.length === 1 ? xs[0] : xs, { training });
  return Array.isArray(out) ? (out as tf.Tensor[]) : [out as tf.Tensor];
}
