/**
 * Node only: reads the dataset binaries scripts/build-data.ts writes, by split. The training split lives
 * in public/ (browsers fetch it); the held-out split lives in data/ at the repository root, which
 * nothing serves. See ml/format.ts for both paths.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type DatasetName, type ImageSet, datasetPath, decodeImageSet, heldOutPath } from './format';

export type Split = 'train' | 'heldout';

/** The file of a split, absolute, under the repository root `root`. */
export function splitFile(name: DatasetName, split: Split, root = process.cwd()): string {
  return split === 'train' ? path.join(root, 'public', datasetPath(name)) : path.join(root, heldOutPath(name));
}

/** Reads and decodes one split, with a clear error when it has not been built. */
export function readSplit(name: DatasetName, split: Split, root = process.cwd()): ImageSet {
  const file = splitFile(name, split, root);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read the ${split} split of ${name} at ${file} (run \`npm run data\`): ${e instanceof Error ? e.message : String(e)}`);
  }
  return decodeImageSet(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Every image of a set as its own copy, in order. */
export function imagesOf(set: ImageSet): Uint8Array[] {
  const size = set.rows * set.cols;
  return Array.from({ length: set.count }, (_, i) => set.pixels.slice(i * size, (i + 1) * size));
}
