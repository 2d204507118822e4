/**
 * The training Web Worker: owns tfjs and the GanTrainer so the page stays responsive. The message
 * handling lives in createWorkerHandler, a plain function, so Node tests drive it without a Worker.
 * Requests run one at a time, in arrival order: a generate() sent during a round sees the weights
 * the round produced.
 */
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, errMsg } from './backend';
import { decodeImageSet } from './format';
import { GanTrainer } from './trainer';
import { isToy, type InitResult, type WorkerInit, type WorkerRequest, type WorkerResponse } from './protocol-worker';

export type Post = (msg: WorkerResponse, transfer?: Transferable[]) => void;

export interface HandlerDeps {
  /** How to get the dataset binary from a URL; defaults to fetch. */
  fetchBytes?: (url: string) => Promise<Uint8Array>;
}

async function defaultFetch(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not fetch the dataset at ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export function createWorkerHandler(post: Post, deps: HandlerDeps = {}): (msg: WorkerRequest) => Promise<void> {
  let trainer: GanTrainer | null = null;
  let queue: Promise<void> = Promise.resolve();

  const need = (): GanTrainer => {
    if (!trainer) throw new Error('the trainer is not initialised: send init first');
    return trainer;
  };

  async function init(init: WorkerInit): Promise<InitResult> {
    if (trainer) throw new Error('the trainer is already initialised');
    const choice = await chooseBackend(init.prefer);
    const dataset = init.config?.dataset;
    let images;
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
    const reason = [choice.reason, ...t.notes].join('; ');
    return { backend: { name: choice.name, reason }, config: { ...t.config }, notes: t.notes };
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
          const report = await need().trainRound(msg.verdicts, msg.budget, (progress) => post({ type: 'progress', id: msg.id, progress }));
          post({ type: 'result', id: msg.id, result: report });
          return;
        }
        case 'configure':
          need().configure(msg.patch);
          post({ type: 'result', id: msg.id, result: { ...need().config } });
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
