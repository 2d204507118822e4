/**
 * One long seeded training run from scratch per data set, with checkpoints along the way: the
 * generator's trajectory, from blobs to (with luck) clean samples.
 *
 *   npm run train:trajectory -- digits [--minutes N] [--max-steps N] [--resume] [--state DIR] [--out DIR]
 *                                      [--lr-d X --lr-g Y]
 *
 * --lr-d / --lr-g replace the spec's decayed learning rates for this session (an experiment on a
 * continued run, e.g. two time scales; the manifest's command and each point's lrD/lrG record it).
 *
 * Specs (model, seed, learning-rate decay, save points) are TRAJECTORY_SPECS in
 * scripts/checkpoint-specs.ts. Each point is written as <out>/<name>/step-<n>.ganc (weights only,
 * float16, like the level checkpoints), with a PNG grid of 100 samples (step-<n>.png) and a line in
 * <out>/<name>/manifest.json: steps, seconds, the command, the Fréchet distance against the 1,000
 * held-out images (scripts/train-checkpoints.ts's evaluator), the class histogram and isolated bright
 * pixels per image (ml/speckle.ts). The run stops at --minutes, at --max-steps, or on SIGINT/SIGTERM,
 * and always saves a last point when it stops.
 *
 * Resuming: the committed .ganc files hold weights (float16), the step count and the data stream's
 * random state, but not Adam's moments. So the run also keeps its whole float32 state (Adam
 * included) in --state DIR (default: $TMPDIR/gan-arena-trajectory/<name>, refreshed every 5 minutes
 * and at every point). --resume continues from that state when it is at least as far as the last
 * manifest point (an exact continuation), otherwise from the last point's float16 weights with fresh
 * Adam moments (a small bump in the losses for a few hundred steps).
 *
 * Stages: a spec with `startFrom` begins at another trajectory's point instead of from scratch (its
 * weights, step count and data stream; D re-initialised where `freshDiscriminator` says), and its
 * points go on numbering from there: digits-finale polishes digits-wide/step-13735 this way, and
 * saves its points with that point's D (`savedDiscriminator`).
 *
 * Weight averaging: a spec with `ema` keeps an exponential moving average of G's weights from its
 * `from` step on (ml/ema.ts); points from then on hold the averaged generator (D stays live), and the
 * manifest compares live and averaged weights at every point and every `probeEvery` steps
 * (`probes`). The state dir keeps the average too (state-ema.ganc), so --resume from the state
 * continues it exactly; a resume from a point's float16 weights restarts it from those weights
 * (which, for an averaged point, are the averaged ones).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shapeMismatch } from '../game/vocabulary';
import { chooseBackend } from '../ml/backend';
import { withGroupFrom } from '../ml/checkpoint';
import type { ImageSet } from '../ml/format';
import { speckleReport } from '../ml/speckle';
import { GanTrainer, type AverageBatchNorm } from '../ml/trainer';
import { registerWasmTrainingKernels } from '../ml/wasm-kernels';
import { CHECKPOINT_DIR, TRAJECTORY_DIR, TRAJECTORY_SPECS, checkpointFile, decayedRate, isSavePoint, parseTrajectoryPoint, type TrajectorySpec } from './checkpoint-specs';
import { EVAL_SAMPLES, makeEvaluator, round, loadSplits } from './train-checkpoints';
import { encodeGridPng } from './png';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
/** The evaluator draws its samples from this seed; speckle is counted on the same images. */
const EVAL_SEED = 12345;
const GRID_SEED = 7;
const STATE_EVERY_MS = 5 * 60_000;

export interface TrajectoryPoint {
  steps: number;
  /** Training seconds since step 0 (evaluation time left out), summed over resumed sessions. */
  seconds: number;
  minutes: number;
  file: string;
  grid: string;
  bytes: number;
  lrD: number;
  lrG: number;
  /** Mean of the last 50 D+G steps. */
  dLoss: number;
  gLoss: number;
  dReal: number;
  dFake: number;
  fid: number | null;
  histogram: number[] | null;
  entropy: number | null;
  coverage: number | null;
  conditionedAccuracy?: number;
  /** ml/speckle.ts on the 1,000 evaluation samples. */
  speckle: { perImage: number; imagesWithAny: number; max: number };
  command: string;
  savedAt: string;
  /**
   * How this session started: from scratch, exact state, float16 weights with fresh Adam, or (a spec
   * with `startFrom`) another trajectory's point.
   */
  start: 'scratch' | 'state' | 'float16-weights' | 'point';
  /** Points of a spec with `ema`: the file holds the averaged generator; `compare` measures each variant. */
  generator?: 'live' | 'ema';
  ema?: EmaInfo;
  compare?: EmaComparison;
}

export interface EmaInfo {
  decay: number;
  /** The D+G step this session's average started at. */
  since: number;
  bn: AverageBatchNorm;
}

/** One generator variant, measured like a point (float16, reloaded). */
export interface VariantMeasure {
  fid: number | null;
  entropy: number | null;
  speckle: number;
}

/** Live weights vs the weight average with live or recomputed batch norm statistics, at one step. */
export interface EmaComparison {
  live: VariantMeasure;
  emaLiveBn: VariantMeasure;
  emaRecomputedBn: VariantMeasure;
}

export interface TrajectoryProbe extends EmaComparison {
  steps: number;
  seconds: number;
  lrG: number;
  ema: EmaInfo;
  command: string;
}

export interface TrajectoryManifest {
  name: string;
  dataset: string;
  model: TrajectorySpec['model'];
  train: TrajectorySpec['train'];
  seed: number;
  decay: TrajectorySpec['decay'];
  /** A stage's starting point (TrajectorySpec.startFrom). */
  startFrom?: TrajectorySpec['startFrom'];
  speckleDefinition: string;
  fidDefinition: string;
  points: TrajectoryPoint[];
  ema?: TrajectorySpec['ema'];
  probes?: TrajectoryProbe[];
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const SPECKLE_DEFINITION =
  'isolated bright pixels per image: a pixel ≥ 128/255 whose 8 neighbours (those inside the image) are all < 64/255 (ml/speckle.ts), mean over the 1,000 evaluation samples';

/**
 * The bytes of a stage's starting point (TrajectorySpec.startFrom), read once: the first session
 * starts from them, and a stage that saves its points with the point's D takes D from them.
 */
function readStart(spec: TrajectorySpec & { startFrom: NonNullable<TrajectorySpec['startFrom']> }): Uint8Array {
  const { point } = spec.startFrom;
  const source = parseTrajectoryPoint(point);
  if (!source) throw new Error(`${spec.name}: startFrom.point must be trajectory/<name>/step-<n>, got "${point}"`);
  const file = path.join(root, CHECKPOINT_DIR, checkpointFile(point));
  if (!existsSync(file)) throw new Error(`${spec.name}: starts from ${point}, but ${path.relative(root, file)} is missing (npm run train:trajectory -- ${source.trajectory})`);
  return new Uint8Array(readFileSync(file));
}

/**
 * A run's first session: a new GanTrainer, or for a spec with `startFrom` its point (`startBytes`,
 * its training seconds carried over from that trajectory's manifest), D re-initialised where the
 * spec says.
 */
async function begin(spec: TrajectorySpec, train: ImageSet, startBytes: Uint8Array | null): Promise<{ t: GanTrainer; seconds: number; start: TrajectoryPoint['start'] }> {
  if (!spec.startFrom || !startBytes) return { t: new GanTrainer({ ...spec.model, ...spec.train }, { images: train, seed: spec.seed }), seconds: 0, start: 'scratch' };
  const { point, freshDiscriminator } = spec.startFrom;
  const t = await GanTrainer.fromCheckpoint(startBytes, { images: train, seed: spec.seed });
  const k = shapeMismatch(t.config, spec.model);
  if (k) {
    const why = `${spec.name}: ${point} has ${k} ${JSON.stringify(t.config[k])}, the spec ${JSON.stringify(spec.model[k])}`;
    t.dispose();
    throw new Error(why);
  }
  if (freshDiscriminator) t.resetDiscriminator();
  const source = parseTrajectoryPoint(point)!;
  const manifest = path.join(root, TRAJECTORY_DIR, source.trajectory, 'manifest.json');
  const from = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as TrajectoryManifest).points.find((p) => p.steps === source.steps) : undefined;
  return { t, seconds: from?.seconds ?? 0, start: 'point' };
}

async function main(): Promise<void> {
  const valued = new Set(['--minutes', '--max-steps', '--state', '--out', '--lr-d', '--lr-g']);
  const names = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !valued.has(all[i - 1] ?? ''));
  if (names.length !== 1) throw new Error(`name one trajectory: ${TRAJECTORY_SPECS.map((s) => s.name).join(', ')}`);
  const spec = TRAJECTORY_SPECS.find((s) => s.name === names[0]);
  if (!spec) throw new Error(`unknown trajectory "${names[0]}"; known: ${TRAJECTORY_SPECS.map((s) => s.name).join(', ')}`);
  const minutes = flag('minutes') ? Number(flag('minutes')) : Infinity;
  const maxSteps = flag('max-steps') ? Number(flag('max-steps')) : Infinity;
  if (!(minutes > 0) || !(maxSteps > 0)) throw new Error('--minutes and --max-steps must be positive');
  const fixedLrD = flag('lr-d') ? Number(flag('lr-d')) : null;
  const fixedLrG = flag('lr-g') ? Number(flag('lr-g')) : null;
  for (const v of [fixedLrD, fixedLrG]) if (v !== null && !(v > 0 && v < 1)) throw new Error(`--lr-d and --lr-g must be in (0, 1), got ${v}`);
  const resume = process.argv.includes('--resume');
  const outDir = path.resolve(root, flag('out') ?? TRAJECTORY_DIR, spec.name);
  const stateDir = path.resolve(flag('state') ?? path.join(os.tmpdir(), 'gan-arena-trajectory', spec.name));
  const command = `npm run train:trajectory -- ${process.argv.slice(2).join(' ')}`;
  mkdirSync(outDir, { recursive: true });
  mkdirSync(stateDir, { recursive: true });
  const manifestFile = path.join(outDir, 'manifest.json');
  const stateFile = path.join(stateDir, 'state.ganc');
  const stateInfoFile = path.join(stateDir, 'state.json');

  const startBytes = spec.startFrom ? readStart({ ...spec, startFrom: spec.startFrom }) : null;

  registerWasmTrainingKernels();
  const backend = await chooseBackend(['wasm']);
  const { train, heldOut } = loadSplits(spec.model.dataset);
  const { evaluate, why } = await makeEvaluator(spec.model.dataset, heldOut);
  if (why) log(`${spec.name}: no Fréchet distance or histogram: ${why}`);

  let manifest: TrajectoryManifest = {
    name: spec.name,
    dataset: spec.model.dataset,
    model: spec.model,
    train: spec.train,
    seed: spec.seed,
    decay: spec.decay,
    ...(spec.startFrom ? { startFrom: spec.startFrom } : {}),
    speckleDefinition: SPECKLE_DEFINITION,
    fidDefinition: `Fréchet distance between the project classifier's features of ${EVAL_SAMPLES} generated samples (seed ${EVAL_SEED}) and the last 1,000 images of the data set, which neither the GAN nor the classifier trained on`,
    points: [],
  };
  let t: GanTrainer;
  let seconds = 0;
  let emaSince: number | null = null;
  const emaFile = path.join(stateDir, 'state-ema.ganc');
  let start: TrajectoryPoint['start'] = 'scratch';
  if (resume && existsSync(manifestFile)) {
    // The header follows the spec (its decay may have been changed before the decay began, as digits-wide48's was).
    manifest = { ...(JSON.parse(readFileSync(manifestFile, 'utf8')) as TrajectoryManifest), decay: spec.decay, speckleDefinition: SPECKLE_DEFINITION };
    const last = manifest.points[manifest.points.length - 1];
    const info = existsSync(stateInfoFile) ? (JSON.parse(readFileSync(stateInfoFile, 'utf8')) as { steps: number; seconds: number; emaSince?: number | null }) : null;
    if (info && existsSync(stateFile) && (!last || info.steps >= last.steps)) {
      t = await GanTrainer.fromCheckpoint(new Uint8Array(readFileSync(stateFile)), { images: train, seed: spec.seed });
      seconds = info.seconds;
      start = 'state';
      if (spec.ema && typeof info.emaSince === 'number' && existsSync(emaFile)) {
        t.averageGenerator(spec.ema.decay);
        t.loadAverage(new Uint8Array(readFileSync(emaFile)));
        emaSince = info.emaSince;
      }
    } else if (last) {
      t = await GanTrainer.fromCheckpoint(new Uint8Array(readFileSync(path.join(root, last.file))), { images: train, seed: spec.seed });
      seconds = last.seconds;
      start = 'float16-weights';
    } else {
      ({ t, seconds, start } = await begin(spec, train, startBytes));
    }
  } else {
    if (existsSync(manifestFile) && !resume) log(`${spec.name}: starting afresh; the old manifest's points will be replaced as the run passes them`);
    ({ t, seconds, start } = await begin(spec, train, startBytes));
  }
  if (t.notes.length) throw new Error(`${spec.name}: the trainer changed the model (${t.notes.join('; ')})`);
  // The trainer counts D and G steps separately; a trajectory step is one of each.
  let step = Math.round(t.steps / 2);
  const stopAtMs = performance.now() + minutes * 60_000;
  log(`${spec.name}: ${start} at step ${step} (${(seconds / 60).toFixed(1)} min trained), ${backend.name}, model ${JSON.stringify(spec.model)}, out ${path.relative(root, outDir)}, state ${stateDir}`);

  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (stopping) process.exit(130);
      log(`${spec.name}: ${sig}: stopping after this step (saving a last point)`);
      stopping = true;
    });
  }

  const tail: { dLoss: number[]; gLoss: number[]; dReal: number[]; dFake: number[] } = { dLoss: [], gLoss: [], dReal: [], dFake: [] };
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

  const saveState = async () => {
    writeFileSync(`${stateFile}.tmp`, await t.save());
    renameSync(`${stateFile}.tmp`, stateFile);
    if (emaSince !== null) writeFileSync(emaFile, await t.withAveragedGenerator('live', () => t.save({ weightsOnly: true })));
    writeFileSync(stateInfoFile, JSON.stringify({ steps: step, seconds: round(seconds, 1), emaSince }));
  };

  /** A generator's float16 weights, reloaded as the game loads them, measured like a point. */
  const measure = async (bytes: Uint8Array): Promise<VariantMeasure> => {
    const back = await GanTrainer.fromCheckpoint(bytes, { images: train, seed: spec.seed });
    const ev = evaluate ? await evaluate(back) : null;
    const labels = back.config.conditional ? Array.from({ length: EVAL_SAMPLES }, (_, i) => i % 10) : undefined;
    const sp = speckleReport(await back.generate(EVAL_SAMPLES, EVAL_SEED, labels), 28, 28);
    back.dispose();
    return { fid: ev ? (ev.fid as number) : null, entropy: ev ? (ev.entropy as number) : null, speckle: round(sp.perImage, 3) };
  };
  const half = { weightsOnly: true, float16: true };
  // A stage whose own D is scaffolding saves its points with the starting point's D (TrajectorySpec.startFrom).
  const donorD = spec.startFrom?.savedDiscriminator === 'point' ? startBytes : null;
  const compare = async (): Promise<EmaComparison> => ({
    live: await measure(await t.save(half)),
    emaLiveBn: await measure(await t.withAveragedGenerator('live', () => t.save(half))),
    emaRecomputedBn: await measure(await t.withAveragedGenerator('recompute', () => t.save(half))),
  });
  const emaInfo = (): EmaInfo | undefined => (spec.ema && emaSince !== null ? { decay: spec.ema.decay, since: emaSince, bn: spec.ema.bn } : undefined);
  const probe = async () => {
    const c = await compare();
    const p: TrajectoryProbe = { steps: step, seconds: round(seconds, 1), lrG: t.config.lrG, ema: emaInfo()!, ...c, command };
    manifest.probes = [...(manifest.probes ?? []).filter((q) => q.steps < step), p];
    writeFileSync(`${manifestFile}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(`${manifestFile}.tmp`, manifestFile);
    log(`${spec.name}: probe ${step}: FID live ${c.live.fid}, EMA (live BN) ${c.emaLiveBn.fid}, EMA (recomputed BN) ${c.emaRecomputedBn.fid}`);
  };

  const savePoint = async () => {
    const ema = emaInfo();
    const comparison = ema ? await compare() : undefined;
    const own = ema ? await t.withAveragedGenerator(ema.bn, () => t.save(half)) : await t.save(half);
    const bytes = donorD ? withGroupFrom(own, donorD, 'D') : own;
    const base = `step-${step}`;
    const file = path.join(outDir, `${base}.ganc`);
    writeFileSync(file, bytes);
    // Evaluate what was written, reloaded as the game will load it.
    const back = await GanTrainer.fromCheckpoint(bytes, { images: train, seed: spec.seed });
    const ev = evaluate ? await evaluate(back) : null;
    const labels = back.config.conditional ? Array.from({ length: EVAL_SAMPLES }, (_, i) => i % 10) : undefined;
    const samples = await back.generate(EVAL_SAMPLES, EVAL_SEED, labels);
    const sp = speckleReport(samples, 28, 28);
    const gridLabels = back.config.conditional ? Array.from({ length: 100 }, (_, i) => Math.floor(i / 10)) : undefined;
    const grid = path.join(outDir, `${base}.png`);
    writeFileSync(grid, encodeGridPng(await back.generate(100, GRID_SEED, gridLabels), 28, 28, 10));
    back.dispose();
    const point: TrajectoryPoint = {
      steps: step,
      seconds: round(seconds, 1),
      minutes: round(seconds / 60, 1),
      file: path.relative(root, file),
      grid: path.relative(root, grid),
      bytes: bytes.length,
      lrD: t.config.lrD,
      lrG: t.config.lrG,
      dLoss: round(mean(tail.dLoss)),
      gLoss: round(mean(tail.gLoss)),
      dReal: round(mean(tail.dReal)),
      dFake: round(mean(tail.dFake)),
      fid: ev ? (ev.fid as number) : null,
      histogram: ev ? (ev.histogram as number[]) : null,
      entropy: ev ? (ev.entropy as number) : null,
      coverage: ev ? (ev.coverage as number) : null,
      ...(ev && ev.conditionedAccuracy !== undefined ? { conditionedAccuracy: ev.conditionedAccuracy as number } : {}),
      speckle: { perImage: round(sp.perImage, 3), imagesWithAny: round(sp.imagesWithAny, 3), max: sp.max },
      command,
      savedAt: new Date().toISOString(),
      start,
      ...(ema ? { generator: 'ema' as const, ema, compare: comparison } : {}),
    };
    manifest.points = [...manifest.points.filter((p) => p.steps < step), point];
    writeFileSync(`${manifestFile}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(`${manifestFile}.tmp`, manifestFile);
    log(`${spec.name}: point ${step} at ${point.minutes} min: FID ${point.fid} entropy ${point.entropy} speckle ${point.speckle.perImage}/image lr ${point.lrG.toExponential(2)} ${JSON.stringify(point.histogram)}${comparison ? ` compare ${JSON.stringify(comparison)}` : ''}`);
    await saveState();
  };

  let lastState = performance.now();
  let lastLog = performance.now();
  let lastPointStep = manifest.points.length ? manifest.points[manifest.points.length - 1].steps : -1;
  if (spec.ema) manifest.ema = spec.ema;
  while (!stopping && performance.now() < stopAtMs && step < maxSteps) {
    if (spec.ema && emaSince === null && step >= spec.ema.from) {
      t.averageGenerator(spec.ema.decay);
      emaSince = step;
      log(`${spec.name}: averaging G's weights from step ${step} (decay ${spec.ema.decay})`);
    }
    const lr = fixedLrG ?? decayedRate(spec.train.lrG ?? 2e-4, step, spec.decay);
    const lrD = fixedLrD ?? decayedRate(spec.train.lrD ?? 2e-4, step, spec.decay);
    if (lr !== t.config.lrG || lrD !== t.config.lrD) t.configure({ lrG: lr, lrD });
    const s = await t.step();
    seconds += s.ms / 1000;
    step++;
    for (const k of ['dLoss', 'gLoss', 'dReal', 'dFake'] as const) {
      tail[k].push(s[k]);
      if (tail[k].length > 50) tail[k].shift();
    }
    if (performance.now() - lastLog > 60_000) {
      lastLog = performance.now();
      log(`${spec.name}: step ${step}, ${(seconds / 60).toFixed(1)} min, ${s.ms.toFixed(0)} ms/step, D ${mean(tail.dLoss).toFixed(3)} G ${mean(tail.gLoss).toFixed(3)} D(x) ${mean(tail.dReal).toFixed(2)}/${mean(tail.dFake).toFixed(2)} lr ${lr.toExponential(2)}`);
    }
    if (isSavePoint(step, spec)) {
      await savePoint();
      lastPointStep = step;
      lastState = performance.now();
    } else if (spec.ema && emaSince !== null && (step - emaSince) % spec.ema.probeEvery === 0) {
      await probe();
    } else if (performance.now() - lastState > STATE_EVERY_MS) {
      await saveState();
      lastState = performance.now();
    }
  }
  if (step !== lastPointStep) await savePoint();
  log(`${spec.name}: stopped at step ${step} (${(seconds / 60).toFixed(1)} min trained)`);
  t.dispose();
}

main().catch((e) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
