import { describe, expect, it } from 'vitest';
import { LEVELS } from '@/game/levels';
import { type LevelSpec, type ModelShape, type TrainVerdict, TrainingReportSchema, encodePixels } from '@/game/protocol';
import type { DataReport, GanConfig, HumanVerdict, MachineEvaluation, RoundReport, TrainerInit } from '@/ml/trainer-client';
import type { JudgingBudget } from '@/game/training-budget';
import type { Fetch, StartingPoint } from './checkpoints';
import { type Generator, type GeneratorIO, GeneratorDriver, type TrainPlan, type TrainRequest } from './driver';
import { sameShape } from '@/game/vocabulary';
import { decodeCheckpoint, encodeCheckpoint } from '@/ml/checkpoint';

// ---------------------------------------------------------------- fakes: a worker that only knows shapes

/** A checkpoint in the real format, with no tensors: the model shape it was saved from and its step count. */
const checkpointOf = (m: ModelShape, steps = 0) => encodeCheckpoint({ config: { ...m }, meta: { steps }, tensors: [] });
const shapeOf = (bytes: Uint8Array): ModelShape => decodeCheckpoint(bytes).config as unknown as ModelShape;

const ROUND: RoundReport = {
  dSteps: 4, gSteps: 2, dLoss: 0.7, gLoss: 1.2, humanLoss: 0.3, humanImages: 2, dReal: 1.3, dFake: -0.2, stepsPerSec: 50, ms: 120, backend: 'cpu',
};
const METRICS: MachineEvaluation = {
  histogram: [1, 2, 3, 4, 0, 0, 0, 0, 0, 0], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], coverage: 0.4, entropy: 0.5,
  fid: 120, samples: 10, collapsed: false, notImages: false, collapseReason: '',
};

class FakeGenerator implements Generator {
  readonly backend = { name: 'cpu' as const, reason: 'no GPU here' };
  readonly config: GanConfig;
  weights = 1;
  disposed = false;
  configured: unknown[] = [];
  trainedOn: HumanVerdict[][] = [];

  constructor(
    init: Pick<TrainerInit, 'config' | 'checkpoint'>,
    private readonly log: string[],
  ) {
    // The fake reads only the shape fields and the knobs it is given.
    this.config = { ...init.config } as GanConfig;
  }
  async configure(patch: object) {
    this.configured.push(patch);
    this.log.push('configure');
  }
  async checksum() {
    this.log.push(`checksum ${this.weights}`);
    return this.weights;
  }
  budgets: { dSteps: number; gSteps: number }[] = [];
  /** Set: the round trains until stop(), as a long round the host skips would. */
  holdTraining = false;
  private release: (() => void) | null = null;
  async trainRound(verdicts: HumanVerdict[], budget: { dSteps: number; gSteps: number }) {
    this.trainedOn.push(verdicts);
    this.budgets.push(budget);
    this.log.push('trainRound');
    if (budget.dSteps + budget.gSteps === 0) return { ...ROUND, dSteps: 0, gSteps: 0 };
    this.weights += 1;
    if (!this.holdTraining) return ROUND;
    await new Promise<void>((resolve) => (this.release = resolve));
    return { ...ROUND, dSteps: 1, gSteps: 0 };
  }
  /** Set: data-only training runs until stop(), as it does while a class judges. */
  holdData = true;
  dataBudgets: JudgingBudget[] = [];
  private releaseData: (() => void) | null = null;
  async trainData(budget: JudgingBudget): Promise<DataReport> {
    this.dataBudgets.push(budget);
    this.log.push('trainData');
    this.weights += 1;
    if (this.holdData) await new Promise<void>((resolve) => (this.releaseData = resolve));
    return { dSteps: 3, gSteps: 3, dLoss: 0.6, gLoss: 0.9, ms: 40 };
  }
  async stop() {
    this.log.push('stop');
    this.release?.();
    this.releaseData?.();
    this.releaseData = null;
  }
  evaluateFails = false;
  async evaluate(count: number) {
    this.log.push(`evaluate ${count}`);
    if (this.evaluateFails) throw new Error('no classifier');
    return METRICS;
  }
  dispose() {
    this.disposed = true;
  }
}

interface Harness {
  driver: GeneratorDriver<FakeGenerator>;
  log: string[];
  started: FakeGenerator[];
  errors: string[];
  ready: string[];
  reports: { round: number; report: unknown }[];
  tasks: (string | null)[];
}

function harness(opts: { own?: StartingPoint | null; shipped?: Record<string, Uint8Array>; startDelay?: Promise<void>; batchSize?: () => number } = {}): Harness {
  const h: Omit<Harness, 'driver'> = { log: [], started: [], errors: [], ready: [], reports: [], tasks: [] };
  const fetch: Fetch = async (url) => {
    h.log.push(`fetch ${url}`);
    const name = /^\/checkpoints\/(.+)\.ganc$/.exec(url)?.[1];
    const bytes = name ? opts.shipped?.[name] : undefined;
    return bytes ? new Response(bytes as unknown as BodyInit, { status: 200 }) : new Response(null, { status: 404 });
  };
  const io: GeneratorIO<FakeGenerator> = {
    async start(init) {
      await opts.startDelay;
      if (init.checkpoint) {
        let saved: ModelShape;
        try {
          saved = shapeOf(init.checkpoint);
        } catch {
          throw new Error('not a checkpoint');
        }
        if (!sameShape(saved as GanConfig, init.config as GanConfig)) throw new Error('the checkpoint is for another model');
      }
      h.log.push(`start ${init.checkpoint ? 'from checkpoint' : 'untrained'}`);
      const g = new FakeGenerator(init, h.log);
      h.started.push(g);
      return g;
    },
    ownCheckpoint: async (levelNumber) => {
      h.log.push(`own ${levelNumber}`);
      return opts.own ?? null;
    },
    fetch,
    keep: (_g, levelNumber) => void h.log.push(`keep ${levelNumber}`),
    reportTrained: (round, report) => {
      h.log.push('report');
      h.reports.push({ round, report });
    },
    onLoading: () => h.log.push('loading'),
    onReady: (_g, reason) => void h.ready.push(reason),
    onTask: (task) => void h.tasks.push(task),
    onTrainingStart: (round) => h.log.push(`training ${round}`),
    onError: (message) => void h.errors.push(message),
  };
  return { ...h, driver: new GeneratorDriver(io, { batchSize: opts.batchSize ?? (() => 16) }) };
}

const strokes = LEVELS.strokes; // the digits DCGAN, shipped checkpoint trajectory/digits/step-150
const fashion = LEVELS.fashion; // another shape (another data set)
const conditional = LEVELS.conditional;

// ---------------------------------------------------------------- the checkpoint chain

describe('where the generator starts', () => {
  it("prefers the page's own checkpoint on a tie, asked for the level it is for", async () => {
    const h = harness({
      own: { bytes: checkpointOf(strokes.model), source: 'your own generator' },
      shipped: { [strokes.checkpoint!]: checkpointOf(strokes.model) },
    });
    await h.driver.prepare(strokes, 2);
    expect(h.log.slice(0, 3)).toEqual([`fetch /checkpoints/${strokes.checkpoint}.ganc`, 'loading', 'own 2']);
    expect(h.ready).toEqual([`no GPU here; ${strokes.name} starts from your own generator`]);
    expect(h.started).toHaveLength(1);
    expect(h.started[0].config).toMatchObject({ ...strokes.model, ...strokes.tunables, humanWeight: strokes.humanWeight, batchSize: 16 });
  });

  it("refuses a checkpoint of another model's shape and takes the level's shipped one", async () => {
    const h = harness({
      own: { bytes: checkpointOf(fashion.model), source: "the room's own checkpoint (level 3)" },
      shipped: { [strokes.checkpoint!]: checkpointOf(strokes.model) },
    });
    await h.driver.prepare(strokes, 2);
    expect(h.errors).toEqual([]);
    expect(h.ready).toEqual([`no GPU here; ${strokes.name} starts from checkpoint ${strokes.checkpoint}`]);
    expect(h.log.filter((l) => l.startsWith('start'))).toEqual(['start from checkpoint']);
  });

  it('starts untrained when every checkpoint is refused, and says why', async () => {
    const h = harness({
      own: { bytes: new Uint8Array([0xff, 0x00]), source: "the room's own checkpoint (level 1)" },
      shipped: { [strokes.checkpoint!]: checkpointOf(fashion.model) },
    });
    await h.driver.prepare(strokes, 2);
    expect(h.ready).toEqual([
      `no GPU here; ${strokes.name} starts from untrained ` +
        `(the room's own checkpoint (level 1) refused: not a checkpoint; checkpoint ${strokes.checkpoint} refused: the checkpoint is for another model)`,
    ]);
  });

  it('says when the level names a checkpoint that is not there', async () => {
    const h = harness();
    await h.driver.prepare(strokes, 1);
    expect(h.ready).toEqual([`no GPU here; ${strokes.name} starts from untrained (checkpoint ${strokes.checkpoint} is missing)`]);
    expect(h.log).toContain(`fetch /checkpoints/${strokes.checkpoint}.ganc`);
  });

  it('fetches nothing for a level that starts untrained', async () => {
    const h = harness();
    await h.driver.prepare(LEVELS.noise, 1);
    expect(h.ready).toEqual([`no GPU here; ${LEVELS.noise.name} starts from untrained`]);
    expect(h.log.some((l) => l.startsWith('fetch'))).toBe(false);
  });

  it("carries the running generator over to a level with the same model, with that level's knobs", async () => {
    const h = harness();
    await h.driver.prepare(LEVELS.noise, 1);
    await h.driver.prepare(strokes, 2);
    expect(h.started).toHaveLength(1);
    expect(h.started[0].configured).toEqual([{ ...strokes.tunables, humanWeight: strokes.humanWeight, batchSize: 16 }]);
    expect(h.driver.current).toBe(h.started[0]);
  });

  it('starts from whichever checkpoint is further along, and says how far each is', async () => {
    const ahead = harness({
      own: { bytes: checkpointOf(strokes.model, 900), source: "the room's own checkpoint (level 2)" },
      shipped: { [strokes.checkpoint!]: checkpointOf(strokes.model, 300) },
    });
    await ahead.driver.prepare(strokes, 2);
    expect(ahead.ready).toEqual([`no GPU here; ${strokes.name} starts from the room's own checkpoint (level 2) (900 training steps)`]);
    const behind = harness({
      own: { bytes: checkpointOf(strokes.model, 120), source: "the room's own checkpoint (level 1)" },
      shipped: { [strokes.checkpoint!]: checkpointOf(strokes.model, 300) },
    });
    await behind.driver.prepare(strokes, 2);
    expect(behind.ready).toEqual([`no GPU here; ${strokes.name} starts from checkpoint ${strokes.checkpoint} (300 training steps)`]);
  });

  it("loads the checkpoint of a level whose lesson it is, however far along the room's generator is", async () => {
    const lesson = { ...strokes, id: 'collapse' as const, name: 'Collapse level', checkpoint: 'collapsed', startsFromCheckpoint: true as const };
    const h = harness({ shipped: { [strokes.checkpoint!]: checkpointOf(strokes.model, 500), collapsed: checkpointOf(strokes.model, 300) } });
    await h.driver.prepare(strokes, 1);
    await h.driver.prepare(lesson, 2);
    expect(h.started).toHaveLength(2);
    expect(h.started[0].disposed).toBe(true);
    expect(h.ready.at(-1)).toBe(`no GPU here; Collapse level starts from checkpoint collapsed (300 training steps), not the room's generator (500 training steps): this level's lesson is that checkpoint`);
  });

  it("keeps the room's generator for a level whose checkpoint it has outgrown, and loads one that is further along", async () => {
    const same = { ...strokes, id: 'dcgan' as const, name: 'Later level', checkpoint: 'later' };
    const h = harness({ shipped: { [strokes.checkpoint!]: checkpointOf(strokes.model, 10), later: checkpointOf(strokes.model, 20) } });
    await h.driver.prepare(strokes, 2);
    // Two rounds of 4 D + 2 G steps: 10 + 12 = 22 steps, past the next level's 20.
    const round = (r: number, level: LevelSpec, levelNumber: number) =>
      h.driver.run(() => ({ level, levelNumber }), (g) => h.driver.train(g, { round: r, verdicts: [], budget: { dSteps: 4, gSteps: 2 }, humanWeight: 1, tunables: level.tunables, level, levelNumber }, { labelOf: () => undefined, measure: null }).then(() => undefined));
    await round(1, strokes, 2);
    await round(2, strokes, 2);
    await h.driver.prepare(same, 3);
    expect(h.started).toHaveLength(1);
    expect(h.ready.at(-1)).toBe(`no GPU here; Later level carries on with the room's generator (22 training steps), further along than checkpoint later (20 training steps)`);
    // One round (28 steps), then a level whose checkpoint is at 50: it loads, and the old generator goes.
    await round(3, same, 3);
    const far = { ...same, name: 'Far level', checkpoint: 'far' };
    const h2 = harness({ shipped: { far: checkpointOf(strokes.model, 50) } });
    await h2.driver.prepare(strokes, 1);
    await h2.driver.prepare(far, 2);
    expect(h2.started).toHaveLength(2);
    expect(h2.started[0].disposed).toBe(true);
    expect(h2.ready.at(-1)).toBe(`no GPU here; Far level starts from checkpoint far (50 training steps), further along than the room's generator (0 training steps)`);
    // Within a level, later jobs neither fetch nor reload.
    const fetches = h.log.filter((l) => l.startsWith('fetch')).length;
    await round(4, same, 3);
    expect(h.log.filter((l) => l.startsWith('fetch')).length).toBe(fetches);
  });

  it('replaces the generator when the model changes, and disposes of the old one', async () => {
    const h = harness();
    await h.driver.prepare(strokes, 2);
    await h.driver.prepare(fashion, 3);
    expect(h.started).toHaveLength(2);
    expect(h.started[0].disposed).toBe(true);
    expect(h.driver.current).toBe(h.started[1]);
  });
});

describe('sameShape', () => {
  it('compares exactly the fields that fix the weights', () => {
    const c = { ...strokes.model } as GanConfig;
    expect(sameShape(c, LEVELS.noise.model)).toBe(true);
    expect(sameShape(c, fashion.model)).toBe(false);
    expect(sameShape(c, conditional.model)).toBe(false);
    expect(sameShape({ ...c, latentDim: 64 }, strokes.model)).toBe(false);
  });
});

// ---------------------------------------------------------------- the job queue

describe('the job queue', () => {
  it('runs jobs one at a time, in the order they came', async () => {
    const h = harness();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    void h.driver.run(() => ({ level: strokes, levelNumber: 1 }), async () => {
      order.push('a start');
      await gate;
      order.push('a end');
    });
    const done = h.driver.run(() => ({ level: strokes, levelNumber: 1 }), async () => void order.push('b'));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['a start']);
    release();
    await done;
    expect(order).toEqual(['a start', 'a end', 'b']);
  });

  it('asks which level a job is for when its turn comes', async () => {
    const h = harness();
    let level: LevelSpec = strokes;
    void h.driver.prepare(strokes, 2);
    const seen: number[] = [];
    const job = h.driver.run(() => ({ level, levelNumber: level === strokes ? 2 : 3 }), async (_g, at) => void seen.push(at.levelNumber));
    level = fashion; // the game moved on before the job ran
    await job;
    expect(seen).toEqual([3]);
    expect(h.driver.current?.config.dataset).toBe('fashion');
  });

  it('reports a failed job and goes on with the next', async () => {
    const h = harness();
    void h.driver.enqueue(async () => {
      throw new Error('worker crashed');
    });
    let ran = false;
    await h.driver.enqueue(async () => void (ran = true));
    expect(h.errors).toEqual(['Trainer: worker crashed']);
    expect(ran).toBe(true);
  });

  it("trains on the room's batch size as it is when each level and round begins", async () => {
    let batch = 64;
    const h = harness({ batchSize: () => batch });
    await h.driver.prepare(strokes, 1);
    expect(h.started[0].config.batchSize).toBe(64);
    batch = 16; // the teacher chose the tiny preset in the lobby
    await h.driver.prepare(LEVELS.noise, 1);
    expect(h.started[0].configured.at(-1)).toMatchObject({ batchSize: 16 });
    batch = 64;
    await trainOnce(h, strokes, { labelOf: () => undefined, measure: null });
    expect(h.started[0].configured.at(-1)).toMatchObject({ batchSize: 64 });
  });

  it('clears the task on the screen when a job fails, so no badge says it is still at work', async () => {
    const h = harness();
    await h.driver.prepare(strokes, 1);
    await h.driver.run(() => ({ level: strokes, levelNumber: 1 }), (g) =>
      h.driver.busy(g, 'Generating 6 images', async () => {
        throw new Error('the training worker failed');
      }),
    );
    expect(h.tasks).toEqual(['Generating 6 images', null]);
    expect(h.errors).toEqual(['Trainer: the training worker failed']);
  });

  it('starts over on restart: the stuck job is dropped quietly and the next builds a fresh generator', async () => {
    const h = harness();
    await h.driver.prepare(strokes, 2);
    const stuck = h.driver.current!;
    h.driver.follow(4);
    // A worker that never answers: the round's training hangs (and nothing would ever release it).
    stuck.trainRound = () => new Promise<never>(() => undefined);
    void h.driver.run(() => ({ level: strokes, levelNumber: 2 }), async (g, at) => void (await h.driver.train(g, request(at.level, at.levelNumber), { labelOf: () => undefined, measure: null })));
    await expect.poll(() => h.tasks.includes('Training on round 4')).toBe(true);
    let later = false;
    void h.driver.enqueue(async () => void (later = true));
    h.driver.restart();
    expect(stuck.disposed).toBe(true);
    expect(h.driver.current).toBeNull();
    // The job asked for again runs at once on a new generator, from the checkpoint chain.
    const again = await trainOnce(h, strokes, { labelOf: () => undefined, measure: null });
    expect(h.started).toHaveLength(2);
    expect(h.driver.current).toBe(h.started[1]);
    expect(again.result).toEqual(ROUND);
    expect(h.reports).toHaveLength(1);
    expect(later).toBe(false); // work queued behind the stuck job went with it
    expect(h.errors).toEqual([]);
  });

  it('once disposed, says nothing more and stops a generator that finishes starting', async () => {
    let finishStart!: () => void;
    const h = harness({ startDelay: new Promise<void>((r) => (finishStart = r)) });
    const pending = h.driver.prepare(strokes, 1);
    await new Promise((r) => setTimeout(r, 5));
    h.driver.dispose();
    finishStart();
    await pending;
    expect(h.started[0].disposed).toBe(true);
    expect(h.driver.current).toBeNull();
    expect(h.errors).toEqual([]);
    expect(h.ready).toEqual([]);
  });
});

// ---------------------------------------------------------------- a round's training

const px = (n: number) => encodePixels(new Uint8Array(784).fill(n));
const verdicts: TrainVerdict[] = [
  { pixels: px(1), truth: 'fake', votes: 3, fakeVotes: 2 },
  { pixels: px(2), truth: 'real', votes: 3, fakeVotes: 0 },
];

function request(level: LevelSpec, levelNumber: number): TrainRequest {
  return { round: 4, level, levelNumber, verdicts, budget: { dSteps: 4, gSteps: 2 }, humanWeight: 0.5, tunables: { loss: 'hinge', lrD: 1e-3, lrG: 2e-3 } };
}

async function trainOnce(h: Harness, level: LevelSpec, plan: TrainPlan) {
  let outcome: Awaited<ReturnType<GeneratorDriver<FakeGenerator>['train']>> | undefined;
  await h.driver.run(() => ({ level, levelNumber: 2 }), async (g, at) => {
    h.log.length = 0;
    h.tasks.length = 0;
    outcome = await h.driver.train(g, request(at.level, at.levelNumber), plan);
  });
  expect(h.errors).toEqual([]);
  return outcome!;
}

describe('a round the room no longer waits for', () => {
  const plan: TrainPlan = { labelOf: () => undefined, measure: { count: 40, task: 'Measuring the generator', report: true } };

  it('stops after the current step when the host skips it, keeps what ran and reports nothing', async () => {
    const h = harness();
    await h.driver.prepare(strokes, 2);
    const g = h.driver.current!;
    g.holdTraining = true;
    h.driver.follow(4);
    h.log.length = 0;
    h.tasks.length = 0;
    const done = h.driver.run(() => ({ level: strokes, levelNumber: 2 }), async (gen, at) => void (await h.driver.train(gen, request(at.level, at.levelNumber), plan)));
    await expect.poll(() => h.log.includes('trainRound')).toBe(true);
    h.driver.follow(null); // the host skipped training: the room is generating the next round
    await done;
    expect(h.log).toEqual(['configure', 'training 4', 'configure', 'checksum 1', 'trainRound', 'stop', 'checksum 2', 'keep 2']);
    expect(h.reports).toEqual([]);
    expect(h.tasks.at(-1)).toBeNull();
    expect(h.errors).toEqual([]);
  });

  it('runs no steps for a round skipped while its job waited its turn', async () => {
    const h = harness();
    await h.driver.prepare(strokes, 2);
    h.driver.follow(4);
    h.driver.follow(null); // skipped before the queue reached its job
    h.log.length = 0;
    await h.driver.run(() => ({ level: strokes, levelNumber: 2 }), async (gen, at) => void (await h.driver.train(gen, request(at.level, at.levelNumber), plan)));
    expect(h.driver.current!.budgets).toEqual([{ dSteps: 0, gSteps: 0 }]);
    expect(h.log).not.toContain('keep 2');
    expect(h.log).not.toContain('evaluate 40');
    expect(h.reports).toEqual([]);
  });

  it('trains a job that arrives before the view saying its round is training', async () => {
    const h = harness();
    h.driver.follow(null); // the reveal; the training view is still on its way
    await trainOnce(h, strokes, plan);
    expect(h.driver.current!.budgets).toEqual([{ dSteps: 4, gSteps: 2 }]);
    expect(h.reports).toHaveLength(1);
  });

  it('leaves the round the room is training alone', async () => {
    const h = harness();
    h.driver.follow(4);
    await trainOnce(h, strokes, plan);
    expect(h.reports).toHaveLength(1);
    expect(h.log).not.toContain('stop');
  });
});

describe('a round of training', () => {
  it('configures, trains between two checksums, measures, keeps the generator and then reports', async () => {
    const h = harness();
    const seen: unknown[] = [];
    const outcome = await trainOnce(h, strokes, {
      labelOf: () => undefined,
      measure: { count: 40, task: 'Measuring the generator', report: true },
      trained: (o) => void seen.push(o),
    });
    expect(h.log).toEqual(['training 4', 'configure', 'checksum 1', 'trainRound', 'checksum 2', 'evaluate 40', 'keep 2', 'report']);
    expect(h.tasks).toEqual(['Training on round 4', 'Measuring the generator', null]);
    expect(h.started[0].configured.at(-1)).toEqual({ loss: 'hinge', lrD: 1e-3, lrG: 2e-3, humanWeight: 0.5, batchSize: 16 });
    expect(seen).toEqual([outcome]);
    expect(outcome).toMatchObject({ checksumBefore: 1, checksumAfter: 2, metrics: METRICS, result: ROUND });
    expect(h.reports).toEqual([{ round: 4, report: outcome.report }]);
    expect(outcome.report).toMatchObject({ checksumBefore: 1, checksumAfter: 2, backend: 'cpu', fid: 120, coverage: 0.4 });
    expect(TrainingReportSchema.safeParse(outcome.report).success).toBe(true);
    const sent = h.started[0].trainedOn[0];
    expect(sent.map((v) => [v.truth, v.votes, v.fakeVotes, v.pixels[0], v.label])).toEqual([
      ['fake', 3, 2, 1, undefined],
      ['real', 3, 0, 2, undefined],
    ]);
  });

  it('keeps measurements out of the report when asked, and plays on when they fail', async () => {
    const h = harness();
    await h.driver.prepare(strokes, 2);
    const kept = await trainOnce(h, strokes, { labelOf: () => undefined, measure: { count: 20, task: 'Measuring', report: false } });
    expect(kept.metrics).toEqual(METRICS);
    expect(kept.report.fid).toBeUndefined();
    h.started[0].evaluateFails = true;
    const failed = await trainOnce(h, strokes, { labelOf: () => undefined, measure: { count: 20, task: 'Measuring', report: true } });
    expect(failed.metrics).toBeNull();
    expect(failed.report.fid).toBeUndefined();
    const none = await trainOnce(h, strokes, { labelOf: () => undefined, measure: null });
    expect(h.log).not.toContain('evaluate 20');
    expect(none.metrics).toBeNull();
  });

  it('labels judged images on a conditional level and leaves out those without a class', async () => {
    const h = harness();
    await trainOnce(h, conditional, { labelOf: (v) => (v.pixels === px(1) ? 7 : undefined), measure: null });
    expect(h.started[0].trainedOn[0].map((v) => v.label)).toEqual([7]);
  });
});

describe('training while the class judges', () => {
  const plan: TrainPlan = { labelOf: () => undefined, measure: null };
  const budget: JudgingBudget = { seconds: 38, maxSteps: 100_000, dSteps: 1, gSteps: 1 };
  /** The host's generate job: the fakes are sent, then the generator trains on the data while the round is judged. */
  const judgeJob = (h: Harness, round: number) =>
    h.driver.run(() => ({ level: strokes, levelNumber: 2 }), async (g) => void (await h.driver.judge(g, round, budget)));
  const trainJob = (h: Harness, round: number) =>
    h.driver.run(() => ({ level: strokes, levelNumber: 2 }), async (g, at) => void (await h.driver.train(g, { ...request(at.level, at.levelNumber), round }, plan)));

  it("trains until the round's training job comes, which waits one step for it, and the report carries those steps", async () => {
    const h = harness();
    await h.driver.prepare(strokes, 2);
    h.driver.followJudging(4);
    h.log.length = 0;
    void judgeJob(h, 4);
    await expect.poll(() => h.log.includes('trainData')).toBe(true);
    // The verdicts are in: the host stops the data-only steps, then queues the round's training.
    h.driver.interruptJudging();
    await trainJob(h, 4);
    expect(h.log).toEqual(['configure', 'trainData', 'stop', 'configure', 'training 4', 'configure', 'checksum 2', 'trainRound', 'checksum 3', 'keep 2', 'report']);
    expect(h.driver.current!.dataBudgets).toEqual([budget]);
    const report = h.reports[0].report as { judging?: unknown; dSteps: number };
    expect(report.judging).toEqual({ dSteps: 3, gSteps: 3, ms: 40 });
    expect(report.dSteps).toBe(ROUND.dSteps);
    expect(TrainingReportSchema.safeParse(report).success).toBe(true);
    // The next round's report says nothing of this round's judging.
    await trainJob(h, 5);
    expect((h.reports[1].report as { judging?: unknown }).judging).toBeUndefined();
  });

  it('counts the data-only steps as training: the generator is that much further along at the next level', async () => {
    const same = { ...strokes, id: 'dcgan' as const, name: 'Later level', checkpoint: 'later' };
    const h = harness({ shipped: { later: checkpointOf(strokes.model, 10) } });
    await h.driver.prepare(strokes, 2);
    h.started[0].holdData = false;
    await judgeJob(h, 4);
    await trainJob(h, 4);
    await h.driver.prepare(same, 3);
    // 6 steps while judging and 6 after: 12, past the checkpoint's 10.
    expect(h.ready.at(-1)).toBe(`no GPU here; Later level carries on with the room's generator (12 training steps), further along than checkpoint later (10 training steps)`);
  });

  it('stops within a step when the room pauses, ends or moves to a lesson, and keeps what ran for the report', async () => {
    const h = harness();
    await h.driver.prepare(strokes, 2);
    h.driver.followJudging(4);
    const done = judgeJob(h, 4);
    await expect.poll(() => h.log.includes('trainData')).toBe(true);
    h.driver.followJudging(4); // a view of the same round changes nothing
    expect(h.log).not.toContain('stop');
    h.driver.followJudging(null); // paused
    await done;
    expect(h.log.filter((l) => l === 'stop')).toHaveLength(1);
    // Another job is not interrupted by a stale stop: the round still trains in full and reports what ran while judging.
    await trainJob(h, 4);
    expect((h.reports[0].report as { judging?: unknown }).judging).toEqual({ dSteps: 3, gSteps: 3, ms: 40 });
  });

  it('does not start for a round the room has already moved past, nor with an empty budget', async () => {
    const h = harness();
    await h.driver.prepare(strokes, 2);
    h.driver.followJudging(null); // the room paused (or moved on) before the fakes were sent
    await judgeJob(h, 4);
    h.driver.followJudging(4);
    await h.driver.run(() => ({ level: strokes, levelNumber: 2 }), async (g) => void (await h.driver.judge(g, 4, { ...budget, maxSteps: 0 })));
    expect(h.log).not.toContain('trainData');
    expect(h.errors).toEqual([]);
  });

  it('a restart drops the data-only training quietly', async () => {
    const h = harness();
    await h.driver.prepare(strokes, 2);
    void judgeJob(h, 4);
    await expect.poll(() => h.log.includes('trainData')).toBe(true);
    h.driver.restart();
    await h.driver.prepare(strokes, 2);
    expect(h.started).toHaveLength(2);
    expect(h.started[0].disposed).toBe(true);
    expect(h.errors).toEqual([]);
  });
});
