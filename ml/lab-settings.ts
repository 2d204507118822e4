/**
 * The Lab's settings and their URL form: every knob is a query parameter, so a link reproduces an
 * experiment. tfjs-free (the page parses its URL before any trainer exists). A value the page
 * cannot use falls back to the dataset's default and says so, rather than failing the whole link.
 */
import type { BackendName } from './backend';
import { BACKENDS, LOSS } from '../game/vocabulary';
import { ARCHS, DCGAN_HIDDEN, GAN_DATASETS, LOSSES, defaultConfig, isToy, type Arch, type GanConfig, type GanDataset, type LossKind } from './gan-config';

export interface LabSettings {
  dataset: GanDataset;
  arch: Arch;
  loss: LossKind;
  lrD: number;
  lrG: number;
  /** D steps then G steps per iteration of the loop. */
  dSteps: number;
  gSteps: number;
  latentDim: number;
  hidden: number;
  batchSize: number;
  seed: number;
  /** The backend asked for; null lets the page choose (WebGPU → WebGL → WASM → CPU). */
  backend: BackendName | null;
}

export function defaultLabSettings(dataset: GanDataset = 'ring'): LabSettings {
  const c = defaultConfig(dataset);
  return { dataset, arch: c.arch, loss: c.loss, lrD: c.lrD, lrG: c.lrG, dSteps: 1, gSteps: 1, latentDim: c.latentDim, hidden: c.hidden, batchSize: c.batchSize, seed: 1, backend: null };
}

/** URL parameter names: short, so a shared link stays readable. */
const KEYS = { dataset: 'data', arch: 'arch', loss: 'loss', lrD: 'lrD', lrG: 'lrG', dSteps: 'd', gSteps: 'g', latentDim: 'z', hidden: 'h', batchSize: 'batch', seed: 'seed', backend: 'backend' } as const satisfies Record<keyof LabSettings, string>;

const INT_RANGES: Partial<Record<keyof LabSettings, [number, number]>> = {
  dSteps: [0, 20],
  gSteps: [0, 20],
  latentDim: [1, 256],
  hidden: [4, 1024],
  batchSize: [1, 1024],
  seed: [0, 2 ** 31 - 1],
};

export interface ParsedLab {
  settings: LabSettings;
  /** One line per parameter that was ignored, for the page to show. */
  ignored: string[];
}

export function parseLabSettings(params: URLSearchParams): ParsedLab {
  const ignored: string[] = [];
  const rawData = params.get(KEYS.dataset);
  const dataset = rawData && (GAN_DATASETS as readonly string[]).includes(rawData) ? (rawData as GanDataset) : 'ring';
  if (rawData && rawData !== dataset) ignored.push(`${KEYS.dataset}=${rawData}: expected one of ${GAN_DATASETS.join(', ')}`);
  const s = defaultLabSettings(dataset);
  const pick = <T extends string>(key: keyof LabSettings, allowed: readonly T[]): T | undefined => {
    const v = params.get(KEYS[key]);
    if (v === null) return undefined;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    ignored.push(`${KEYS[key]}=${v}: expected one of ${allowed.join(', ')}`);
    return undefined;
  };
  const arch = pick<Arch>('arch', ARCHS);
  if (arch === 'dcgan' && isToy(dataset)) ignored.push(`arch=dcgan: the 2-D ${dataset} data needs an MLP`);
  else if (arch) {
    s.arch = arch;
    // A DCGAN's "hidden" is a filter count, not a width: start from its own default.
    if (arch === 'dcgan') s.hidden = DCGAN_HIDDEN;
  }
  s.loss = pick<LossKind>('loss', LOSSES) ?? s.loss;
  s.backend = pick<BackendName>('backend', BACKENDS) ?? null;
  for (const key of ['lrD', 'lrG'] as const) {
    const v = params.get(KEYS[key]);
    if (v === null) continue;
    const n = Number(v);
    if (Number.isFinite(n) && n > 0 && n < 1) s[key] = n;
    else ignored.push(`${KEYS[key]}=${v}: expected a number between 0 and 1`);
  }
  for (const [key, [lo, hi]] of Object.entries(INT_RANGES) as [keyof LabSettings, [number, number]][]) {
    const v = params.get(KEYS[key]);
    if (v === null) continue;
    const n = Number(v);
    if (Number.isInteger(n) && n >= lo && n <= hi) (s as unknown as Record<string, number>)[key] = n;
    else ignored.push(`${KEYS[key]}=${v}: expected a whole number in ${lo}..${hi}`);
  }
  if (s.dSteps + s.gSteps === 0) {
    ignored.push('d=0 and g=0: an iteration needs a step; using 1:1');
    s.dSteps = 1;
    s.gSteps = 1;
  }
  return { settings: s, ignored };
}

/** Every setting, in a fixed order: the same experiment always has the same link. */
export function labSearch(s: LabSettings): string {
  const p = new URLSearchParams();
  for (const key of Object.keys(KEYS) as (keyof LabSettings)[]) {
    const v = s[key];
    if (v === null) continue;
    p.set(KEYS[key], String(v));
  }
  return p.toString();
}

/** The trainer's config for these settings. */
export function labConfig(s: LabSettings): Partial<GanConfig> & { dataset: GanDataset } {
  return { dataset: s.dataset, arch: s.arch, loss: s.loss, lrD: s.lrD, lrG: s.lrG, latentDim: s.latentDim, hidden: s.hidden, batchSize: s.batchSize };
}

/** Settings that need a new trainer (new shapes, data or backend); the rest apply to the running one. */
export function needsRestart(a: LabSettings, b: LabSettings): boolean {
  return a.dataset !== b.dataset || a.arch !== b.arch || a.latentDim !== b.latentDim || a.hidden !== b.hidden || a.seed !== b.seed || a.backend !== b.backend;
}

/** The Lab's settings for a checkpoint's config (an imported file decides the model's shape). */
export function settingsFromConfig(c: GanConfig, keep: LabSettings): LabSettings {
  return { ...keep, dataset: c.dataset, arch: c.arch, loss: c.loss, lrD: c.lrD, lrG: c.lrG, latentDim: c.latentDim, hidden: c.hidden, batchSize: c.batchSize };
}

/** Maps a raw D output to [0, 1] for the heat map: a sigmoid for BCE logits, the surface's own range otherwise. */
export function surfaceToUnit(loss: LossKind, raw: Float32Array): Float32Array {
  const out = new Float32Array(raw.length);
  if (LOSS[loss].probability) {
    for (let i = 0; i < raw.length; i++) out[i] = 1 / (1 + Math.exp(-raw[i]));
    return out;
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of raw) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi - lo || 1;
  for (let i = 0; i < raw.length; i++) out[i] = (raw[i] - lo) / span;
  return out;
}
