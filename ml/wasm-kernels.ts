/**
 * Additions to tfjs 4.22's WASM backend for training, registered whenever WASM is chosen
 * (ml/backend.ts): the project's scripts train the level checkpoints with them in Node, and a
 * browser with no usable GPU trains the levels' DCGAN with them in its worker:
 *
 * 1. BatchMatMul with a transposed operand: WASM runs those on a slow generic loop (10-20× slower
 *    than the plain product, measured here), and every dense layer's backward pass has two
 *    (dx = dy·Wᵀ, dW = xᵀ·dy). Transposing the operand first and multiplying plainly is exact and
 *    cuts an MLP GAN step several times.
 *
 * 2. Conv2DBackpropFilter, the one kernel WASM lacks for convolutional training, so a DCGAN (D's
 *    conv2d, and G's conv2dTranspose, whose filter gradient is this same kernel) trains on WASM.
 *
 * 3. Conv2DBackpropInput (also conv2dTranspose's forward), rewritten onto the fast Conv2D.
 *
 * The filter gradient is itself a convolution, with batch and channels swapped:
 *   dW[kh, kw, ci, co] = Σ_{n,i,j} xPadded[n, i·s + kh, j·s + kw, ci] · dy[n, i, j, co]
 * i.e. x transposed to [ci, H, W, n] convolved (stride 1, dilation s) with dy transposed to
 * [oh, ow, n, co] as the filter, giving [ci, kh, kw, co]. WASM's Conv2D (XNNPACK) does that fast.
 * Not Conv3DBackpropFilterV2 over a depth of 1: tfjs 4.22's WASM version of it gives wrong
 * results for strides above 1 (found comparing it with the CPU backend while writing this).
 */
import * as tf from '@tensorflow/tfjs';

type Info = { dataId: object; shape: number[]; dtype: tf.DataType };
interface WasmLike {
  disposeData(dataId: object): boolean;
}

function kernel(name: string): tf.KernelConfig {
  const k = tf.getKernel(name, 'wasm');
  if (!k) throw new Error(`the wasm backend has no ${name} kernel`);
  return k;
}

/** Registers all three (idempotent). Call before or after the wasm backend initialises. */
export function registerWasmTrainingKernels(): void {
  registerWasmConv2DBackpropFilter();
  registerWasmFastTransposedMatMul();
  registerWasmFastConv2DBackpropInput();
}

const FAST_BACKPROP_INPUT = Symbol.for('gan-arena.fastConv2DBackpropInput');

/**
 * Replaces WASM's Conv2DBackpropInput (a generic loop; it is also conv2dTranspose's forward) with
 * the textbook identity: the input gradient of a stride-s conv is a stride-1 conv of dy with s−1
 * zeros inserted between its entries, by the spatially flipped filter with in/out channels swapped.
 * XNNPACK's Conv2D then does the work.
 */
export function registerWasmFastConv2DBackpropInput(): boolean {
  const original = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (!original) throw new Error('the wasm backend is not loaded (import @tensorflow/tfjs-backend-wasm first)');
  if ((original as unknown as Record<symbol, boolean>)[FAST_BACKPROP_INPUT]) return false;
  const inner = original.kernelFunc;
  const replacement: tf.KernelConfig = {
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { dy, filter } = inputs as unknown as { dy: Info; filter: Info };
      const a = attrs as unknown as {
        strides: number | [number, number];
        pad: Parameters<typeof tf.backend_util.computeConv2DInfo>[4];
        dataFormat: 'NHWC' | 'NCHW';
        dimRoundingMode?: 'floor' | 'round' | 'ceil';
        inputShape: [number, number, number, number];
      };
      if (a.dataFormat === 'NCHW') return inner(args);
      const [kh, kw, cin, cout] = filter.shape;
      const info = tf.backend_util.computeConv2DInfo(a.inputShape, [kh, kw, cin, cout], a.strides, 1, a.pad, a.dimRoundingMode);
      const { top, left } = info.padInfo;
      const [sh, sw] = [info.strideHeight, info.strideWidth];
      // With one or a few input channels (an image's first conv, G's last layer) XNNPACK has too
      // little to vectorise and the zero insertion costs more than it saves (measured): keep the loop.
      if (top > kh - 1 || left > kw - 1 || cin < 8) return inner(args);
      const [n, oh, ow] = dy.shape;
      const [, h, w] = a.inputShape;
      const temps: Info[] = [];
      const call = (name: string, ins: Record<string, Info>, at: Record<string, unknown>): Info => {
        const out = kernel(name).kernelFunc({ inputs: ins as unknown as tf.NamedTensorInfoMap, backend, attrs: at as tf.NamedAttrMap }) as unknown as Info;
        temps.push(out);
        return out;
      };
      try {
        let d = dy;
        if (sh > 1 || sw > 1) {
          // [n, oh, ow, c] → [n, oh, 1, ow, 1, c] → zero-pad to [n, oh, sh, ow, sw, c] → [n, oh·sh, ow·sw, c]
          const r6 = call('Reshape', { x: dy }, { shape: [n, oh, 1, ow, 1, cout] });
          const p6 = call('PadV2', { x: r6 }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 });
          d = call('Reshape', { x: p6 }, { shape: [n, oh * sh, ow * sw, cout] });
        }
        const flipped = call('Reverse', { x: filter }, { dims: [0, 1] });
        const swapped = call('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }); // [kh, kw, cout, cin]
        const [lh, lw] = [d.shape[1], d.shape[2]];
        const padB = Math.max(0, h + top - lh);
        const padR = Math.max(0, w + left - lw);
        let dx = call('Conv2D', { x: d, filter: swapped }, {
          strides: [1, 1],
          pad: [[0, 0], [kh - 1 - top, padB], [kw - 1 - left, padR], [0, 0]],
          dataFormat: 'NHWC',
          dilations: [1, 1],
        });
        if (dx.shape[1] !== h || dx.shape[2] !== w) dx = call('Slice', { x: dx }, { begin: [0, 0, 0, 0], size: [n, h, w, cin] });
        temps.pop(); // dx is the result: not a temporary
        return dx as unknown as tf.TensorInfo;
      } finally {
        for (const t of temps) (backend as unknown as WasmLike).disposeData(t.dataId);
      }
    },
  };
  (replacement as unknown as Record<symbol, boolean>)[FAST_BACKPROP_INPUT] = true;
  tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  tf.registerKernel(replacement);
  return true;
}

const FAST_MATMUL = Symbol.for('gan-arena.fastTransposedMatMul');

/** Replaces WASM's BatchMatMul with one that transposes a flagged operand before multiplying. */
export function registerWasmFastTransposedMatMul(): boolean {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  if (!original) throw new Error('the wasm backend is not loaded (import @tensorflow/tfjs-backend-wasm first)');
  if ((original as unknown as Record<symbol, boolean>)[FAST_MATMUL]) return false;
  const inner = original.kernelFunc;
  const replacement: tf.KernelConfig = {
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    // The original's setup binds its WASM function; keep it for a backend that initialises later.
    setupFunc: original.setupFunc,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { a, b } = inputs as unknown as { a: Info; b: Info };
      const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return inner({ inputs, backend, attrs });
      const transpose = kernel('Transpose');
      const temps: Info[] = [];
      const swapLast = (t: Info): Info => {
        const r = t.shape.length;
        const perm = [...Array(r - 2).keys(), r - 1, r - 2];
        const out = transpose.kernelFunc({ inputs: { x: t } as unknown as tf.NamedTensorInfoMap, backend, attrs: { perm } as unknown as tf.NamedAttrMap }) as unknown as Info;
        temps.push(out);
        return out;
      };
      try {
        const ins = { a: transposeA ? swapLast(a) : a, b: transposeB ? swapLast(b) : b };
        return inner({ inputs: ins as unknown as tf.NamedTensorInfoMap, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
      } finally {
        for (const t of temps) (backend as unknown as WasmLike).disposeData(t.dataId);
      }
    },
  };
  (replacement as unknown as Record<symbol, boolean>)[FAST_MATMUL] = true;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(replacement);
  return true;
}

/** Registers Conv2DBackpropFilter for the 'wasm' backend if it has none; returns whether it did. */
export function registerWasmConv2DBackpropFilter(): boolean {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return false;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as unknown as { x: Info; dy: Info };
      const a = attrs as unknown as {
        strides: number | [number, number];
        pad: 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];
        dataFormat: 'NHWC' | 'NCHW';
        dimRoundingMode?: 'floor' | 'round' | 'ceil';
        filterShape: [number, number, number, number];
      };
      if (a.dataFormat && a.dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter on wasm supports NHWC only, got ${a.dataFormat}`);
      const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode);
      const { top, bottom, left, right } = info.padInfo;
      const [kh, kw, ci, co] = a.filterShape;
      const call = (name: string, ins: Record<string, Info>, at: Record<string, unknown>): Info =>
        kernel(name).kernelFunc({ inputs: ins as unknown as tf.NamedTensorInfoMap, backend, attrs: at as tf.NamedAttrMap }) as unknown as Info;
      const temps: Info[] = [];
      const keep = (t: Info) => (temps.push(t), t);
      try {
        const xt = keep(call('Transpose', { x }, { perm: [3, 1, 2, 0] })); // [ci, H, W, n]
        const dyt = keep(call('Transpose', { x: dy }, { perm: [1, 2, 0, 3] })); // [oh, ow, n, co]
        let r = keep(
          call('Conv2D', { x: xt, filter: dyt }, {
            strides: [1, 1],
            pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
            dataFormat: 'NHWC',
            dilations: [info.strideHeight, info.strideWidth],
          }),
        ); // [ci, ≥kh, ≥kw, co]: rows a strided conv never reached come out extra
        if (r.shape[1] !== kh || r.shape[2] !== kw) r = keep(call('Slice', { x: r }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] }));
        return call('Transpose', { x: r }, { perm: [1, 2, 0, 3] }) as unknown as tf.TensorInfo; // [kh, kw, ci, co]
      } finally {
        for (const t of temps) (backend as unknown as WasmLike).disposeData(t.dataId);
      }
    },
  });
  return true;
}
