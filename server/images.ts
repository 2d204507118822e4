import type { Dataset } from '../game/protocol';
import { encodePixels } from '../game/protocol';
import { type Rng, randomInt } from '../game/rng';
import { readSplit } from '../ml/dataset-files';
import { type ImageSet, imageAt } from '../ml/format';

/** Real images for a round: their pixels, and which held-out images they are (to remember as shown). */
export interface DrawnReals {
  pixels: string[];
  indices: number[];
}

/** Supplies the real images a round mixes with the generator's fakes. */
export interface RealImages {
  /**
   * `count` images, none of them in `shown` while the pool has enough others. `label`: only images of
   * that class (a conditional level, where every image shows the same digit).
   */
  draw(dataset: Dataset, count: number, rng: Rng, label?: number, shown?: readonly number[]): DrawnReals;
}

/**
 * Picks `count` of `pool` (indices), none of `shown` while enough others are left; a room that has
 * shown every image of the pool (20 levels of 20 rounds of 24 images could) sees again the ones it
 * saw longest ago, never one twice within a round. Pure, for the tests.
 */
export function pickUnshown(pool: readonly number[], count: number, rng: Rng, shown: readonly number[] = []): number[] {
  if (count > pool.length) throw new Error(`asked for ${count} real images, the pool has ${pool.length}`);
  const seen = new Set(shown);
  const fresh = pool.filter((i) => !seen.has(i));
  const out: number[] = [];
  for (let k = 0; k < count && fresh.length > 0; k++) {
    const j = randomInt(rng, fresh.length);
    out.push(fresh[j]);
    fresh[j] = fresh[fresh.length - 1];
    fresh.pop();
  }
  if (out.length < count) {
    // Every image shown: the oldest-shown ones of this pool come back first.
    const inPool = new Set(pool);
    const taken = new Set(out);
    for (const i of shown) {
      if (out.length === count) break;
      if (inPool.has(i) && !taken.has(i)) {
        out.push(i);
        taken.add(i);
      }
    }
  }
  return out;
}

/**
 * Reads each dataset's held-out split (data/<name>-heldout.bin under `root`, outside public/, so no
 * browser can download it) once, on first use. Every image of it is one the classifier and the
 * browsers' training never saw, and every class has at least 500 of them (scripts/build-data.ts).
 */
export function fileImages(root = process.cwd()): RealImages {
  const cache = new Map<Dataset, { set: ImageSet; byClass: number[][]; all: number[] }>();
  const load = (dataset: Dataset) => {
    let entry = cache.get(dataset);
    if (!entry) {
      const set = readSplit(dataset, 'heldout', root);
      const byClass: number[][] = Array.from({ length: set.classes }, () => []);
      for (let i = 0; i < set.count; i++) byClass[set.labels[i]].push(i);
      entry = { set, byClass, all: Array.from({ length: set.count }, (_, i) => i) };
      cache.set(dataset, entry);
    }
    return entry;
  };
  return {
    draw(dataset, count, rng, label, shown = []) {
      const { set, byClass, all } = load(dataset);
      const pool = label === undefined ? all : byClass[label];
      if (!pool?.length) throw new Error(`no held-out ${dataset} image of class ${label}`);
      const indices = pickUnshown(pool, count, rng, shown);
      return { indices, pixels: indices.map((i) => encodePixels(imageAt(set, i))) };
    },
  };
}
