/**
 * Measures every shipped generator: the level checkpoints (public/checkpoints/*.ganc) and the
 * trajectory points (public/checkpoints/trajectory/<name>/step-<n>.ganc).
 *
 *   npm run eval:checkpoints [-- --json] [--only SUBSTRING]
 *
 * Per checkpoint: the Fréchet distance between classifier features of 1,000 generated samples
 * (seed 12345; a conditional generator draws each class 100 times) and the 1,000 held-out images
 * (scripts/train-checkpoints.ts's evaluator), the class histogram and its normalised entropy, and
 * isolated bright pixels per image (ml/speckle.ts). Per data set, the yardsticks: the real-vs-real
 * floor (the same distance between the last 1,000 training images and those 1,000 held-out ones) and
 * the held-out images' own histogram, entropy and speckle. --json prints one JSON document; without
 * it, a table.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chooseBackend } from '../ml/backend';
import { decodeCheckpoint } from '../ml/checkpoint';
import { evaluateImages } from '../ml/eval';
import { type DatasetName, type ImageSet } from '../ml/format';
import { speckleReport } from '../ml/speckle';
import { GanTrainer } from '../ml/trainer';
import { registerWasmTrainingKernels } from '../ml/wasm-kernels';
import { CHECKPOINT_DIR, HELD_OUT, TRAJECTORY_DIR } from './checkpoint-specs';
import { EVAL_SAMPLES, makeEvaluator, round, loadSplits, type Evaluator } from './train-checkpoints';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const EVAL_SEED = 12345;
const log = (s: string) => process.stderr.write(`${s}\n`);

/**
 * The .ganc files to measure, relative to the repository root: level checkpoints first, then each
 * trajectory by step. `dirOf` lists a folder's entries, and nothing for a file or a missing path.
 */
export function listCheckpoints(dirOf: (rel: string) => string[]): string[] {
  const top = dirOf(CHECKPOINT_DIR).filter((f) => f.endsWith('.ganc')).sort().map((f) => `${CHECKPOINT_DIR}/${f}`);
  const stepOf = (f: string) => Number(/^step-(\d+)\.ganc$/.exec(f)?.[1] ?? NaN);
  const trajectories = dirOf(TRAJECTORY_DIR).sort().flatMap((name) =>
    dirOf(`${TRAJECTORY_DIR}/${name}`)
      .filter((f) => Number.isFinite(stepOf(f)))
      .sort((a, b) => stepOf(a) - stepOf(b))
      .map((f) => `${TRAJECTORY_DIR}/${name}/${f}`),
  );
  return [...top, ...trajectories];
}

interface DatasetContext {
  train: ImageSet;
  evaluate: Evaluator;
  why?: string;
  floor: Record<string, unknown>;
}

async function datasetContext(dataset: DatasetName): Promise<DatasetContext> {
  const { train, heldOut } = loadSplits(dataset);
  const { evaluate, why } = await makeEvaluator(dataset, heldOut);
  const size = train.rows * train.cols;
  // The last HELD_OUT training images against the held-out ones: the distance two real samples keep.
  const realTrain = Array.from({ length: HELD_OUT }, (_, i) => train.pixels.slice((train.count - HELD_OUT + i) * size, (train.count - HELD_OUT + i + 1) * size));
  const floor: Record<string, unknown> = { speckle: speckleSummary(heldOut, train.rows, train.cols) };
  if (!why) {
    const { loadClassifier } = await import('../ml/classifier');
    const c = await loadClassifier(dataset, { readFile: async (rel) => new Uint8Array(readFileSync(path.join(root, 'public', rel))) });
    const e = await evaluateImages(c, realTrain, heldOut);
    Object.assign(floor, { fid: round(e.fid, 2), histogram: e.real.histogram, entropy: round(e.real.entropy) });
  }
  return { train, evaluate, why, floor };
}

function speckleSummary(images: Uint8Array[], rows: number, cols: number) {
  const s = speckleReport(images, rows, cols);
  return { perImage: round(s.perImage, 3), imagesWithAny: round(s.imagesWithAny, 3), max: s.max };
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  registerWasmTrainingKernels();
  const backend = await chooseBackend(['wasm']);
  // A file (trajectory/eval.json) or a missing folder lists as empty.
  const dirOf = (rel: string) => (statSync(path.join(root, rel), { throwIfNoEntry: false })?.isDirectory() ? readdirSync(path.join(root, rel)) : []);
  const files = listCheckpoints(dirOf).filter((f) => !only || f.includes(only));
  const contexts = new Map<DatasetName, DatasetContext>();
  const checkpoints: Record<string, unknown>[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(path.join(root, file)));
    const config = decodeCheckpoint(bytes).config as { dataset: DatasetName; arch: string; conditional: boolean; latentDim: number; hidden: number };
    if (!contexts.has(config.dataset)) contexts.set(config.dataset, await datasetContext(config.dataset));
    const ctx = contexts.get(config.dataset)!;
    const t = await GanTrainer.fromCheckpoint(bytes, { images: ctx.train, seed: 1 });
    const labels = t.config.conditional ? Array.from({ length: EVAL_SAMPLES }, (_, i) => i % 10) : undefined;
    const ev = ctx.evaluate ? await ctx.evaluate(t) : null;
    const samples = await t.generate(EVAL_SAMPLES, EVAL_SEED, labels);
    const [rows, cols] = t.imageShape;
    const meta = decodeCheckpoint(bytes).meta as { steps?: number };
    t.dispose();
    const row = {
      file,
      dataset: config.dataset,
      model: { arch: config.arch, conditional: config.conditional, latentDim: config.latentDim, hidden: config.hidden },
      // The trainer counts D and G steps separately.
      optimizerSteps: meta.steps ?? null,
      bytes: bytes.length,
      fid: ev ? ev.fid : null,
      histogram: ev ? ev.histogram : null,
      entropy: ev ? ev.entropy : null,
      coverage: ev ? ev.coverage : null,
      ...(ev && ev.conditionedAccuracy !== undefined ? { conditionedAccuracy: ev.conditionedAccuracy } : {}),
      speckle: speckleSummary(samples, rows, cols),
    };
    checkpoints.push(row);
    log(`${file}: FID ${row.fid} entropy ${row.entropy} speckle ${row.speckle.perImage}/image`);
  }
  const floors = Object.fromEntries([...contexts].map(([d, c]) => [d, { ...c.floor, ...(c.why ? { note: c.why } : {}) }]));
  const report = {
    backend: backend.name,
    samples: EVAL_SAMPLES,
    definitions: {
      fid: `Fréchet distance between the project classifier's features of ${EVAL_SAMPLES} generated samples (seed ${EVAL_SEED}) and the first ${HELD_OUT} images of the held-out split (data/<name>-heldout.bin, held out from the GANs and the classifier); floor: the last ${HELD_OUT} training images against those`,
      speckle: 'isolated bright pixels per image: a pixel ≥ 128/255 whose 8 neighbours (those inside the image) are all < 64/255 (ml/speckle.ts)',
      entropy: 'normalised entropy of the classifier histogram, 0 (one class) to 1 (even)',
    },
    floors,
    checkpoints,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  for (const [d, f] of Object.entries(floors)) process.stdout.write(`${d} real-vs-real: ${JSON.stringify(f)}\n`);
  process.stdout.write(`${'file'.padEnd(56)} ${'FID'.padStart(7)} ${'entropy'.padStart(7)} ${'speckle'.padStart(7)}  histogram\n`);
  for (const c of checkpoints) {
    const s = c.speckle as { perImage: number };
    process.stdout.write(`${String(c.file).padEnd(56)} ${String(c.fid).padStart(7)} ${String(c.entropy).padStart(7)} ${String(s.perImage).padStart(7)}  ${JSON.stringify(c.histogram)}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  main().catch((e) => {
    log(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
}
