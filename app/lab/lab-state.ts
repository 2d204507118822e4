/**
 * The Lab's state and the arithmetic of its training loop, without React or the worker: what
 * restarts the trainer, how a chunk of steps extends the charts, how big the next chunk is, and
 * when the classifier runs. useLab.ts wires these to the worker and the page.
 */
import { decodeCheckpoint } from '@/ml/checkpoint';
import type { LabSettings } from '@/ml/lab-settings';
import type { GanConfig, LabStepsResult, MachineEvaluation, ToySnapshot } from '@/ml/trainer-client';

/** What needs a new trainer: the model's shape, the data, the seed, the backend. */
export const restartKeyOf = (s: LabSettings) => [s.dataset, s.arch, s.latentDim, s.hidden, s.seed, s.backend ?? ''].join('|');

export interface LabPoint {
  step: number;
  d: number | null;
  g: number | null;
  real: number | null;
  fake: number | null;
}

export interface MetricPoint {
  step: number;
  value: number;
}

export interface LabState {
  status: 'starting' | 'ready' | 'error';
  error: string | null;
  backend: { name: string; reason: string } | null;
  config: GanConfig | null;
  running: boolean;
  /** Optimizer steps (D and G) so far. */
  steps: number;
  stepsPerSec: number | null;
  history: LabPoint[];
  snap: ToySnapshot | null;
  coverage: MetricPoint[];
  samples: Uint8Array[];
  interpolation: Uint8Array[];
  evaluation: MachineEvaluation | null;
  fid: MetricPoint[];
}

export const initialLabState: LabState = {
  status: 'starting', error: null, backend: null, config: null, running: false, steps: 0, stepsPerSec: null,
  history: [], snap: null, coverage: [], samples: [], interpolation: [], evaluation: null, fid: [],
};

/** The charts keep this many points; older ones scroll off. */
export const MAX_HISTORY = 600;
/** The classifier runs every this many optimizer steps while playing (it costs about as much as a few steps). */
export const EVAL_EVERY = 200;
/** Training time between screen updates, whatever the backend's speed. */
const CHUNK_MS = 250;

/** A metric's series with one more point, at the current step count. */
export function withPoint(series: MetricPoint[], step: number, value: number): MetricPoint[] {
  return [...series, { step, value }].slice(-MAX_HISTORY);
}

/** The state after a chunk of `dSteps`+`gSteps` iterations: the step count, the loss and D(x) history, steps/s. */
export function afterSteps(st: LabState, r: LabStepsResult, dSteps: number, gSteps: number): Pick<LabState, 'steps' | 'history' | 'stepsPerSec'> {
  let step = st.steps;
  const points = r.steps.map((x) => {
    step += dSteps + gSteps;
    return { step, d: x.dLoss, g: x.gLoss, real: x.dReal, fake: x.dFake };
  });
  return { steps: step, history: [...st.history, ...points].slice(-MAX_HISTORY), stepsPerSec: r.ms > 0 ? (1000 * r.optimizerSteps) / r.ms : st.stepsPerSec };
}

/** How many iterations the next chunk runs: about CHUNK_MS of training at the speed the last chunk showed (1 to 200). */
export function nextIterations(ms: number, iterations: number): number {
  const perIteration = ms / iterations;
  return Math.max(1, Math.min(200, Math.round(CHUNK_MS / Math.max(1, perIteration))));
}

/** Counts optimizer steps since the classifier last ran; says when it is due again (never on 2-D data). */
export function evaluationDue(sinceLast: number, optimizerSteps: number, toy: boolean): { evaluate: boolean; sinceLast: number } {
  const total = sinceLast + optimizerSteps;
  const evaluate = !toy && total >= EVAL_EVERY;
  return { evaluate, sinceLast: evaluate ? 0 : total };
}

/** The step count an imported checkpoint records (0 where it does not say). */
export function checkpointSteps(bytes: Uint8Array): number {
  return Number((decodeCheckpoint(bytes).meta as { steps?: number }).steps ?? 0);
}
