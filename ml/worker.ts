/**
 * The training Web Worker: owns tfjs and the GanTrainer so the page stays responsive. The message
 * handling lives in createWorkerHandler, a plain function, so Node tests drive it without a Worker.
 * Requests run one at a time, in arrival order: a generate() sent during a round sees the weights
 * the round produced.
 */
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, errMsg } from './backend';
import { type DatasetName, type ImageSet, decodeImageSet, imageAt } from './format';
// Static imports: a classic worker bundle cannot be relied on to load async chunks.
import { type Classifier, loadClassifier } from './classifier';
import { evaluateImages } from './eval';
import { GanTrainer } from './trainer';
import { timeTraining } from './bench';
import { labSteps, realImages, toySnapshot } from './worker-lab';
import { isToy, type BenchRequest, type InitResult, type MachineEvaluation, type TrainingTiming, type WorkerInit, type WorkerRequest, type WorkerResponse } from './gan-config';

export type Post = (msg: WorkerResponse, transfer?: Transferable[]) => void;

export interface HandlerDeps {
  /** How to get the dataset binary from a URL; defaults to fetch. */
  fetchBytes?: (url: string) => Promise<Uint8Array>;
  /** How to get the evaluation classifier; defaults to loading /models/<dataset>-classifier.* with fetch. */
  loadClassifier?: (dataset: DatasetName) => Promise<Classifier>;
}

async function defaultFetch(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not fetch the dataset at ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export function createWorkerHandler(post: Post, deps: HandlerDeps = {}): (msg: WorkerRequest) => Promise<void> {
  let trainer: GanTrainer | null = null;
  let images: ImageSet | undefined;
  let classifier: Promise<Classifier> | null = null;
  let queue: Promise<void> = Promise.resolve();
  /**
   * The id of the latest stop request (answered outside the queue): it ends every request that arrived
   * before it, in flight or still queued, and none that came after. A flag reset by the next request
   * would let a stop that overtook a queued request be wiped by it, and a late stop end the wrong one.
   */
  let stopBelow = 0;
  const stopped = (id: number) => () => id < stopBelow;
  /** As the trainer was started: timings must be of what the game would really train. */
  let allowSlowConv = false;

  /**
   * Machine metrics: the classifier (loaded once, lazily) on `count` fresh samples and on as many real
   * images spread over the dataset the page fetched. That is the training split: the held-out images
   * are the game's reals and never reach a browser, so these figures sit a little below the scripts'
   * (scripts/eval-checkpoints.ts measures against held-out images the classifier never saw).
   */
  async function evaluate(count: number): Promise<MachineEvaluation> {
    const t = need();
    const dataset = t.config.dataset;
    if (isToy(dataset) || !images) throw new Error('machine metrics are for image datasets; use mode coverage for 2-D data');
    if (!Number.isInteger(count) || count < 10 || count > 2000) throw new Error(`evaluate needs 10 to 2000 samples, got ${count}`);
    classifier ??= deps.loadClassifier ? deps.loadClassifier(dataset) : loadClassifier(dataset);
    const c = await classifier.catch((e) => {
      classifier = null;
      throw e;
    });
    const set = images;
    const real = Array.from({ length: Math.min(count, set.count) }, (_, i) => imageAt(set, (i * 7919) % set.count));
    const generated = await t.generate(count);
    const e = await evaluateImages(c, generated, real);
    return {
      histogram: e.histogram,
      classNames: [...c.classNames],
      coverage: e.coverage,
      entropy: e.entropy,
      fid: e.fid,
      samples: count,
      collapsed: e.collapse.collapsed,
      notImages: e.collapse.notImages,
      collapseReason: e.collapse.reason,
    };
  }

  const need = (): GanTrainer => {
    if (!trainer) throw new Error('the trainer is not initialised: send init first');
    return trainer;
  };

  /**
   * Times a throwaway model of the asked shape on this backend and the worker's image data (every game
   * dataset is 28×28, so the timing holds for the others), the way the game would train it: a DCGAN
   * becomes an MLP where the backend would make it one. The trainer's own generator is untouched.
   */
  async function bench(req: BenchRequest, shouldStop: () => boolean): Promise<TrainingTiming> {
    const t = need();
    if (isToy(t.config.dataset) || !images) throw new Error('timing is for the image datasets');
    if (!Number.isInteger(req.batchSize) || req.batchSize < 1 || req.batchSize > 1024) throw new Error(`bench batchSize must be an integer in 1..1024, got ${req.batchSize}`);
    const maxSteps = Math.min(50, Math.max(2, req.maxSteps ?? 8));
    const minMs = Math.min(5000, Math.max(0, req.minMs ?? 400));
    return timeTraining(
      { dataset: t.config.dataset, arch: req.model.arch, conditional: req.model.conditional, latentDim: req.model.latentDim, hidden: req.model.hidden, batchSize: req.batchSize },
      images,
      // One warm-up pair (shaders, Adam's moments), then at least one timed pair: a software renderer
      // takes seconds a pair, and the lobby should not wait long for its figure.
      // A stop (the game started) ends it between steps, so the class's first round does not wait for it.
      { warmup: 1, steps: 1, minMs, maxSteps, allowSlowConv, shouldStop },
    );
  }

  async function init(init: WorkerInit): Promise<InitResult> {
    if (trainer) throw new Error('the trainer is already initialised');
    const choice = await chooseBackend(init.prefer);
    const dataset = init.config?.dataset;
    if (!isToy(dataset)) {
      const bytes = init.datasetBytes ?? (await (deps.fetchBytes ?? defaultFetch)(init.datasetUrl ?? `/data/${dataset}.bin`));
      images = decodeImageSet(bytes);
    }
    const t = new GanTrainer(init.config, { images, seed: init.seed, allowSlowConv: init.allowSlowConv });
    try {
      if (init.checkpoint) await t.load(init.checkpoint);
    } catch (e) {
      t.dispose();
      throw e;
    }
    trainer = t;
    allowSlowConv = init.allowSlowConv === true;
    const reason = [choice.reason, ...t.notes].join('; ');
    return { backend: { name: choice.name, reason, device: choice.device, software: choice.software }, config: { ...t.config }, notes: t.notes };
  }

  async function handleOne(msg: WorkerRequest): Promise<void> {
    try {
      switch (msg.type) {
        case 'init':
          post({ type: 'result', id: msg.id, result: await init(msg.init) });
          return;
        case 'generate': {
          const imgs = await need().generate(msg.count, msg.seed, msg.labels);
          post({ type: 'result', id: msg.id, result: imgs }, imgs.map((i) => i.buffer as ArrayBuffer));
          return;
        }
        case 'trainRound': {
          const report = await need().trainRound(
            msg.verdicts,
            msg.budget,
            (progress) => post({ type: 'progress', id: msg.id, progress }),
            stopped(msg.id),
          );
          post({ type: 'result', id: msg.id, result: report });
          return;
        }
        case 'trainData':
          post({ type: 'result', id: msg.id, result: await need().trainData(msg.budget, stopped(msg.id), (progress) => post({ type: 'progress', id: msg.id, progress })) });
          return;
        case 'configure':
          need().configure(msg.patch);
          post({ type: 'result', id: msg.id, result: { ...need().config } });
          return;
        case 'evaluate':
          post({ type: 'result', id: msg.id, result: await evaluate(msg.count) });
          break;
        case 'bench':
          post({ type: 'result', id: msg.id, result: await bench(msg.bench, stopped(msg.id)) });
          return;
        case 'checksum':
          post({ type: 'result', id: msg.id, result: await need().weightsChecksum() });
          return;
        case 'save': {
          const bytes = await need().save();
          post({ type: 'result', id: msg.id, result: bytes }, [bytes.buffer as ArrayBuffer]);
          return;
        }
        case 'load':
          await need().load(msg.bytes);
          post({ type: 'result', id: msg.id, result: null });
          return;
        case 'steps':
          post({ type: 'result', id: msg.id, result: await labSteps(need(), msg.dSteps, msg.gSteps, msg.iterations) });
          return;
        case 'scoreImages': {
          const scores = await need().scoreImages(msg.images, msg.labels);
          post({ type: 'result', id: msg.id, result: scores }, [scores.buffer as ArrayBuffer]);
          return;
        }
        case 'reals':
          post({ type: 'result', id: msg.id, result: realImages(need(), images ?? null, msg.count, msg.seed) });
          return;
        case 'toySnapshot':
          post({ type: 'result', id: msg.id, result: await toySnapshot(need(), msg.count, msg.grid, msg.seed) });
          return;
        case 'interpolate': {
          const t = need();
          const imgs = await t.interpolate(t.sampleLatent(msg.seedA), t.sampleLatent(msg.seedB), msg.steps, msg.label);
          post({ type: 'result', id: msg.id, result: imgs }, imgs.map((i) => i.buffer as ArrayBuffer));
          return;
        }
        case 'dispose':
          trainer?.dispose();
          trainer = null;
          post({ type: 'result', id: msg.id, result: tf.memory().numTensors });
          return;
        default:
          throw new Error(`unknown request type "${(msg as { type?: unknown }).type}"`);
      }
    } catch (e) {
      post({ type: 'error', id: (msg as { id?: number }).id ?? -1, error: errMsg(e) });
    }
  }

  return (msg) => {
    // A stop must overtake the training it ends, so it never waits in the queue.
    if (msg.type === 'stop') {
      stopBelow = Math.max(stopBelow, msg.id);
      post({ type: 'result', id: msg.id, result: null });
      return Promise.resolve();
    }
    queue = queue.then(() => handleOne(msg));
    return queue;
  };
}

// The worker entry: only inside a dedicated worker (Node and the main thread import this file for tests).
interface WorkerScope {
  postMessage(msg: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
}
const g = globalThis as unknown as { importScripts?: unknown; WorkerGlobalScope?: unknown };
if (typeof g.WorkerGlobalScope !== 'undefined' && typeof g.importScripts === 'function') {
  const scope = globalThis as unknown as WorkerScope;
  const handle = createWorkerHandler((msg, transfer) => scope.postMessage(msg, transfer ?? []));
  scope.onmessage = (e) => void handle(e.data as WorkerRequest);
}
