/**
 * The Socket.io application: a thin adapter between sockets and the pure engine in game/.
 * It parses every payload, turns it into a GameEvent, and turns the engine's effects into emits,
 * timers and writes. Dependencies (clock, store, randomness, real images, the recorder) come in
 * through one seam so the tests can run the real server on port 0.
 *
 * Every state change is synchronous (reduce is pure), so a room never sees two events interleave;
 * only acknowledgements wait for I/O (a vote is acknowledged once it is written).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { votesCast } from '../game/ballots';
import { type Effect, type GameEvent, type Result, createRoom, pendingJob, realsWanted, reduce, votesExpected } from '../game/engine';
import { levelSpec } from '../game/levels';
import { nicknameProblem } from '../game/nickname-filter';
import {
  type Ack,
  type AckData,
  type C2SEvent,
  type C2SParsed,
  type ClientToServerEvents,
  ErrorCode,
  type GameError,
  SOCKET_PATH,
  type ServerToClientEvents,
  type PlayerView,
  type TrainerJob,
  parsePayload,
} from '../game/protocol';
import { type Rng, randomId, randomPin } from '../game/rng';
import type { Room } from '../game/state';
import { hostView, playerView, playerViews } from '../game/views';
import { type CheckpointStore, checkpointRoutes, memoryCheckpoints } from './checkpoints';
import type { RealImages } from './images';
import { type BucketSpec, JOIN_BUCKET, KeyedBuckets, PIN_GUESS_BUCKET, TokenBucket, VOTE_BUCKET } from './rate-limit';
import type { GameRecorder } from './recorder';
import type { RoomStore } from './store';

export interface Deps {
  clock: () => number;
  store: RoomStore;
  images: RealImages;
  /** Randomness for the engine (PINs, shuffles, nicknames). Tokens always come from crypto. */
  rng?: Rng;
  /** Writes the game down (database); absent in tests that only need the game. */
  recorder?: GameRecorder;
  checkpoints?: CheckpointStore;
  /** The signed-in teacher behind a cookie header, if any: a room hosted while signed in is theirs. */
  identify?: (cookieHeader: string | undefined) => Promise<string | null>;
  log?: (msg: string, err?: unknown) => void;
  /** Abuse limits (server/rate-limit.ts); the defaults suit a classroom. */
  limits?: Partial<Limits>;
  slowClient?: Partial<SlowClientLimits>;
  /** Several processes (server/cluster.ts): takes a new PIN for this process across all of them. */
  claimPin?: (pin: string) => Promise<boolean>;
  /**
   * Several processes: an event for a room this process does not hold goes to the one that does.
   * Resolves with that process's acknowledgement, or null when no process holds the room.
   */
  forward?: (socket: IOSocket, event: C2SEvent, payload: unknown) => Promise<Ack<object> | null>;
}

export interface Limits {
  vote: BucketSpec;
  join: BucketSpec;
  /** Failed joins with unknown PINs, per address. */
  pinGuess: BucketSpec;
}

export interface SocketData {
  pin?: string;
  role?: 'host' | 'player';
  playerId?: string;
}

export type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type IOSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const hostRoom = (pin: string) => `host:${pin}`;
export const everyone = (pin: string) => `room:${pin}`;
export const playerRoom = (pin: string, id: string) => `player:${pin}:${id}`;

/**
 * Crypto-strength randomness for the engine, read from a pooled buffer: one randomBytes call per 1,024
 * draws instead of a system call per shuffle step (profiling a 1,000-player room showed the difference).
 */
const cryptoRng: Rng = (() => {
  let pool = randomBytes(6 * 1024);
  let at = pool.length;
  return () => {
    if (at + 6 > pool.length) {
      pool = randomBytes(6 * 1024);
      at = 0;
    }
    const value = pool.readUIntBE(at, 6) / 2 ** 48;
    at += 6;
    return value;
  };
})();
const token = () => randomBytes(18).toString('base64url');

/** Largest payload a client may send: a round's images are ~25 KB; anything far bigger is abuse. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/**
 * A client that stops reading (a frozen tab, a stalled phone) makes the server queue what it sends it;
 * Socket.io never drops those messages by itself. Past these bounds the socket is disconnected: the
 * player rejoins with their token when they come back, and loses nothing (views are full states).
 */
export interface SlowClientLimits {
  /** Packets waiting in Engine.IO's write buffer. */
  maxPackets: number;
  /** Bytes waiting in the WebSocket's buffer. */
  maxBytes: number;
  everyMs: number;
}
export const SLOW_CLIENT: SlowClientLimits = { maxPackets: 500, maxBytes: 4 * 1024 * 1024, everyMs: 2000 };

export interface Application {
  io: IO;
  /** Handles the app's own HTTP routes (checkpoint upload/download); false when the request is not one. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Brings rooms back (after a restart) and restarts their timers. */
  restore(rooms: Room[]): void;
  /** Wires a socket's events: every real connection, and the stand-ins server/cluster.ts makes for sockets on other processes. */
  connect(socket: IOSocket): void;
  close(): Promise<void>;
}

export function createApplication(httpServer: HttpServer, deps: Deps): Application {
  const rng = deps.rng ?? cryptoRng;
  const log = deps.log ?? ((msg, err) => console.error(`[gan-arena] ${msg}`, err ?? ''));
  const checkpoints = deps.checkpoints ?? memoryCheckpoints();
  const io: IO = new Server(httpServer, {
    path: SOCKET_PATH,
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    // Leave other upgrade requests (Next's hot reload in development) to their own handlers.
    destroyUpgrade: false,
  });
  const timers = new Map<string, NodeJS.Timeout>();

  const slow = { ...SLOW_CLIENT, ...deps.slowClient };
  const sweepSlowClients = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) {
      const conn = socket.conn as unknown as { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } } };
      const packets = conn.writeBuffer?.length ?? 0;
      const ws = conn.transport?.socket;
      const bytes = ws?.bufferedAmount ?? 0;
      if (packets > slow.maxPackets || bytes > slow.maxBytes) {
        log(`disconnecting a client that stopped reading (${packets} packets, ${bytes} bytes queued)`);
        // Not socket.disconnect(): a polite close waits for the queue to drain, which is exactly what never happens.
        if (ws?.terminate) ws.terminate();
        else socket.disconnect(true);
      }
    }
  }, slow.everyMs);
  sweepSlowClients.unref();

  /** Fire-and-forget writes: a failed write is logged and never takes the game down. */
  const record = (what: string, write: (r: GameRecorder) => Promise<void>) => {
    if (deps.recorder) write(deps.recorder).catch((err) => log(`recording ${what} failed`, err));
  };

  /*
   * Views are coalesced per room: a burst of joins or reconnections in a room of 2,000 would otherwise
   * send 2,000 views per event. A change of phase goes out at once (next turn of the event loop);
   * other changes at most every players/2 ms (capped at 1 s), so a big lobby refreshes about once a second.
   */
  const pendingViews = new Map<string, { timer: NodeJS.Timeout | NodeJS.Immediate; urgent: boolean }>();
  const lastViews = new Map<string, { at: number; key: string }>();
  const phaseKey = (room: Room) => `${room.phase.kind}:${room.round}:${room.level}:${room.paused ? 1 : 0}`;

  function queueViews(room: Room) {
    const pin = room.pin;
    const last = lastViews.get(pin);
    const urgent = !last || last.key !== phaseKey(room);
    const pending = pendingViews.get(pin);
    if (pending && (pending.urgent || !urgent)) return;
    if (pending) clearTimeout(pending.timer as NodeJS.Timeout);
    const wait = urgent ? 0 : Math.max(0, last!.at + Math.min(1000, room.players.length / 2) - deps.clock());
    const run = () => flushViews(pin);
    pendingViews.set(pin, { timer: wait === 0 ? setImmediate(run) : setTimeout(run, wait), urgent });
  }

  /**
   * Player views leave in slices, a turn of the event loop apart: the 2,000 views of a phase change
   * held the loop for a third of a second, and every vote that arrived meanwhile (and its ack) waited
   * behind all of them. pin → the views of the room's latest emission still to send; a newer emission
   * replaces what is left of an older one (views are full states, so the newest is all anyone needs).
   */
  const outbox = new Map<string, Iterator<PlayerView>>();
  const VIEW_SLICE = 100;

  function sendViews(pin: string, views: Iterator<PlayerView>, count: number) {
    for (let i = 0; i < count; i++) {
      const next = views.next();
      if (next.done) return false;
      io.to(playerRoom(pin, next.value.me.id)).emit('room:player', next.value);
    }
    return true;
  }

  function pumpViews(pin: string) {
    const views = outbox.get(pin);
    if (!views) return;
    if (sendViews(pin, views, VIEW_SLICE)) setImmediate(() => pumpViews(pin));
    else if (outbox.get(pin) === views) outbox.delete(pin);
  }

  /** Sends whatever is left of a room's views at once (before a close that must follow them). */
  function drainViews(pin: string) {
    flushViews(pin);
    const views = outbox.get(pin);
    outbox.delete(pin);
    if (views) sendViews(pin, views, Number.POSITIVE_INFINITY);
  }

  /** Sends a room's queued views now: the host's at once, the players' starting now (before a job that must follow them). */
  function flushViews(pin: string) {
    const pending = pendingViews.get(pin);
    if (!pending) return;
    clearTimeout(pending.timer as NodeJS.Timeout);
    clearImmediate(pending.timer as NodeJS.Immediate);
    pendingViews.delete(pin);
    const room = deps.store.get(pin);
    if (room) emitViews(room);
  }

  /**
   * The host's live vote count, at most every 100 ms in any room: a hundred classes of thirty sent
   * their projectors a count per vote, as many messages again as the votes themselves.
   */
  const pendingCounts = new Map<string, NodeJS.Timeout>();
  const countSentAt = new Map<string, number>();
  function queueVoteCount(room: Room) {
    const pin = room.pin;
    if (pendingCounts.has(pin)) return;
    const send = () => {
      pendingCounts.delete(pin);
      countSentAt.set(pin, deps.clock());
      const fresh = deps.store.get(pin);
      if (fresh?.phase.kind !== 'judging') return;
      const { round, ballots } = fresh.phase;
      io.to(hostRoom(pin)).emit('room:votes', { round, votesCast: votesCast(ballots), votesExpected: votesExpected(fresh) });
    };
    pendingCounts.set(pin, setTimeout(send, Math.max(0, (countSentAt.get(pin) ?? Number.NEGATIVE_INFINITY) + 100 - deps.clock())));
  }

  function emitViews(room: Room) {
    const now = deps.clock();
    lastViews.set(room.pin, { at: now, key: phaseKey(room) });
    io.to(hostRoom(room.pin)).emit('room:host', hostView(room, now));
    const sending = outbox.has(room.pin);
    outbox.set(room.pin, playerViews(room, deps.clock));
    if (!sending) pumpViews(room.pin);
  }

  function jobFor(room: Room, effect: Effect): TrainerJob | null {
    if (effect.type !== 'requestFakes' && effect.type !== 'requestTraining') return null;
    const level = levelSpec(room.levels[effect.levelIndex - 1]);
    if (effect.type === 'requestFakes') {
      return { kind: 'generate', round: effect.round, count: effect.count, level, levelIndex: effect.levelIndex };
    }
    const { verdicts, budget, humanWeight, tunables } = effect.job;
    return { kind: 'train', round: effect.round, level, levelIndex: effect.levelIndex, verdicts, budget, humanWeight, tunables };
  }

  /** The projector's view alone, at most every 250 ms in a big room. */
  const pendingHost = new Map<string, NodeJS.Timeout>();
  function queueHostView(room: Room) {
    const pin = room.pin;
    if (pendingHost.has(pin)) return;
    const send = () => {
      pendingHost.delete(pin);
      const fresh = deps.store.get(pin);
      if (fresh) io.to(hostRoom(pin)).emit('room:host', hostView(fresh, deps.clock()));
    };
    pendingHost.set(pin, setTimeout(send, room.players.length > 100 ? 250 : 0));
  }

  /**
   * Whether only the host's screen changed: a player dropping or coming back shows on the projector's
   * player list, but no player view carries anyone's connection (the one who came back gets theirs
   * directly). In a room of 2,000 with flaky phones this saves thousands of views a second.
   */
  const hostOnly = (room: Room, event?: GameEvent) =>
    (event?.type === 'disconnect' || event?.type === 'rejoin') && lastViews.get(room.pin)?.key === phaseKey(room) && !pendingViews.has(room.pin);

  function runEffects(room: Room, effects: Effect[], event?: GameEvent) {
    for (const effect of effects) {
      switch (effect.type) {
        case 'broadcast':
          if (hostOnly(room, event)) queueHostView(room);
          else queueViews(room);
          break;
        case 'votes':
          queueVoteCount(room);
          break;
        case 'progress':
          io.to(everyone(room.pin)).emit('training:progress', { round: effect.round, progress: effect.progress });
          break;
        case 'schedule':
          schedule(room.pin, effect.at);
          break;
        case 'requestFakes':
        case 'requestTraining': {
          const job = jobFor(room, effect);
          flushViews(room.pin);
          if (job) io.to(hostRoom(room.pin)).emit('trainer:job', job);
          break;
        }
        case 'kicked': {
          flushViews(room.pin);
          const r = playerRoom(room.pin, effect.playerId);
          io.to(r).emit('room:closed', { reason: 'The host removed you from this game.' });
          io.in(r).socketsLeave([everyone(room.pin), r]);
          break;
        }
        case 'closed':
          drainViews(room.pin);
          forgetRoom(room.pin);
          io.to(everyone(room.pin)).emit('room:closed', { reason: `This game has closed: ${effect.reason}.` });
          io.in(everyone(room.pin)).socketsLeave(everyone(room.pin));
          clearTimeout(timers.get(room.pin));
          timers.delete(room.pin);
          deps.store.delete(room.pin);
          checkpoints.forget(room.pin);
          break;
      }
    }
  }

  function schedule(pin: string, at: number) {
    clearTimeout(timers.get(pin));
    const delay = Math.max(0, at - deps.clock());
    timers.set(
      pin,
      setTimeout(() => {
        timers.delete(pin);
        try {
          apply(pin, { type: 'tick' });
        } catch (err) {
          log('tick failed', err);
        }
      }, delay + 5),
    );
  }

  /**
   * pin → the snapshot write of the room's current round's start. A vote is acknowledged only after it
   * has landed (normally long before), so a restart always finds the round the vote belongs to, and
   * the votes table fills the round's votes back in (recorder.loadSnapshots).
   */
  const roundSaved = new Map<string, Promise<void>>();

  /**
   * Changes within a phase (joins, settings, answers, …) are saved at most this often per room, the
   * latest state each time: 2,000 players joining an assembly wrote 2,000 snapshots of a growing room,
   * which kept the server busy for most of a minute. A change of phase, and a kick, are saved at once.
   * A crash can lose the last second of a lobby; a player whose join it lost is asked to join again.
   */
  const SNAPSHOT_EVERY_MS = 1000;
  const laterSnapshots = new Map<string, NodeJS.Timeout>();

  function snapshotNow(room: Room): Promise<void> {
    clearTimeout(laterSnapshots.get(room.pin));
    laterSnapshots.delete(room.pin);
    return deps.recorder!.snapshot(room).catch((err) => log('recording snapshot failed', err));
  }

  function snapshotSoon(pin: string) {
    if (laterSnapshots.has(pin)) return;
    laterSnapshots.set(
      pin,
      setTimeout(() => {
        laterSnapshots.delete(pin);
        const room = deps.store.get(pin);
        if (room) void snapshotNow(room);
      }, SNAPSHOT_EVERY_MS),
    );
  }

  function forgetRoom(pin: string) {
    roundSaved.delete(pin);
    outbox.delete(pin);
    clearTimeout(laterSnapshots.get(pin));
    laterSnapshots.delete(pin);
    lastViews.delete(pin);
    clearTimeout(pendingCounts.get(pin));
    pendingCounts.delete(pin);
    countSentAt.delete(pin);
    clearTimeout(pendingHost.get(pin));
    pendingHost.delete(pin);
  }

  /** Records what a transition means for the database, from the phase before and after. */
  function recordTransition(before: Room, after: Room, event: GameEvent) {
    if (!deps.recorder) return;
    const was = before.phase.kind;
    const is = after.phase.kind;
    if (is === 'judging' && was !== 'judging') record('round', (r) => r.roundStarted(after));
    if (is === 'reveal' && was !== 'reveal') record('reveal', (r) => r.roundRevealed(after));
    if (is === 'ended' && was !== 'ended') record('end', (r) => r.sessionEnded(after));
    // Votes live in the votes table (written before the ack) and progress is transient: neither needs a
    // snapshot of the whole room, which in a room of 2,000 is a megabyte written per vote.
    const inRound = is === 'judging' && was === 'judging';
    if (inRound && (event.type === 'vote' || event.type === 'retract')) return;
    // Connections are not restored either (a restarted server counts everyone away): 2,000 phones
    // leaving at the end of an assembly should not write 2,000 snapshots.
    if ((event.type === 'disconnect' || event.type === 'rejoin') && was === is) return;
    if (event.type === 'progress') return;
    if (was === is && event.type !== 'kick') return snapshotSoon(after.pin);
    const saved = snapshotNow(after);
    if (is === 'judging' && !inRound) roundSaved.set(after.pin, saved);
  }

  /** Applies an event to a room and runs its effects; returns the engine's result. */
  function apply(pin: string, event: GameEvent): Pick<Result, 'error' | 'reply'> & { state?: Room } {
    const room = deps.store.get(pin);
    if (!room) return { error: { code: ErrorCode.NoSuchGame, message: 'no such game' } };
    const result = reduce(room, event, { now: deps.clock(), rng });
    if (result.error) return result;
    deps.store.set(result.state);
    recordTransition(room, result.state, event);
    runEffects(result.state, result.effects, event);
    return result;
  }

  const limits: Limits = { vote: VOTE_BUCKET, join: JOIN_BUCKET, pinGuess: PIN_GUESS_BUCKET, ...deps.limits };
  const socketBuckets = new WeakMap<IOSocket, { vote: TokenBucket; join: TokenBucket }>();
  const pinGuesses = new KeyedBuckets(limits.pinGuess);
  const rateLimited = (what: string, seconds: number) =>
    fail({ code: ErrorCode.RateLimited, message: `too many ${what} too fast; try again in ${Math.max(1, Math.ceil(seconds))} s` });

  /** Per-socket token buckets on votes and joins, and the PIN-guessing throttle per address. */
  function limit(socket: IOSocket, event: C2SEvent, payload: unknown): Ack<object> | null {
    if (event !== 'player:vote' && event !== 'player:join') return null;
    const now = deps.clock();
    let buckets = socketBuckets.get(socket);
    if (!buckets) socketBuckets.set(socket, (buckets = { vote: new TokenBucket(limits.vote, now), join: new TokenBucket(limits.join, now) }));
    if (event === 'player:vote') return buckets.vote.take(now) ? null : rateLimited('votes', buckets.vote.retryAfter());
    if (!buckets.join.take(now)) return rateLimited('joins', buckets.join.retryAfter());
    // An address that keeps missing PINs may not join anyone's game for a while (rejoining with a token still works).
    const rejoin = typeof payload === 'object' && payload !== null && 'playerToken' in payload;
    if (!rejoin && !pinGuesses.allowed(socket.handshake.address, now)) {
      return rateLimited('game PINs that do not exist', pinGuesses.retryAfter(socket.handshake.address));
    }
    return null;
  }

  /** Registers a handler that parses its payload and always acknowledges, even when it throws. */
  function on<E extends C2SEvent>(socket: IOSocket, event: E, handler: (data: C2SParsed<E>) => Ack<AckData[E]> | Promise<Ack<AckData[E]>>) {
    (socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on(event, async (payload: unknown, ack: unknown) => {
      // Every client event carries an acknowledgement callback; a message without one has nobody to answer.
      if (typeof ack !== 'function') return;
      try {
        const limited = limit(socket, event, payload);
        if (limited) return ack(limited);
        const parsed = parsePayload(event, payload);
        if (!parsed.ok) return ack(parsed);
        const pin = (parsed.data as { pin?: string }).pin;
        // A room another process holds: that process answers (server/cluster.ts).
        const remote = pin && deps.forward && !deps.store.get(pin) ? await deps.forward(socket, event, payload) : null;
        const result = remote ?? (await handler(parsed.data));
        if (event === 'player:join' && !result.ok && result.error.code === ErrorCode.NoSuchGame) {
          pinGuesses.take(socket.handshake.address, deps.clock());
        }
        ack(result);
      } catch (err) {
        log(`${event} failed`, err);
        ack({ ok: false, error: { code: ErrorCode.Internal, message: 'something went wrong on the server; try again' } });
      }
    });
  }

  const fail = (error: GameError): { ok: false; error: GameError } => ({ ok: false, error });

  /**
   * The acknowledgement of a vote being written. Apart from the handler so that nothing here holds the
   * room: thousands of votes wait for their write at once in a big room.
   */
  async function settleVote<T>(d: { pin: string; playerToken: string; imageId: string }, written: Promise<unknown>, accepted: T) {
    try {
      await written;
      return accepted;
    } catch (err) {
      log('saving a vote failed', err);
      // Not acknowledged, so not counted: take it back (when the round is still open) so a retry is not a duplicate.
      apply(d.pin, { type: 'retract', token: d.playerToken, imageId: d.imageId });
      return fail({ code: ErrorCode.Internal, message: 'your vote could not be saved; try again' });
    }
  }
  const noSuchGame = () => fail({ code: ErrorCode.NoSuchGame, message: 'no such game' });

  /** Applies a host event, refusing unknown rooms and wrong tokens before anything else. */
  function hostEvent(socket: IOSocket, pin: string, event: GameEvent): Ack<object> {
    if (!deps.store.get(pin)) return noSuchGame();
    const result = apply(pin, event);
    if (result.error) return fail(result.error);
    attachHost(socket, pin);
    return { ok: true };
  }

  /** A socket belongs to one game at a time: leave the rooms of any other. */
  function leaveOtherGame(socket: IOSocket, pin: string) {
    if (!socket.data.pin || socket.data.pin === pin) return;
    for (const r of socket.rooms) if (r !== socket.id) void socket.leave(r);
  }

  function attachHost(socket: IOSocket, pin: string) {
    if (socket.data.pin === pin && socket.data.role === 'host') return;
    leaveOtherGame(socket, pin);
    void socket.join([hostRoom(pin), everyone(pin)]);
    socket.data = { pin, role: 'host' };
  }

  const connect = (socket: IOSocket) => {
    on(socket, 'host:create', async (data) => {
      const free = async (pin: string) => !deps.store.get(pin) && (deps.claimPin ? await deps.claimPin(pin) : true);
      let pin = randomPin(rng);
      for (let i = 0; !(await free(pin)) && i < 100; i++) pin = randomPin(rng);
      if (deps.store.get(pin)) return fail({ code: ErrorCode.Internal, message: 'no free game PIN; try again' });
      const room = createRoom({ pin, hostToken: token(), settings: data.settings, levels: data.levels }, { now: deps.clock() });
      deps.store.set(room);
      attachHost(socket, pin);
      const teacherId = deps.identify ? await deps.identify(socket.handshake.headers.cookie).catch(() => null) : null;
      record('session', (r) => r.sessionCreated(room, teacherId));
      emitViews(room);
      return { ok: true, pin, hostToken: room.hostToken };
    });

    on(socket, 'host:resume', (data) => {
      const room = deps.store.get(data.pin);
      if (!room) return noSuchGame();
      if (room.hostToken !== data.hostToken) return fail({ code: ErrorCode.NotHost, message: 'only the host can do that' });
      attachHost(socket, data.pin);
      if (!room.host.connected) apply(data.pin, { type: 'hostBack' });
      else emitViews(room);
      // The trainer may have been mid-job when the page went away: ask again.
      const fresh = deps.store.get(data.pin)!;
      const job = pendingJob(fresh);
      if (job) runEffects(fresh, [job]);
      return { ok: true, pin: room.pin };
    });

    on(socket, 'host:start', (d) => hostEvent(socket, d.pin, { type: 'start', hostToken: d.hostToken }));
    on(socket, 'host:settings', (d) => hostEvent(socket, d.pin, { type: 'settings', hostToken: d.hostToken, settings: d.settings, levels: d.levels, cards: d.cards }));
    on(socket, 'host:pause', (d) => hostEvent(socket, d.pin, { type: 'pause', hostToken: d.hostToken, paused: d.paused }));
    on(socket, 'host:extend', (d) => hostEvent(socket, d.pin, { type: 'extend', hostToken: d.hostToken, seconds: d.seconds }));
    on(socket, 'host:kick', (d) => hostEvent(socket, d.pin, { type: 'kick', hostToken: d.hostToken, playerId: d.playerId }));
    on(socket, 'host:lock', (d) => hostEvent(socket, d.pin, { type: 'lock', hostToken: d.hostToken, locked: d.locked }));
    on(socket, 'host:swap', (d) => hostEvent(socket, d.pin, { type: 'swap', hostToken: d.hostToken }));
    on(socket, 'host:trainer', (d) =>
      hostEvent(socket, d.pin, { type: 'trainer', hostToken: d.hostToken, info: { backend: d.backend, reason: d.reason } }),
    );
    on(socket, 'host:advance', (d) => hostEvent(socket, d.pin, { type: 'advance', hostToken: d.hostToken }));
    on(socket, 'host:end', (d) => hostEvent(socket, d.pin, { type: 'end', hostToken: d.hostToken }));
    on(socket, 'host:progress', (d) =>
      hostEvent(socket, d.pin, { type: 'progress', hostToken: d.hostToken, round: d.round, progress: d.progress }),
    );
    on(socket, 'host:trained', (d) => {
      const ack = hostEvent(socket, d.pin, { type: 'trained', hostToken: d.hostToken, round: d.round, report: d.report });
      const room = deps.store.get(d.pin);
      if (ack.ok && room) record('training', (r) => r.trainingReported(room, d.round, d.report));
      return ack;
    });
    on(socket, 'host:fakes', (d) => {
      const room = deps.store.get(d.pin);
      if (!room) return noSuchGame();
      // Reals are drawn only for a room that is waiting for this round's fakes from its real host.
      const wanted = room.hostToken === d.hostToken && room.phase.kind === 'generating' ? realsWanted(room) : 0;
      const dataset = levelSpec(room.levels[room.level - 1]).model.dataset;
      const reals = wanted > 0 ? deps.images.draw(dataset, wanted, rng, levelSpec(room.levels[room.level - 1]).drawClass) : [];
      return hostEvent(socket, d.pin, { type: 'fakes', hostToken: d.hostToken, round: d.round, images: d.images, reals });
    });

    on(socket, 'player:join', (d) => {
      if (!deps.store.get(d.pin)) return noSuchGame();
      const refused = d.nickname && !d.playerToken ? nicknameProblem(d.nickname) : null;
      if (refused) return fail({ code: ErrorCode.NicknameRefused, message: refused });
      const event: GameEvent = d.playerToken
        ? { type: 'rejoin', token: d.playerToken }
        : { type: 'join', playerId: randomId(rng, 12), token: token(), nickname: d.nickname };
      const result = apply(d.pin, event);
      if (result.error) return fail(result.error);
      if (result.reply?.kind !== 'joined') return fail({ code: ErrorCode.Internal, message: 'join did not complete' });
      const { playerId, playerToken, nickname } = result.reply;
      leaveOtherGame(socket, d.pin);
      void socket.join([everyone(d.pin), playerRoom(d.pin, playerId)]);
      socket.data = { pin: d.pin, role: 'player', playerId };
      // The broadcast inside apply ran before this socket joined its rooms: send it its view now.
      const fresh = deps.store.get(d.pin)!;
      const view = playerView(fresh, playerId, deps.clock());
      if (view) socket.emit('room:player', view);
      if (event.type === 'join') record('player', (r) => r.playerJoined(fresh, playerId));
      return { ok: true, playerId, playerToken, nickname };
    });

    on(socket, 'player:vote', (d) => {
      if (!deps.store.get(d.pin)) return noSuchGame();
      const result = apply(d.pin, { type: 'vote', token: d.playerToken, imageId: d.imageId, verdict: d.verdict });
      if (result.error) return fail(result.error);
      if (result.reply?.kind !== 'voted') return fail({ code: ErrorCode.Internal, message: 'the vote was not recorded' });
      const accepted = { ok: true as const, imageId: d.imageId, verdict: d.verdict };
      if (!deps.recorder) return accepted;
      // Written before it is acknowledged: an acknowledged vote survives a crash.
      const written = Promise.all([deps.recorder.vote(result.state!, result.reply.playerId, d.imageId, d.verdict, deps.clock()), roundSaved.get(d.pin)]);
      return settleVote(d, written, accepted);
    });

    on(socket, 'player:answer', (d) => {
      if (!deps.store.get(d.pin)) return noSuchGame();
      const result = apply(d.pin, { type: 'answer', token: d.playerToken, cardId: d.cardId, choice: d.choice });
      if (result.error) return fail(result.error);
      if (result.reply?.kind !== 'answered') return fail({ code: ErrorCode.Internal, message: 'the answer was not recorded' });
      const { playerId, cardId, choice, correct, points } = result.reply;
      record('answer', (r) => r.checkAnswered(d.pin, playerId, cardId, choice, correct));
      return { ok: true, cardId, choice, correct, points };
    });

    on(socket, 'coach:pick', (d) => {
      if (!deps.store.get(d.pin)) return noSuchGame();
      const result = apply(d.pin, { type: 'pick', token: d.playerToken, imageIds: d.imageIds });
      return result.error ? fail(result.error) : { ok: true, imageIds: d.imageIds };
    });

    on(socket, 'coach:knobs', (d) => {
      if (!deps.store.get(d.pin)) return noSuchGame();
      const result = apply(d.pin, { type: 'knobs', token: d.playerToken, knobs: d.knobs });
      return result.error ? fail(result.error) : { ok: true, knobs: d.knobs };
    });

    socket.on('disconnect', () => {
      const { pin, role, playerId } = socket.data;
      if (!pin) return;
      try {
        if (role === 'host') {
          // A host with another tab still open is still here.
          if ((io.sockets.adapter.rooms.get(hostRoom(pin))?.size ?? 0) === 0) apply(pin, { type: 'hostLeft' });
        } else if (role === 'player' && playerId) {
          if ((io.sockets.adapter.rooms.get(playerRoom(pin, playerId))?.size ?? 0) === 0) apply(pin, { type: 'disconnect', playerId });
        }
      } catch (err) {
        log('disconnect failed', err);
      }
    });
  };
  io.on('connection', connect);

  const routes = checkpointRoutes({
    store: deps.store,
    checkpoints,
    onSaved: (pin, level, bytes) => record('checkpoint', (r) => r.checkpointSaved(pin, level, bytes)),
    log,
  });

  return {
    io,
    handleHttp: routes,
    connect,
    restore(rooms) {
      for (const saved of rooms) {
        // Nobody's socket survived the restart: players count as away until they rejoin, so nobody holds a round up.
        const room: Room = { ...saved, players: saved.players.map((p) => ({ ...p, connected: false })) };
        deps.store.set(room);
        const phase = room.phase;
        const at = phase.kind === 'judging' || phase.kind === 'coaching' ? phase.deadline : phase.kind === 'reveal' ? phase.until : null;
        if (at !== null) schedule(room.pin, at);
        // Nobody is connected yet: the host has the usual grace period to come back.
        apply(room.pin, { type: 'hostLeft' });
      }
    },
    async close() {
      clearInterval(sweepSlowClients);
      for (const pin of new Set([...pendingViews.keys(), ...outbox.keys()])) drainViews(pin);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // After the sockets: their leaving changes rooms too (the host away, the game paused).
      for (const t of [...timers.values(), ...pendingCounts.values(), ...pendingHost.values()]) clearTimeout(t);
      timers.clear();
      pendingCounts.clear();
      pendingHost.clear();
      // Nobody is left to see views.
      for (const { timer } of pendingViews.values()) {
        clearTimeout(timer as NodeJS.Timeout);
        clearImmediate(timer as NodeJS.Immediate);
      }
      pendingViews.clear();
      outbox.clear();
      // What waited to be saved is saved now.
      const pins = [...laterSnapshots.keys()];
      await Promise.all(pins.map((pin) => deps.store.get(pin)).filter((room) => room !== undefined).map(snapshotNow));
    },
  };
}
