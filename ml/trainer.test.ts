import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImageSet, type ImageSet } from './format';
import { GanTrainer, JUDGING_REPORT_MS, type GanConfig, type StepProgress } from './trainer';
import { modeStats, toyMixture } from './data';
import { LOSSES } from './losses';

/** The first n digits: enough to train on, small enough to keep tests quick. */
function digits(n = 512): ImageSet {
  const all = decodeImageSet(readFileSync(path.join(__dirname, '../public/data/digits.bin')));
  return { ...all, count: n, labels: all.labels.subarray(0, n), pixels: all.pixels.subarray(0, n * 784) };
}

let images: ImageSet;
beforeAll(async () => {
  await tf.setBackend('cpu');
  images = digits();
});

const tinyMlp = { dataset: 'digits', hidden: 16, latentDim: 8, batchSize: 8 } as const;
const tinyDcgan = { dataset: 'digits', arch: 'dcgan', hidden: 4, latentDim: 8, batchSize: 4 } as const;

function verdict(i: number, votes: number, fakeVotes: number, label?: number) {
  return { pixels: images.pixels.slice(i * 784, (i + 1) * 784), truth: 'real' as const, votes, fakeVotes, label };
}

describe('GanTrainer: no tensor leaks after a warm-up step', () => {
  const cases: [string, Partial<GanConfig> & { dataset: GanConfig['dataset'] }][] = [
    ...LOSSES.map((loss) => [`mlp ${loss}`, { ...tinyMlp, loss }] as [string, Partial<GanConfig> & { dataset: 'digits' }]),
    ['mlp conditional + feature matching + smoothing', { ...tinyMlp, conditional: true, featureMatching: true, labelSmoothing: 0.1 }],
    ['dcgan nonsaturating', tinyDcgan],
    ['dcgan conditional wgan-gp', { ...tinyDcgan, conditional: true, loss: 'wgan-gp' }],
    ['toy ring', { dataset: 'ring', hidden: 16, batchSize: 16 }],
  ];
  for (const [name, config] of cases) {
    it(name, async () => {
      const before = tf.memory().numTensors;
      const t = new GanTrainer(config, { images, allowSlowConv: true, seed: 3 });
      const toy = config.dataset === 'ring';
      const verdicts = toy ? [] : [verdict(0, 4, 1, 3), verdict(1, 2, 2, 7)];
      await t.trainRound(verdicts, { dSteps: 1, gSteps: 1 });
      const warm = tf.memory().numTensors;
      const s = await t.step();
      const r = await t.trainRound(verdicts, { dSteps: 2, gSteps: 2 });
      if (toy) await t.generatePoints(4, 1);
      else await t.generate(3, 1);
      await t.weightsChecksum();
      expect(tf.memory().numTensors).toBe(warm);
      for (const v of [s.dLoss, s.gLoss, s.dReal, s.dFake, r.dLoss, r.gLoss]) expect(Number.isFinite(v)).toBe(true);
      t.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('GanTrainer.trainRound', () => {
  it('changes the G weights, feels the human term and reports each step', async () => {
    const t = new GanTrainer({ ...tinyMlp, humanWeight: 2 }, { images, seed: 9 });
    const c0 = await t.weightsChecksum();
    const progress: { phase: string; step: number; total: number }[] = [];
    const r = await t.trainRound([verdict(0, 5, 4), verdict(1, 3, 0), verdict(2, 0, 0)], { dSteps: 3, gSteps: 2 }, (p) => progress.push(p));
    expect(await t.weightsChecksum()).not.toBe(c0);
    expect(r.humanLoss).toBeGreaterThan(0.1);
    expect(r.humanImages).toBe(2); // the verdict with no votes carries no information
    expect(r).toMatchObject({ dSteps: 3, gSteps: 2, backend: 'cpu' });
    expect(r.stepsPerSec).toBeGreaterThan(0);
    expect(progress.map((p) => `${p.phase}${p.step}/${p.total}`)).toEqual(['d1/5', 'g2/5', 'd3/5', 'g4/5', 'd5/5']); // in turns, D first
    t.dispose();
  });

  it('the human term moves D toward the room: an image everyone called fake loses D score', async () => {
    // Only the human term and an empty step budget for G: compare D on the judged image before/after.
    const t = new GanTrainer({ ...tinyMlp, humanWeight: 50, lrD: 1e-3 }, { images, seed: 2 });
    const v = verdict(5, 10, 10);
    const before = await t.trainRound([v], { dSteps: 1, gSteps: 0 });
    const after = await t.trainRound([v], { dSteps: 15, gSteps: 0 });
    // BCE toward target 0 shrinks as D learns to call this image fake.
    expect(after.humanLoss).toBeLessThan(before.humanLoss);
    t.dispose();
  });

  it('refuses malformed verdicts and budgets with clear errors', async () => {
    const t = new GanTrainer(tinyMlp, { images });
    await expect(t.trainRound([{ ...verdict(0, 2, 3) }], { dSteps: 1, gSteps: 0 })).rejects.toThrow(/fakeVotes must be an integer in 0..votes/);
    await expect(t.trainRound([{ ...verdict(0, 2, 1), pixels: new Uint8Array(10) }], { dSteps: 1, gSteps: 0 })).rejects.toThrow(/784 bytes/);
    await expect(t.trainRound([], { dSteps: -1, gSteps: 0 })).rejects.toThrow(/budget.dSteps/);
    t.dispose();
  });
});

describe('GanTrainer.trainRound with seconds (training that uses the time)', () => {
  it("fills the seconds with D and G steps taking turns in the level's ratio, without leaking", async () => {
    const t = new GanTrainer(tinyMlp, { images, seed: 4 });
    await t.trainRound([verdict(0, 3, 1)], { dSteps: 1, gSteps: 1 });
    const warm = tf.memory().numTensors;
    const progress: { phase: string; step: number; total: number }[] = [];
    const t0 = performance.now();
    // 1 D : 3 G for 1.2 s: far more than four tiny steps (a few ms each, 100 on a busy machine), so the
    // phase runs on in turns until the seconds are spent.
    const r = await t.trainRound([verdict(0, 3, 1)], { dSteps: 1, gSteps: 3, seconds: 1.2 }, (p) => progress.push(p));
    const elapsed = performance.now() - t0;
    expect(r.dSteps).toBeGreaterThan(1);
    expect(r.gSteps).toBeGreaterThanOrEqual(3 * (r.dSteps - 1));
    expect(r.gSteps).toBeLessThanOrEqual(3 * r.dSteps);
    expect(r.humanImages).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(1200);
    expect(elapsed).toBeLessThan(1.2 * 1000 * 2 + 1000);
    // Progress counts every step, in turns (D, G, G, G, D, …), and its total is never below the step.
    // (A last report may repeat the last step with the bar full, when the clock ended the phase early.)
    const steps = progress.filter((p, i) => i === 0 || p.step !== progress[i - 1].step);
    expect(steps.map((p) => p.phase)).toEqual(steps.map((_, i) => (i % 4 === 0 ? 'd' : 'g')));
    expect(progress.at(-1)).toMatchObject({ step: r.dSteps + r.gSteps, total: r.dSteps + r.gSteps });
    for (const p of progress) expect(p.total).toBeGreaterThanOrEqual(p.step);
    expect(tf.memory().numTensors).toBe(warm);
    t.dispose();
  });

  it('runs the planned steps only while they are cheap: one step of each where even one outlasts the ceiling', async () => {
    const t = new GanTrainer(tinyMlp, { images, seed: 4 });
    // 1 ms for 100 planned steps: the first step already passes the 2 ms ceiling, yet one of each kind runs.
    const r = await t.trainRound([], { dSteps: 50, gSteps: 50, seconds: 0.001 });
    expect(r).toMatchObject({ dSteps: 1, gSteps: 1 });
    // Seconds enough for the planned steps: at least those run, in the ratio.
    const full = await t.trainRound([], { dSteps: 3, gSteps: 2, seconds: 0.5 });
    expect(full.dSteps).toBeGreaterThanOrEqual(3);
    expect(full.gSteps).toBeGreaterThanOrEqual(2);
    // In turns, the counts never stray from 3:2 by more than one step's worth.
    expect(Math.abs(3 * full.gSteps - 2 * full.dSteps)).toBeLessThanOrEqual(3);
    await expect(t.trainRound([], { dSteps: 1, gSteps: 1, seconds: -1 })).rejects.toThrow(/budget.seconds/);
    t.dispose();
  });

  it('stops within one step when asked, whatever the seconds say', async () => {
    const t = new GanTrainer(tinyMlp, { images, seed: 4 });
    let asked = 0;
    const r = await t.trainRound([], { dSteps: 10, gSteps: 10, seconds: 60 }, undefined, () => ++asked > 3);
    expect(r.dSteps + r.gSteps).toBe(3);
    t.dispose();
  });
});

describe('GanTrainer.trainData (while the class judges)', () => {
  it("alternates D and G steps in the level's ratio, without the human term, and changes G without leaking", async () => {
    const t = new GanTrainer(tinyMlp, { images, seed: 6 });
    await t.step();
    const warm = tf.memory().numTensors;
    const c0 = await t.weightsChecksum();
    const r = await t.trainData({ seconds: 60, maxSteps: 10, dSteps: 1, gSteps: 4 });
    // 1 D, 4 G, 1 D, 4 G: ten steps.
    expect(r).toMatchObject({ dSteps: 2, gSteps: 8 });
    expect(Number.isFinite(r.dLoss) && Number.isFinite(r.gLoss)).toBe(true);
    expect(await t.weightsChecksum()).not.toBe(c0);
    expect(tf.memory().numTensors).toBe(warm);
    t.dispose();
  });

  it("reports points for the loss chart: the mean losses every JUDGING_REPORT_MS and at the end, marked as judging", async () => {
    const t = new GanTrainer(tinyMlp, { images, seed: 6 });
    const points: StepProgress[] = [];
    const r = await t.trainData({ seconds: 0.8, maxSteps: 100_000, dSteps: 1, gSteps: 1 }, undefined, (p) => points.push(p));
    expect(points.length).toBeGreaterThanOrEqual(2);
    // Far fewer points than steps (a tiny step takes a few ms), the last one at the last step.
    expect(points.length).toBeLessThanOrEqual(Math.ceil(r.ms / JUDGING_REPORT_MS) + 1);
    expect(points.at(-1)).toMatchObject({ step: r.dSteps + r.gSteps, total: r.dSteps + r.gSteps, judging: true });
    for (const p of points) expect(Number.isFinite(p.dLoss) && Number.isFinite(p.gLoss) && p.judging).toBe(true);
    // Nothing ran, nothing reported.
    const none: StepProgress[] = [];
    await t.trainData({ seconds: 0, maxSteps: 10, dSteps: 1, gSteps: 1 }, undefined, (p) => none.push(p));
    expect(none).toEqual([]);
    t.dispose();
  });

  it('stops within one step of a stop, and when its seconds are spent', async () => {
    const t = new GanTrainer(tinyMlp, { images, seed: 6 });
    let asked = 0;
    const stopped = await t.trainData({ seconds: 60, maxSteps: 1000, dSteps: 1, gSteps: 1 }, () => ++asked > 5);
    expect(stopped.dSteps + stopped.gSteps).toBe(5);
    const t0 = performance.now();
    const timed = await t.trainData({ seconds: 0.3, maxSteps: 100_000, dSteps: 1, gSteps: 1 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(300);
    expect(timed.ms).toBeGreaterThanOrEqual(300);
    // Steps until the seconds ran out (a tiny MLP's step is a few ms; a busy machine may make it 100),
    // alternating, so never two of a kind ahead.
    expect(timed.dSteps).toBeGreaterThanOrEqual(2);
    expect(Math.abs(timed.dSteps - timed.gSteps)).toBeLessThanOrEqual(1);
    expect(await t.trainData({ seconds: 0, maxSteps: 10, dSteps: 1, gSteps: 1 })).toMatchObject({ dSteps: 0, gSteps: 0 });
    await expect(t.trainData({ seconds: 1, maxSteps: -1, dSteps: 1, gSteps: 1 })).rejects.toThrow(/maxSteps/);
    await expect(t.trainData({ seconds: Number.NaN, maxSteps: 1, dSteps: 1, gSteps: 1 })).rejects.toThrow(/seconds/);
    t.dispose();
  });
});

describe('GanTrainer.generate', () => {
  it('is seeded, 8-bit, and conditional labels are checked', async () => {
    const t = new GanTrainer({ ...tinyMlp, conditional: true }, { images });
    const a = await t.generate(4, 11);
    const b = await t.generate(4, 11);
    const c = await t.generate(4, 12);
    expect(a).toHaveLength(4);
    expect(a[0]).toBeInstanceOf(Uint8Array);
    expect(a[0]).toHaveLength(784);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(await t.generate(2, 11, [3, 3])).toHaveLength(2);
    await expect(t.generate(2, 1, [3, 10])).rejects.toThrow(/label must be an integer in 0..9/);
    t.dispose();
  });

  it('interpolates between two latents, ending exactly at their images', async () => {
    const t = new GanTrainer(tinyMlp, { images });
    const zA = t.sampleLatent(1), zB = t.sampleLatent(2);
    const path = await t.interpolate(zA, zB, 5);
    expect(path).toHaveLength(5);
    const [ends] = [await t.interpolate(zA, zA, 2)];
    expect(ends[0]).toEqual(path[0]);
    expect(path[0]).not.toEqual(path[4]);
    await expect(t.interpolate(zA, new Float32Array(3), 5)).rejects.toThrow(/latents must have 8 values/);
    t.dispose();
  });
});

describe('GanTrainer on the 2-D ring', () => {
  it('moves the generator measurably closer to the modes within a few hundred CPU steps', async () => {
    const t = new GanTrainer({ dataset: 'ring', hidden: 64, batchSize: 64, latentDim: 4, lrD: 2e-3, lrG: 2e-3 }, { seed: 4 });
    const ring = toyMixture('ring');
    const before = modeStats(ring, await t.generatePoints(512, 99));
    for (let i = 0; i < 300; i++) await t.step();
    const after = modeStats(ring, await t.generatePoints(512, 99));
    // Measured on this seed: 1.80 → 0.87, and from 0 to 8 modes with a point within 0.5.
    expect(after.meanDist).toBeLessThan(0.6 * before.meanDist);
    expect(after.modesHit).toBeGreaterThan(before.modesHit);
    t.dispose();
  });
});

describe('GanTrainer config', () => {
  it('rejects bad configs naming the field and what was expected', () => {
    expect(() => new GanTrainer({ ...tinyMlp, latentDim: 0 }, { images })).toThrow(/config.latentDim must be an integer in 1..1024, got 0/);
    expect(() => new GanTrainer({ ...tinyMlp, loss: 'bogus' as never }, { images })).toThrow(/config.loss must be one of/);
    expect(() => new GanTrainer({ dataset: 'ring', arch: 'dcgan' })).toThrow(/must be "mlp"/);
    expect(() => new GanTrainer({ dataset: 'digits' })).toThrow(/needs its images/);
  });

  it('falls back from DCGAN to MLP on the CPU backend unless told otherwise, and says why', () => {
    const t = new GanTrainer(tinyDcgan, { images });
    expect(t.config.arch).toBe('mlp');
    expect(t.notes.join()).toMatch(/DCGAN → MLP.*cpu/);
    t.dispose();
  });

  it('configure changes the tunable knobs and refuses shape fields', async () => {
    const t = new GanTrainer(tinyMlp, { images });
    t.configure({ loss: 'hinge', lrG: 1e-3 });
    expect(t.config).toMatchObject({ loss: 'hinge', lrG: 1e-3 });
    expect(() => t.configure({ hidden: 8 } as never)).toThrow(/cannot change on a running trainer/);
    expect(() => t.configure({ lrD: -1 })).toThrow(/config.lrD/);
    await t.step();
    t.dispose();
  });
});

describe('GanTrainer.resetDiscriminator', () => {
  it('re-initialises D only: G draws the same images, the step count stays, training goes on, nothing leaks', async () => {
    const t = new GanTrainer(tinyDcgan, { images, allowSlowConv: true, seed: 5 });
    for (let i = 0; i < 3; i++) await t.step();
    const reals = [0, 1, 2, 3].map((i) => images.pixels.slice(i * 784, (i + 1) * 784));
    const before = tf.memory().numTensors;
    const imgs = await t.generate(4, 9);
    const scores = await t.scoreImages(reals);
    const steps = t.steps;
    t.resetDiscriminator();
    expect(await t.generate(4, 9)).toEqual(imgs);
    expect(Array.from(await t.scoreImages(reals))).not.toEqual(Array.from(scores));
    expect(t.steps).toBe(steps);
    const s = await t.step();
    expect(Number.isFinite(s.dLoss) && Number.isFinite(s.gLoss)).toBe(true);
    // D's fresh Adam has its moments again after one step: as many tensors as before the reset.
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });
});
