/**
 * The page's handle on the training worker. Imports no tfjs (only types and the tfjs-free
 * protocol), so a page pays for TensorFlow.js only when it starts a trainer, inside the worker.
 */
import type { BackendName } from './backend';
import { datasetPath } from './format';
import type { JudgingBudget, TimedBudget } from '../game/training-budget';
import {
  isToy,
  type BackendInfo, type BenchRequest, type DataReport, type TrainingTiming,
  type GanConfig, type GanDataset, type HumanVerdict, type InitResult, type LabStepsResult, type MachineEvaluation, type RealImages,
  type RoundReport, type StepProgress, type ToySnapshot, type TunableConfig, type WorkerInit, type WorkerRequest, type WorkerResponse,
} from './gan-config';

export { TIMING_STOPPED, defaultConfig, tinyConfig } from './gan-config';
export type { BackendInfo, BenchRequest, DataReport, TrainingTiming, GanConfig, HumanVerdict, LabStepsResult, MachineEvaluation, RealImages, RoundReport, StepProgress, ToySnapshot, BackendName };

/** The slice of the Worker API the client uses; tests pass a fake that runs the handler in-process. */
export interface WorkerLike {
  postMessage(msg: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
  addEventListener(type: 'error' | 'messageerror', fn: (e: Event) => void): void;
  terminate(): void;
}

export interface TrainerInit {
  config: Partial<GanConfig> & { dataset: GanDataset };
  /** Defaults to `/${datasetPath(dataset)}` (the 2-D toy data needs none). */
  datasetUrl?: string;
  prefer?: BackendName[];
  seed?: number;
  checkpoint?: Uint8Array;
  allowSlowConv?: boolean;
}

/** Bundlers (Next/Turbopack, webpack) recognise exactly this pattern and emit a worker chunk. */
function spawnWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url));
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Request = DistributiveOmit<WorkerRequest, 'id'>;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export class TrainerClient {
  readonly backend: BackendInfo;
  readonly config: GanConfig;
  /** Adaptations made to fit the backend (e.g. DCGAN → MLP on WASM), also folded into backend.reason. */
  readonly notes: string[];
  private readonly rpc: Rpc;

  private constructor(rpc: Rpc, init: InitResult) {
    this.rpc = rpc;
    this.backend = init.backend;
    this.config = init.config;
    this.notes = init.notes;
  }

  /** Resolves once the worker has chosen a backend, loaded the data and built the models. */
  static async start(init: TrainerInit, onProgress?: (p: StepProgress) => void, worker: WorkerLike = spawnWorker()): Promise<TrainerClient> {
    const rpc = new Rpc(worker, onProgress);
    const dataset = init.config.dataset;
    const msg: WorkerInit = { ...init, datasetUrl: isToy(dataset) ? undefined : (init.datasetUrl ?? `/${datasetPath(dataset)}`) };
    try {
      const result = (await rpc.call({ type: 'init', init: msg })) as InitResult;
      return new TrainerClient(rpc, result);
    } catch (e) {
      rpc.close('the trainer failed to start');
      throw e;
    }
  }

  generate(count: number, seed?: number, labels?: number[]): Promise<Uint8Array[]> {
    return this.rpc.call({ type: 'generate', count, seed, labels }) as Promise<Uint8Array[]>;
  }

  /** A round's training after the verdicts: planned steps, and seconds where the job has them (game/training-budget.ts). */
  trainRound(verdicts: HumanVerdict[], budget: TimedBudget): Promise<RoundReport> {
    return this.rpc.call({ type: 'trainRound', verdicts, budget }) as Promise<RoundReport>;
  }

  /** Data-only training while the class judges, until stop() or its budget is spent; resolves with the steps that ran. */
  trainData(budget: JudgingBudget): Promise<DataReport> {
    return this.rpc.call({ type: 'trainData', budget }) as Promise<DataReport>;
  }

  /** Ends the training asked for before this call after its current step; it resolves with the steps that ran. */
  async stop(): Promise<void> {
    await this.rpc.call({ type: 'stop' });
  }

  /**
   * Times a few training steps of a throwaway model of this shape at this batch size on the worker's
   * backend (ml/bench.ts), queued like any request; the generator itself is untouched.
   */
  bench(req: BenchRequest): Promise<TrainingTiming> {
    return this.rpc.call({ type: 'bench', bench: req }) as Promise<TrainingTiming>;
  }

  /** Changes the coaches' knobs (loss, learning rates, λ, …) for the next rounds; resolves to the new config. */
  async configure(patch: Partial<TunableConfig>): Promise<GanConfig> {
    const c = (await this.rpc.call({ type: 'configure', patch })) as GanConfig;
    Object.assign(this.config, c);
    return c;
  }

  /** The classifier's view of the generator: class histogram, coverage, entropy, Fréchet distance, collapse. */
  evaluate(count: number): Promise<MachineEvaluation> {
    return this.rpc.call({ type: 'evaluate', count }) as Promise<MachineEvaluation>;
  }

  checksum(): Promise<number> {
    return this.rpc.call({ type: 'checksum' }) as Promise<number>;
  }

  save(): Promise<Uint8Array> {
    return this.rpc.call({ type: 'save' }) as Promise<Uint8Array>;
  }

  async load(bytes: Uint8Array): Promise<void> {
    await this.rpc.call({ type: 'load', bytes });
  }

  // ---- the Lab's and solo play's extras ----

  /** `iterations` × (dSteps D updates, then gSteps G updates), without the human term. */
  steps(dSteps: number, gSteps: number, iterations: number): Promise<LabStepsResult> {
    return this.rpc.call({ type: 'steps', dSteps, gSteps, iterations }) as Promise<LabStepsResult>;
  }

  /** D's raw output per image (a logit; a critic score for WGAN-GP and hinge). */
  scoreImages(images: Uint8Array[], labels?: number[]): Promise<Float32Array> {
    return this.rpc.call({ type: 'scoreImages', images, labels }) as Promise<Float32Array>;
  }

  /** Real images from the data set (seeded), with their classes. */
  reals(count: number, seed: number): Promise<RealImages> {
    return this.rpc.call({ type: 'reals', count, seed }) as Promise<RealImages>;
  }

  /** 2-D data: fake and real points, D's surface on a grid, mode coverage. */
  toySnapshot(count: number, grid: number, seed: number): Promise<ToySnapshot> {
    return this.rpc.call({ type: 'toySnapshot', count, grid, seed }) as Promise<ToySnapshot>;
  }

  /** Images along the line between the latents drawn from two seeds. */
  interpolate(seedA: number, seedB: number, steps: number, label?: number): Promise<Uint8Array[]> {
    return this.rpc.call({ type: 'interpolate', seedA, seedB, steps, label }) as Promise<Uint8Array[]>;
  }

  /** Stops the worker at once; calls in flight reject. */
  dispose(): void {
    this.rpc.close('the trainer was disposed');
  }
}

/** Promise-per-request over postMessage, with progress routed to the page's callback. */
class Rpc {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed: string | null = null;

  constructor(private readonly worker: WorkerLike, private readonly onProgress?: (p: StepProgress) => void) {
    worker.addEventListener('message', (e: MessageEvent) => this.receive(e.data as WorkerResponse));
    // A worker script that fails to load or throws outside a request reports here, not per request.
    worker.addEventListener('error', (e: Event) => this.failAll(`the training worker failed: ${(e as ErrorEvent).message ?? 'unknown error'}`));
    worker.addEventListener('messageerror', () => this.failAll('the training worker sent a message that could not be read'));
  }

  call(req: Request, transfer?: Transferable[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error(this.closed));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id }, transfer ?? []);
    });
  }

  private receive(msg: WorkerResponse): void {
    if (msg.type === 'progress') {
      this.onProgress?.(msg.progress);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type === 'result') p.resolve(msg.result);
    else p.reject(new Error(msg.error));
  }

  private failAll(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = reason;
    this.worker.terminate();
    this.failAll(reason);
  }
}
