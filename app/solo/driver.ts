'use client';
/**
 * Solo play's stand-in for the server and the host page together: it applies events to the room
 * engine locally (time from this clock, a local rng), turns effects into timers and trainer jobs,
 * and keeps the game in the browser so a reload resumes it. The generator trains in the worker
 * (TrainerClient), which also gives the machine discriminator's score for every judged image.
 */
import { type Effect, type GameEvent, type Result, currentLevel, pendingJob, realsWanted, reduce } from '@/game/engine';
import { levelSpec, sameModel } from '@/game/levels';
import { type Backend, type LevelSpec, encodePixels } from '@/game/protocol';
import { seededRng } from '@/game/rng';
import { votesCast } from '@/game/ballots';
import {
  HUMAN, SAVE_KEY, SOLO_HOST, machineVotes, pruneByPixels, resumeAfter, serializeSave, soloMode, type SoloSave,
} from '@/game/solo';
import { batchSizeOf } from '@/game/setup';
import { type Room, deadlineOf } from '@/game/state';
import { type JudgingBudget, judgingRound } from '@/game/training-budget';
import { playerView } from '@/game/views';
import type { TrainerClient } from '@/ml/trainer-client';
import { GeneratorDriver, type LevelAt } from '../generator/driver';
import { SOLO_JUDGING_TASK } from '../host/setup-text';
import { clearCheckpoint, loadCheckpoint, saveCheckpoint } from './storage';
import { useSolo } from './store';

export interface DriverOptions {
  tiny: boolean;
  prefer?: Backend[];
}

export class SoloDriver {
  private rng = seededRng((Date.now() ^ Math.floor(Math.random() * 2 ** 31)) >>> 0);
  private readonly generator: GeneratorDriver<TrainerClient>;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private disposed = false;

  constructor(
    private save: SoloSave,
    private options: DriverOptions,
  ) {
    const setTask = (task: string | null) => {
      const t = useSolo.getState().trainer;
      if (t.kind === 'ready') useSolo.getState().set({ trainer: { ...t, task } });
    };
    this.generator = new GeneratorDriver<TrainerClient>(
      {
        start: async (init) => {
          const { TrainerClient } = await import('@/ml/trainer-client');
          return TrainerClient.start({ ...init, prefer: this.options.prefer, seed: 1 }, (p) => useSolo.getState().set(p.judging ? { lastSign: Date.now() } : { progress: p, lastSign: Date.now() }));
        },
        // Only a generator that would have carried over to this level: not one from a level with another model in between.
        ownCheckpoint: async (levelNumber) => {
          const mine = await loadCheckpoint();
          return mine && this.carriesOver(mine.levelNumber, levelNumber) ? { bytes: mine.bytes, source: `your own generator (saved after level ${mine.levelNumber})` } : null;
        },
        fetch: (url, init) => fetch(url, init),
        // Kept before the round moves on, so a reload right after resumes with it.
        keep: async (client, levelNumber) => {
          const bytes = await client.save();
          await saveCheckpoint({ levelNumber, bytes }).catch(() => undefined);
        },
        reportTrained: (round, report) => void this.send({ type: 'trained', hostToken: SOLO_HOST, round, report }),
        onLoading: () => useSolo.getState().set({ trainer: { kind: 'loading' } }),
        onReady: (client, reason) => useSolo.getState().set({ trainer: { kind: 'ready', backend: client.backend.name, reason, task: null }, lastSign: Date.now() }),
        onTask: (task) => {
          useSolo.getState().set({ lastSign: Date.now() });
          setTask(task);
        },
        onTrainingStart: () => useSolo.getState().set({ progress: null }),
        onError: (message) => useSolo.getState().set({ error: message, failure: { at: Date.now(), message } }),
      },
      // The room's batch (game/setup.ts presets: small for the tiny one), read as each level and round begins.
      { batchSize: () => batchSizeOf(this.save.room.settings) },
    );
  }

  get room(): Room {
    return this.save.room;
  }

  /** Starts (or resumes) the game: clocks shifted past the time away, owed trainer jobs asked for again. */
  start(resumed: boolean) {
    const now = Date.now();
    if (resumed) this.save.room = resumeAfter(this.save.room, this.save.heartbeat, now, this.rng);
    this.save.heartbeat = now;
    this.heartbeat = setInterval(() => {
      this.save.heartbeat = Date.now();
      this.persist();
    }, 1000);
    const phase = this.room.phase;
    const deadline = deadlineOf(this.room);
    if (deadline !== null) this.schedule(deadline);
    const owed = pendingJob(this.room);
    if (owed) this.effect(owed);
    // Build the level's model now, so the first round does not wait for it.
    else if (phase.kind !== 'ended') void this.generator.run(() => this.levelAt(), async () => undefined);
    this.publish();
  }

  send(event: GameEvent): Result {
    const r = reduce(this.room, event, { now: Date.now(), rng: this.rng });
    if (r.error) {
      // A late job answering a round that moved on is expected; anything else is worth saying.
      if (r.error.code !== 'wrong_phase' && r.error.code !== 'wrong_round') useSolo.getState().set({ error: r.error.message });
      return r;
    }
    this.save.room = r.state;
    // A skipped round's training stops; the next round's jobs do not wait behind it. Training on the
    // data while the player judges stops too once the round is over, paused or left.
    this.generator.follow(r.state.phase.kind === 'training' ? r.state.phase.round : null);
    this.generator.followJudging(judgingRound(r.state.phase, r.state.paused !== null));
    for (const e of r.effects) this.effect(e);
    this.afterChange();
    return r;
  }

  /**
   * Retry after a generator that stopped answering: a fresh one from this browser's saved checkpoint,
   * and the job the game is waiting for asked for again.
   */
  retry() {
    this.generator.restart();
    useSolo.getState().set({ trainer: { kind: 'loading' }, failure: null, error: null, lastSign: Date.now() });
    const owed = pendingJob(this.room);
    if (owed) this.effect(owed);
  }

  /** Host actions ("Play", "Train", "Next") come from the only person here. */
  advance() {
    return this.send({ type: 'advance', hostToken: SOLO_HOST });
  }

  private afterChange() {
    const room = this.room;
    // The machine judge votes as soon as a coached round opens.
    if (soloMode(room) === 'coach' && room.phase.kind === 'judging' && votesCast(room.phase.ballots) === 0) {
      const votes = machineVotes(room, this.save.machine, currentLevel(room).tunables.loss, this.save.calibration);
      queueMicrotask(() => votes.forEach((v) => this.send(v)));
    }
    this.save.machine = pruneByPixels(this.save.machine, room);
    this.save.labels = pruneByPixels(this.save.labels, room);
    this.persist();
    this.publish();
  }

  private effect(e: Effect) {
    switch (e.type) {
      case 'schedule':
        this.schedule(e.at);
        return;
      case 'requestFakes':
        this.generator.interruptJudging();
        void this.generator.run(() => this.levelAt(), (client, at) => this.makeFakes(client, at.level, e.round, e.count, e.job.judging));
        return;
      case 'requestTraining':
        // The verdicts are in: the data-only steps end after their current step, then the round trains.
        this.generator.interruptJudging();
        void this.generator.run(() => this.levelAt(), (client, at) => this.train(client, at, e.round, e.job));
        return;
      default:
        // broadcast, votes, progress: publish() after every change covers them.
        return;
    }
  }

  private schedule(at: number) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.disposed) this.send({ type: 'tick' });
    }, Math.max(0, at - Date.now()) + 25);
    this.timers.add(t);
  }

  /** The level the game is at when a job's turn comes (it may have moved on since the job was asked for). */
  private levelAt(): LevelAt {
    return { level: currentLevel(this.room), levelNumber: this.room.level };
  }

  private async makeFakes(client: TrainerClient, level: LevelSpec, round: number, count: number, judging?: JudgingBudget) {
    const drawn = await this.generator.busy(client, `Drawing ${count} fakes`, async () => {
      const labels = level.model.conditional ? Array.from({ length: count }, (_, i) => i % 10) : undefined;
      const fakes = await client.generate(count, undefined, labels);
      const reals = await client.reals(realsWanted(this.room), Math.floor(this.rng() * 2 ** 31));
      const all = [...fakes, ...reals.images];
      const allLabels = labels ? [...labels, ...reals.labels] : undefined;
      // The machine judge's opinion of every image, taken before anyone sees them.
      const scores = await client.scoreImages(all, allLabels);
      all.forEach((px, i) => {
        const key = encodePixels(px);
        this.save.machine[key] = scores[i];
        if (allLabels) this.save.labels[key] = allLabels[i];
      });
      return { fakes, reals: reals.images };
    });
    this.send({ type: 'fakes', hostToken: SOLO_HOST, round, images: drawn.fakes.map(encodePixels), reals: drawn.reals.map(encodePixels) });
    // The fakes are out: train on the data while the player judges, until the verdicts come.
    if (judging) await this.generator.busy(client, SOLO_JUDGING_TASK, () => this.generator.judge(client, round, judging));
  }

  private async train(client: TrainerClient, at: LevelAt, round: number, job: Extract<Effect, { type: 'requestTraining' }>['job']) {
    await this.generator.train(client, { ...job, ...at, round }, {
      labelOf: (v) => this.save.labels[v.pixels],
      // Coach mode chasing a distance measures it after every round; the classifier loads in the worker.
      measure: this.save.target?.kind === 'fid' ? { count: this.options.tiny ? 20 : 200, task: 'Measuring the Fréchet distance', report: false } : null,
      trained: ({ result: r, metrics }) => {
        this.save.losses = [...this.save.losses, { d: r.dLoss, g: r.gLoss }];
        this.save.calibration = { dReal: r.dReal, dFake: r.dFake };
        if (metrics) this.save.fids = [...this.save.fids, metrics.fid];
        useSolo.getState().set({ stepsPerSec: r.stepsPerSec });
      },
    });
  }

  private persist() {
    try {
      localStorage.setItem(SAVE_KEY, serializeSave(this.save));
    } catch {
      // A full or refused storage: the game plays on, it just will not survive a reload.
    }
  }

  private publish() {
    const view = playerView(this.room, HUMAN.id, Date.now());
    useSolo.getState().set({ save: { ...this.save }, view });
  }

  /** The solo game's losses per round, the target's measurements, and what D made of each image. */
  get extras() {
    return this.save;
  }

  private carriesOver(from: number, to: number): boolean {
    if (from < 1 || from > to) return false;
    for (let i = from; i < to; i++) if (!sameModel(levelSpec(this.room.levels[i - 1]), levelSpec(this.room.levels[i]))) return false;
    return true;
  }

  dispose() {
    this.disposed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.generator.dispose();
  }
}

/** Forgets the saved game and its generator (a new game). */
export async function forgetSolo() {
  try {
    localStorage.removeItem(SAVE_KEY);
  } catch {
    /* nothing saved */
  }
  await clearCheckpoint();
}
