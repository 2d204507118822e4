/**
 * Replays the default campaign in Node, as a class would play it, with 30 simulated judges
 * (scripts/lesson-judges.ts): each round the generator makes the round's fakes, the judges vote on
 * them and on as many held-out real images, the votes become the human term of the round's real
 * training steps (ml/trainer.ts, WASM with the project's kernels), and the round is measured.
 *
 *   npm run bench:lesson -- [--budget=cpu|gpu] [--json] [--levels a,b] [--rounds N] [--samples N] [--out DIR] [--judging-steps N] [--seed N]
 *
 * Budgets, in D and G steps per round, from the game's rule (game/setup.ts roundOnHost, the lobby's): a
 * round trains for SECONDS_PER_PLANNED_STEP (0.075 s) per step the level plans, running at least the
 * planned steps where they take at most twice that, at the step time of the host the budget stands for:
 *  - cpu (default): a CPU-only laptop trains the game's DCGAN (hidden 16) at ~0.15 s a step on WASM
 *    (a D+G pair took 0.13–0.3 s in Node on the machines here, `npm run bench:train -- --only node:wasm`),
 *    twice the 0.075 s, so it runs each level's own dSteps/gSteps (game/levels.ts) on the full preset.
 *  - gpu: a laptop GPU at ≈ 7.5 ms a step (≈ 15 ms a D+G pair with WebGL, an estimate, not measured
 *    on a laptop here) fills the same 0.075 s per planned step with GPU_FACTOR (10) steps.
 * A wider model costs more a step (STEP_COST): the finale's hidden-32 DCGAN runs fewer steps in
 * the same seconds, as it would on that host.
 * The steps are counted, not timed, so the figures do not depend on how busy this machine is.
 * On a level that trains while the class judges (trainsWhileJudging: the untrained one), each round
 * first runs the data-only steps the same host fits into judging and the reveal on the full preset
 * (38 s): 38 / 0.15 = 253 steps on the cpu budget, 38 / 0.0075 = 5,066 on the gpu budget (D and G
 * alternating in the level's ratio, no human term; the judged fakes were made before them).
 * `--judging-steps N` replaces that count (0: none).
 * Each level starts as the game's does (game/training-budget.ts carriesOn): the running generator when it has
 * the level's model and is at least as far along as the level's checkpoint, else the checkpoint (always
 * the checkpoint for a level whose lesson is its state: Mode collapse).
 * Per round: Fréchet distance (N samples vs N held-out, the classifier's features), isolated bright
 * pixels per image, normalised histogram entropy, HYPE∞ of the simulated room with its bootstrap
 * interval. At the end of each level a 10×10 sample grid PNG goes to --out.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CAMPAIGN, LEVELS } from '../game/levels';
import { DEFAULT_SETTINGS, type LevelId, type LevelSpec } from '../game/protocol';
import { seededRng } from '../game/rng';
import { hypeInfinity } from '../game/stats';
import { roundOnHost } from '../game/setup';
import { MAX_PHASE_STEPS, SECONDS_PER_PLANNED_STEP, alternation, carriesOn, trainsWhileJudging } from '../game/training-budget';
import { sameShape } from '../game/vocabulary';
import { chooseBackend } from '../ml/backend';
import { checkpointSteps } from '../ml/checkpoint';
import { loadClassifier, type Classifier } from '../ml/classifier';
import { evaluateImages } from '../ml/eval';
import type { ImageSet } from '../ml/format';
import { speckleReport } from '../ml/speckle';
import { GanTrainer } from '../ml/trainer';
import { registerWasmTrainingKernels } from '../ml/wasm-kernels';
import { makeJudges, median, nearestDistances, vote } from './lesson-judges';
import { encodeGridPng } from './png';
import { loadSplits } from './train-checkpoints';

/** Seconds a step takes on the host each budget stands for (see the header). */
export const STEP_SECONDS = { cpu: 0.15, gpu: 0.0075 } as const;
/** 10: the gpu host's steps in the 0.075 s the game gives each planned step. */
export const GPU_FACTOR = Math.round(SECONDS_PER_PLANNED_STEP / STEP_SECONDS.gpu);
/**
 * A D+G step of each width of the DCGAN (batch 64), relative to the game's (hidden 16): ms a step in
 * Node on WASM, 3 warm-up and 20 timed steps each, twice, one core of this 2-core machine
 * (2026-12-05): hidden 16 130–132 ms, 32 348 ms, 48 671–672 ms. The conditional DCGAN's label plane
 * adds little (taken as 1).
 */
export const STEP_COST: Readonly<Record<number, number>> = { 16: 1, 32: 2.7, 48: 5.1 };

/**
 * A round of this level on the host the budget stands for, by the game's rule at that host's step
 * time for the level's model (the planned steps are the full preset's): the steps after the
 * verdicts, and the data-only steps that fit into judging and the reveal.
 */
export function roundPlan(budget: keyof typeof STEP_SECONDS, level: Pick<LevelSpec, 'model' | 'dSteps' | 'gSteps'>): { afterVerdicts: { dSteps: number; gSteps: number }; whileJudging: number } {
  const msStep = Math.round(stepSeconds(budget, level.model) * 1e9) / 1e6;
  const { dSteps, gSteps } = roundOnHost({ dSteps: level.dSteps, gSteps: level.gSteps }, { msD: msStep, msG: msStep });
  return { afterVerdicts: { dSteps, gSteps }, whileJudging: Math.floor((JUDGING_SECONDS * 1000) / msStep) };
}

/** Seconds a step of this level's model takes on the host the budget stands for. */
export function stepSeconds(budget: keyof typeof STEP_SECONDS, model: LevelSpec['model']): number {
  const cost = model.arch === 'dcgan' ? STEP_COST[model.hidden] : 1;
  if (cost === undefined) throw new Error(`no step cost for a hidden-${model.hidden} DCGAN: time it and add it to STEP_COST`);
  return STEP_SECONDS[budget] * cost;
}
/** Judging and the reveal on the full preset, the time a host trains data-only steps while the class judges. */
const JUDGING_SECONDS = DEFAULT_SETTINGS.roundSeconds + DEFAULT_SETTINGS.revealSeconds;
const JUDGES = 30;
/** A round shows this many fakes and as many reals. */
const FAKES = 3;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
/** `--name=value` or `--name value`. */
const opt = (name: string) => {
  const i = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return process.argv[i].includes('=') ? process.argv[i].slice(name.length + 3) : process.argv[i + 1];
};

interface DatasetKit {
  train: ImageSet;
  heldOut: Uint8Array[];
  heldOutLabels: number[];
  classifier: Classifier;
  realFeatures: Float64Array[];
  d0: number;
}

async function kit(dataset: 'digits' | 'fashion'): Promise<DatasetKit> {
  const { train, heldOut, heldOutLabels } = loadSplits(dataset);
  const classifier = await loadClassifier(dataset, { readFile: async (rel) => new Uint8Array(readFileSync(path.join(root, 'public', rel))) });
  const realFeatures = (await classifier.predict(heldOut)).features;
  const d0 = median(nearestDistances(realFeatures, realFeatures, realFeatures.map((_, i) => i)));
  return { train, heldOut, heldOutLabels, classifier, realFeatures, d0 };
}

async function main() {
  const budgetName = opt('budget') ?? 'cpu';
  if (budgetName !== 'cpu' && budgetName !== 'gpu') throw new Error(`--budget must be cpu or gpu, got ${budgetName}`);
  const factor = budgetName === 'gpu' ? GPU_FACTOR : 1;
  const levels = (opt('levels')?.split(',') ?? DEFAULT_CAMPAIGN) as LevelId[];
  for (const l of levels) if (!LEVELS[l]) throw new Error(`unknown level ${l}`);
  const rounds = Number(opt('rounds') ?? 3);
  const samples = Number(opt('samples') ?? 1000);
  const out = path.resolve(opt('out') ?? '/tmp/bench-lesson');
  const judgingArg = opt('judging-steps');
  const fixedJudgingSteps = judgingArg === undefined ? null : Number(judgingArg);
  if (fixedJudgingSteps !== null && !(Number.isInteger(fixedJudgingSteps) && fixedJudgingSteps >= 0 && fixedJudgingSteps <= MAX_PHASE_STEPS)) throw new Error(`--judging-steps must be an integer in 0..${MAX_PHASE_STEPS}, got ${judgingArg}`);
  mkdirSync(out, { recursive: true });
  registerWasmTrainingKernels();
  const backend = await chooseBackend(['wasm']);
  const kits = new Map<string, DatasetKit>();
  // --seed N: another draw of judges, fakes and votes (and of an untrained level's weights), to see
  // how much a level's figures move from run to run; 0 is the default replay.
  const seed = Number(opt('seed') ?? 0);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got ${opt('seed')}`);
  const rng = seededRng(2024 + seed);
  const judges = makeJudges(JUDGES, rng);
  let trainer: GanTrainer | null = null;
  let steps = 0;
  const rows: Record<string, unknown>[] = [];
  const levelsOut: Record<string, unknown>[] = [];

  for (const id of levels) {
    const level: LevelSpec = LEVELS[id];
    const dataset = level.model.dataset as 'digits' | 'fashion';
    if (!kits.has(dataset)) kits.set(dataset, await kit(dataset));
    const k = kits.get(dataset)!;
    const shipped = level.checkpoint ? new Uint8Array(readFileSync(path.join(root, 'public/checkpoints', `${level.checkpoint}.ganc`))) : null;
    const config = { ...level.model, ...level.tunables, humanWeight: level.humanWeight, batchSize: 64 };
    const carries = trainer && sameShape(trainer.config, level.model) && carriesOn(level, steps, shipped ? checkpointSteps(shipped) : null);
    let start: string;
    if (carries) {
      trainer!.configure({ ...level.tunables, humanWeight: level.humanWeight });
      start = `carried on (${steps} steps)`;
    } else {
      trainer?.dispose();
      trainer = shipped ? await GanTrainer.fromCheckpoint(shipped, { images: k.train, seed: 7 + seed }) : new GanTrainer(config, { images: k.train, seed: 7 + seed });
      trainer.configure({ ...level.tunables, humanWeight: level.humanWeight });
      steps = shipped ? checkpointSteps(shipped) : 0;
      start = shipped ? `checkpoint ${level.checkpoint} (${steps} steps)` : 'untrained';
    }
    const t = trainer!;
    const plan = roundPlan(budgetName, level);
    const budget = plan.afterVerdicts;
    const judgingSteps = fixedJudgingSteps ?? plan.whileJudging;
    log(`${id}: ${start}; ${rounds} rounds of ${budget.dSteps} D + ${budget.gSteps} G steps${trainsWhileJudging(level) ? ` after ${judgingSteps} data-only steps while judging` : ''}`);
    const drawLabel = level.drawClass;
    const realPool = k.heldOut.flatMap((im, i) => (drawLabel === undefined || k.heldOutLabels[i] === drawLabel ? [i] : []));
    const levelRows: Record<string, unknown>[] = [];
    for (let round = 1; round <= rounds; round++) {
      // The round's images: FAKES fakes and FAKES held-out reals, judged by every simulated student.
      const fakeLabels = level.model.conditional ? Array.from({ length: FAKES }, () => drawLabel ?? Math.floor(rng() * 10)) : undefined;
      const fakes = await t.generate(FAKES, Math.floor(rng() * 2 ** 31), fakeLabels);
      const realIdx = Array.from({ length: FAKES }, () => realPool[Math.floor(rng() * realPool.length)]);
      const images = [...fakes, ...realIdx.map((i) => k.heldOut[i])];
      const truth = [...fakes.map(() => 'fake' as const), ...realIdx.map(() => 'real' as const)];
      const feats = (await k.classifier.predict(images)).features;
      // A real image is measured against the other held-out images, never against itself.
      const z = nearestDistances(feats, k.realFeatures, [...fakes.map(() => -1), ...realIdx]).map((d) => d / k.d0);
      const votes = vote(z, truth, judges, rng);
      const hype = hypeInfinity(votes.tallies, seededRng(round));
      const labels = [...(fakeLabels ?? fakes.map(() => undefined)), ...realIdx.map((i) => k.heldOutLabels[i])];
      const verdicts = images.map((pixels, i) => ({ pixels, truth: truth[i], votes: votes.votes[i], fakeVotes: votes.fakeVotes[i], label: labels[i] }));
      // While the class judges: data-only steps (the fakes above are already made and judged).
      // Counted, not timed: the seconds are trainData's most, so the step count alone stops it.
      const judged = judgingSteps > 0 && trainsWhileJudging(level) ? await t.trainData({ seconds: 3600, maxSteps: judgingSteps, ...alternation(budget) }) : null;
      steps += judged ? judged.dSteps + judged.gSteps : 0;
      const t0 = performance.now();
      const report = await t.trainRound(verdicts, budget);
      const trainSeconds = (performance.now() - t0) / 1000;
      steps += report.dSteps + report.gSteps;
      const evalLabels = level.model.conditional ? Array.from({ length: samples }, (_, i) => i % 10) : undefined;
      const generated = await t.generate(samples, 12345, evalLabels);
      const e = await evaluateImages(k.classifier, generated, k.heldOut.slice(0, samples));
      const row = {
        level: id,
        round,
        budget: budgetName,
        steps,
        trainSeconds: +trainSeconds.toFixed(1),
        judgingSteps: judged ? judged.dSteps + judged.gSteps : 0,
        judgingSeconds: judged ? +(judged.ms / 1000).toFixed(1) : 0,
        fid: +e.fid.toFixed(2),
        speckle: +speckleReport(generated, 28, 28).perImage.toFixed(3),
        entropy: +e.entropy.toFixed(4),
        notImages: e.collapse.notImages,
        collapsed: e.collapse.collapsed,
        hype: hype.score === null ? null : +hype.score.toFixed(3),
        hypeInterval: hype.interval ? [+hype.interval.low.toFixed(3), +hype.interval.high.toFixed(3)] : null,
        fakeError: hype.fakeError === null ? null : +hype.fakeError.toFixed(3),
        realError: hype.realError === null ? null : +hype.realError.toFixed(3),
        meanFakeZ: +(z.slice(0, FAKES).reduce((a, b) => a + b, 0) / FAKES).toFixed(2),
      };
      log(JSON.stringify(row));
      rows.push(row);
      levelRows.push(row);
    }
    const gridLabels = level.model.conditional ? Array.from({ length: 100 }, (_, i) => Math.floor(i / 10)) : undefined;
    const grid = path.join(out, `${budgetName}-${id}.png`);
    writeFileSync(grid, encodeGridPng(await t.generate(100, 7, gridLabels), 28, 28, 10));
    const first = levelRows[0] as { fid: number };
    const last = levelRows[levelRows.length - 1] as { fid: number };
    levelsOut.push({ level: id, start, stepsPerRound: budget, judgingStepsPerRound: trainsWhileJudging(level) ? judgingSteps : 0, firstFid: first.fid, lastFid: last.fid, noWorse: last.fid <= first.fid + 3, grid });
  }
  trainer?.dispose();
  const result = { budget: budgetName, factor, stepSeconds: STEP_SECONDS[budgetName], stepCost: STEP_COST, seed, backend: backend.name, judges: JUDGES, imagesPerRound: 2 * FAKES, samples, rounds: rows, levels: levelsOut };
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else for (const l of levelsOut) process.stdout.write(`${JSON.stringify(l)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
