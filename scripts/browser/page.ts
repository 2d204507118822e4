/**
 * The page side of the headless-Chromium benchmark: bundled by harness.ts with esbuild and driven
 * through window.ganArenaBench. It runs the same ml/ modules the game's worker runs.
 */
import { chooseBackend, BACKENDS, type BackendName } from '../../ml/backend';
import { decodeImageSet, type ImageSet } from '../../ml/format';
import type { GanConfig } from '../../ml/trainer';
import { timeSteps, type StepTiming } from '../bench-step';

let digits: ImageSet | null = null;

async function bench(req: { backend: BackendName; config: GanConfig; warmup: number; steps: number }): Promise<StepTiming> {
  // Only the backend asked for: chooseBackend would silently fall back, and time the wrong one.
  const choice = await chooseBackend([req.backend]);
  if (choice.name !== req.backend) throw new Error(`backend ${req.backend} is not available here (${choice.reason})`);
  if (!digits) {
    const res = await fetch('/data/digits.bin');
    if (!res.ok) throw new Error(`could not fetch /data/digits.bin: HTTP ${res.status}`);
    digits = decodeImageSet(new Uint8Array(await res.arrayBuffer()));
  }
  return timeSteps(req.config, digits, req.warmup, req.steps);
}

/** The backends that initialise in this browser, in the game's order. */
async function backends(): Promise<BackendName[]> {
  const ok: BackendName[] = [];
  for (const name of BACKENDS) if ((await chooseBackend([name]).catch(() => null))?.name === name) ok.push(name);
  return ok;
}

(globalThis as unknown as { ganArenaBench: unknown }).ganArenaBench = { bench, backends };
