/**
 * The generator in this browser, for both pages that play the game with one: the classroom host's
 * trainer (app/host/trainer.ts) and solo play (app/solo/driver.ts). It owns what they share: one job
 * at a time, in the order asked; which generator a level starts from; and a round's training, from
 * the knobs to the report. Everything it touches outside itself (the worker, the network or
 * IndexedDB, the screen, the room) comes in through GeneratorIO, so tests run it without tfjs.
 *
 * Each level names its model and, usually, a shipped checkpoint (a point of a training trajectory).
 * A level starts from whichever is further along (more training steps): the running generator when
 * it has the level's model, the page's own latest checkpoint (the room's on the server, or the one
 * this browser saved), or the level's shipped checkpoint; untrained when there is none. So a class
 * whose generator has outgrown a level's checkpoint keeps its own, and a level that needs a point
 * the class has not reached (sharp digits, a collapse) loads it. The screen says which and why. A
 * checkpoint the worker refuses (another model's shape, corrupt bytes) does not stop the game: the
 * next is tried, and the screen says why.
 */
import { type Backend, type LevelSpec, type ModelShape, type TrainerJob, type TrainingReport, type TrainVerdict, type Tunables, decodePixels } from '@/game/protocol';
import type { DataReport, GanConfig, HumanVerdict, MachineEvaluation, RoundReport, TrainerInit } from '@/ml/trainer-client';
import { type JudgingBudget, type TimedBudget, carriesOn } from '@/game/training-budget';
import { toTrainingReport } from '../lib/report';
import { type Fetch, type StartingPoint, fetchShipped } from './checkpoints';
import { checkpointSteps } from '@/ml/checkpoint';
import { sameShape } from '@/game/vocabulary';

/** The slice of TrainerClient (ml/trainer-client.ts) the driver uses; callers may ask more of theirs. */
export interface Generator {
  readonly backend: { name: Backend; reason: string };
  readonly config: GanConfig;
  configure(patch: Partial<Tunables & { humanWeight: number; batchSize: number }>): Promise<unknown>;
  checksum(): Promise<number>;
  trainRound(verdicts: HumanVerdict[], budget: TimedBudget): Promise<RoundReport>;
  /** Data-only steps while the class judges, until stop() or the budget is spent. */
  trainData(budget: JudgingBudget): Promise<DataReport>;
  /** Ends the training in progress (and any asked for before this call) after its current step. */
  stop(): Promise<void>;
  evaluate(count: number): Promise<MachineEvaluation>;
  dispose(): void;
}

export interface GeneratorIO<G extends Generator> {
  /** Starts a generator (from a checkpoint's weights when given); rejects a checkpoint it cannot load. */
  start(init: Pick<TrainerInit, 'config' | 'checkpoint'>): Promise<G>;
  /** The page's own latest generator for a level about to start (1-based), if it has one that may carry over. */
  ownCheckpoint(levelNumber: number): Promise<StartingPoint | null>;
  /** For the level's shipped checkpoint. */
  fetch: Fetch;
  /** Keeps the generator after a round's training, so a reloaded page resumes with it. */
  keep(generator: G, levelNumber: number): Promise<void> | void;
  /** Sends a round's report: to the server, or into solo play's own engine. */
  reportTrained(round: number, report: TrainingReport): Promise<void> | void;
  /** A new model is on its way. */
  onLoading(): void;
  /** The level's generator is ready; `reason` says on which backend and where it started from. */
  onReady(generator: G, reason: string): Promise<void> | void;
  /** What the generator is doing now, for the screen (null: done). */
  onTask(task: string | null, generator: G): void;
  /** A round's training begins: its progress is about to stream. */
  onTrainingStart(round: number): void;
  onError(message: string): void;
}

export interface DriverOptions {
  /** The batch to train on now: the room's setting (game/setup.ts presets), asked before every level and round. */
  batchSize: () => number;
}

/** A level and its place in the room's campaign (1-based, as the room counts levels). */
export interface LevelAt {
  level: LevelSpec;
  levelNumber: number;
}

/** A round's training as the room asks for it: the wire's train job, or solo play's requestTraining with its level. */
export type TrainRequest = Pick<Extract<TrainerJob, { kind: 'train' }>, 'round' | 'verdicts' | 'budget' | 'humanWeight' | 'tunables'> & LevelAt;

export interface TrainPlan {
  /** The class a judged image shows; on a conditional level an image without one is left out. */
  labelOf(v: TrainVerdict): number | undefined;
  /** Runs the project's classifier afterwards: on how many samples, what the screen says meanwhile, and whether the report carries it. */
  measure: { count: number; task: string; report: boolean } | null;
  /** What the round did, before the generator is kept and the report sent. */
  trained?(outcome: TrainOutcome): void;
}

export interface TrainOutcome {
  result: RoundReport;
  checksumBefore: number;
  checksumAfter: number;
  metrics: MachineEvaluation | null;
  report: TrainingReport;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const stepsText = (n: number) => `${n.toLocaleString('en-US')} training ${n === 1 ? 'step' : 'steps'}`;

export class GeneratorDriver<G extends Generator> {
  private generator: G | null = null;
  /** The running generator's optimizer steps (D and G updates), and the level it is running for. */
  private steps = 0;
  private levelNumber: number | null = null;
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;
  /** The round the room is training now (null: none). */
  private roomRound: number | null = null;
  /** Rounds the room trained and has moved past (skipped, or reported and done). */
  private readonly passed = new Set<number>();
  /** The round training on the generator right now, and whether the room has moved past it. */
  private training: { round: number; generator: G; stopped: boolean } | null = null;
  /** Bumped by restart(): work queued before it no longer touches the driver or reports its failure. */
  private epoch = 0;
  /** The round whose data-only training may go on, as the room last showed it (null: none; undefined: not yet seen). */
  private judgingRoom: number | null | undefined = undefined;
  /** The round training on the data while the class judges, right now, and whether it was told to stop. */
  private judging: { round: number; generator: G; stopped: boolean } | null = null;
  /** What each round trained while it was judged, until its training report carries it. */
  private readonly judged = new Map<number, DataReport>();

  constructor(
    private readonly io: GeneratorIO<G>,
    private readonly options: DriverOptions,
  ) {}

  /**
   * Follows the room: the round it is training now, or null. A round's training that the room no
   * longer waits for (the host skipped it, the game ended) stops after its current step and reports
   * nothing, so the next round's job does not queue behind it and no badge says it is still training.
   */
  follow(trainingRound: number | null): void {
    // Only a round the room was seen training and then left counts as passed: a job may arrive
    // before the view that says its round is training, and must not be mistaken for a skipped one.
    if (this.roomRound !== null && this.roomRound !== trainingRound) this.passed.add(this.roomRound);
    this.roomRound = trainingRound;
    const live = this.training;
    if (live && live.round !== trainingRound && !live.stopped) {
      live.stopped = true;
      void live.generator.stop().catch(() => undefined);
    }
  }

  /**
   * Follows the room for training while the class judges: the round that may go on training on the
   * data (game/training-budget.ts judgingRound), or null. Data-only training of any other round stops
   * after its current step: the room paused, ended, moved to a lesson or a level's end.
   */
  followJudging(round: number | null): void {
    this.judgingRoom = round;
    if (this.judging && this.judging.round !== round) this.interruptJudging();
  }

  /** Ends the data-only training now running after its current step: a job has come that needs the generator. */
  interruptJudging(): void {
    const live = this.judging;
    if (!live || live.stopped) return;
    live.stopped = true;
    void live.generator.stop().catch(() => undefined);
  }

  /**
   * Data-only training while the class judges a round whose fakes have been sent: D and G steps on the
   * data, no human term, until the round's training job comes (interruptJudging), the room moves on
   * (followJudging) or the budget is spent. Run inside a queued job, so the next job waits for its stop,
   * which comes within one step. The steps are kept for the round's report. Null: it did not run,
   * because the room had already moved past the round.
   */
  async judge(generator: G, round: number, budget: JudgingBudget): Promise<DataReport | null> {
    if (this.judgingRoom !== undefined && this.judgingRoom !== round) return null;
    if (budget.maxSteps <= 0 || budget.seconds <= 0) return null;
    const live = { round, generator, stopped: false };
    this.judging = live;
    let ran: DataReport;
    try {
      ran = await generator.trainData(budget);
    } finally {
      if (this.judging === live) this.judging = null;
    }
    if (generator === this.generator) this.steps += ran.dSteps + ran.gSteps;
    const before = this.judged.get(round);
    this.judged.set(round, before ? { ...ran, dSteps: before.dSteps + ran.dSteps, gSteps: before.gSteps + ran.gSteps, ms: before.ms + ran.ms } : ran);
    return ran;
  }

  /** The running generator, if any (for calls outside the queue, such as announcing the backend). */
  get current(): G | null {
    return this.generator;
  }

  /** Runs tasks one at a time, in the order they came; a failure is reported and the queue goes on. */
  enqueue(task: () => Promise<void>): Promise<void> {
    const epoch = this.epoch;
    this.queue = this.queue.then(task).catch((err) => {
      if (!this.disposed && epoch === this.epoch) this.io.onError(`Trainer: ${errText(err)}`);
    });
    return this.queue;
  }

  /**
   * Starts over after a stuck or crashed trainer (the teacher's Retry): the generator is disposed (its
   * worker ends, so whatever waited on it fails quietly), the queue is emptied, and the next job builds
   * a fresh generator from the best checkpoint (the room's latest first), as a reloaded page would.
   */
  restart(): void {
    this.epoch++;
    const live = this.training;
    if (live) live.stopped = true;
    this.training = null;
    if (this.judging) this.judging.stopped = true;
    this.judging = null;
    this.generator?.dispose();
    this.generator = null;
    this.levelNumber = null;
    this.queue = Promise.resolve();
  }

  /**
   * Queues work on a level's generator, built first if the level needs another model. `at` is asked
   * when the work's turn comes, so a caller may name the level the game is at by then.
   */
  run(at: () => LevelAt, work: (generator: G, at: LevelAt) => Promise<void>): Promise<void> {
    return this.enqueue(async () => {
      const where = at();
      await work(await this.ensure(where.level, where.levelNumber), where);
    });
  }

  /** Builds (or keeps) the model a level needs, ahead of its first job. */
  prepare(level: LevelSpec, levelNumber: number): Promise<void> {
    return this.run(() => ({ level, levelNumber }), async () => undefined);
  }

  private async ensure(level: LevelSpec, levelNumber: number): Promise<G> {
    const running = this.generator && sameShape(this.generator.config, level.model) ? this.generator : null;
    if (running && this.levelNumber === levelNumber) {
      await running.configure({ ...level.tunables, humanWeight: level.humanWeight, batchSize: this.options.batchSize() });
      return running;
    }
    // A new level. The running generator carries over unless the level's own checkpoint is further along.
    let shipped: Uint8Array | null = null;
    let missing = '';
    if (level.checkpoint) {
      shipped = await fetchShipped(this.io.fetch, level.checkpoint);
      if (!shipped) missing = ` (checkpoint ${level.checkpoint} is missing)`;
    }
    if (running && carriesOn(level, this.steps, shipped ? checkpointSteps(shipped) : null)) {
      await running.configure({ ...level.tunables, humanWeight: level.humanWeight, batchSize: this.options.batchSize() });
      this.levelNumber = levelNumber;
      const why = shipped
        ? `, further along than checkpoint ${level.checkpoint} (${stepsText(checkpointSteps(shipped))})`
        : missing;
      await this.io.onReady(running, `${running.backend.reason}; ${level.name} carries on with the room's generator (${stepsText(this.steps)})${why}`);
      return running;
    }
    this.io.onLoading();
    const behind = running ? this.steps : null;
    this.generator?.dispose();
    this.generator = null;
    this.levelNumber = null;
    const epoch = this.epoch;
    const { generator, source, steps, fromShipped } = await this.startFromBest(level, levelNumber, shipped, missing);
    if (this.disposed || epoch !== this.epoch) {
      generator.dispose();
      throw new Error(this.disposed ? 'the page closed' : 'the trainer was restarted');
    }
    this.generator = generator;
    this.steps = steps;
    this.levelNumber = levelNumber;
    const why =
      behind === null ? ''
      : steps <= behind && level.startsFromCheckpoint && fromShipped ? `, not the room's generator (${stepsText(behind)}): this level's lesson is that checkpoint`
      : `, further along than the room's generator (${stepsText(behind)})`;
    await this.io.onReady(generator, `${generator.backend.reason}; ${level.name} starts from ${source}${why}`);
    return generator;
  }

  /**
   * The starting points, the furthest along first (on a tie the page's own): the page's own
   * checkpoint, the level's shipped one; the first that loads wins, else untrained.
   */
  private async startFromBest(level: LevelSpec, levelNumber: number, shipped: Uint8Array | null, missing: string): Promise<{ generator: G; source: string; steps: number; fromShipped: boolean }> {
    const candidates: (StartingPoint & { steps: number })[] = [];
    const own = await this.io.ownCheckpoint(levelNumber);
    if (own) candidates.push({ ...own, steps: checkpointSteps(own.bytes) });
    if (shipped) candidates.push({ bytes: shipped, source: `checkpoint ${level.checkpoint}`, steps: checkpointSteps(shipped) });
    candidates.sort((a, b) => b.steps - a.steps);
    const config: TrainerInit['config'] = { ...level.model, ...level.tunables, humanWeight: level.humanWeight, batchSize: this.options.batchSize() };
    const refused: string[] = [];
    for (const c of candidates) {
      try {
        const generator = await this.io.start({ config, checkpoint: c.bytes });
        return { generator, source: c.steps > 0 ? `${c.source} (${stepsText(c.steps)})` : c.source, steps: c.steps, fromShipped: c.bytes === shipped };
      } catch (err) {
        // A corrupt or mismatched checkpoint must not stop the game: try the next, say why.
        refused.push(`${c.source} refused: ${errText(err)}`);
      }
    }
    const generator = await this.io.start({ config });
    return { generator, source: `untrained${missing}${refused.length ? ` (${refused.join('; ')})` : ''}`, steps: 0, fromShipped: false };
  }

  /** Shows a task on the screen while work runs on the generator, and clears it once the work is done. */
  async busy<R>(generator: G, task: string, work: () => Promise<R>): Promise<R> {
    const epoch = this.epoch;
    this.io.onTask(task, generator);
    try {
      return await work();
    } finally {
      // A failed task is over too; after a restart the new generator's state is not this one's to clear.
      if (epoch === this.epoch && !this.disposed) this.io.onTask(null, generator);
    }
  }

  /** One round's training on the running generator: the knobs, the steps, the checksums either side, the report. */
  async train(generator: G, request: TrainRequest, plan: TrainPlan): Promise<TrainOutcome> {
    return this.busy(generator, `Training on round ${request.round}`, async () => {
      this.io.onTrainingStart(request.round);
      await generator.configure({ ...request.tunables, humanWeight: request.humanWeight, batchSize: this.options.batchSize() });
      const checksumBefore = await generator.checksum();
      const verdicts = request.verdicts
        .map((v) => ({ pixels: decodePixels(v.pixels), truth: v.truth, votes: v.votes, fakeVotes: v.fakeVotes, label: plan.labelOf(v) }))
        .filter((v) => !request.level.model.conditional || v.label !== undefined);
      // A round the room has already moved past (skipped while this job waited its turn) runs no steps.
      const live = { round: request.round, generator, stopped: this.passed.has(request.round) };
      this.training = live;
      let result: RoundReport;
      try {
        result = await generator.trainRound(verdicts, live.stopped ? { dSteps: 0, gSteps: 0 } : request.budget);
      } finally {
        if (this.training === live) this.training = null;
      }
      const checksumAfter = await generator.checksum();
      let metrics: MachineEvaluation | null = null;
      if (plan.measure && !live.stopped) {
        // Machine metrics for the lesson cards and targets; the game plays on if they cannot be computed.
        this.io.onTask(plan.measure.task, generator);
        metrics = await generator.evaluate(plan.measure.count).catch(() => null);
      }
      // The data-only steps this round ran while it was judged go into its report (and are then forgotten).
      const judged = this.judged.get(request.round) ?? null;
      for (const r of this.judged.keys()) if (r <= request.round) this.judged.delete(r);
      const report = toTrainingReport(result, generator.backend.name, checksumBefore, checksumAfter, plan.measure?.report ? metrics : null, judged);
      const outcome = { result, checksumBefore, checksumAfter, metrics, report };
      plan.trained?.(outcome);
      // Steps that ran are kept even when the round was skipped; only a round still waiting gets a report.
      if (generator === this.generator) this.steps += result.dSteps + result.gSteps;
      if (result.dSteps + result.gSteps + (judged ? judged.dSteps + judged.gSteps : 0) > 0) await this.io.keep(generator, request.levelNumber);
      if (!live.stopped) await this.io.reportTrained(request.round, report);
      return outcome;
    });
  }

  dispose() {
    this.disposed = true;
    this.generator?.dispose();
    this.generator = null;
  }
}
