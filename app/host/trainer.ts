'use client';
/**
 * Connects the room's trainer jobs to the GAN in this browser. TensorFlow.js is imported lazily,
 * here only, so no other page pays for it. Jobs run one at a time, in the order they came.
 */
import { type Backend, type Dataset, type TrainerJob, decodePixels, encodePixels } from '@/game/protocol';
import type { StepProgress, TrainerClient } from '@/ml/trainer-client';
import { type GameSocket, call } from '../lib/socket';
import { useHost } from './store';

export interface TrainerOptions {
  dataset: Dataset;
  /** 'tiny' trains a very small MLP: for tests on software GPUs. */
  preset: 'standard' | 'tiny';
  prefer?: Backend[];
}

export class HostTrainer {
  private client: TrainerClient | null = null;
  private queue: Promise<void> = Promise.resolve();
  private ready: Promise<TrainerClient>;

  constructor(
    private socket: GameSocket,
    private auth: () => { pin: string; hostToken: string } | null,
    options: TrainerOptions,
  ) {
    this.ready = this.boot(options);
    this.ready.catch(() => {});
  }

  private async boot(options: TrainerOptions): Promise<TrainerClient> {
    const store = useHost.getState();
    try {
      const { TrainerClient, defaultConfig, tinyConfig } = await import('@/ml/trainer-client');
      const config = options.preset === 'tiny' ? tinyConfig(options.dataset) : defaultConfig(options.dataset);
      let lastSent = 0;
      const client = await TrainerClient.start({ config, prefer: options.prefer }, (p: StepProgress) => {
        useHost.getState().set({ progress: p, losses: [...useHost.getState().losses, { d: p.dLoss, g: p.gLoss }] });
        // Relay progress to every screen, at most ~8 times a second and always the last step.
        const now = performance.now();
        const auth = this.auth();
        if (auth && (now - lastSent > 120 || p.step === p.total)) {
          lastSent = now;
          const round = this.currentRound;
          if (round) void call(this.socket, 'host:progress', { ...auth, round, progress: p });
        }
      });
      this.client = client;
      const info = { backend: client.backend.name, reason: client.backend.reason };
      store.set({ trainer: { kind: 'ready', info }, checksum: await client.checksum() });
      this.announce();
      return client;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      store.set({ trainer: { kind: 'failed', message } });
      throw err;
    }
  }

  private currentRound: number | null = null;

  /** Tells the room which backend trains and why (again after a reconnect). */
  announce() {
    const auth = this.auth();
    const client = this.client;
    if (!auth || !client) return;
    void call(this.socket, 'host:trainer', { ...auth, backend: client.backend.name, reason: client.backend.reason });
  }

  handle(job: TrainerJob) {
    this.queue = this.queue.then(() => this.run(job)).catch((err) => {
      useHost.getState().set({ error: `Trainer: ${err instanceof Error ? err.message : String(err)}` });
    });
  }

  private async run(job: TrainerJob) {
    const client = await this.ready;
    const auth = this.auth();
    if (!auth) return;
    const info = { backend: client.backend.name, reason: client.backend.reason };
    const store = useHost.getState();
    if (job.kind === 'generate') {
      store.set({ trainer: { kind: 'busy', info, task: `Generating ${job.count} images` } });
      const images = await client.generate(job.count);
      const ack = await call(this.socket, 'host:fakes', { ...auth, round: job.round, images: images.map(encodePixels) });
      if (!ack.ok && ack.error.code !== 'wrong_phase' && ack.error.code !== 'wrong_round') throw new Error(ack.error.message);
    } else {
      store.set({ trainer: { kind: 'busy', info, task: `Training on round ${job.round}` }, progress: null });
      this.currentRound = job.round;
      const before = await client.checksum();
      const verdicts = job.verdicts.map((v) => ({ pixels: decodePixels(v.pixels), truth: v.truth, votes: v.votes, fakeVotes: v.fakeVotes }));
      // λ comes from the room's level (or its coaches), so it can change between rounds.
      if (client.config.humanWeight !== job.humanWeight) await client.configure({ humanWeight: job.humanWeight });
      const r = await client.trainRound(verdicts, job.budget);
      const after = await client.checksum();
      this.currentRound = null;
      const report = {
        dSteps: r.dSteps,
        gSteps: r.gSteps,
        dLoss: r.dLoss,
        gLoss: r.gLoss,
        humanLoss: r.humanLoss,
        dReal: r.dReal,
        dFake: r.dFake,
        stepsPerSec: r.stepsPerSec,
        ms: r.ms,
        backend: client.backend.name,
        checksumBefore: before,
        checksumAfter: after,
      };
      useHost.getState().set({ checksum: after, lastReport: report });
      const ack = await call(this.socket, 'host:trained', { ...auth, round: job.round, report });
      if (!ack.ok && ack.error.code !== 'wrong_phase' && ack.error.code !== 'wrong_round') throw new Error(ack.error.message);
    }
    useHost.getState().set({ trainer: { kind: 'ready', info } });
  }

  dispose() {
    this.client?.dispose();
    this.ready.then((c) => c.dispose()).catch(() => {});
  }
}
