import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dataset } from '../game/protocol';
import { encodePixels } from '../game/protocol';
import { type Rng, randomInt } from '../game/rng';
import { type ImageSet, datasetPath, decodeImageSet, imageAt } from '../ml/format';

/** Supplies the real images a round mixes with the generator's fakes. */
export interface RealImages {
  /** `label`: only images of that class (a conditional level, where every image shows the same digit). */
  draw(dataset: Dataset, count: number, rng: Rng, label?: number): string[];
}

/**
 * Reads the dataset binaries from public/ once, on first use. Real images are drawn from the
 * held-out tail (last 10%) that the classifier never trained on, so the same pictures serve
 * the game and honest evaluation.
 */
export function fileImages(publicDir = path.join(process.cwd(), 'public')): RealImages {
  const cache = new Map<Dataset, ImageSet>();
  const load = (dataset: Dataset): ImageSet => {
    let set = cache.get(dataset);
    if (!set) {
      const file = path.join(publicDir, datasetPath(dataset));
      set = decodeImageSet(new Uint8Array(readFileSync(file)));
      cache.set(dataset, set);
    }
    return set;
  };
  return {
    draw(dataset, count, rng, label) {
      const set = load(dataset);
      const start = Math.floor(set.count * 0.9);
      const pool: number[] = [];
      for (let i = start; i < set.count; i++) if (label === undefined || set.labels[i] === label) pool.push(i);
      if (pool.length === 0) throw new Error(`no held-out ${dataset} image of class ${label}`);
      return Array.from({ length: count }, () => encodePixels(imageAt(set, pool[randomInt(rng, pool.length)])));
    },
  };
}
