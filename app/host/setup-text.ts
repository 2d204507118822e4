/**
 * Every word the host's set-up check (SpeedCheck.tsx) and trainer waits (TrainerWait.tsx) put on the
 * screen, in one place so a translation finds them together. Numbers come in already measured; only
 * their wording is here.
 */
import type { PresetId } from '@/game/setup';
import type { Backend } from '@/game/protocol';
import type { Arch } from '@/game/vocabulary';

/** Seconds as a teacher reads them: "under 1 s", "about 20 s", "about 5 min". */
export function duration(seconds: number): string {
  if (seconds < 1) return 'under 1 s';
  if (seconds < 90) return `about ${Math.round(seconds)} s`;
  const min = seconds / 60;
  return `about ${min < 10 ? Math.round(min * 2) / 2 : Math.round(min)} min`;
}

export const minutes = (m: number) => (m < 1 ? 'under a minute' : `about ${Math.round(m)} min`);

export const ms = (x: number) => (x < 10 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`);

export const SETUP_TEXT = {
  heading: 'This computer',
  backend: {
    webgpu: 'WebGPU (graphics card)',
    webgl: 'WebGL (graphics card)',
    wasm: 'WebAssembly (the processor, no graphics card)',
    cpu: 'plain JavaScript (the processor: the slowest)',
  } satisfies Record<Backend, string>,
  /** A graphics backend whose "card" is the processor drawing in software. */
  software: (backend: string) => `${backend.replace(/ \(graphics card\)$/, '')} in software rendering (no graphics card in use)`,
  trainsOn: 'Trains on',
  loading: 'Loading the generator…',
  arch: { mlp: 'fully-connected', dcgan: 'convolutional' } satisfies Record<Arch, string>,
  stepCost: (arch: string, cost: string) => `${cost} a training step (${arch})`,
  measured: 'Measured',
  measuring: (done: number, total: number) => `Measuring this computer's speed… ${done} of ${total}`,
  benchFailed: (why: string) => `Could not measure this computer's speed: ${why}`,
  presetsLegend: 'Training per round',
  preset: { full: 'Full', quick: 'Quick', tiny: 'Very quick' } satisfies Record<PresetId, string>,
  presetHint: {
    full: 'every step each level plans',
    quick: 'a quarter of the steps',
    tiny: 'a tenth of the steps, on smaller batches',
  } satisfies Record<PresetId, string>,
  presetCost: (round: string) => `training ${round} a round`,
  custom: 'Custom (set by the page address)',
  estimate: (round: string, slowest: string, level: string | null, all: string | null, levels: number) =>
    `With these settings: training takes up to ${round} a round (${slowest})` +
    (level ? `; a level takes ${level}` : '') +
    (all && levels > 1 ? `, all ${levels} levels ${all}` : '') +
    ' with judging and reveals (lessons not counted).',
  perLevel: 'Each level',
  levelRow: (name: string, steps: number, round: string | null, level: string | null) =>
    `${name}: ${steps} steps, ${round ?? '…'} a round${level ? `, ${level} in all` : ''}`,
  slow: (preset: string, round: string) => `This computer trains slowly: use ${preset} settings — rounds take ${round}.`,
  chosen: (preset: string, round: string, full: string) =>
    `This computer trains slowly, so ${preset} settings are chosen: rounds take ${round} (Full would take ${full}). You can choose another below.`,
  nothingFits: (preset: string, round: string) =>
    `This computer trains very slowly: even ${preset} settings take ${round} a round. Fewer levels, or a computer with a graphics card, would help.`,
};

export const WAIT_TEXT = {
  loading: 'Loading the generator',
  generating: (task: string | null, elapsed: string) => `${task ?? 'Waiting for the trainer'} · ${elapsed}`,
  training: (left: string | null, elapsed: string) => (left ? `${elapsed} so far, ${left} left` : `${elapsed} so far`),
  stalled: (quiet: string) =>
    `The trainer has not answered for ${quiet}. It may be stuck (a crashed tab or graphics driver).`,
  failed: (message: string) => `The trainer stopped: ${message}`,
  retryHint: 'Retry restarts it from the last saved generator.',
  skipHint: 'Skip training moves on to the next round without this training.',
  retry: 'Retry',
  skip: 'Skip training',
};

/** What the host's screens say about training while the class judges (game/training-budget.ts). */
export const TRAINING_TEXT = {
  /** The trainer badge's task while the round is judged. */
  judgingTask: 'Training on real images while the class judges',
  /** The training panel, once the votes are in: the data-only steps this round already ran. */
  trainedWhileJudging: (steps: number) =>
    `While you judged, the generator already trained ${steps.toLocaleString('en-US')} ${steps === 1 ? 'step' : 'steps'} on real images alone; now your votes join in.`,
  /** The lesson cards' facts panel: the same steps, beside the round's training steps. */
  judgingStepsLabel: 'Steps while you judged',
};
