/**
 * Machine metrics for a generator, from the project classifier's outputs (images) or from the known
 * mode centres (2-D toy mixtures): class histogram, mode coverage, normalised entropy, and a Fréchet
 * distance between classifier features of generated and real images (an FID for 28×28 data).
 *
 * Pure TypeScript: only `evaluateImages` touches the classifier, and it imports it as a type, so the
 * server and the teacher dashboard can use everything here without loading tfjs.
 */
import { argmax, meanAndCovariance, matMul, sqrtPsd, symmetrize, trace, jacobiEigen, type Moments } from './linalg';
import type { Classifier } from './classifier';
// ModeReport lives with the detector that reads it, so collapse.ts needs nothing from here.
import { detectCollapse, greyShare, type CollapseVerdict, type ModeReport } from './collapse';

export type { ModeReport };

/**
 * Default for "covered": a quarter of a fair share. A class the generator produces at a quarter of
 * its natural rate is under-drawn but present; below that, at the sample sizes a classroom shows
 * (a few hundred), a class is usually one or two stray misclassifications, not a mode.
 */
export function defaultMinShare(classes: number): number {
  return 1 / (4 * classes);
}

/** Counts each sample's most likely class. */
export function classHistogram(probabilities: readonly ArrayLike<number>[], classes: number): number[] {
  const histogram = new Array<number>(classes).fill(0);
  for (const row of probabilities) {
    if (row.length !== classes) throw new Error(`expected ${classes} probabilities per sample, got ${row.length}`);
    histogram[argmax(row)] += 1;
  }
  return histogram;
}

export function normalisedEntropy(histogram: readonly number[]): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0 || histogram.length < 2) return 0;
  let h = 0;
  for (const c of histogram) if (c > 0) h -= (c / total) * Math.log(c / total);
  return h / Math.log(histogram.length);
}

/** Coverage and entropy of a histogram; `total` may exceed its sum (toy points near no mode). */
export function modeReport(histogram: readonly number[], options: { total?: number; minShare?: number } = {}): ModeReport {
  const k = histogram.length;
  const total = options.total ?? histogram.reduce((a, b) => a + b, 0);
  const minShare = options.minShare ?? defaultMinShare(k);
  // A class with any samples at all always needs at least one, so tiny sets cannot "cover" with zero.
  const need = Math.max(1, minShare * total);
  const covered = total === 0 ? 0 : histogram.filter((c) => c >= need).length;
  return { histogram: [...histogram], total, covered, coverage: k === 0 ? 0 : covered / k, entropy: normalisedEntropy(histogram), minShare };
}

/** The Fréchet distance between two Gaussians: ||μ1−μ2||² + Tr(Σ1 + Σ2 − 2(Σ1½ Σ2 Σ1½)½). */
export function frechetFromMoments(a: Pick<Moments, 'mean' | 'covariance'>, b: Pick<Moments, 'mean' | 'covariance'>): number {
  if (a.mean.length !== b.mean.length) throw new Error(`feature sizes differ: ${a.mean.length} vs ${b.mean.length}`);
  let meanTerm = 0;
  for (let i = 0; i < a.mean.length; i++) meanTerm += (a.mean[i] - b.mean[i]) ** 2;
  // Tr((Σ1 Σ2)½) computed through the symmetric form, whose eigenvalues are real and ≥ 0 up to
  // rounding; tiny negative ones are clamped so a near-singular covariance cannot yield NaN.
  const s1Half = sqrtPsd(a.covariance);
  const middle = symmetrize(matMul(matMul(s1Half, b.covariance), s1Half));
  let traceSqrt = 0;
  for (const l of jacobiEigen(middle).values) traceSqrt += Math.sqrt(Math.max(0, l));
  const d = meanTerm + trace(a.covariance) + trace(b.covariance) - 2 * traceSqrt;
  // Rounding can push identical sets a hair below zero; a distance is never negative.
  return Math.max(0, d);
}

/** Fréchet distance between the Gaussians fitted to two sets of feature rows. */
export function frechetDistance(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number {
  return frechetFromMoments(meanAndCovariance(a), meanAndCovariance(b));
}

/** A 2-D point set as [x, y] pairs or a flat [x0, y0, x1, y1, …] array (a generator's output). */
export type Points2D = readonly (readonly [number, number])[] | ArrayLike<number>;

function pointList(points: Points2D): [number, number][] {
  const first = (points as ArrayLike<unknown>)[0];
  if (Array.isArray(first)) return (points as readonly (readonly [number, number])[]).map(([x, y]) => [x, y]);
  const flat = points as ArrayLike<number>;
  if (flat.length % 2 !== 0) throw new Error(`a flat 2-D point array needs an even length, got ${flat.length}`);
  return Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]);
}

export interface ToyReport extends ModeReport {
  /** Fraction of points within the radius of some mode ("high quality" in the unrolled-GAN papers). */
  highQuality: number;
  /** The radius used, in data units. */
  radius: number;
}

/**
 * Assigns each point to its nearest mode centre if it lies within `radiusSigmas`·σ of it (3σ holds
 * 98.9% of a 2-D Gaussian's mass), otherwise to none. Coverage counts modes holding at least
 * `minShare` of all points, so a generator scattering points between modes covers nothing.
 */
export function toyModeReport(
  points: Points2D,
  centres: readonly (readonly [number, number])[],
  sigma: number,
  options: { radiusSigmas?: number; minShare?: number } = {},
): ToyReport {
  if (centres.length === 0) throw new Error('need at least one mode centre');
  if (!(sigma > 0)) throw new Error(`sigma must be positive, got ${sigma}`);
  const radius = (options.radiusSigmas ?? 3) * sigma;
  const list = pointList(points);
  const histogram = new Array<number>(centres.length).fill(0);
  let near = 0;
  for (const [x, y] of list) {
    let best = -1;
    let bestD2 = radius * radius;
    centres.forEach(([cx, cy], m) => {
      const d2 = (x - cx) ** 2 + (y - cy) ** 2;
      if (d2 <= bestD2) {
        bestD2 = d2;
        best = m;
      }
    });
    if (best >= 0) {
      histogram[best] += 1;
      near += 1;
    }
  }
  const report = modeReport(histogram, { total: list.length, minShare: options.minShare });
  return { ...report, highQuality: list.length === 0 ? 0 : near / list.length, radius };
}

/** The lab's one call for a 2-D generator: where its points land, and whether it has collapsed. */
export function evaluatePoints(
  points: Points2D,
  centres: readonly (readonly [number, number])[],
  sigma: number,
  options: { radiusSigmas?: number; minShare?: number } = {},
): ToyReport & { collapse: CollapseVerdict } {
  const report = toyModeReport(points, centres, sigma, options);
  return { ...report, collapse: detectCollapse(report) };
}

export interface ImageEvaluation extends ModeReport {
  /** Fréchet distance between classifier features of the generated and the real images. */
  fid: number;
  collapse: CollapseVerdict;
  /** The same report for the real images: the yardstick the collapse detector compares to. */
  real: ModeReport;
}

/**
 * Everything the lesson cards and the teacher dashboard show about a batch of generated images.
 * FID needs at least 2 images a side and is noisy below a few hundred: compare values computed on
 * equal sample sizes only (it is biased upward for small sets).
 */
export async function evaluateImages(classifier: Classifier, generated: readonly Uint8Array[], real: readonly Uint8Array[]): Promise<ImageEvaluation> {
  const fake = await classifier.predict(generated);
  const truth = await classifier.predict(real);
  const k = fake.probabilities[0]?.length ?? truth.probabilities[0]?.length ?? 10;
  const report = modeReport(classHistogram(fake.probabilities, k));
  const realReport = modeReport(classHistogram(truth.probabilities, k));
  const fid = frechetDistance(fake.features, truth.features);
  const grey = { fake: greyShare(generated), real: greyShare(real) };
  const collapse = detectCollapse(report, realReport, { labels: classifier.classNames, grey });
  return { ...report, fid, collapse, real: realReport };
}
