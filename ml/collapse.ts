/**
 * Mode-collapse detector on a ModeReport (classifier histogram of images, or mode histogram of 2-D
 * toy points). Pure and deterministic, so a lesson card can show the exact sentence it produced.
 *
 * A generator is flagged when any of these holds (checked in this order, the most striking first):
 *  1. one class holds half or more of the samples (with 4+ classes; real data gives each about 1/K);
 *  2. fewer than half the classes are covered (half of min(K, samples), so a handful of samples
 *     is not blamed for failing to reach 25 modes);
 *  3. the normalised entropy is below 3/4 of the real data's (or of the most a sample that size can
 *     reach, if lower). Evenly spread over 5 of 10 classes scores 0.70 against real data's ~1.0.
 *
 * The ModeReport type lives here, not in eval.ts which builds it, so the two modules do not import
 * each other.
 */

/** How a set of samples spreads over K classes (or modes). */
export interface ModeReport {
  /** Samples per class, length K. */
  histogram: number[];
  /** Samples counted in the histogram plus, for toy mixtures, those near no mode. */
  total: number;
  /** Classes holding at least `minShare` of all samples. */
  covered: number;
  /** covered / K, in [0, 1]. */
  coverage: number;
  /** Shannon entropy of the histogram over ln K, in [0, 1]: 1 is perfectly even, 0 is one class. */
  entropy: number;
  /** The share a class needed to count as covered. */
  minShare: number;
}

export interface CollapseVerdict {
  collapsed: boolean;
  /**
   * The samples are still noise (Fréchet distance near pure noise's), so the class histogram only
   * says which class the classifier reads noise as ("8" for digits), not what the generator draws.
   */
  notImages: boolean;
  /** One or two sentences for a student. */
  reason: string;
  coverage: number;
  covered: number;
  entropy: number;
}

export const DOMINANT_SHARE = 0.5;
export const ENTROPY_RATIO = 0.75;

/**
 * "Not images yet": the samples' share of grey pixels (64 to 191 of 255) exceeds the real images'
 * by this much. Measured on 200 samples each: real digits 0.05, real garments 0.22; uniform noise
 * 0.50; an untrained DCGAN 1.00; the digits trajectory at step 50 (static) 0.68, at step 150 (first
 * strokes) 0.10; fashion at step 50 0.64, at 150 0.25. Unlike the Fréchet distance, it does not
 * rise when a sharp generator collapses onto one class (the collapsed checkpoint: 0.02).
 */
export const NOT_IMAGES_GREY = 0.25;

/** Share of pixels that are neither dark background nor bright ink: 64 ≤ v < 192 of 255. */
export function greyShare(images: readonly ArrayLike<number>[]): number {
  let grey = 0;
  let n = 0;
  for (const image of images) {
    for (let i = 0; i < image.length; i++) if (image[i] >= 64 && image[i] < 192) grey++;
    n += image.length;
  }
  return n ? grey / n : 0;
}

export interface CollapseOptions {
  /** Names of the classes ("7", "Trouser"); defaults to "mode i" for toy mixtures and "class i" otherwise. */
  labels?: readonly string[];
  /** greyShare of the samples and of real images of the same data set. */
  grey?: { fake: number; real: number };
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function detectCollapse(report: ModeReport, reference?: ModeReport, options: CollapseOptions = {}): CollapseVerdict {
  const k = report.histogram.length;
  const toy = 'highQuality' in report;
  const unit = toy ? 'mode' : 'class';
  const units = toy ? 'modes' : 'classes';
  const name = (i: number): string => (options.labels?.[i] !== undefined ? `"${options.labels[i]}"` : `${unit} ${i}`);
  const verdict = (collapsed: boolean, reason: string, notImages = false): CollapseVerdict => ({
    collapsed,
    notImages,
    reason,
    coverage: report.coverage,
    covered: report.covered,
    entropy: report.entropy,
  });

  const counted = report.histogram.reduce((a, b) => a + b, 0);
  if (report.total === 0 || counted === 0) {
    return verdict(false, toy ? 'No points landed near any mode yet, so there is nothing to judge: the generator is still learning where the data is.' : 'There are no samples to judge yet.');
  }

  const grey = options.grey;
  if (grey && !(grey.fake - grey.real < NOT_IMAGES_GREY)) {
    return verdict(
      false,
      `Not images yet: ${percent(grey.fake)} of the pixels are grey static, where real images have ${percent(grey.real)}. ` +
        `The classifier files static under one class, so its histogram says nothing about variety until shapes appear.`,
      true,
    );
  }

  let top = 0;
  report.histogram.forEach((c, i) => (top = c > report.histogram[top] ? i : top));
  const topShare = report.histogram[top] / counted;
  if (k >= 4 && topShare >= DOMINANT_SHARE) {
    return verdict(
      true,
      `${percent(topShare)} of the samples ${toy ? 'sit at' : 'look like'} ${name(top)}, where real data has about ${percent(1 / k)} of each ${unit}. ` +
        `The generator keeps making one kind of sample instead of the whole variety: that is mode collapse.`,
    );
  }

  const reachable = Math.min(k, report.total);
  const realCovered = reference ? reference.covered : k;
  if (report.covered * 2 < Math.min(reachable, realCovered)) {
    const present = report.histogram.flatMap((c, i) => (c >= Math.max(1, report.minShare * report.total) ? [name(i)] : []));
    return verdict(
      true,
      `Only ${report.covered} of ${k} ${units} show up${present.length > 0 ? ` (${present.join(', ')})` : ''}, ` +
        `where real data covers ${realCovered}. The generator has dropped the others: that is mode collapse.`,
    );
  }

  // The most even a sample of this size can be, so 8 samples over 25 modes are not judged against 25.
  const attainable = Math.log(reachable) / Math.log(k);
  const realEntropy = Math.min(reference?.entropy ?? 1, attainable);
  if (k >= 2 && report.entropy < ENTROPY_RATIO * realEntropy) {
    return verdict(
      true,
      `The samples reach ${report.covered} of ${k} ${units} but very unevenly (variety ${report.entropy.toFixed(2)} against ` +
        `${realEntropy.toFixed(2)} for real data): the generator is drifting toward a few favourites, the start of mode collapse.`,
    );
  }

  return verdict(
    false,
    `The samples spread over ${report.covered} of ${k} ${units} with variety ${report.entropy.toFixed(2)}` +
      `${reference ? ` (real data: ${reference.entropy.toFixed(2)})` : ''}: no sign of mode collapse.`,
  );
}
