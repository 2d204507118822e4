/**
 * Records the example data lesson cards show before a room has its own: real training runs of
 * the project's own GanTrainer on digits (WASM backend with the project's training kernels, like
 * scripts/train-checkpoints.ts), written to public/lessons/examples.json.
 *
 *   npx tsx scripts/lesson-examples.ts [--steps 2000] [--runs main,badLr,wgan,conditional] [--quick]
 *   npx tsx scripts/lesson-examples.ts --only=comparisons [--fix-steps 1500]
 *
 * --runs re-records only the runs named and keeps the others already in the file.
 * --only=comparisons records only `comparisons` (WASM backend, from the shipped checkpoints) and
 * leaves everything else in the file exactly as it is: no run is retrained.
 *
 * Runs: 'main' (the levels' DCGAN from scratch with the digits trajectory's settings, long enough to
 * draw readable digits; non-saturating loss: losses, D(x), samples over time, interpolation, the
 * trained D's error as a stand-in judge, and the class histogram and FID when the committed
 * classifier exists), 'badLr' (the same model with a learning rate 25× too high), 'wgan' (WGAN-GP critic
 * loss) and 'conditional' (a cGAN asked for 7s). Nothing is invented: every number is measured.
 *
 * Comparisons: 'mlpVsDcgan' (the fully trained MLP checkpoint and the "Convolutions" DCGAN one) and
 * 'fixit' (the collapsed checkpoint trained on for the same number of steps with the "Mode
 * collapse" level's settings, and with the "Fix it" level's WGAN-GP settings).
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { imagesOf, readSplit } from '../ml/dataset-files';
import { headOf, imageAt, CLASS_NAMES, type ImageSet } from '../ml/format';
import { GanTrainer, type GanConfig } from '../ml/trainer';
import { run, trainableVariables } from '../ml/models';
import { generatorLoss } from '../ml/losses';
import { toSigned } from '../ml/data';
import { encodePixels } from '../game/protocol';
import { bootstrapProportion } from '../game/stats';
import { seededRng } from '../game/rng';
import type { Comparison, ComparisonSide, LessonData, LessonExamples } from '../game/lessons/types';
import { chooseBackend } from '../ml/backend';
import { registerWasmTrainingKernels } from '../ml/wasm-kernels';
import { CHECKPOINT_DIR, TRAJECTORY_SPECS, checkpointFile } from './checkpoint-specs';
import { LEVELS } from '../game/levels';
import { layerSizes } from '../game/lessons/room';

const ROOT = path.join(__dirname, '..');
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const QUICK = process.argv.includes('--quick');
const ONLY = (() => {
  const eq = process.argv.find((a) => a.startsWith('--only='));
  if (eq) return eq.slice('--only='.length);
  const i = process.argv.indexOf('--only');
  return i >= 0 ? process.argv[i + 1] : null;
})();
/** Steps (D and G counted separately, as in a RoundReport) each side of the fix-it comparison trains. */
const FIX_STEPS = arg('fix-steps', QUICK ? 300 : 3000);
/** Samples per side of a comparison, from the same seed on both sides. */
const COMPARE_N = 12;
const COMPARE_SEED = 2024;
/** D+G step pairs of the main run: the digits trajectory drew readable digits by 2,000 (FID about 50). */
const STEPS = arg('steps', QUICK ? 20 : 2000);
const RUNS = (() => {
  const i = process.argv.indexOf('--runs');
  return new Set(i >= 0 ? process.argv[i + 1].split(',') : ['main', 'badLr', 'wgan', 'conditional']);
})();
/** The side runs use a narrow MLP (hidden 64): fast, and their point is the curves. */
const SIDE = { hidden: 64 } as const;
/** The main run: the levels' DCGAN (latent 32, hidden 16) with the digits trajectory's learning rates. */
const DIGITS_TRAJECTORY = TRAJECTORY_SPECS.find((t) => t.name === 'digits')!;
const MAIN = { ...DIGITS_TRAJECTORY.model, ...DIGITS_TRAJECTORY.train, dataset: 'digits' } as const;
/** "z → 128 → 256 → 512 → 784" or "z → 7×7×32 → 14×14×16 → 28×28", as ml/models.ts builds G. */
function layersText(c: GanConfig): string {
  if (c.arch === 'mlp') return ['z', ...layerSizes({ ...c, dataset: 'digits' }).slice(1)].join(' → ');
  return `z → 7×7×${2 * c.hidden} → 14×14×${c.hidden} → 28×28`;
}
/** Points kept per curve: enough to draw, few enough to keep the file small. */
const CURVE_POINTS = 200;
const SNAPSHOTS = 8;

const b64 = (px: Uint8Array) => encodePixels(px);
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

function thin<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  return Array.from({ length: n }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (n - 1))]);
}

/**
 * GanTrainer keeps its networks private (the game only needs rounds and samples), but two example
 * measures need them: D's per-image verdicts and the gradient norm reaching G. Read-only access.
 */
function nets(t: GanTrainer): { G: tf.LayersModel; D: tf.LayersModel } {
  return t as unknown as { G: tf.LayersModel; D: tf.LayersModel };
}

/** The trained D as a judge: the share of fresh fakes it calls real, and of reals it calls fake. */
async function discriminatorJudge(t: GanTrainer, images: ImageSet, n: number): Promise<Partial<LessonData>> {
  const { D } = nets(t);
  const fakes = await t.generate(n, 4242);
  const score = async (px: Uint8Array[]) => {
    const x = tf.tensor4d(toSigned(concat(px)), [px.length, 28, 28, 1]);
    const p = tf.tidy(() => tf.sigmoid(run(D, [x], false)[0]));
    const v = Array.from(await p.data());
    tf.dispose([x, p]);
    return v;
  };
  const reals = Array.from({ length: n }, (_, i) => imageAt(images, (i * 37) % images.count));
  const fooled = (await score(fakes)).map((p) => (p > 0.5 ? 1 : 0) as 0 | 1);
  const missed = (await score(reals)).map((p) => (p <= 0.5 ? 1 : 0) as 0 | 1);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const iv = bootstrapProportion(fooled, seededRng(7))!;
  return {
    fooledRate: round4(mean(fooled)),
    fooledInterval: { low: round4(iv.low), high: round4(iv.high) },
    fakeErrorRate: round4(mean(fooled)),
    realErrorRate: round4(mean(missed)),
    judgments: 2 * n,
    judge: 'discriminator',
  };
}

function concat(px: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(px.length * 784);
  px.forEach((p, i) => out.set(p, i * 784));
  return out;
}

/** ‖∇_θG L_G‖₂ for one batch: how strongly D's verdict pushes on G's weights right now. */
function generatorGradientNorm(t: GanTrainer): number {
  const { G, D } = nets(t);
  return tf.tidy(() => {
    const z = tf.randomNormal([t.config.batchSize, t.config.latentDim], 0, 1, 'float32', 11);
    const { grads } = tf.variableGrads(() => generatorLoss(t.config.loss, run(D, [run(G, [z], true)[0]], true)[0]), trainableVariables(G));
    const sq = Object.values(grads).reduce((s, g) => s + (tf.sum(tf.square(g)).dataSync()[0] as number), 0);
    return round4(Math.sqrt(sq));
  });
}

interface RunResult {
  data: LessonData;
  trainer: GanTrainer;
}

async function train(name: string, config: Partial<GanConfig> & { dataset: 'digits' }, images: ImageSet, steps: number, opts: { labels?: number[] } = {}): Promise<RunResult> {
  const t = new GanTrainer(config, { images, seed: 1 });
  if (t.notes.length) throw new Error(`${name}: the trainer changed the model (${t.notes.join('; ')})`);
  const losses: LessonData['losses'] = [];
  const dTrace: LessonData['dTrace'] = [];
  const samplesOverTime: NonNullable<LessonData['samplesOverTime']> = [];
  const every = Math.max(1, Math.floor(steps / (SNAPSHOTS - 1)));
  const snap = async (step: number) => {
    const [img] = await t.generate(1, 2024, opts.labels?.slice(0, 1));
    samplesOverTime.push({ step, image: b64(img) });
  };
  const t0 = Date.now();
  await snap(0);
  for (let i = 1; i <= steps; i++) {
    const s = await t.step();
    losses.push({ d: round4(s.dLoss), g: round4(s.gLoss) });
    dTrace.push({ real: round4(s.dReal), fake: round4(s.dFake) });
    if (i % every === 0 || i === steps) {
      if (samplesOverTime[samplesOverTime.length - 1].step !== i) await snap(i);
      console.log(`${name}: step ${i}/${steps}  D ${s.dLoss.toFixed(3)}  G ${s.gLoss.toFixed(3)}  D(x) ${s.dReal.toFixed(2)}/${s.dFake.toFixed(2)}  ${((Date.now() - t0) / i).toFixed(0)} ms/step`);
    }
  }
  const c = t.config;
  const data: LessonData = {
    source: 'example',
    caption: `${c.conditional ? 'Conditional ' : ''}${c.arch === 'dcgan' ? 'DCGAN' : 'MLP GAN'} (hidden ${c.hidden}) on digits, ${c.loss} loss, learning rate ${c.lrG}, batch ${c.batchSize}, ${steps} steps on the ${t.backend} backend`,
    losses: thin(losses, CURVE_POINTS),
    lossKind: c.loss,
    dTrace: thin(dTrace, CURVE_POINTS),
    samplesOverTime: thin(samplesOverTime, SNAPSHOTS),
    samples: (await t.generate(opts.labels?.length ?? 12, 99, opts.labels)).map(b64),
    latentDim: c.latentDim,
    layerSizes: layerSizes({ ...c, dataset: 'digits' }),
    batchSize: c.batchSize,
    stepsThisRound: steps,
    backend: t.backend,
  };
  return { data, trainer: t };
}

/** Class histogram and Fréchet distance from the committed digits classifier (ml/eval.ts), if it is there. */
async function evaluate(samples: Uint8Array[], real: Uint8Array[]): Promise<Pick<LessonData, 'histogram' | 'fid'>> {
  try {
    const { loadClassifier } = await import('../ml/classifier');
    const { evaluateImages } = await import('../ml/eval');
    const clf = await loadClassifier('digits', { readFile: async (rel) => new Uint8Array(readFileSync(path.join(ROOT, 'public', rel))) });
    const ev = await evaluateImages(clf, samples, real);
    clf.dispose();
    return { histogram: { counts: ev.histogram, classNames: [...CLASS_NAMES.digits] }, fid: Math.round(ev.fid * 100) / 100 };
  } catch (e) {
    console.warn(`no class histogram or FID: the digits classifier is not available (${(e as Error).message})`);
    return {};
  }
}

const loadCheckpoint = (name: string) => new Uint8Array(readFileSync(path.join(ROOT, CHECKPOINT_DIR, checkpointFile(name))));

/** How many of the 10 digit classes get at least 10 of 500 samples from the committed classifier, if it is there. */
async function classesSeen(t: GanTrainer, images: ImageSet): Promise<number | null> {
  const ev = await evaluate(await t.generate(500, 77), Array.from({ length: 500 }, (_, i) => imageAt(images, (i * 13 + 5) % images.count)));
  return ev.histogram ? ev.histogram.counts.filter((c) => c >= 10).length : null;
}

/** Side-by-side strips from the shipped checkpoints, on the WASM backend like scripts/train-checkpoints.ts. */
async function recordComparisons(images: ImageSet): Promise<NonNullable<LessonExamples['comparisons']>> {
  registerWasmTrainingKernels();
  const backend = await chooseBackend(['wasm']);
  console.log(`comparisons on ${backend.name}: ${backend.reason}`);
  const side = async (t: GanTrainer, label: string, note: string): Promise<ComparisonSide> => ({ label, note, images: (await t.generate(COMPARE_N, COMPARE_SEED)).map(b64) });

  // MLP vs DCGAN: the two levels' checkpoints as shipped, no training here.
  const mlp = await GanTrainer.fromCheckpoint(loadCheckpoint('digits-mlp'), { images, seed: 1 });
  const dcgan = await GanTrainer.fromCheckpoint(loadCheckpoint(LEVELS.dcgan.checkpoint!), { images, seed: 1, allowSlowConv: true });
  if (dcgan.config.arch !== 'dcgan') throw new Error(`the DCGAN checkpoint loaded as ${dcgan.config.arch} (${dcgan.notes.join('; ')})`);
  const mlpVsDcgan: Comparison = {
    caption: `GAN Arena's shipped checkpoints digits-mlp and ${LEVELS.dcgan.checkpoint}, ${COMPARE_N} samples each from the same seed, no further training`,
    left: await side(mlp, 'MLP generator', `every pixel wired to every number: ${layersText(mlp.config)} (batch norm between), ${mlp.steps} D and G updates`),
    right: await side(dcgan, 'DCGAN generator', `transposed convolutions: ${layersText(dcgan.config)}, ${dcgan.steps} D and G updates`),
  };
  mlp.dispose();
  dcgan.dispose();

  // Without vs with the fix: the collapsed checkpoint, trained on for the same steps two ways.
  const collapseLevel = LEVELS.collapse;
  const fixLevel = LEVELS.fixit;
  const trainOn = async (level: typeof fixLevel, seed: number) => {
    const t = await GanTrainer.fromCheckpoint(loadCheckpoint(fixLevel.checkpoint!), { images, seed });
    t.configure(level.tunables);
    let steps = 0;
    let last: { dLoss: number; gLoss: number; gradientNorm?: number } = { dLoss: 0, gLoss: 0 };
    const t0 = Date.now();
    while (steps < FIX_STEPS) {
      const r = await t.trainRound([], { dSteps: level.dSteps, gSteps: level.gSteps });
      steps += r.dSteps + r.gSteps;
      last = { dLoss: r.dLoss, gLoss: r.gLoss, gradientNorm: r.gradientNorm };
      console.log(`fixit/${level.id}: ${steps}/${FIX_STEPS} steps  D ${r.dLoss.toFixed(3)}  G ${r.gLoss.toFixed(3)}  ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    return { t, steps, last };
  };
  const fixed2 = (v: number) => (Math.abs(v) < 0.005 ? '0.00' : v.toFixed(2));
  const lossWord = (loss: string) => (loss === 'wgan-gp' ? 'critic' : 'D');
  const describe = async (run: Awaited<ReturnType<typeof trainOn>>, level: typeof fixLevel) => {
    const c = run.t.config;
    const seen = await classesSeen(run.t, images);
    return `${run.steps} more steps with the "${level.name}" settings (${c.loss}, learning rate ${c.lrG}, ${level.dSteps} D : ${level.gSteps} G per round); last round ${lossWord(c.loss)} loss ${fixed2(run.last.dLoss)}, G loss ${fixed2(run.last.gLoss)}${run.last.gradientNorm === undefined ? '' : `, size of G's gradient ${run.last.gradientNorm.toPrecision(2)}`}${seen === null ? '' : `; the classifier sorts 500 samples into ${seen} of the 10 digits`}`;
  };
  const without = await trainOn(collapseLevel, 1);
  const withFix = await trainOn(fixLevel, 1);
  const fixit: Comparison = {
    caption: `The collapsed generator of "Mode collapse" (checkpoint ${fixLevel.checkpoint}), trained on for ${FIX_STEPS} steps two ways; ${COMPARE_N} samples each from the same seed`,
    left: await side(without.t, 'Without the fix', await describe(without, collapseLevel)),
    right: await side(withFix.t, 'With WGAN-GP', await describe(withFix, fixLevel)),
  };
  without.t.dispose();
  withFix.t.dispose();
  return { mlpVsDcgan, fixit };
}

async function main() {
  registerWasmTrainingKernels();
  const backend = await chooseBackend(['wasm']);
  console.log(`on ${backend.name}: ${backend.reason}`);
  const images0 = readSplit('digits', 'train', ROOT);
  if (ONLY === 'comparisons') {
    const file = path.join(ROOT, 'public/lessons/examples.json');
    const text = readFileSync(file, 'utf8');
    const previous = JSON.parse(text) as LessonExamples;
    const comparisons = await recordComparisons(images0);
    // Same keys in the same order, the rest untouched: only `comparisons` changes.
    const json = JSON.stringify({ ...previous, comparisons });
    writeFileSync(file, json);
    console.log(`wrote ${file}: comparisons only, ${(json.length / 1024).toFixed(0)} KB`);
    return;
  }
  if (ONLY) throw new Error(`--only takes "comparisons", got "${ONLY}"`);
  const images = readSplit('digits', 'train', ROOT);
  const file = path.join(ROOT, 'public/lessons/examples.json');
  const previous: LessonExamples | null = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LessonExamples) : null;
  const runs: LessonExamples['runs'] = previous?.runs ?? { main: { source: 'example' } };
  let evaluation: Pick<LessonData, 'histogram' | 'fid'> = {};

  if (RUNS.has('main')) {
    const main = await train('main', MAIN, images, STEPS);
    const t = main.trainer;
    const [za, zb] = [t.sampleLatent(3), t.sampleLatent(8)];
    main.data.interpolation = (await t.interpolate(za, zb, 8)).map(b64);
    main.data.realSamples = Array.from({ length: 12 }, (_, i) => b64(imageAt(images, i * 101)));
    main.data.gradientNorm = generatorGradientNorm(t);
    Object.assign(main.data, await discriminatorJudge(t, images, 200));
    // The real side: held-out digits (never trained on), like every Fréchet distance the scripts report.
    evaluation = await evaluate(await t.generate(500, 77), imagesOf(headOf(readSplit('digits', 'heldout', ROOT), 500)));
    Object.assign(main.data, evaluation);
    // No timeline: it is a game's rounds and their fooled rates, which a training run does not have.
    t.dispose();
    runs.main = main.data;
  }

  const short = Math.max(10, Math.round(STEPS * 0.4));
  if (RUNS.has('badLr')) {
    // 25× the default learning rate and Adam's default β1 = 0.9: the classic unstable set-up.
    const bad = await train('badLr', { dataset: 'digits', ...SIDE, lrD: 5e-3, lrG: 5e-3, beta1: 0.9 }, images, short);
    bad.trainer.dispose();
    runs.badLr = bad.data;
  }
  if (RUNS.has('wgan')) {
    const wgan = await train('wgan', { dataset: 'digits', ...SIDE, loss: 'wgan-gp', lrD: 1e-4, lrG: 1e-4 }, images, short);
    wgan.trainer.dispose();
    runs.wgan = wgan.data;
  }
  if (RUNS.has('conditional')) {
    const seven = 7;
    const cond = await train('conditional', { dataset: 'digits', ...SIDE, conditional: true }, images, Math.round(STEPS * 0.7), { labels: new Array<number>(8).fill(seven) });
    cond.data.conditionalClass = String(seven);
    cond.trainer.dispose();
    runs.conditional = cond.data;
  }

  const out: LessonExamples = {
    version: 1,
    about: `Recorded by scripts/lesson-examples.ts on ${new Date().toISOString().slice(0, 10)} with GAN Arena's own GanTrainer (tfjs ${tf.version.tfjs}, ${backend.name} backend with the project's training kernels)${QUICK ? ' — quick smoke run' : ''}.`,
    runs,
    ...(previous?.comparisons ? { comparisons: previous.comparisons } : {}),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  const json = JSON.stringify(out);
  writeFileSync(file, json);
  console.log(`wrote ${file}: ${(json.length / 1024).toFixed(0)} KB${RUNS.has('main') && !evaluation.histogram ? ' (no histogram)' : ''}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
