/**
 * What a real host uploads after a round's training, for `npm run bench:load`: not the level's shipped
 * file under public/checkpoints (weights only, float16), but what the host page PUTs
 * (app/host/trainer.ts → GanTrainer.save() with no options): the whole training state, float32
 * weights of G and D plus both Adam optimizers' moments, about six times the shipped file. It is
 * made here the way the host page makes it: the level's generator built from the level's spec, the
 * shipped checkpoint loaded, one training step taken (so the optimizers hold their moments), then saved.
 * Done once per benchmark run, in the bots' process, before any server is measured.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LevelId } from '../../game/protocol';
import { LEVELS } from '../../game/levels';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export interface HostCheckpoint {
  level: LevelId;
  /** The bytes a host of this level uploads after every training. */
  bytes: Uint8Array;
  /** The shipped file it starts from (null: the level starts untrained) and that file's size. */
  shipped: string | null;
  shippedBytes: number | null;
}

export async function hostCheckpoint(level: LevelId): Promise<HostCheckpoint> {
  const spec = LEVELS[level];
  const { decodeImageSet } = await import('../../ml/format');
  const { GanTrainer } = await import('../../ml/trainer');
  // WASM with the project's training kernels, as the checkpoint scripts train: a DCGAN step takes
  // tens of seconds on the CPU backend, a fraction of one here.
  const { registerWasmTrainingKernels } = await import('../../ml/wasm-kernels');
  const { chooseBackend } = await import('../../ml/backend');
  registerWasmTrainingKernels();
  await chooseBackend(['wasm']);
  const images = decodeImageSet(readFileSync(path.join(root, 'public/data', `${spec.model.dataset}.bin`)));
  // The host page's config for the level (app/generator/driver.ts, startFromBest), full-size preset.
  const config = { ...spec.model, ...spec.tunables, humanWeight: spec.humanWeight, batchSize: 64 };
  const trainer = new GanTrainer(config, { images, allowSlowConv: true });
  try {
    const file = spec.checkpoint ? path.join(root, 'public/checkpoints', `${spec.checkpoint}.ganc`) : null;
    if (file) await trainer.load(new Uint8Array(readFileSync(file)));
    await trainer.step();
    return {
      level,
      bytes: await trainer.save(),
      shipped: spec.checkpoint ? `public/checkpoints/${spec.checkpoint}.ganc` : null,
      shippedBytes: file ? statSync(file).size : null,
    };
  } finally {
    trainer.dispose();
  }
}
