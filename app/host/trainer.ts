'use client';
/**
 * Connects the room's trainer jobs to the GAN in this browser. TensorFlow.js is imported lazily,
 * inside the worker that TrainerClient starts, so no other page pays for it. Jobs run one at a time,
 * in the order they came.
 *
 * Each level names its model. A level with the same model carries on with the room's own generator;
 * a new model starts from (in order) the checkpoint the server holds for this room and level (a
 * reloaded host page), the level's own checkpoint under /checkpoints, or untrained.
 */
import { type Backend, type LevelSpec, type TrainerJob, decodePixels, encodePixels } from '@/game/protocol';
import type { GanConfig, StepProgress, TrainerClient } from '@/ml/trainer-client';
import { toTrainingReport } from '../lib/report';
import { type GameSocket, call } from '../lib/socket';
import { useHost } from './store';

export interface TrainerOptions {
  /** 'tiny' trains with small batches: for tests on software GPUs. */
  preset: 'standard' | 'tiny';
  prefer?: Backend[];
}

type Auth = { pin: string; hostToken: string };

/** The latent seed whose image the class follows from round to round. */
const FIXED_Z_SEED = 2024;

const sameShape = (c: GanConfig, l: LevelSpec) =>
  c.dataset === l.model.dataset && c.arch === l.model.arch && c.conditional === l.model.conditional && c.latentDim === l.model.latentDim && c.hidden === l.model.hidden;

async function fetchBytes(url: string, init?: RequestInit): Promise<{ bytes: Uint8Array; level: number | null } | null> {
  try {
    const res = await fetch(url, init);
    if (res.status !== 200) return null;
    return { bytes: new Uint8Array(await res.arrayBuffer()), level: res.headers.has('x-level') ? Number(res.headers.get('x-level')) : null };
  } catch {
    return null;
  }
}

export class HostTrainer {
  private client: TrainerClient | null = null;
  private queue: Promise<void> = Promise.resolve();
  private currentRound: number | null = null;
  private lastSent = 0;

  constructor(
    private socket: GameSocket,
    private auth: () => Auth | null,
    private options: TrainerOptions,
  ) {}

  /** Builds (or keeps) the model a level needs; runs in the job queue so it never races a job. */
  prepare(level: LevelSpec, levelIndex: number) {
    this.enqueue(async () => void (await this.ensure(level, levelIndex)));
  }

  handle(job: TrainerJob) {
    this.enqueue(() => this.run(job));
  }

  private enqueue(task: () => Promise<void>) {
    this.queue = this.queue.then(task).catch((err) => {
      const message = err instanceof Error ? err.message : String(err);
      useHost.getState().set({ error: `Trainer: ${message}` });
    });
  }

  private onProgress = (p: StepProgress) => {
    const store = useHost.getState();
    store.set({ progress: p, losses: [...store.losses, { step: store.losses.length + 1, d: p.dLoss, g: p.gLoss }] });
    // Relay progress to every screen, at most ~8 times a second and always the last step.
    const now = performance.now();
    const auth = this.auth();
    if (auth && this.currentRound && (now - this.lastSent > 120 || p.step === p.total)) {
      this.lastSent = now;
      void call(this.socket, 'host:progress', { ...auth, round: this.currentRound, progress: p });
    }
  };

  private async ensure(level: LevelSpec, levelIndex: number): Promise<TrainerClient> {
    const store = useHost.getState();
    if (this.client && sameShape(this.client.config, level)) {
      await this.client.configure({ ...level.tunables, humanWeight: level.humanWeight });
      return this.client;
    }
    store.set({ trainer: { kind: 'loading' } });
    this.client?.dispose();
    this.client = null;
    const { TrainerClient } = await import('@/ml/trainer-client');
    const auth = this.auth();
    // Where the generator starts, best first: the room's own latest checkpoint (a reloaded host page;
    // refused if the level's model has another shape), then the level's shipped checkpoint, then untrained.
    const candidates: { bytes: Uint8Array; source: string }[] = [];
    if (auth) {
      const held = await fetchBytes(`/rooms/${auth.pin}/checkpoint`, { headers: { 'x-host-token': auth.hostToken } });
      if (held) candidates.push({ bytes: held.bytes, source: `the room's own checkpoint (level ${held.level})` });
    }
    let missing = '';
    if (level.checkpoint) {
      const shipped = await fetchBytes(`/checkpoints/${level.checkpoint}.ganc`);
      if (shipped) candidates.push({ bytes: shipped.bytes, source: `checkpoint ${level.checkpoint}` });
      else missing = ` (checkpoint ${level.checkpoint} is missing)`;
    }
    const config: Partial<GanConfig> & { dataset: 'digits' | 'fashion' } = {
      ...level.model,
      ...level.tunables,
      humanWeight: level.humanWeight,
      batchSize: this.options.preset === 'tiny' ? 16 : 64,
    };
    let client: TrainerClient | null = null;
    let source = `untrained${missing}`;
    const refused: string[] = [];
    for (const c of candidates) {
      try {
        client = await TrainerClient.start({ config, prefer: this.options.prefer, checkpoint: c.bytes }, this.onProgress);
        source = c.source;
        break;
      } catch (err) {
        // A corrupt or mismatched checkpoint must not stop the class: try the next, say why.
        refused.push(`${c.source} refused: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    client ??= await TrainerClient.start({ config, prefer: this.options.prefer }, this.onProgress);
    if (refused.length && source.startsWith('untrained')) source += ` (${refused.join('; ')})`;
    this.client = client;
    const info = { backend: client.backend.name, reason: `${client.backend.reason}; ${level.name} starts from ${source}` };
    store.set({ trainer: { kind: 'ready', info }, checksum: await client.checksum() });
    this.announce();
    return client;
  }

  /** Tells the room which backend trains and why; this is also what ends a pause for a reloaded host. */
  announce() {
    const auth = this.auth();
    const client = this.client;
    const trainer = useHost.getState().trainer;
    if (!auth || !client || (trainer.kind !== 'ready' && trainer.kind !== 'busy')) return;
    void call(this.socket, 'host:trainer', { ...auth, backend: client.backend.name, reason: trainer.info.reason });
  }

  private async run(job: TrainerJob) {
    const client = await this.ensure(job.level, job.levelIndex);
    const auth = this.auth();
    if (!auth) return;
    const store = useHost.getState();
    const info = store.trainer.kind === 'ready' || store.trainer.kind === 'busy' ? store.trainer.info : { backend: client.backend.name, reason: client.backend.reason };
    if (job.kind === 'generate') {
      store.set({ trainer: { kind: 'busy', info, task: `Generating ${job.count} images` } });
      // A conditional level asks for its class; real images of the same class come from the server.
      const label = job.level.drawClass;
      const images = await client.generate(job.count, undefined, label === undefined ? undefined : Array<number>(job.count).fill(label));
      const ack = await call(this.socket, 'host:fakes', { ...auth, round: job.round, images: images.map(encodePixels) });
      if (!ack.ok && ack.error.code !== 'wrong_phase' && ack.error.code !== 'wrong_round') throw new Error(ack.error.message);
    } else {
      store.set({ trainer: { kind: 'busy', info, task: `Training on round ${job.round}` }, progress: null });
      this.currentRound = job.round;
      await client.configure({ ...job.tunables, humanWeight: job.humanWeight });
      const before = await client.checksum();
      // On a conditional level every judged image shows the level's class, so D and G get that label.
      const label = job.level.drawClass;
      const verdicts = job.verdicts.map((v) => ({ pixels: decodePixels(v.pixels), truth: v.truth, votes: v.votes, fakeVotes: v.fakeVotes, label }));
      const r = await client.trainRound(verdicts, job.budget);
      const after = await client.checksum();
      this.currentRound = null;
      // Machine metrics for the lesson cards and the teacher; the class plays on if they cannot be computed.
      store.set({ trainer: { kind: 'busy', info, task: 'Measuring the generator' } });
      const metrics = await client.evaluate(this.options.preset === 'tiny' ? 40 : 200).catch(() => null);
      const report = toTrainingReport(r, client.backend.name, before, after, metrics);
      useHost.getState().set({ checksum: after, lastReport: report });
      void this.snapshotsForLessons(client);
      const ack = await call(this.socket, 'host:trained', { ...auth, round: job.round, report });
      if (!ack.ok && ack.error.code !== 'wrong_phase' && ack.error.code !== 'wrong_round') throw new Error(ack.error.message);
      void this.upload(client, auth, job.levelIndex);
    }
    useHost.getState().set({ trainer: { kind: 'ready', info } });
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
  private async upload(client: TrainerClient, auth: Auth, levelIndex: number) {
    try {
      const bytes = await client.save();
      await fetch(`/rooms/${auth.pin}/checkpoint?level=${levelIndex}`, {
        method: 'PUT',
        headers: { 'x-host-token': auth.hostToken, 'content-type': 'application/octet-stream' },
        body: bytes as unknown as BodyInit,
      });
    } catch {
      // Not fatal: the class plays on; only a reload would start from an older checkpoint.
    }
  }

  dispose() {
    this.client?.dispose();
    this.client = null;
  }
}
