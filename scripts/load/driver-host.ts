/**
 * LOAD DRIVER, NOT A TRAINER. A scripted host for `npm run bench:load`: it creates a room, starts the
 * game, answers "generate" jobs with random 784-byte images and "train" jobs with a synthetic report
 * (no model exists here, nothing is trained: the checksums before and after are equal and the report
 * says so through the trainer info). Real hosts run the TensorFlow.js trainer in app/host.
 * What it does send as a real host does: after each round's training, when given one, a real-size
 * checkpoint to `PUT /rooms/:pin/checkpoint?level=N` (scripts/load/checkpoint.ts), not awaited by the
 * report, as app/host/trainer.ts does; optionally after a delay standing in for the training itself.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { type Socket, io as connect } from 'socket.io-client';
import {
  type Ack,
  CheckpointRoute,
  type ClientToServerEvents,
  IMAGE_BYTES,
  type LevelId,
  PROTOCOL_VERSION,
  SOCKET_PATH,
  type ServerToClientEvents,
  type TrainerJob,
  encodePixels,
} from '../../game/protocol';

export type LoadSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const LOAD_DRIVER_NOTE = 'load driver (scripts/load/driver-host.ts): random images and synthetic training reports; no model is trained';

/** Not connected yet: call .connect(), after listening for 'connect' and 'connect_error' (see connectSocket). */
export function loadSocket(url: string): LoadSocket {
  return connect(url, { path: SOCKET_PATH, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 60_000, autoConnect: false });
}

/** Connects and resolves once connected; rejects on a connection error or after the client's timeout. */
export function connectSocket(s: LoadSocket, ms = 30_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // The client's own timeout covers the transport; the namespace handshake after it has none.
    const timer = setTimeout(() => {
      s.disconnect();
      reject(new Error(`not connected within ${ms} ms`));
    }, ms);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    s.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    s.connect();
  });
}

/** Emits with an acknowledgement; resolves with it, or an error ack after `ms`. */
export function request(s: LoadSocket, event: string, payload: unknown, ms = 30_000): Promise<Ack<Record<string, unknown>>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, error: { code: 'internal', message: `no ack for ${event} within ${ms} ms` } }), ms);
    (s as unknown as { emit(...a: unknown[]): void }).emit(event, payload, (ack: Ack<Record<string, unknown>>) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

export const randomImage = () => encodePixels(new Uint8Array(randomBytes(IMAGE_BYTES)));

export interface DriverStats {
  jobs: number;
  errors: string[];
  /** Messages this host sent and received. */
  messages: number;
  /** Checkpoint uploads: how many went out, how many the server answered 200, and how long each took (ms). */
  uploads: { sent: number; ok: number; ms: number[] };
}

export interface DriverOptions {
  /** The one level the room plays (default "strokes"). */
  level?: LevelId;
  /** Uploaded after every training, as a real host does; none when absent. */
  checkpoint?: Uint8Array;
  /** How long "training" takes before the report goes out (a real host trains for seconds); 0 by default. */
  trainMs?: number;
}

/** PUTs a checkpoint as the host page does (app/generator/checkpoints.ts); resolves with the status (0: no answer). */
export function putCheckpoint(url: string, pin: string, hostToken: string, level: number, bytes: Uint8Array, ms = 120_000): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(
      new URL(CheckpointRoute.path(pin, level), url),
      {
        method: 'PUT',
        headers: { [CheckpointRoute.hostTokenHeader]: hostToken, 'content-type': 'application/octet-stream', 'content-length': bytes.length },
        timeout: ms,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(bytes);
  });
}

/** The scripted host of one room. */
export class DriverHost {
  readonly socket: LoadSocket;
  pin = '';
  hostToken = '';
  readonly stats: DriverStats = { jobs: 0, errors: [], messages: 0, uploads: { sent: 0, ok: 0, ms: [] } };
  /** Uploads still in flight (the report never waits for them; the benchmark does, before it counts). */
  private uploading = new Set<Promise<void>>();
  /** Resolves when the room reaches the leaderboard after the last round (the driver then ends the game). */
  readonly finished: Promise<void>;
  private finish!: () => void;
  /** Called whenever judging starts, with the round number. */
  onJudging: (round: number) => void = () => {};

  constructor(
    private readonly url: string,
    private readonly opts: DriverOptions = {},
  ) {
    this.socket = loadSocket(url);
    this.finished = new Promise((r) => (this.finish = r));
    this.socket.onAny(() => this.stats.messages++);
    this.socket.on('trainer:job', (job) => void this.handle(job));
    let judged = 0;
    this.socket.on('room:host', (view) => {
      if (view.phase.kind === 'judging' && view.phase.round > judged) {
        judged = view.phase.round;
        this.onJudging(judged);
      }
      if (view.phase.kind === 'leaderboard' || view.phase.kind === 'ended') this.finish();
    });
  }

  private async send(event: string, payload: unknown) {
    this.stats.messages++;
    const ack = await request(this.socket, event, payload);
    if (!ack.ok) this.stats.errors.push(`${event}: ${ack.error.code} ${ack.error.message}`);
    return ack;
  }

  async create(settings: Record<string, number | boolean>): Promise<void> {
    await connectSocket(this.socket);
    const ack = await this.send('host:create', { v: PROTOCOL_VERSION, settings, levels: [this.opts.level ?? 'strokes'] });
    if (!ack.ok) throw new Error(`host:create refused: ${ack.error.message}`);
    this.pin = ack.pin as string;
    this.hostToken = ack.hostToken as string;
    await this.send('host:trainer', { pin: this.pin, hostToken: this.hostToken, backend: 'cpu', reason: LOAD_DRIVER_NOTE });
  }

  /** Starts the game and moves past the level intro: the first "generate" job follows. */
  async start(): Promise<void> {
    const auth = { pin: this.pin, hostToken: this.hostToken };
    const started = await this.send('host:start', auth);
    if (!started.ok) throw new Error(`host:start refused: ${started.error.message}`);
    await this.send('host:advance', auth);
  }

  private upload(level: number, bytes: Uint8Array) {
    const u = this.stats.uploads;
    u.sent++;
    const t0 = performance.now();
    const done = putCheckpoint(this.url, this.pin, this.hostToken, level, bytes).then((status) => {
      u.ms.push(performance.now() - t0);
      if (status === 200) u.ok++;
      else this.stats.errors.push(`checkpoint upload: ${status ? `HTTP ${status}` : 'no answer'}`);
    });
    this.uploading.add(done);
    void done.finally(() => this.uploading.delete(done));
  }

  /** Resolves once every upload so far has been answered. */
  async uploadsSettled(): Promise<void> {
    await Promise.all([...this.uploading]);
  }

  async end(): Promise<void> {
    await this.send('host:end', { pin: this.pin, hostToken: this.hostToken });
    this.socket.disconnect();
  }

  private async handle(job: TrainerJob) {
    this.stats.jobs++;
    const auth = { pin: this.pin, hostToken: this.hostToken };
    if (job.kind === 'generate') {
      await this.send('host:fakes', { ...auth, round: job.round, images: Array.from({ length: job.count }, randomImage) });
      return;
    }
    // Synthetic: a load driver reports the budget it was given and losses it made up; nothing moved.
    const total = job.budget.dSteps + job.budget.gSteps;
    await this.send('host:progress', { ...auth, round: job.round, progress: { phase: 'd', step: 1, total, dLoss: 1.386, gLoss: 0.693 } });
    if (this.opts.trainMs) await new Promise((r) => setTimeout(r, this.opts.trainMs));
    // The host page keeps the trained generator on the server, not awaited, then reports (GeneratorDriver.train).
    if (this.opts.checkpoint) this.upload(job.levelNumber, this.opts.checkpoint);
    const report = {
      dSteps: job.budget.dSteps,
      gSteps: job.budget.gSteps,
      dLoss: 1.386,
      gLoss: 0.693,
      humanLoss: 0.693,
      dReal: 0.5,
      dFake: 0.5,
      stepsPerSec: 0,
      ms: 0,
      backend: 'cpu',
      checksumBefore: 0,
      checksumAfter: 0,
    };
    await this.send('host:trained', { ...auth, round: job.round, report });
  }
}
