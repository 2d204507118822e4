'use client';
/**
 * Solo play's stand-in for the server and the host page together: it applies events to the room
 * engine locally (time from this clock, a local rng), turns effects into timers and trainer jobs,
 * and keeps the game in the browser so a reload resumes it. The generator trains in the worker
 * (TrainerClient), which also gives the machine discriminator's score for every judged image.
 */
import { type Effect, type GameEvent, type Result, currentLevel, pendingJob, realsWanted, reduce } from '@/game/engine';
import { levelSpec, sameModel } from '@/game/levels';
import { type Backend, type LevelSpec, decodePixels, encodePixels } from '@/game/protocol';
import { seededRng } from '@/game/rng';
import { votesCast } from '@/game/ballots';
import {
  HUMAN, SAVE_KEY, SOLO_HOST, machineVotes, pruneByPixels, resumeAfter, serializeSave, soloMode, type SoloSave,
} from '@/game/solo';
import type { Room } from '@/game/state';
import { playerView } from '@/game/views';
import type { GanConfig, TrainerClient } from '@/ml/trainer-client';
import { clearCheckpoint, loadCheckpoint, saveCheckpoint } from './storage';
import { useSolo } from './store';
import { toTrainingReport } from '../lib/report';

export interface DriverOptions {
  tiny: boolean;
  prefer?: Backend[];
}

const sameShape = (c: GanConfig, l: LevelSpec) =>
  c.dataset === l.model.dataset && c.arch === l.model.arch && c.conditional === l.model.conditional && c.latentDim === l.model.latentDim && c.hidden === l.model.hidden;

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class SoloDriver {
  private rng = seededRng((Date.now() ^ Math.floor(Math.random() * 2 ** 31)) >>> 0);
  private client: TrainerClient | null = null;
  private queue: Promise<void> = Promise.resolve();
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private disposed = false;

  constructor(
    private save: SoloSave,
    private options: DriverOptions,
  ) {}

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
    if (phase.kind === 'judging' || phase.kind === 'coaching') this.schedule(phase.deadline);
    if (phase.kind === 'reveal') this.schedule(phase.until);
    const owed = pendingJob(this.room);
    if (owed) this.effect(owed);
    // Build the level's model now, so the first round does not wait for it.
    else if (phase.kind !== 'ended') this.enqueue(async () => void (await this.ensure(currentLevel(this.room))));
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
    for (const e of r.effects) this.effect(e);
    this.afterChange();
    return r;
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
        this.enqueue(() => this.makeFakes(e.round, e.count));
        return;
      case 'requestTraining':
        this.enqueue(() => this.train(e.round, e.job));
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

  private enqueue(task: () => Promise<void>) {
    this.queue = this.queue.then(task).catch((err) => {
      if (!this.disposed) useSolo.getState().set({ error: `Trainer: ${errText(err)}` });
    });
  }

  private setTask(task: string | null) {
    const t = useSolo.getState().trainer;
    if (t.kind === 'ready') useSolo.getState().set({ trainer: { ...t, task } });
  }

  /**
   * The level's model: the running one if the shape matches (the generator carries over, as in
   * class); otherwise this browser's saved checkpoint, the level's shipped one, or untrained.
   */
  private async ensure(level: LevelSpec): Promise<TrainerClient> {
    if (this.client && sameShape(this.client.config, level)) {
      await this.client.configure({ ...level.tunables, humanWeight: level.humanWeight });
      return this.client;
    }
    useSolo.getState().set({ trainer: { kind: 'loading' } });
    this.client?.dispose();
    this.client = null;
    const { TrainerClient } = await import('@/ml/trainer-client');
    const candidates: { bytes: Uint8Array; source: string }[] = [];
    const mine = await loadCheckpoint();
    // Only a generator that would have carried over to this level: not one from a level with another model in between.
    if (mine && this.carriesOver(mine.levelIndex, this.room.level)) candidates.push({ bytes: mine.bytes, source: `your own generator (saved after level ${mine.levelIndex})` });
    if (level.checkpoint) {
      const res = await fetch(`/checkpoints/${level.checkpoint}.ganc`).catch(() => null);
      if (res?.ok) candidates.push({ bytes: new Uint8Array(await res.arrayBuffer()), source: `checkpoint ${level.checkpoint}` });
    }
    const config: Partial<GanConfig> & { dataset: 'digits' | 'fashion' } = {
      ...level.model,
      ...level.tunables,
      humanWeight: level.humanWeight,
      batchSize: this.options.tiny ? 16 : 64,
    };
    const onProgress = (p: import('@/ml/trainer-client').StepProgress) => useSolo.getState().set({ progress: p });
    let client: TrainerClient | null = null;
    let source = 'untrained';
    for (const c of candidates) {
      try {
        // A saved generator of another shape (an earlier level's) is refused here: try the next.
        client = await TrainerClient.start({ config, prefer: this.options.prefer, checkpoint: c.bytes, seed: 1 }, onProgress);
        source = c.source;
        break;
      } catch {
        continue;
      }
    }
    client ??= await TrainerClient.start({ config, prefer: this.options.prefer, seed: 1 }, onProgress);
    if (this.disposed) {
      client.dispose();
      throw new Error('the page closed');
    }
    this.client = client;
    useSolo.getState().set({
      trainer: { kind: 'ready', backend: client.backend.name, reason: `${client.backend.reason}; ${level.name} starts from ${source}`, task: null },
    });
    return client;
  }

  private async makeFakes(round: number, count: number) {
    const level = currentLevel(this.room);
    const client = await this.ensure(level);
    this.setTask(`Drawing ${count} fakes`);
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
    this.setTask(null);
    this.send({ type: 'fakes', hostToken: SOLO_HOST, round, images: fakes.map(encodePixels), reals: reals.images.map(encodePixels) });
  }

  private async train(round: number, job: Extract<Effect, { type: 'requestTraining' }>['job']) {
    const level = currentLevel(this.room);
    const client = await this.ensure(level);
    this.setTask(`Training on round ${round}`);
    useSolo.getState().set({ progress: null });
    await client.configure({ ...job.tunables, humanWeight: job.humanWeight });
    const before = await client.checksum();
    const conditional = level.model.conditional;
    const verdicts = job.verdicts
      .map((v) => ({ pixels: decodePixels(v.pixels), truth: v.truth, votes: v.votes, fakeVotes: v.fakeVotes, label: this.save.labels[v.pixels] }))
      .filter((v) => !conditional || v.label !== undefined);
    const r = await client.trainRound(verdicts, job.budget);
    const after = await client.checksum();
    this.save.losses = [...this.save.losses, { d: r.dLoss, g: r.gLoss }];
    this.save.calibration = { dReal: r.dReal, dFake: r.dFake };
    // Coach mode chasing a distance measures it after every round; the classifier loads in the worker.
    if (this.save.target?.kind === 'fid') {
      this.setTask('Measuring the Fréchet distance');
      const m = await client.evaluate(this.options.tiny ? 20 : 200).catch(() => null);
      if (m) this.save.fids = [...this.save.fids, m.fid];
    }
    useSolo.getState().set({ stepsPerSec: r.stepsPerSec });
    const report = toTrainingReport(r, client.backend.name, before, after);
    // Keep the generator before the round moves on, so a reload right after resumes with it.
    const bytes = await client.save();
    await saveCheckpoint({ levelIndex: this.room.level, bytes }).catch(() => undefined);
    this.setTask(null);
    this.send({ type: 'trained', hostToken: SOLO_HOST, round, report });
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
    this.client?.dispose();
    this.client = null;
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
