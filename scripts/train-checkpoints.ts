/**
 * Trains the checkpoints the game's levels start from and writes public/checkpoints/<name>.ganc
 * (weights only, float16: small enough to commit). Prints one JSON line of metrics per checkpoint.
 *
 *   npm run train                      all of them, two at a time (one child process each)
 *   npm run train -- digits-mlp …      just these
 *   options: --jobs N (parallel children, default 2), --scale X (multiply every step and time
 *            budget, e.g. 0.1 for a smoke run), --out DIR (default public/checkpoints),
 *            --preview DIR (also write a PNG grid of 100 samples per checkpoint)
 *
 * Everything trains in Node on tfjs's WASM backend, the DCGAN included: ml/wasm-kernels.ts supplies
 * the Conv2DBackpropFilter kernel WASM lacks and faster transposed matmuls and input gradients
 * (headless Chromium here trains that DCGAN on SwiftShader WebGL at ~7 s a step, the CPU backend
 * at tens of seconds; WASM with those kernels at ~0.3 s). The GAN trains on the 9,000 images of the
 * training split (public/data); the first 1,000 of the held-out split (data/, which the classifier never
 * trained on either) are the real side of the Fréchet distance. Every checkpoint has a step target and a wall-time cap: on
 * a busy machine it stops at the cap, and the JSON says how many steps it really ran.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chooseBackend } from '../ml/backend';
import { decodeCheckpoint } from '../ml/checkpoint';
import { imagesOf, readSplit } from '../ml/dataset-files';
import { type DatasetName, type ImageSet, headOf } from '../ml/format';
import { GanTrainer, type GanConfig } from '../ml/trainer';
import { speckleReport } from '../ml/speckle';
import { registerWasmTrainingKernels } from '../ml/wasm-kernels';
import { sameShape } from '../game/vocabulary';
import { CHECKPOINT_DIR, CHECKPOINT_SPECS, HELD_OUT, checkpointFile, type CheckpointSpec, type ModelShape } from './checkpoint-specs';
import { encodeGridPng } from './png';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const EVAL_SAMPLES = 1000;
/** Loss and D(x) are reported as the mean of the last this-many steps: one step is noise. */
const TAIL = 50;

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

/**
 * The GANs' training images (the training split, public/data) and the HELD_OUT held-out ones the
 * classifier was tested on (the head of data/<name>-heldout.bin), the real side of the Fréchet distance.
 */
export function loadSplits(dataset: DatasetName): { train: ImageSet; heldOut: Uint8Array[]; heldOutLabels: number[] } {
  const train = readSplit(dataset, 'train', root);
  const head = headOf(readSplit(dataset, 'heldout', root), HELD_OUT);
  if (head.count !== HELD_OUT) throw new Error(`${dataset}: the held-out split has ${head.count} images, not ${HELD_OUT}`);
  return { train, heldOut: imagesOf(head), heldOutLabels: Array.from(head.labels) };
}

interface Tail {
  dLoss: number[];
  gLoss: number[];
  dReal: number[];
  dFake: number[];
}

function pushTail(t: Tail, s: { dLoss: number; gLoss: number; dReal: number; dFake: number }): void {
  for (const k of ['dLoss', 'gLoss', 'dReal', 'dFake'] as const) {
    t[k].push(s[k]);
    if (t[k].length > TAIL) t[k].shift();
  }
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
export const round = (x: number, d = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

export type Evaluator = ((t: GanTrainer) => Promise<Record<string, unknown>>) | null;

/** The metrics from ml/eval.ts, or null with the reason when the classifier for the dataset is missing. */
export async function makeEvaluator(dataset: DatasetName, heldOut: Uint8Array[]): Promise<{ evaluate: Evaluator; why?: string }> {
  let classifier;
  try {
    const { loadClassifier } = await import('../ml/classifier');
    classifier = await loadClassifier(dataset, { readFile: async (rel) => new Uint8Array(readFileSync(path.join(root, 'public', rel))) });
  } catch (e) {
    return { evaluate: null, why: `no ${dataset} classifier yet (${e instanceof Error ? e.message : String(e)})` };
  }
  const { evaluateImages } = await import('../ml/eval');
  const c = classifier;
  return {
    evaluate: async (t) => {
      const conditional = t.config.conditional;
      const labels = conditional ? Array.from({ length: EVAL_SAMPLES }, (_, i) => i % 10) : undefined;
      const generated = await t.generate(EVAL_SAMPLES, 12345, labels);
      const e = await evaluateImages(c, generated, heldOut);
      const out: Record<string, unknown> = {
        samples: EVAL_SAMPLES,
        histogram: e.histogram,
        coverage: round(e.coverage),
        covered: e.covered,
        entropy: round(e.entropy),
        fid: round(e.fid, 2),
        collapse: { collapsed: e.collapse.collapsed, notImages: e.collapse.notImages, reason: e.collapse.reason },
        real: { histogram: e.real.histogram, entropy: round(e.real.entropy) },
      };
      if (labels) {
        // How often the classifier reads the digit the generator was asked for.
        const got = await c.labels(generated);
        out.conditionedAccuracy = round(got.filter((g, i) => g === labels[i]).length / labels.length);
      }
      return out;
    },
  };
}

export interface CheckpointReport {
  name: string;
  file: string;
  bytes: number;
  config: GanConfig;
  backend: string;
  steps: number;
  targetSteps: number;
  wallSeconds: number;
  stoppedBy: 'steps' | 'time' | 'collapse';
  /** Mean over the last TAIL D/G steps. */
  final: { dLoss: number; gLoss: number; dReal: number; dFake: number };
  eval: Record<string, unknown> | null;
  speckle: { perImage: number; imagesWithAny: number; max: number };
  /** With `ema`: the checkpoint holds the weight average; lastWeights measures G's last weights. */
  ema?: CheckpointSpec['ema'];
  lastWeights?: Record<string, unknown> | null;
  /** Collapse checkpoint: the same metrics at the end of the warm-up, before the collapse settings. */
  beforeCollapse?: Record<string, unknown>;
  evalNote?: string;
}

/** The images of one class (a copy). */
function ofClass(set: ImageSet, label: number): ImageSet {
  const size = set.rows * set.cols;
  const keep = Array.from(set.labels.keys()).filter((i) => set.labels[i] === label);
  const pixels = new Uint8Array(keep.length * size);
  keep.forEach((i, k) => pixels.set(set.pixels.subarray(i * size, (i + 1) * size), k * size));
  return { ...set, count: keep.length, labels: Uint8Array.from(keep.map(() => label)), pixels };
}

async function trainOne(spec: CheckpointSpec, scale: number, outDir: string, previewDir?: string): Promise<CheckpointReport> {
  registerWasmTrainingKernels();
  const backend = await chooseBackend(['wasm']);
  const { train, heldOut } = loadSplits(spec.model.dataset);
  const { evaluate, why } = await makeEvaluator(spec.model.dataset, heldOut);
  const only = spec.collapse?.onlyClass;
  const t = spec.from
    ? await GanTrainer.fromCheckpoint(new Uint8Array(readFileSync(path.join(root, CHECKPOINT_DIR, checkpointFile(spec.from)))), { images: only === undefined ? train : ofClass(train, only), seed: spec.seed })
    : new GanTrainer({ ...spec.model, ...spec.train }, { images: train, seed: spec.seed });
  if (spec.from) {
    const { arch, dataset, conditional, latentDim, hidden } = t.config;
    if (!sameShape({ arch, dataset, conditional, latentDim, hidden } as ModelShape, spec.model)) throw new Error(`${spec.name}: ${spec.from} is not a ${JSON.stringify(spec.model)}`);
    const { beta1: _beta1, ...tunables } = spec.train;
    t.configure(tunables);
  }
  if (t.notes.length) throw new Error(`${spec.name}: the trainer changed the model (${t.notes.join('; ')})`);
  if (spec.ema) t.averageGenerator(spec.ema.decay);
  const target = Math.max(1, Math.round(spec.steps * scale));
  const maxMs = spec.maxSeconds * scale * 1000;
  const tail: Tail = { dLoss: [], gLoss: [], dReal: [], dFake: [] };
  const t0 = performance.now();
  let stoppedBy: CheckpointReport['stoppedBy'] = 'steps';
  let steps = 0; // D+G pairs for step(); D and G steps count separately in collapse rounds (see below)
  let lastLog = t0;
  const progress = () => {
    if (performance.now() - lastLog < 15_000) return;
    lastLog = performance.now();
    log(`${spec.name}: ${steps}/${target} steps, ${((lastLog - t0) / 1000).toFixed(0)} s, D ${mean(tail.dLoss).toFixed(3)} G ${mean(tail.gLoss).toFixed(3)} D(x) ${mean(tail.dReal).toFixed(2)}/${mean(tail.dFake).toFixed(2)}`);
  };
  const warm = spec.collapse ? Math.round(spec.collapse.warmupSteps * scale) : target;
  const annealAt = spec.anneal ? Math.round(spec.anneal.after * scale) : -1;
  while (steps < warm) {
    if (steps === annealAt) t.configure(spec.anneal!.tunables);
    if (performance.now() - t0 > maxMs) {
      stoppedBy = 'time';
      break;
    }
    pushTail(tail, await t.step());
    steps++;
    progress();
  }
  let beforeCollapse: Record<string, unknown> | null = null;
  if (spec.collapse && stoppedBy !== 'time') {
    // First a generator that draws varied digits (an untrained one's blobs all read as one class,
    // which would be no lesson); then the collapse level's own settings, in its own rounds (few D
    // steps, many G steps), until the detector fires. Steps here count D and G steps alike, like
    // RoundReport does.
    const c = spec.collapse;
    beforeCollapse = evaluate ? await evaluate(t) : null;
    if (beforeCollapse) log(`${spec.name}: before, histogram ${JSON.stringify(beforeCollapse.histogram)} ${JSON.stringify(beforeCollapse.collapse)}`);
    t.configure(c.tunables);
    stoppedBy = 'time';
    const startedAt = steps;
    while (performance.now() - t0 < maxMs && steps < target) {
      const r = await t.trainRound([], { dSteps: c.dSteps, gSteps: c.gSteps });
      steps += c.dSteps + c.gSteps;
      pushTail(tail, r);
      progress();
      if (evaluate && steps - startedAt >= c.minSteps * scale) {
        const e = await evaluate(t);
        const collapse = e.collapse as { collapsed: boolean };
        log(`${spec.name}: ${steps} steps, histogram ${JSON.stringify(e.histogram)} collapsed=${collapse.collapsed}`);
        if (collapse.collapsed) {
          stoppedBy = 'collapse';
          break;
        }
      }
    }
    if (stoppedBy === 'time' && steps >= target) stoppedBy = 'steps';
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const half = { weightsOnly: true, float16: true };
  const bytes = spec.ema ? await t.withAveragedGenerator(spec.ema.bn, () => t.save(half)) : await t.save(half);
  const evalLabels = t.config.conditional ? Array.from({ length: EVAL_SAMPLES }, (_, i) => i % 10) : undefined;
  const speckleOf = async (g: GanTrainer) => {
    const sp = speckleReport(await g.generate(EVAL_SAMPLES, 12345, evalLabels), 28, 28);
    return { perImage: round(sp.perImage, 3), imagesWithAny: round(sp.imagesWithAny, 3), max: sp.max };
  };
  let lastWeights: Record<string, unknown> | null = null;
  if (spec.ema) {
    // The same measures for the last (live) weights, to show what the average bought.
    const live = await GanTrainer.fromCheckpoint(await t.save(half), { images: train, seed: spec.seed });
    lastWeights = { ...(evaluate ? await evaluate(live) : {}), speckle: await speckleOf(live) };
    live.dispose();
  }
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, checkpointFile(spec.name));
  writeFileSync(file, bytes);
  // Evaluate what was written: reload the float16 file into a fresh trainer, as the game will.
  const back = await GanTrainer.fromCheckpoint(bytes, { images: train, seed: spec.seed });
  const ev = evaluate ? await evaluate(back) : null;
  // Isolated bright pixels per image (ml/speckle.ts) on the evaluation samples.
  const speckle = await speckleOf(back);
  if (previewDir) {
    mkdirSync(previewDir, { recursive: true });
    const labels = back.config.conditional ? Array.from({ length: 100 }, (_, i) => Math.floor(i / 10)) : undefined;
    writeFileSync(path.join(previewDir, `${spec.name}.png`), encodeGridPng(await back.generate(100, 7, labels), 28, 28, 10));
  }
  back.dispose();
  t.dispose();
  return {
    name: spec.name,
    file: path.relative(root, file),
    bytes: bytes.length,
    config: decodeCheckpoint(bytes).config as unknown as GanConfig,
    backend: backend.name,
    steps,
    targetSteps: target,
    wallSeconds: round(wallSeconds, 1),
    stoppedBy,
    final: { dLoss: round(mean(tail.dLoss)), gLoss: round(mean(tail.gLoss)), dReal: round(mean(tail.dReal)), dFake: round(mean(tail.dFake)) },
    eval: ev,
    speckle,
    ...(spec.ema ? { ema: spec.ema, lastWeights } : {}),
    ...(beforeCollapse ? { beforeCollapse } : {}),
    ...(why ? { evalNote: why } : {}),
  };
}

/** Runs each name in its own child process (WASM is single-threaded: two children use two cores). */
function runChild(name: string, passThrough: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, '--child', name, ...passThrough], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${name}: training exited with code ${code}`))));
  });
}

async function main(): Promise<void> {
  const scale = Number(flag('scale') ?? 1);
  if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${flag('scale')}`);
  const outDir = path.resolve(root, flag('out') ?? 'public/checkpoints');
  const previewDir = flag('preview') ? path.resolve(flag('preview')!) : undefined;
  const child = flag('child');
  if (child) {
    const spec = CHECKPOINT_SPECS.find((s) => s.name === child)!;
    const report = await trainOne(spec, scale, outDir, previewDir);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const valued = new Set(['--jobs', '--scale', '--out', '--preview']);
  const names = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !valued.has(all[i - 1] ?? ''));
  const known = CHECKPOINT_SPECS.map((s) => s.name);
  for (const n of names) if (!known.includes(n)) throw new Error(`unknown checkpoint "${n}"; known: ${known.join(', ')}`);
  const todo = names.length ? CHECKPOINT_SPECS.filter((s) => names.includes(s.name)) : CHECKPOINT_SPECS;
  const jobs = Math.max(1, Number(flag('jobs') ?? 2));
  const pass = ['--scale', String(scale), '--out', outDir, ...(previewDir ? ['--preview', previewDir] : [])];
  log(`training ${todo.map((s) => s.name).join(', ')} (${jobs} at a time, scale ${scale})`);
  const t0 = performance.now();
  // Longest first, so the two lanes finish close together.
  const queue = [...todo].sort((a, b) => b.maxSeconds - a.maxSeconds);
  const failures: string[] = [];
  const lane = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      try {
        process.stdout.write(`${await runChild(s.name, pass)}\n`);
      } catch (e) {
        failures.push(e instanceof Error ? e.message : String(e));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, todo.length) }, lane));
  log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (failures.length) throw new Error(failures.join('\n'));
}

// Run only as a script: scripts/train-trajectory.ts and scripts/eval-checkpoints.ts import the helpers above.
if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  main().catch((e) => {
    log(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
}
