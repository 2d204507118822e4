/**
 * The Socket.io application: a thin adapter between sockets and the pure engine in game/.
 * It parses every payload, turns it into a GameEvent, and turns the engine's effects into emits
 * and timers. Dependencies (clock, store, randomness, real images) come in through one seam so the
 * tests can run the real server on port 0.
 */
import { randomBytes, randomInt as cryptoRandomInt } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { type Effect, type GameEvent, type Result, createRoom, pendingJob, realsWanted, reduce } from '../game/engine';
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
import type { RealImages } from './images';
import type { RoomStore } from './store';

export interface Deps {
  clock: () => number;
  store: RoomStore;
  images: RealImages;
  /** Randomness for the engine (PINs, shuffles, nicknames). Tokens always come from crypto. */
  rng?: Rng;
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
  close(): Promise<void>;
}

export function createApplication(httpServer: HttpServer, deps: Deps): Application {
  const rng = deps.rng ?? cryptoRng;
  const log = deps.log ?? ((msg, err) => console.error(`[gan-arena] ${msg}`, err ?? ''));
  const io: IO = new Server(httpServer, {
    path: SOCKET_PATH,
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    // Leave other upgrade requests (Next's hot reload in development) to their own handlers.
    destroyUpgrade: false,
  });
  const timers = new Map<string, NodeJS.Timeout>();

  function emitViews(room: Room) {
    const now = deps.clock();
    io.to(hostRoom(room.pin)).emit('room:host', hostView(room, now));
    const board = leaderboard(room);
    for (const p of room.players) {
      const view = playerView(room, p.id, now, board);
      if (view) io.to(playerRoom(room.pin, p.id)).emit('room:player', view);
    }
  }

  function jobFor(effect: Effect): TrainerJob | null {
    if (effect.type === 'requestFakes') return { kind: 'generate', round: effect.round, count: effect.count };
    if (effect.type === 'requestTraining') return { kind: 'train', round: effect.round, ...effect.job };
    return null;
  }

  function runEffects(room: Room, effects: Effect[]) {
    for (const effect of effects) {
      switch (effect.type) {
        case 'broadcast':
          emitViews(room);
          break;
        case 'votes':
          if (room.phase.kind === 'judging') {
            const view = hostView(room, deps.clock());
            if (view.phase.kind === 'judging') {
              io.to(hostRoom(room.pin)).emit('room:votes', {
                round: view.phase.round,
                votesCast: view.phase.votesCast,
                votesExpected: view.phase.votesExpected,
              });
            }
          }
          break;
        case 'progress':
          io.to(everyone(room.pin)).emit('training:progress', { round: effect.round, progress: effect.progress });
          break;
        case 'schedule':
          schedule(room.pin, effect.at);
          break;
        case 'requestFakes':
        case 'requestTraining': {
          const job = jobFor(effect);
          if (job) io.to(hostRoom(room.pin)).emit('trainer:job', job);
          break;
        }
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
        apply(pin, { type: 'tick' });
      }, delay + 5),
    );
  }

  /** Applies an event to a room and runs its effects; returns the engine's result. */
  function apply(pin: string, event: GameEvent): Pick<Result, 'error' | 'reply'> {
    const room = deps.store.get(pin);
    if (!room) return { error: { code: ErrorCode.NoSuchGame, message: 'no such game' } as GameError };
    const result = reduce(room, event, { now: deps.clock(), rng });
    if (result.error) return result;
    deps.store.set(result.state);
    runEffects(result.state, result.effects);
    return result;
  }

  /** Registers a handler that parses its payload and always acknowledges, even when it throws. */
  function on<E extends C2SEvent>(socket: IOSocket, event: E, handler: (data: C2SParsed<E>) => Ack<AckData[E]>) {
    (socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on(event, (payload: unknown, ack: unknown) => {
      // Every client event carries an acknowledgement callback; a message without one has nobody to answer.
      if (typeof ack !== 'function') return;
      const reply = (res: Ack<AckData[E]>) => ack(res);
      try {
        const parsed = parsePayload(event, payload);
        if (!parsed.ok) return reply(parsed);
        reply(handler(parsed.data));
      } catch (err) {
        log(`${event} failed`, err);
        reply({ ok: false, error: { code: ErrorCode.Internal, message: 'something went wrong on the server; try again' } });
      }
    });
  }

  const fail = (error: GameError): { ok: false; error: GameError } => ({ ok: false, error });
  const noSuchGame = () => fail({ code: ErrorCode.NoSuchGame, message: 'no such game' });

  /** Applies a host event, refusing unknown rooms and wrong tokens before anything else. */
  function hostEvent(socket: IOSocket, pin: string, event: GameEvent): Ack<object> {
    const room = deps.store.get(pin);
    if (!room) return noSuchGame();
    const result = apply(pin, event);
    if (result.error) return fail(result.error);
    attachHost(socket, pin);
    return { ok: true };
  }

  /** A socket belongs to one game at a time: leave the rooms of any other. */
  function leaveOtherGame(socket: IOSocket, pin: string) {
    const old = socket.data.pin;
    if (!old || old === pin) return;
    for (const r of socket.rooms) if (r !== socket.id) void socket.leave(r);
  }

  function attachHost(socket: IOSocket, pin: string) {
    if (socket.data.pin === pin && socket.data.role === 'host') return;
    leaveOtherGame(socket, pin);
    void socket.join([hostRoom(pin), everyone(pin)]);
    socket.data = { pin, role: 'host' };
  }

  io.on('connection', (socket) => {
    on(socket, 'host:create', (data) => {
      let pin = randomPin(rng);
      for (let i = 0; deps.store.get(pin) && i < 100; i++) pin = randomPin(rng);
      if (deps.store.get(pin)) return fail({ code: ErrorCode.Internal, message: 'no free game PIN; try again' });
      const room = createRoom({ pin, hostToken: token(), dataset: data.dataset, settings: data.settings }, { now: deps.clock() });
      deps.store.set(room);
      attachHost(socket, pin);
      emitViews(room);
      return { ok: true, pin, hostToken: room.hostToken };
    });

    on(socket, 'host:resume', (data) => {
      const room = deps.store.get(data.pin);
      if (!room) return noSuchGame();
      if (room.hostToken !== data.hostToken) return fail({ code: ErrorCode.NotHost, message: 'only the host can do that' });
      attachHost(socket, data.pin);
      emitViews(room);
      // The trainer may have been mid-job when the page went away: ask again.
      const job = pendingJob(room);
      if (job) runEffects(room, [job]);
      return { ok: true, pin: room.pin };
    });

    on(socket, 'host:start', (d) => hostEvent(socket, d.pin, { type: 'start', hostToken: d.hostToken }));
    on(socket, 'host:trainer', (d) =>
      hostEvent(socket, d.pin, { type: 'trainer', hostToken: d.hostToken, info: { backend: d.backend, reason: d.reason } }),
    );
    on(socket, 'host:advance', (d) => hostEvent(socket, d.pin, { type: 'advance', hostToken: d.hostToken }));
    on(socket, 'host:end', (d) => hostEvent(socket, d.pin, { type: 'end', hostToken: d.hostToken }));
    on(socket, 'host:progress', (d) =>
      hostEvent(socket, d.pin, { type: 'progress', hostToken: d.hostToken, round: d.round, progress: d.progress }),
    );
    on(socket, 'host:trained', (d) =>
      hostEvent(socket, d.pin, { type: 'trained', hostToken: d.hostToken, round: d.round, report: d.report }),
    );
    on(socket, 'host:fakes', (d) => {
      const room = deps.store.get(d.pin);
      if (!room) return noSuchGame();
      // Reals are drawn only for a room that is waiting for this round's fakes from its real host.
      const wanted = room.hostToken === d.hostToken && room.phase.kind === 'generating' ? realsWanted(room) : 0;
      const reals = wanted > 0 ? deps.images.draw(room.dataset, wanted, rng) : [];
      return hostEvent(socket, d.pin, { type: 'fakes', hostToken: d.hostToken, round: d.round, images: d.images, reals });
    });

    on(socket, 'player:join', (d) => {
      const room = deps.store.get(d.pin);
      if (!room) return noSuchGame();
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
      return { ok: true, playerId, playerToken, nickname };
    });

    on(socket, 'player:vote', (d) => {
      const room = deps.store.get(d.pin);
      if (!room) return noSuchGame();
      const result = apply(d.pin, { type: 'vote', token: d.playerToken, imageId: d.imageId, verdict: d.verdict });
      if (result.error) return fail(result.error);
      return { ok: true, imageId: d.imageId, verdict: d.verdict };
    });

    socket.on('disconnect', () => {
      const { pin, role, playerId } = socket.data;
      if (!pin || role !== 'player' || !playerId) return;
      // A player with another tab still open is still here.
      const stillHere = (io.sockets.adapter.rooms.get(playerRoom(pin, playerId))?.size ?? 0) > 0;
      if (!stillHere) {
        try {
          apply(pin, { type: 'disconnect', playerId });
        } catch (err) {
          log('disconnect failed', err);
        }
      }
    });
  });

  return {
    io,
    async close() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
