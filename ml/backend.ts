/**
 * Picks the fastest tfjs backend that really works here: WebGPU → WebGL → WASM → CPU in a browser
 * or worker, WASM → CPU in Node. "Really works" means tf.setBackend resolved true and a tiny op
 * returned the right answer; drivers that advertise an API and then fail are common on school
 * laptops. The reason string tells the page why earlier choices were skipped.
 */
import * as tf from '@tensorflow/tfjs';
// Static, not dynamic, imports: a classic Web Worker bundle cannot count on loading async chunks.
// Both only register a factory at import time (WebGPU only where navigator.gpu exists), so they are
// harmless in Node.
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BACKEND, BACKENDS, type Backend } from '../game/vocabulary';
import { registerWasmTrainingKernels } from './wasm-kernels';

export { BACKENDS };
export type BackendName = Backend;

export interface BackendChoice {
  name: BackendName;
  reason: string;
  /** False only where no Conv2DBackpropFilter kernel exists (stock tfjs 4.22 WASM; choosing WASM registers the project's). */
  canTrainConv: boolean;
  /** True where conv training works but is far too slow for a lesson (tfjs CPU: tens of s/step). */
  convIsSlow: boolean;
  /** The graphics adapter or renderer the browser names (WebGPU, WebGL), where it does. */
  device?: string;
  /** The graphics backend runs on a software renderer: the processor does the graphics card's work. */
  software?: boolean;
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** Software renderers as browsers name them: Chrome's SwiftShader, Mesa's llvmpipe/lavapipe/softpipe, Windows' Basic Render Driver. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render/i;

/** True when a renderer or adapter description names a software renderer. */
export function isSoftwareRenderer(description: string): boolean {
  return SOFTWARE_RENDERER.test(description);
}

/** The adapter WebGPU's precondition check found, kept to describe it once WebGPU is chosen. */
let webgpuAdapter: { info?: AdapterInfoLike; isFallbackAdapter?: boolean; requestAdapterInfo?: () => Promise<AdapterInfoLike> } | null = null;

/** What the chosen graphics backend runs on, in the browser's words, and whether that is a software renderer. */
export async function describeDevice(name: BackendName): Promise<{ device?: string; software: boolean }> {
  try {
    if (name === 'webgpu' && webgpuAdapter) {
      const info = webgpuAdapter.info ?? (await webgpuAdapter.requestAdapterInfo?.().catch(() => undefined)) ?? {};
      const device = [info.vendor, info.architecture, info.device, info.description].filter((x) => x).join(' ').trim();
      const fallback = info.isFallbackAdapter === true || webgpuAdapter.isFallbackAdapter === true;
      return { device: device || undefined, software: fallback || isSoftwareRenderer(device) };
    }
    if (name === 'webgl') {
      const gl = (tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
      if (!gl) return { software: false };
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      const device = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
      return { device: device || undefined, software: isSoftwareRenderer(device) };
    }
  } catch {
    // Naming the device is a courtesy: a browser that will not say leaves it unnamed.
  }
  return { software: false };
}

/** Where the lead copies node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm. */
export const WASM_PUBLIC_PATH = '/tfjs-wasm/';

interface GpuNavigator {
  gpu?: { requestAdapter(): Promise<unknown | null> };
}

export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

function nav(): (GpuNavigator & object) | undefined {
  return (globalThis as { navigator?: GpuNavigator }).navigator;
}

/** Checks the preconditions for one backend and loads its module; returns why not, or null. */
async function prepare(name: BackendName): Promise<string | null> {
  switch (name) {
    case 'webgpu': {
      if (isNode()) return 'not offered in Node';
      const gpu = nav()?.gpu;
      if (!gpu) return 'navigator.gpu missing';
      const adapter = await gpu.requestAdapter().catch(() => null);
      if (!adapter) return 'no GPU adapter';
      webgpuAdapter = adapter as typeof webgpuAdapter;
      return null;
    }
    case 'webgl': {
      if (isNode()) return 'not offered in Node';
      const g = globalThis as { OffscreenCanvas?: unknown; document?: unknown };
      if (typeof g.OffscreenCanvas === 'undefined' && typeof g.document === 'undefined') return 'no canvas to draw on';
      return null; // registered by @tensorflow/tfjs itself
    }
    case 'wasm': {
      // In Node the module finds its .wasm files beside itself; a browser must be told where.
      if (!isNode()) setWasmPaths(WASM_PUBLIC_PATH);
      // The project's training kernels (ml/wasm-kernels.ts): without them WASM cannot train a
      // convolution, and a host with no usable GPU would get an MLP instead of the level's DCGAN.
      registerWasmTrainingKernels();
      return null;
    }
    case 'cpu':
      return null;
  }
}

/** setBackend + a tiny op whose answer we check. */
async function tryInit(name: BackendName): Promise<string | null> {
  const why = await prepare(name).catch((e: unknown) => `failed to load: ${errMsg(e)}`);
  if (why) return why;
  try {
    if (!tf.findBackendFactory(name)) return 'not registered';
    const ok = await tf.setBackend(name);
    if (!ok) return 'setBackend returned false';
    await tf.ready();
    const t = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.scalar(3)));
    const v = await t.data();
    t.dispose();
    if (v[0] !== 4 || v[1] !== 5) return `test op gave ${v[0]},${v[1]} instead of 4,5`;
    return null;
  } catch (e) {
    return `failed to initialise: ${errMsg(e)}`;
  }
}

export function errMsg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function describeCapabilities(name: BackendName): Pick<BackendChoice, 'canTrainConv' | 'convIsSlow'> {
  // WASM lacks Conv2DBackpropFilter unless ml/wasm-kernels.ts has registered a stand-in (choosing WASM does).
  return { canTrainConv: name !== 'wasm' || tf.getKernel('Conv2DBackpropFilter', 'wasm') !== undefined, convIsSlow: name === 'cpu' };
}

/**
 * Tries `prefer` in order (default WebGPU → WebGL → WASM → CPU; Node: WASM → CPU) and settles
 * on the first that initialises. CPU always works, so it is tried last even if not listed.
 * In the default order a graphics backend on a software renderer is passed over for WASM: measured in
 * headless Chromium here, a DCGAN training step took 202 ms on WASM against 2,335 ms on WebGL and
 * 9,201 ms on WebGPU, both on SwiftShader (the lobby's speed check). It is still used when WASM does
 * not initialise (it beats plain JavaScript), and whenever the page asked for it (`?backend=`).
 */
export async function chooseBackend(prefer?: BackendName[]): Promise<BackendChoice> {
  const order: BackendName[] = prefer?.length ? [...prefer] : isNode() ? BACKENDS.filter((b) => BACKEND[b].node) : [...BACKENDS];
  for (const name of order) {
    if (!BACKENDS.includes(name)) throw new Error(`unknown backend "${name}"; expected one of ${BACKENDS.join(', ')}`);
  }
  if (!order.includes('cpu')) order.push('cpu');
  return settle(order, { passOverSoftware: !prefer?.length, init: tryInit, describe: describeDevice });
}

/** The seams of `settle`: initialise a backend (null, or why not) and describe what it runs on. */
export interface SettleDeps {
  passOverSoftware: boolean;
  init: (name: BackendName) => Promise<string | null>;
  describe: (name: BackendName) => Promise<{ device?: string; software: boolean }>;
}

/** The first backend of `order` that initialises, passing over software renderers for WASM where asked (chooseBackend). */
export async function settle(order: BackendName[], deps: SettleDeps): Promise<BackendChoice> {
  const skipped: string[] = [];
  let software: { name: BackendName; device: { device?: string; software: boolean } } | null = null;
  const choice = (name: BackendName, device: { device?: string; software: boolean }): BackendChoice => ({
    name,
    reason: skipped.length ? skipped.join('; ') : `${name} was the first choice`,
    ...describeCapabilities(name),
    ...device,
  });
  for (const name of order) {
    // A graphics backend on a software renderer still beats plain JavaScript.
    if (name === 'cpu' && software && (await deps.init(software.name)) === null) return choice(software.name, software.device);
    const why = await deps.init(name);
    if (why !== null) {
      skipped.push(`${BACKEND[name].label}: ${why}`);
      continue;
    }
    const device = await deps.describe(name);
    if (deps.passOverSoftware && device.software && name !== 'wasm' && name !== 'cpu' && order.includes('wasm')) {
      software = { name, device };
      skipped.push(`${BACKEND[name].label}: a software renderer, slower than WebAssembly`);
      continue;
    }
    return choice(name, device);
  }
  throw new Error(`no tfjs backend initialised (${skipped.join('; ')})`);
}
