/**
 * The Socket.io application: a thin adapter between sockets and the pure engine in game/.
 * It parses every payload, turns it into a GameEvent, and turns the engine's effects into emits,
 * timers and writes. Dependencies (clock, store, randomness, real images, the recorder) come in
 * through one seam so the tests can run the real server on port 0.
 *
 * Every state change is synchronous (reduce is pure), so a room never sees two events interleave;
 * only acknowledgements wait for I/O (a vote is acknowledged once it is written).
 */
import { randomBytes, randomInt as cryptoRandomInt } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { type Effect, type GameEvent, type Result, createRoom, pendingJob, realsWanted, reduce } from '../game/engine';
import { levelSpec } from '../game/levels';
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
  type TrainerJob,
  parsePayload,
} from '../game/protocol';
import { type Rng, randomId, randomPin } from '../game/rng';
import type { Room } from '../game/state';
import { hostView, leaderboard, playerView } from '../game/views';
import { type CheckpointStore, checkpointRoutes, memoryCheckpoints } from './checkpoints';
import type { RealImages } from './images';
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
}

interface SocketData {
  pin?: string;
  role?: 'host' | 'player';
  playerId?: string;
}

type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IOSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const hostRoom = (pin: string) => `host:${pin}`;
const everyone = (pin: string) => `room:${pin}`;
const playerRoom = (pin: string, id: string) => `player:${pin}:${id}`;

const cryptoRng: Rng = () => cryptoRandomInt(0, 2 ** 47) / 2 ** 47;
const token = () => randomBytes(18).toString('base64url');

/** Largest payload a client may send: a round's images are ~25 KB; anything far bigger is abuse. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export interface Application {
  io: IO;
  /** Handles the app's own HTTP routes (checkpoint upload/download); false when the request is not one. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Brings rooms back (after a restart) and restarts their timers. */
  restore(rooms: Room[]): void;
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

  /** Fire-and-forget writes: a failed write is logged and never takes the game down. */
  const record = (what: string, write: (r: GameRecorder) => Promise<void>) => {
    if (deps.recorder) write(deps.recorder).catch((err) => log(`recording ${what} failed`, err));
  };

  function emitViews(room: Room) {
    const now = deps.clock();
    io.to(hostRoom(room.pin)).emit('room:host', hostView(room, now));
    const board = leaderboard(room);
    for (const p of room.players) {
      const view = playerView(room, p.id, now, board);
      if (view) io.to(playerRoom(room.pin, p.id)).emit('room:player', view);
    }
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

  function runEffects(room: Room, effects: Effect[]) {
    for (const effect of effects) {
      switch (effect.type) {
        case 'broadcast':
          emitViews(room);
          break;
        case 'votes': {
          const view = hostView(room, deps.clock());
          if (view.phase.kind === 'judging') {
            const { round, votesCast, votesExpected } = view.phase;
            io.to(hostRoom(room.pin)).emit('room:votes', { round, votesCast, votesExpected });
          }
          break;
        }
        case 'progress':
          io.to(everyone(room.pin)).emit('training:progress', { round: effect.round, progress: effect.progress });
          break;
        case 'schedule':
          schedule(room.pin, effect.at);
          break;
        case 'requestFakes':
        case 'requestTraining': {
          const job = jobFor(room, effect);
          if (job) io.to(hostRoom(room.pin)).emit('trainer:job', job);
          break;
        }
        case 'kicked': {
          const r = playerRoom(room.pin, effect.playerId);
          io.to(r).emit('room:closed', { reason: 'The host removed you from this game.' });
          io.in(r).socketsLeave([everyone(room.pin), r]);
          break;
        }
        case 'closed':
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

  /** Records what a transition means for the database, from the phase before and after. */
  function recordTransition(before: Room, after: Room) {
    if (!deps.recorder) return;
    const was = before.phase.kind;
    const is = after.phase.kind;
    if (is === 'judging' && was !== 'judging') record('round', (r) => r.roundStarted(after));
    if (is === 'reveal' && was !== 'reveal') record('reveal', (r) => r.roundRevealed(after));
    if (is === 'ended' && was !== 'ended') record('end', (r) => r.sessionEnded(after));
    record('snapshot', (r) => r.snapshot(after));
  }

  /** Applies an event to a room and runs its effects; returns the engine's result. */
  function apply(pin: string, event: GameEvent): Pick<Result, 'error' | 'reply'> & { state?: Room } {
    const room = deps.store.get(pin);
    if (!room) return { error: { code: ErrorCode.NoSuchGame, message: 'no such game' } };
    const result = reduce(room, event, { now: deps.clock(), rng });
    if (result.error) return result;
    deps.store.set(result.state);
    recordTransition(room, result.state);
    runEffects(result.state, result.effects);
    return result;
  }

  /** Registers a handler that parses its payload and always acknowledges, even when it throws. */
  function on<E extends C2SEvent>(socket: IOSocket, event: E, handler: (data: C2SParsed<E>) => Ack<AckData[E]> | Promise<Ack<AckData[E]>>) {
    (socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on(event, async (payload: unknown, ack: unknown) => {
      // Every client event carries an acknowledgement callback; a message without one has nobody to answer.
      if (typeof ack !== 'function') return;
      try {
        const parsed = parsePayload(event, payload);
        ack(parsed.ok ? await handler(parsed.data) : parsed);
      } catch (err) {
        log(`${event} failed`, err);
        ack({ ok: false, error: { code: ErrorCode.Internal, message: 'something went wrong on the server; try again' } });
      }
    });
  }

  const fail = (error: GameError): { ok: false; error: GameError } => ({ ok: false, error });
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

  io.on('connection', (socket) => {
    on(socket, 'host:create', async (data) => {
      let pin = randomPin(rng);
      for (let i = 0; deps.store.get(pin) && i < 100; i++) pin = randomPin(rng);
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
      const reals = wanted > 0 ? deps.images.draw(dataset, wanted, rng) : [];
      return hostEvent(socket, d.pin, { type: 'fakes', hostToken: d.hostToken, round: d.round, images: d.images, reals });
    });

    on(socket, 'player:join', (d) => {
      if (!deps.store.get(d.pin)) return noSuchGame();
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

    on(socket, 'player:vote', async (d) => {
      if (!deps.store.get(d.pin)) return noSuchGame();
      const result = apply(d.pin, { type: 'vote', token: d.playerToken, imageId: d.imageId, verdict: d.verdict });
      if (result.error) return fail(result.error);
      const room = result.state!;
      const player = room.players.find((p) => p.token === d.playerToken)!;
      // Written before it is acknowledged: an acknowledged vote survives a crash.
      if (deps.recorder) {
        try {
          await deps.recorder.vote(room, player.id, d.imageId, d.verdict, deps.clock());
        } catch (err) {
          log('saving a vote failed', err);
          // Not acknowledged, so not counted: take it back (when the round is still open) so a retry is not a duplicate.
          apply(d.pin, { type: 'retract', token: d.playerToken, imageId: d.imageId });
          return fail({ code: ErrorCode.Internal, message: 'your vote could not be saved; try again' });
        }
      }
      return { ok: true, imageId: d.imageId, verdict: d.verdict };
    });

    on(socket, 'player:answer', (d) => {
      if (!deps.store.get(d.pin)) return noSuchGame();
      const result = apply(d.pin, { type: 'answer', token: d.playerToken, cardId: d.cardId, choice: d.choice });
      if (result.error) return fail(result.error);
      if (result.reply?.kind !== 'answered') return fail({ code: ErrorCode.Internal, message: 'the answer was not recorded' });
      const { cardId, choice, correct, points } = result.reply;
      const room = result.state!;
      const player = room.players.find((p) => p.token === d.playerToken)!;
      record('answer', (r) => r.checkAnswered(room.pin, player.id, cardId, choice, correct));
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
  });

  const routes = checkpointRoutes({
    store: deps.store,
    checkpoints,
    onSaved: (pin, level, bytes) => record('checkpoint', (r) => r.checkpointSaved(pin, level, bytes)),
    log,
  });

  return {
    io,
    handleHttp: routes,
    restore(rooms) {
      for (const room of rooms) {
        deps.store.set(room);
        const phase = room.phase;
        const at = phase.kind === 'judging' || phase.kind === 'coaching' ? phase.deadline : phase.kind === 'reveal' ? phase.until : null;
        if (at !== null) schedule(room.pin, at);
        // Nobody is connected yet: the host has the usual grace period to come back.
        apply(room.pin, { type: 'hostLeft' });
      }
    },
    async close() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
