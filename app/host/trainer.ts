'use client';
/**
 * Connects the room's trainer jobs to the GAN in this browser, through the generator driver
 * (app/generator/driver.ts: one job at a time, the checkpoint chain, a round's training). What is the
 * host's own: the room's checkpoint on the server is where a reloaded page starts, reports and
 * progress go to the server, and the screen shows the trainer's state. TensorFlow.js is imported
 * lazily, inside the worker that TrainerClient starts, so no other page pays for it.
 */
import { type Ack, type Backend, type HostAuth, type HostView, type LevelSpec, TRAINER_REASON_MAX, type TrainerJob, encodePixels } from '@/game/protocol';
import { batchSizeOf, benchPlan, presetBatchSizes, presetOf } from '@/game/setup';
import { judgingRound } from '@/game/training-budget';
import { TIMING_STOPPED } from '@/ml/gan-config';
import type { StepProgress, TrainerClient } from '@/ml/trainer-client';
import { roomCheckpoint, uploadRoomCheckpoint } from '../generator/checkpoints';
import { GeneratorDriver } from '../generator/driver';
import { type GameSocket, call } from '../lib/socket';
import { JUDGING_TASK } from './setup-text';
import { useSetup } from './setup-store';
import { useHost } from './store';

/** `text` cut to `max` characters, an ellipsis marking the cut. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export interface TrainerOptions {
  prefer?: Backend[];
}

/** The room's settings as the host last saw them (the batch and the preset are the room's, game/setup.ts). */
const roomSettings = () => useHost.getState().view?.settings;

/** The latent seed whose image the class follows from round to round. */
const FIXED_Z_SEED = 2024;

/** A job's answer arriving after the room moved on is expected; anything else is worth saying. */
function check(ack: Ack) {
  if (!ack.ok && ack.error.code !== 'wrong_phase' && ack.error.code !== 'wrong_round') throw new Error(ack.error.message);
}

export class HostTrainer {
  private readonly driver: GeneratorDriver<TrainerClient>;
  private currentRound: number | null = null;
  private lastSent = 0;
  /** Timings asked of the worker (by costKey), so each is asked once. */
  private readonly timed = new Set<string>();
  /** The trainer timing a model right now, stopped if the game starts meanwhile. */
  private timing: TrainerClient | null = null;

  constructor(
    private socket: GameSocket,
    private auth: () => HostAuth | null,
    private options: TrainerOptions,
  ) {
    this.driver = new GeneratorDriver<TrainerClient>(
      {
        start: async (init) => {
          const { TrainerClient } = await import('@/ml/trainer-client');
          return TrainerClient.start({ ...init, prefer: this.options.prefer }, this.onProgress);
        },
        ownCheckpoint: async () => {
          const auth = this.auth();
          return auth ? roomCheckpoint(fetch, auth) : null;
        },
        fetch: (url, init) => fetch(url, init),
        // Not awaited: the report goes out at once; the upload only matters to a reload.
        keep: (client, levelNumber) => void this.upload(client, levelNumber),
        reportTrained: async (round, report) => {
          const auth = this.auth();
          if (auth) check(await call(this.socket, 'host:trained', { ...auth, round, report }));
        },
        onLoading: () => useHost.getState().set({ trainer: { kind: 'loading' } }),
        onReady: async (client, reason) => {
          useSetup.getState().set({ backend: client.backend });
          useSetup.getState().alive();
          useHost.getState().set({ trainer: { kind: 'ready', info: { backend: client.backend.name, reason } }, checksum: await client.checksum(), batchSize: client.config.batchSize });
          this.announce();
        },
        onTask: (task, client) => {
          const t = useHost.getState().trainer;
          const info = t.kind === 'ready' || t.kind === 'busy' ? t.info : { backend: client.backend.name, reason: client.backend.reason };
          useHost.getState().set({ trainer: task === null ? { kind: 'ready', info } : { kind: 'busy', info, task } });
        },
        onTrainingStart: (round) => {
          this.currentRound = round;
          useHost.getState().set({ progress: null });
        },
        onError: (message) => {
          useSetup.getState().set({ failure: { at: Date.now(), message } });
          useHost.getState().set({ error: message });
        },
      },
      { batchSize: () => batchSizeOf(roomSettings() ?? {}) },
    );
  }

  /** Builds (or keeps) the model a level needs; runs in the job queue so it never races a job. */
  prepare(level: LevelSpec, levelNumber: number) {
    void this.driver.prepare(level, levelNumber);
  }

  /**
   * The room's phase, as each view arrives: training that the room skipped stops (GeneratorDriver.follow),
   * and so does training on the data while judging once the room pauses or leaves the round.
   */
  follow(phase: HostView['phase'], paused = false) {
    this.driver.follow(phase.kind === 'training' ? phase.round : null);
    this.driver.followJudging(judgingRound(phase, paused));
    // The game started: a timing still running ends after its current step, so round 1 does not wait.
    if (phase.kind !== 'lobby' && this.timing) {
      void this.timing.stop().catch(() => undefined);
      this.timing = null;
    }
  }

  handle(job: TrainerJob) {
    useSetup.getState().alive();
    // Any job needs the generator: the data-only training of the round being judged ends after its step.
    this.driver.interruptJudging();
    void this.driver.run(() => job, (client) => this.run(client, job));
  }

  /**
   * Times the models these levels use, at the batch of every preset (game/setup.ts benchPlan), each once,
   * queued behind the level's model so the lobby shows it loaded first. A timing whose turn comes after
   * the game started is left out: the class's first round must not wait for it.
   */
  measure(levels: LevelSpec[]) {
    const batch = batchSizeOf(roomSettings() ?? {});
    const wanted = benchPlan(levels, presetBatchSizes(batch)).filter((b) => !this.timed.has(b.key));
    if (wanted.length === 0) return;
    const setup = useSetup.getState();
    const progress = setup.measuring ?? { done: 0, total: 0 };
    setup.set({ measuring: { done: progress.done, total: progress.total + wanted.length }, benchError: null });
    for (const b of wanted) {
      this.timed.add(b.key);
      void this.driver.enqueue(async () => {
        const client = this.driver.current;
        const inLobby = useHost.getState().view?.phase.kind === 'lobby';
        try {
          if (client && inLobby) {
            this.timing = client;
            useSetup.getState().addCost(b.key, await client.bench({ model: b.model, batchSize: b.batchSize }));
          } else this.timed.delete(b.key);
        } catch (err) {
          this.timed.delete(b.key);
          const message = err instanceof Error ? err.message : String(err);
          if (message !== TIMING_STOPPED) useSetup.getState().set({ benchError: message });
        } finally {
          this.timing = null;
          const m = useSetup.getState().measuring;
          useSetup.getState().set({ measuring: m && m.done + 1 < m.total ? { ...m, done: m.done + 1 } : null });
        }
      });
    }
  }

  /**
   * The teacher's Retry after a stuck or crashed trainer: a fresh worker from the room's latest
   * checkpoint, and the room's pending job asked for again (host:resume sends it to a connected host).
   */
  async retry() {
    this.driver.restart();
    this.currentRound = null;
    useSetup.getState().set({ failure: null });
    useSetup.getState().alive();
    useHost.getState().set({ trainer: { kind: 'loading' }, error: null });
    const auth = this.auth();
    if (!auth) return;
    const ack = await call(this.socket, 'host:resume', auth);
    if (!ack.ok) useHost.getState().set({ error: ack.error.message });
  }

  private onProgress = (p: StepProgress) => {
    useSetup.getState().alive();
    const store = useHost.getState();
    // Training on the data while the class judges: a point on the loss chart, not the round's progress bar.
    if (p.judging) {
      store.recordLoss(p);
      return;
    }
    store.set({ progress: p, losses: [...store.losses, { step: store.losses.length + 1, d: p.dLoss, g: p.gLoss }] });
    // Relay progress to every screen, at most ~8 times a second and always the last step.
    const now = performance.now();
    const auth = this.auth();
    if (auth && this.currentRound && (now - this.lastSent > 120 || p.step === p.total)) {
      this.lastSent = now;
      void call(this.socket, 'host:progress', { ...auth, round: this.currentRound, progress: p });
    }
  };

  /** Tells the room which backend trains and why; this is also what ends a pause for a reloaded host. */
  announce() {
    const auth = this.auth();
    const client = this.driver.current;
    const trainer = useHost.getState().trainer;
    if (!auth || !client || (trainer.kind !== 'ready' && trainer.kind !== 'busy')) return;
    // Clipped, not refused: a long reason must not keep the room paused.
    void call(this.socket, 'host:trainer', { ...auth, backend: client.backend.name, reason: clip(trainer.info.reason, TRAINER_REASON_MAX) });
  }

  private async run(client: TrainerClient, job: TrainerJob) {
    const auth = this.auth();
    if (!auth) return;
    // A conditional level asks for its class; real images of the same class come from the server.
    const label = job.level.drawClass;
    if (job.kind === 'generate') {
      await this.driver.busy(client, `Generating ${job.count} images`, async () => {
        const images = await client.generate(job.count, undefined, label === undefined ? undefined : Array<number>(job.count).fill(label));
        useSetup.getState().alive();
        check(await call(this.socket, 'host:fakes', { ...auth, round: job.round, images: images.map(encodePixels) }));
      });
      // The fakes are out: train on the data until the verdicts come (the next job stops it).
      const judging = job.judging;
      if (judging) {
        const view = useHost.getState().view;
        if (view) this.driver.followJudging(judgingRound(view.phase, view.paused !== null));
        useHost.getState().set({ judged: null });
        await this.driver.busy(client, JUDGING_TASK, async () => {
          const ran = await this.driver.judge(client, job.round, judging);
          if (ran) useHost.getState().set({ judged: { round: job.round, steps: ran.dSteps + ran.gSteps } });
        });
      }
      return;
    }
    await this.driver.train(client, job, {
      // On a conditional level every judged image shows the level's class, so D and G get that label.
      labelOf: () => label,
      // The tiny preset (slow computers, tests) measures on fewer samples.
      measure: { count: presetOf(roomSettings() ?? { stepScale: 1 }) === 'tiny' ? 40 : 200, task: 'Measuring the generator', report: true },
      trained: ({ checksumAfter }) => {
        this.currentRound = null;
        useHost.getState().set({ checksum: checksumAfter });
        void this.snapshotsForLessons(client);
      },
    });
  }

  /** Pictures for the lesson cards: one fixed z over time, and an interpolation between two fixed z. */
  private async snapshotsForLessons(client: TrainerClient) {
    try {
      const [fixed] = await client.generate(1, FIXED_Z_SEED);
      const walk = await client.interpolate(FIXED_Z_SEED, FIXED_Z_SEED + 1, 8);
      const s = useHost.getState();
      s.set({
        samplesOverTime: [...s.samplesOverTime, { step: s.losses.length, image: encodePixels(fixed) }].slice(-12),
        interpolation: walk.map(encodePixels),
      });
    } catch {
      // Only the lesson pictures are missing then; the game goes on.
    }
  }

  /** Keeps the server's copy of the generator current, so a reloaded page resumes here. */
  private async upload(client: TrainerClient, levelNumber: number) {
    const auth = this.auth();
    if (!auth) return;
    try {
      await uploadRoomCheckpoint(fetch, auth, levelNumber, await client.save());
    } catch {
      // Not fatal: the class plays on; only a reload would start from an older checkpoint.
    }
  }

  dispose() {
    this.driver.dispose();
  }
}
