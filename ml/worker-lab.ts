/**
 * The worker's Lab and solo requests, as plain functions over a GanTrainer so Node tests drive them
 * without a Worker: the Lab's D:G loop, real images for a solo round, and the 2-D snapshot (points,
 * D's decision surface and mode coverage).
 */
import { TOY_DATASETS } from '../game/vocabulary';
import { evaluatePoints } from './eval';
import { imageAt, type ImageSet } from './format';
import { Rng } from './random';
import type { GanTrainer } from './trainer';
import type { LabStep, LabStepsResult, RealImages, ToySnapshot } from './gan-config';

const MAX_ITERATIONS = 10_000;
/**
 * A point counts toward a mode within this many σ of its centre. The unrolled-GAN papers use 3σ,
 * which on the ring (σ 0.02) is a 0.06 target: a Lab run would show zero coverage for minutes
 * while its points visibly gather. 10σ (0.2 on the ring, 0.5 on the grid) still lies well inside
 * the gap between neighbouring modes (1.5 and 2).
 */
export const LAB_RADIUS_SIGMAS = 10;

function checkCount(name: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`${name} must be an integer in ${lo}..${hi}, got ${String(v)}`);
}

/** `iterations` rounds of `dSteps` D updates then `gSteps` G updates, no human term. */
export async function labSteps(t: GanTrainer, dSteps: number, gSteps: number, iterations: number): Promise<LabStepsResult> {
  checkCount('dSteps', dSteps, 0, 100);
  checkCount('gSteps', gSteps, 0, 100);
  checkCount('iterations', iterations, 1, MAX_ITERATIONS);
  if (dSteps + gSteps === 0) throw new Error('an iteration needs at least one D or G step');
  const t0 = performance.now();
  const steps: LabStep[] = [];
  for (let i = 0; i < iterations; i++) {
    const s: LabStep = { dLoss: null, gLoss: null, dReal: null, dFake: null };
    for (let k = 0; k < dSteps; k++) {
      const d = await t.stepD();
      s.dLoss = d.dLoss;
      s.dReal = d.dReal;
      s.dFake = d.dFake;
      // D's step also measured G's loss on its fakes: the best figure there is when G does not step.
      s.gLoss = d.gLoss;
    }
    for (let k = 0; k < gSteps; k++) s.gLoss = (await t.stepG()).gLoss;
    steps.push(s);
  }
  return { steps, optimizerSteps: iterations * (dSteps + gSteps), ms: performance.now() - t0 };
}

/** `count` real images drawn at random (seeded) from the data set, with their classes. */
export function realImages(t: GanTrainer, set: ImageSet | null, count: number, seed: number): RealImages {
  if (!set) throw new Error(`the ${t.config.dataset} data has no images to draw`);
  checkCount('count', count, 0, 10_000);
  const rng = new Rng(seed);
  const images: Uint8Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const k = rng.int(set.count);
    images.push(imageAt(set, k).slice());
    labels.push(set.labels[k]);
  }
  return { images, labels };
}

/** Fake and real points, D over a grid×grid lattice, and the mode coverage of the fakes. */
export async function toySnapshot(t: GanTrainer, count: number, grid: number, seed: number): Promise<ToySnapshot> {
  const m = t.mixture;
  if (!m) throw new Error(`the ${t.config.dataset} data is images; a 2-D snapshot needs ${TOY_DATASETS.join(' or ')}`);
  checkCount('count', count, 1, 20_000);
  checkCount('grid', grid, 2, 200);
  const fake = await t.generatePoints(count, seed);
  const real = t.realPoints(count, seed + 1);
  // Frame the modes with a margin of 1.5: strays stay in view, and the modes are not lost in empty space.
  const extent = Math.max(...m.centres.map(([x, y]) => Math.max(Math.abs(x), Math.abs(y)))) + 1.5;
  const lattice = new Float32Array(grid * grid * 2);
  for (let r = 0; r < grid; r++) {
    for (let c = 0; c < grid; c++) {
      const i = r * grid + c;
      lattice[2 * i] = -extent + ((c + 0.5) * 2 * extent) / grid;
      lattice[2 * i + 1] = extent - ((r + 0.5) * 2 * extent) / grid;
    }
  }
  const surface = await t.scorePoints(lattice);
  const report = evaluatePoints(fake, m.centres, m.std, { radiusSigmas: LAB_RADIUS_SIGMAS });
  return {
    real,
    fake,
    surface,
    grid,
    extent,
    centres: m.centres.map(([x, y]) => [x, y]),
    coverage: report.coverage,
    covered: report.covered,
    modes: m.centres.length,
    highQuality: report.highQuality,
    radius: report.radius,
    histogram: report.histogram,
  };
}
