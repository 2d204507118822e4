/**
 * Times one training step (a D step and a G step, batch 64) of the standard MLP GAN
 * (defaultConfig('digits')) and the standard DCGAN (the same with arch 'dcgan') on every backend
 * this machine offers: in headless Chromium (WebGPU, WebGL, WASM) and in Node (WASM, CPU).
 * Prints one JSON line per run:
 *   {where, backend, model, batch, msPerStep, stepsPerSec, tensorsBefore, tensorsAfter, warmup, steps}
 * tensorsBefore/After are tf.memory().numTensors after warm-up and after the timed steps: equal
 * means the step leaks nothing. A run that cannot happen prints {…, skipped: reason} instead.
 *
 *   npm run bench:train [-- --steps N] [--only REGEX]
 *   (N: timed MLP steps, default 20; the slow DCGAN runs time fewer. REGEX picks runs by
 *   "where:backend:model", e.g. --only node:wasm)
 *
 * The DCGAN cannot train on stock tfjs WASM (no Conv2DBackpropFilter kernel): those runs print the
 * trainer's refusal as `skipped`. Node also times both models with ml/wasm-kernels.ts registered
 * (the kernels the checkpoint script trains with), labelled backend "wasm+kernels".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ARCHS, BACKENDS, type Arch } from '../game/vocabulary';
import { chooseBackend, type BackendName } from '../ml/backend';
import { datasetPath, decodeImageSet } from '../ml/format';
import { defaultConfig, resolveConfig, type GanConfig } from '../ml/gan-config';
import { registerWasmTrainingKernels } from '../ml/wasm-kernels';
import { timeSteps, type StepTiming } from './bench-step';
import { startHarness } from './browser/harness';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const log = (s: string) => process.stderr.write(`${s}\n`);
const arg = process.argv.indexOf('--steps');
const MLP_STEPS = arg >= 0 ? Number(process.argv[arg + 1]) : 20;
const onlyArg = process.argv.indexOf('--only');
/** --only REGEX: runs whose "where:backend:model" matches (e.g. "node:wasm", ":mlp"). */
const ONLY = onlyArg >= 0 ? new RegExp(process.argv[onlyArg + 1]) : null;
const wanted = (where: string, backend: string, model: string) => !ONLY || ONLY.test(`${where}:${backend}:${model}`);

type Model = Arch;
/** Chromium runs every backend but CPU, which the Node runs measure. */
const CHROMIUM_BACKENDS: readonly BackendName[] = BACKENDS.filter((b) => b !== 'cpu');
const CONFIGS: Record<Model, GanConfig> = {
  mlp: defaultConfig('digits'),
  dcgan: resolveConfig({ dataset: 'digits', arch: 'dcgan' }),
};

/** Warm-up and timed steps: software WebGPU/WebGL and the CPU backend take seconds to minutes a DCGAN step. */
function plan(model: Model, backend: string): { warmup: number; steps: number } {
  if (model === 'mlp') return { warmup: 3, steps: MLP_STEPS };
  if (backend === 'wasm+kernels') return { warmup: 2, steps: 5 };
  return { warmup: 1, steps: 2 };
}

function line(where: 'chromium' | 'node', backend: string, model: Model, extra: Partial<StepTiming> & Record<string, unknown>): void {
  const c = CONFIGS[model];
  const out = { where, backend, model, batch: c.batchSize, latentDim: c.latentDim, hidden: c.hidden, ...extra };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function chromiumRuns(): Promise<void> {
  if (!CHROMIUM_BACKENDS.some((b) => ARCHS.some((model) => wanted('chromium', b, model)))) return;
  const harness = await startHarness((l) => (/error/i.test(l) ? log(l) : undefined));
  try {
    const probe = await harness.page();
    const offered = (await probe.evaluate(() => (globalThis as unknown as { ganArenaBench: { backends(): Promise<string[]> } }).ganArenaBench.backends())) as BackendName[];
    await probe.close();
    log(`chromium offers: ${offered.join(', ')}`);
    for (const backend of offered.filter((b) => CHROMIUM_BACKENDS.includes(b))) {
      for (const model of ARCHS) {
        if (!wanted('chromium', backend, model)) continue;
        const { warmup, steps } = plan(model, backend);
        log(`chromium ${backend} ${model}: ${warmup} warm-up + ${steps} timed steps`);
        // A fresh page per run: each backend starts from a clean tfjs engine and GPU context.
        const page = await harness.page();
        try {
          const r = (await page.evaluate(
            (req) => (globalThis as unknown as { ganArenaBench: { bench(r: unknown): Promise<StepTiming> } }).ganArenaBench.bench(req),
            { backend, config: CONFIGS[model], warmup, steps },
          )) as StepTiming;
          line('chromium', r.backend, model, { ...pick(r), warmup, steps });
        } catch (e) {
          // Playwright wraps the page's error with its own prefix and the bundle's stack: keep the message.
          const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/^page\.evaluate: (Error: )?/, '');
          line('chromium', backend, model, { skipped: msg });
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await harness.close();
  }
}

function pick(r: StepTiming) {
  return { msPerStep: r.msPerStep, stepsPerSec: r.stepsPerSec, tensorsBefore: r.tensorsBefore, tensorsAfter: r.tensorsAfter };
}

async function nodeRuns(): Promise<void> {
  const images = decodeImageSet(readFileSync(path.join(root, 'public', datasetPath('digits'))));
  const runs: { backend: BackendName; label: string; model: Model }[] = [
    { backend: 'wasm', label: 'wasm', model: 'mlp' },
    { backend: 'wasm', label: 'wasm', model: 'dcgan' },
    { backend: 'cpu', label: 'cpu', model: 'mlp' },
    { backend: 'cpu', label: 'cpu', model: 'dcgan' },
    // Last: registering the kernels changes WASM for the rest of the process.
    { backend: 'wasm', label: 'wasm+kernels', model: 'mlp' },
    { backend: 'wasm', label: 'wasm+kernels', model: 'dcgan' },
  ];
  for (const r of runs) {
    if (!wanted('node', r.label, r.model)) continue;
    if (r.label === 'wasm+kernels') registerWasmTrainingKernels();
    const choice = await chooseBackend([r.backend]);
    if (choice.name !== r.backend) {
      line('node', r.label, r.model, { skipped: `backend ${r.backend} unavailable: ${choice.reason}` });
      continue;
    }
    const { warmup, steps } = plan(r.model, r.label);
    log(`node ${r.label} ${r.model}: ${warmup} warm-up + ${steps} timed steps`);
    try {
      const t = await timeSteps(CONFIGS[r.model], images, warmup, steps);
      line('node', r.label, r.model, { ...pick(t), warmup, steps });
    } catch (e) {
      // e.g. stock WASM and the DCGAN: "the trainer changed the model: DCGAN → MLP …"
      line('node', r.label, r.model, { skipped: e instanceof Error ? e.message : String(e) });
    }
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  await chromiumRuns();
  await nodeRuns();
  log(`bench done in ${((performance.now() - t0) / 1000).toFixed(0)} s; tfjs ${tf.version.tfjs}`);
}

main().catch((e) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
