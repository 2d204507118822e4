import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createWorkerHandler } from './worker';
import { TIMING_STOPPED, TrainerClient, tinyConfig, type StepProgress, type WorkerLike } from './trainer-client';
import type { WorkerRequest, WorkerResponse } from './gan-config';

const digitsBytes = readFileSync(path.join(__dirname, '../public/data/digits.bin'));
const fetchBytes = async (url: string) => {
  if (url !== '/data/digits.bin') throw new Error(`404 ${url}`);
  return new Uint8Array(digitsBytes);
};

/** A Worker stand-in that runs the real handler in this process, with structured-clone copies both ways. */
function fakeWorker(): WorkerLike & { terminated: boolean } {
  const listeners: ((e: MessageEvent) => void)[] = [];
  const handle = createWorkerHandler((msg) => {
    const copy = structuredClone(msg);
    setTimeout(() => listeners.forEach((l) => l({ data: copy } as MessageEvent)), 0);
  }, { fetchBytes });
  const w = {
    terminated: false,
    postMessage(msg: unknown) {
      if (!w.terminated) void handle(structuredClone(msg) as WorkerRequest);
    },
    addEventListener(type: string, fn: (e: never) => void) {
      if (type === 'message') listeners.push(fn as (e: MessageEvent) => void);
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TrainerClient over the worker handler', () => {
  it('starts, generates, trains with progress, checksums, saves and loads', async () => {
    const progress: StepProgress[] = [];
    const client = await TrainerClient.start({ config: { ...tinyConfig('digits'), hidden: 8 }, prefer: ['cpu'], seed: 5 }, (p) => progress.push(p), fakeWorker());
    expect(client.backend.name).toBe('cpu');
    expect(client.config).toMatchObject({ dataset: 'digits', arch: 'mlp', hidden: 8, batchSize: 16 });

    const imgs = await client.generate(3, 1);
    expect(imgs).toHaveLength(3);
    expect(imgs[0]).toBeInstanceOf(Uint8Array);
    expect(imgs[0]).toHaveLength(784);

    const c0 = await client.checksum();
    const saved = await client.save();
    const report = await client.trainRound([{ pixels: imgs[0], truth: 'fake', votes: 4, fakeVotes: 3 }], { dSteps: 2, gSteps: 1 });
    expect(report).toMatchObject({ dSteps: 2, gSteps: 1, humanImages: 1, backend: 'cpu' });
    expect(progress.map((p) => p.phase)).toEqual(['d', 'g', 'd']); // in turns, D first
    expect(await client.checksum()).not.toBe(c0);

    await client.load(saved);
    expect(await client.checksum()).toBe(c0);
    expect(await client.generate(3, 1)).toEqual(imgs);

    const cfg = await client.configure({ loss: 'lsgan' });
    expect(cfg.loss).toBe('lsgan');
    expect(client.config.loss).toBe('lsgan');
    client.dispose();
    await expect(client.checksum()).rejects.toThrow(/disposed/);
  });

  it('turns errors inside the worker into rejected promises with the message', async () => {
    const client = await TrainerClient.start({ config: { ...tinyConfig('digits'), hidden: 8 }, prefer: ['cpu'] }, undefined, fakeWorker());
    await expect(client.generate(-1)).rejects.toThrow(/count must be an integer/);
    await expect(client.load(new Uint8Array([1, 2, 3]))).rejects.toThrow(/checkpoint is truncated/);
    // The worker keeps serving after an error.
    expect(await client.generate(1, 2)).toHaveLength(1);
    client.dispose();
  });

  it('rejects start when the data set cannot be fetched or the config is wrong', async () => {
    await expect(TrainerClient.start({ config: { dataset: 'digits' }, datasetUrl: '/nope.bin', prefer: ['cpu'] }, undefined, fakeWorker())).rejects.toThrow(/404 \/nope.bin/);
    await expect(TrainerClient.start({ config: { dataset: 'digits', latentDim: -3 }, prefer: ['cpu'] }, undefined, fakeWorker())).rejects.toThrow(/config.latentDim/);
  });

  it('stops a round in training after its current step and reports the steps that ran', async () => {
    let client: TrainerClient | null = null;
    let seen = 0;
    const progress = (p: StepProgress) => {
      if (++seen === 2) void client!.stop();
      return p;
    };
    client = await TrainerClient.start({ config: { ...tinyConfig('digits'), hidden: 8 }, prefer: ['cpu'], seed: 5 }, progress, fakeWorker());
    const report = await client.trainRound([], { dSteps: 400, gSteps: 400 });
    expect(report.dSteps + report.gSteps).toBeGreaterThanOrEqual(2);
    expect(report.dSteps + report.gSteps).toBeLessThan(800); // stopped long before its budget ran out
    // The next round trains in full: a stop ends one round, not the trainer.
    const next = await client.trainRound([], { dSteps: 2, gSteps: 1 });
    expect(next).toMatchObject({ dSteps: 2, gSteps: 1 });
    client.dispose();
  });

  it('trains on the data until stopped, and a stop ends only what was asked before it', async () => {
    const points: StepProgress[] = [];
    const client = await TrainerClient.start({ config: { ...tinyConfig('digits'), hidden: 8 }, prefer: ['cpu'], seed: 5 }, (p) => points.push(p), fakeWorker());
    const c0 = await client.checksum();
    const judging = client.trainData({ seconds: 600, maxSteps: 100_000, dSteps: 1, gSteps: 1 });
    await new Promise((r) => setTimeout(r, 300));
    await client.stop();
    const ran = await judging;
    expect(ran.dSteps).toBeGreaterThan(0);
    expect(ran.ms).toBeLessThan(60_000);
    // Its loss-chart points reach the page, marked as judging, the last at the last step.
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => p.judging)).toBe(true);
    expect(points.at(-1)!.step).toBe(ran.dSteps + ran.gSteps);
    expect(await client.checksum()).not.toBe(c0);
    // A stop sent right behind a request stops it before its first step, even though the request
    // had not started yet; the round asked for after the stop trains in full.
    const early = client.trainData({ seconds: 600, maxSteps: 100_000, dSteps: 1, gSteps: 1 });
    const stop = client.stop();
    const round = client.trainRound([], { dSteps: 2, gSteps: 1 });
    expect(await early).toMatchObject({ dSteps: 0, gSteps: 0 });
    await stop;
    expect(await round).toMatchObject({ dSteps: 2, gSteps: 1 });
    client.dispose();
  });

  it("times another model's steps on its backend without touching the generator or leaking tensors", async () => {
    const client = await TrainerClient.start({ config: { ...tinyConfig('digits'), hidden: 8 }, prefer: ['cpu'], seed: 5 }, undefined, fakeWorker());
    const before = await client.checksum();
    const imgs = await client.generate(2, 9);
    const tensors = tf.memory().numTensors;
    const t = await client.bench({ model: { arch: 'mlp', conditional: true, latentDim: 8, hidden: 16 }, batchSize: 8, minMs: 0, maxSteps: 3 });
    expect(t).toMatchObject({ backend: 'cpu', arch: 'mlp', steps: 1, notes: [] });
    expect(t.msD).toBeGreaterThan(0);
    expect(t.msG).toBeGreaterThan(0);
    expect(t.msPerStep).toBeCloseTo(t.msD + t.msG, 1);
    // The timed loop holds its tensor count, and the throwaway model is gone afterwards.
    expect(t.tensorsAfter).toBe(t.tensorsBefore);
    expect(tf.memory().numTensors).toBe(tensors);
    // The game's generator is as it was: same weights, same samples from the same seed.
    expect(await client.checksum()).toBe(before);
    expect(await client.generate(2, 9)).toEqual(imgs);
    // A DCGAN on the plain CPU backend is timed as what the game would train there: the MLP it becomes.
    const conv = await client.bench({ model: { arch: 'dcgan', conditional: false, latentDim: 8, hidden: 2 }, batchSize: 4, minMs: 0, maxSteps: 2 });
    expect(conv.arch).toBe('mlp');
    expect(conv.notes.join()).toMatch(/DCGAN → MLP/);
    await expect(client.bench({ model: { arch: 'mlp', conditional: false, latentDim: 8, hidden: 8 }, batchSize: 0 })).rejects.toThrow(/batchSize/);
    client.dispose();
  });

  it('ends a timing when stopped (the game started), leaving no tensors and the next round untouched', async () => {
    const client = await TrainerClient.start({ config: { ...tinyConfig('digits'), hidden: 8 }, prefer: ['cpu'], seed: 5 }, undefined, fakeWorker());
    const tensors = tf.memory().numTensors;
    const timing = client.bench({ model: { arch: 'mlp', conditional: false, latentDim: 16, hidden: 32 }, batchSize: 32, minMs: 5000, maxSteps: 50 });
    await new Promise((r) => setTimeout(r, 150));
    await client.stop();
    await expect(timing).rejects.toThrow(TIMING_STOPPED);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await client.trainRound([], { dSteps: 2, gSteps: 1 })).toMatchObject({ dSteps: 2, gSteps: 1 });
    client.dispose();
  });

  it('trains the DCGAN itself on WASM: choosing WASM registers the project kernels, so there is no swap to an MLP', async () => {
    const client = await TrainerClient.start({ config: { dataset: 'digits', arch: 'dcgan', hidden: 2, batchSize: 4 }, prefer: ['wasm'] }, undefined, fakeWorker());
    expect(client.backend.name).toBe('wasm');
    expect(client.config.arch).toBe('dcgan');
    expect(client.notes).toEqual([]);
    expect(client.backend.reason).not.toMatch(/DCGAN → MLP/);
    const before = await client.checksum();
    const report = await client.trainRound([], { dSteps: 1, gSteps: 1 });
    expect(report).toMatchObject({ dSteps: 1, gSteps: 1, backend: 'wasm' });
    expect(await client.checksum()).not.toBe(before);
    client.dispose();
    await tf.setBackend('cpu');
  });
});

describe('createWorkerHandler', () => {
  it('answers a request before init with a clear error', async () => {
    const out: WorkerResponse[] = [];
    const handle = createWorkerHandler((m) => out.push(m));
    await handle({ id: 7, type: 'checksum' });
    expect(out).toEqual([{ type: 'error', id: 7, error: 'the trainer is not initialised: send init first' }]);
  });
});

describe('machine metrics in the worker', () => {
  it('evaluates the generator with the committed classifier against real images of the training split it fetched, without leaking tensors', async () => {
    const { loadClassifier } = await import('./classifier');
    const loads: string[] = [];
    const posted: WorkerResponse[] = [];
    const handle = createWorkerHandler((m) => void posted.push(m), {
      fetchBytes,
      loadClassifier: (dataset) => {
        loads.push(dataset);
        return loadClassifier(dataset, { readFile: async (rel) => new Uint8Array(readFileSync(path.join(__dirname, '../public', rel))) });
      },
    });
    const ask = async (req: WorkerRequest) => {
      await handle(req);
      return posted.find((m) => m.id === req.id)!;
    };
    await ask({ id: 1, type: 'init', init: { config: { ...tinyConfig('digits'), hidden: 8 }, prefer: ['cpu'], seed: 3 } });
    const first = await ask({ id: 2, type: 'evaluate', count: 40 });
    expect(first.type).toBe('result');
    const e = (first as { result: import('./gan-config').MachineEvaluation }).result;
    expect(e.histogram).toHaveLength(10);
    expect(e.histogram.reduce((a, b) => a + b, 0)).toBe(40);
    expect(e.classNames[7]).toBe('7');
    expect(Number.isFinite(e.fid) && e.fid > 0).toBe(true);
    // An untrained generator's noise is nothing like digits: far from the real images.
    expect(e.fid).toBeGreaterThan(10);
    const before = tf.memory().numTensors;
    await ask({ id: 3, type: 'evaluate', count: 40 });
    expect(tf.memory().numTensors).toBe(before);
    expect(loads).toEqual(['digits']);
    const bad = await ask({ id: 4, type: 'evaluate', count: 3 });
    expect(bad).toMatchObject({ type: 'error', error: expect.stringMatching(/10 to 2000/) });
    await ask({ id: 5, type: 'dispose' });
  });
});
