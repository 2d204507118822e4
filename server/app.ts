/**
 * The Socket.io application: the seam between sockets and the pure engine in game/. A table turns each
 * client event into a GameEvent; the effect runner carries the engine's effects out as emits, timers
 * and writes, and decides nothing the engine has not said. Dependencies (clock, store, randomness, real
 * images, the recorder) come in through one seam so the tests can run the real server on port 0.
 *
 * Every state change is synchronous (reduce is pure), so a room never sees two events interleave;
 * only acknowledgements wait for I/O (a vote is acknowledged once it is written). Per room the server
 * keeps one record (server/rooms.ts); views are paced in server/pacing.ts, writes in server/persistence.ts.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { Server } from 'socket.io';
import { type Effect, type GameEvent, type Reply, createRoom, findPlayerByToken, pendingJob, realsToDraw, reduce } from '../game/engine';
import { disguiseEncoded } from '../game/disguise';
import { lookalikeIn, nicknameProblem } from '../game/nickname-filter';
import { type Ack, type C2SEvent, type C2SParsed, ErrorCode, type GameError, SOCKET_PATH } from '../game/protocol';
import { type Rng, randomId, randomPin } from '../game/rng';
import { GRACE, type Grace, type Room, deadlineOf } from '../game/state';
import { playerView } from '../game/views';
import { type CheckpointStore, checkpointRoutes, memoryCheckpoints } from './checkpoints';
import { clientAddress } from './client-address';
import { sameToken } from './host-http';
import type { RealImages } from './images';
import { Pacer, SLOW_CLIENT, type SlowClientLimits, sweepSlowClients } from './pacing';
import { Persistence } from './persistence';
import { cryptoRng, newToken as token } from './randomness';
import { ClientLimits, LIMITS, type Limits } from './rate-limit';
import type { GameRecorder } from './recorder';
import { type ResultsSource, resultsRoutes } from './results';
import { type RoomRuntime, RoomRuntimes } from './rooms';
import {
  type Handler,
  type IO,
  type IOSocket,
  type Listening,
  type SocketData,
  attachHost,
  attachPlayer,
  everyone,
  hostRoom,
  listen,
  playerRoom,
} from './sockets';
import type { RoomStore } from './store';

export interface Deps {
  clock: () => number;
  store: RoomStore;
  images: RealImages;
  /** Randomness for the engine (PINs, shuffles, nicknames). Tokens always come from crypto. */
  rng?: Rng;
  /** Writes the game down (database); absent in tests that only need the game. */
  recorder?: GameRecorder;
  /** Where the hosts' checkpoints go (server/checkpoints.ts: files, with references in the database); absent: memory. */
  checkpoints?: CheckpointStore;
  /** How long a room outlives its host's leaving and its own end (game/state.ts GRACE); the soak benchmark shortens both. */
  grace?: Partial<Grace>;
  /** A room's recorded session, for the host's CSV downloads (server/results.ts); absent: none to download. */
  results?: ResultsSource;
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
  /** Proxies in front that set X-Forwarded-For (TRUST_PROXY, server/client-address.ts); none by default. */
  trustProxy?: number;
}

/** Largest payload a client may send: a round's images are ~25 KB; anything far bigger is abuse. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export interface Application {
  io: IO;
  /** Handles the app's own HTTP routes (checkpoint upload/download, results CSVs); false when the request is not one. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Brings rooms back (after a restart) and restarts their timers. */
  restore(rooms: Room[]): void;
  /** Wires a socket's events: every real connection, and the stand-ins server/cluster.ts makes for sockets on other processes. */
  connect(socket: IOSocket): void;
  /** What this process holds in memory: rooms in the store, and rooms' server records (server/rooms.ts). */
  held(): { rooms: number; records: number };
  close(): Promise<void>;
}

/** Host events that are one game event each, refused for unknown rooms and wrong tokens. */
type HostCall = Exclude<Extract<C2SEvent, `host:${string}`>, 'host:create' | 'host:resume' | 'host:fakes'>;

/** What applying an event gives back: the engine's refusal or reply, and the write a vote's acknowledgement waits for. */
interface Applied {
  error?: GameError;
  reply?: Reply;
  written?: Promise<unknown>;
}

const fail = (error: GameError): { ok: false; error: GameError } => ({ ok: false, error });
const noSuchGame = () => fail({ code: ErrorCode.NoSuchGame, message: 'no such game' });
const internal = (message: string) => fail({ code: ErrorCode.Internal, message });

export function createApplication(httpServer: HttpServer, deps: Deps): Application {
  const { clock, store } = deps;
  const rng = deps.rng ?? cryptoRng;
  const log = deps.log ?? ((msg, err) => console.error(`[gan-arena] ${msg}`, err ?? ''));
  const checkpoints = deps.checkpoints ?? memoryCheckpoints();
  const grace: Grace = { ...GRACE, ...deps.grace };
  const io: IO = new Server(httpServer, {
    path: SOCKET_PATH,
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    // Leave other upgrade requests (Next's hot reload in development) to their own handlers.
    destroyUpgrade: false,
  });
  const rooms = new RoomRuntimes();
  const pacer = new Pacer({ io, clock, store });
  const persistence = new Persistence({ recorder: deps.recorder, store, log });
  const limits = new ClientLimits<IOSocket>({ ...LIMITS, ...deps.limits });
  const sweep = sweepSlowClients(io, { ...SLOW_CLIENT, ...deps.slowClient }, log);
  // From here on a socket's handshake address is the client's (a trusted proxy's word, or the socket's):
  // the per-address limits count it, and server/cluster.ts passes it on with forwarded events.
  io.use((socket, next) => {
    socket.handshake.address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], deps.trustProxy ?? 0);
    next();
  });

  /**
   * Whether an event names a room with a token that room does not know (or a room that does not
   * exist). Such events are all answered exactly as a missing room is, before the engine sees them,
   * so no answer (not a player, not the host, paused, wrong phase…) tells a live PIN from a dead one.
   */
  function stranger(data: object): boolean {
    const { pin, hostToken, playerToken } = data as { pin?: string; hostToken?: string; playerToken?: string };
    if (pin === undefined) return false;
    const room = store.get(pin);
    if (!room) return true;
    if (hostToken !== undefined) return !sameToken(hostToken, room.hostToken);
    // A removed player's token is known too: the engine tells them they were removed.
    if (playerToken !== undefined) return !findPlayerByToken(room, playerToken) && !room.banned.includes(playerToken);
    return false;
  }

  /** Applies an event to a room and carries out its effects: the writes first, then emits and timers. */
  function apply(pin: string, event: GameEvent): Applied {
    const room = store.get(pin);
    if (!room) return { error: { code: ErrorCode.NoSuchGame, message: 'no such game' } };
    const result = reduce(room, event, { now: clock(), rng, grace });
    if (result.error) return result;
    store.set(result.state);
    const written = persistence.carryOut(rooms.of(pin).saves, result.state, result.effects);
    run(result.state, result.effects);
    return { reply: result.reply, written };
  }

  /** The effect runner: emits and timers (records and snapshots are persistence's, see apply). */
  function run(room: Room, effects: readonly Effect[]) {
    const rt = rooms.of(room.pin);
    const pin = room.pin;
    for (const effect of effects) {
      switch (effect.type) {
        case 'broadcast':
          pacer.views(rt.views, room, effect.hostOnly);
          break;
        case 'votes':
          pacer.voteCount(rt.views, pin);
          break;
        case 'progress':
          io.to(everyone(pin)).emit('training:progress', { round: effect.round, progress: effect.progress });
          break;
        case 'schedule':
          schedule(rt, effect.at);
          break;
        case 'requestFakes':
        case 'requestTraining':
          // The views that say what the job is for go first.
          pacer.flush(rt.views, pin);
          io.to(hostRoom(pin)).emit('trainer:job', effect.job);
          break;
        case 'kicked': {
          pacer.flush(rt.views, pin);
          const r = playerRoom(pin, effect.playerId);
          io.to(r).emit('room:closed', { reason: 'The host removed you from this game.', why: 'kicked' });
          io.in(r).socketsLeave([everyone(pin), r]);
          break;
        }
        case 'closed':
          pacer.drain(rt.views, pin);
          io.to(everyone(pin)).emit('room:closed', { reason: `This game has closed: ${effect.reason}.`, why: effect.why });
          io.in(everyone(pin)).socketsLeave(everyone(pin));
          rooms.drop(pin);
          store.delete(pin);
          void forget(room);
          break;
      }
    }
  }

  /** A room that closed for good: the recorder forgets it, and an anonymous room's checkpoints are deleted. */
  async function forget(room: Room) {
    const anonymous = await persistence.roomClosed(room).catch((err) => {
      log(`forgetting room ${room.pin} failed; its checkpoints are kept for the retention sweep`, err);
      return false;
    });
    await checkpoints.closed(room, !anonymous).catch((err) => log(`deleting the checkpoints of room ${room.pin} failed`, err));
  }

  /**
   * A socket is gone from a game: it disconnected, or it went on to another game (a host page that
   * hosts a second room). Its host or player counts as away once no other screen of theirs is left,
   * which starts the room's grace (game/state.ts closesAt).
   */
  function departed({ pin, role, playerId }: SocketData) {
    if (!pin) return;
    try {
      if (role === 'host') {
        // A host with another tab still open is still here.
        if ((io.sockets.adapter.rooms.get(hostRoom(pin))?.size ?? 0) === 0) apply(pin, { type: 'hostLeft' });
      } else if (role === 'player' && playerId) {
        if ((io.sockets.adapter.rooms.get(playerRoom(pin, playerId))?.size ?? 0) === 0) apply(pin, { type: 'disconnect', playerId });
      }
    } catch (err) {
      log('leaving a game failed', err);
    }
  }

  /** The socket hosts `pin` (or plays in it) from now on; the game it leaves for it counts it gone. */
  function asHost(socket: IOSocket, pin: string) {
    const left = attachHost(socket, pin);
    if (left) departed(left);
  }
  function asPlayer(socket: IOSocket, pin: string, playerId: string) {
    const left = attachPlayer(socket, pin, playerId);
    if (left) departed(left);
  }

  function schedule(rt: RoomRuntime, at: number) {
    if (rt.tick) clearTimeout(rt.tick);
    const delay = Math.max(0, at - clock());
    rt.tick = setTimeout(() => {
      rt.tick = null;
      try {
        apply(rt.pin, { type: 'tick' });
      } catch (err) {
        log('tick failed', err);
      }
    }, delay + 5);
  }

  /** Applies a host event; the socket that sent an accepted one is the host's. */
  function hostEvent(socket: IOSocket, pin: string, event: GameEvent): Ack<object> {
    const result = apply(pin, event);
    if (result.error) return fail(result.error);
    asHost(socket, pin);
    return { ok: true };
  }

  const host =
    <E extends HostCall>(toEvent: (d: C2SParsed<E>) => GameEvent): Handler<E> =>
    (d, socket) =>
      hostEvent(socket, d.pin, toEvent(d));

  /** Applies a player's event and, when the engine accepts it, acknowledges with `data`. */
  const player = <T extends object>(pin: string, event: GameEvent, data: T): Ack<T> => {
    const result = apply(pin, event);
    return result.error ? fail(result.error) : { ok: true, ...data };
  };

  /** Each client event and the game event it becomes. */
  const handlers: { [E in C2SEvent]: Handler<E> } = {
    'host:create': async (data, socket) => {
      const free = async (pin: string) => !store.get(pin) && (deps.claimPin ? await deps.claimPin(pin) : true);
      let pin = randomPin(rng);
      for (let i = 0; !(await free(pin)) && i < 100; i++) pin = randomPin(rng);
      if (store.get(pin)) return internal('no free game PIN; try again');
      const room = createRoom({ pin, hostToken: token(), settings: data.settings, levels: data.levels }, { now: clock() });
      store.set(room);
      asHost(socket, pin);
      const teacherId = deps.identify ? await deps.identify(socket.handshake.headers.cookie).catch(() => null) : null;
      persistence.sessionCreated(room, teacherId);
      pacer.emit(rooms.of(pin).views, room);
      return { ok: true, pin, hostToken: room.hostToken };
    },
    'host:resume': (d, socket) => {
      const room = store.get(d.pin);
      if (!room) return noSuchGame();
      if (room.hostToken !== d.hostToken) return fail({ code: ErrorCode.NotHost, message: 'only the host can do that' });
      asHost(socket, d.pin);
      if (!room.host.connected) apply(d.pin, { type: 'hostBack' });
      else pacer.emit(rooms.of(d.pin).views, room);
      // The trainer may have been mid-job when the page went away: ask again.
      const fresh = store.get(d.pin)!;
      const job = pendingJob(fresh);
      if (job) run(fresh, [job]);
      return { ok: true, pin: room.pin };
    },
    'host:start': host((d) => ({ type: 'start', hostToken: d.hostToken })),
    'host:settings': host((d) => ({ type: 'settings', hostToken: d.hostToken, settings: d.settings, levels: d.levels, cards: d.cards })),
    'host:pause': host((d) => ({ type: 'pause', hostToken: d.hostToken, paused: d.paused })),
    'host:extend': host((d) => ({ type: 'extend', hostToken: d.hostToken, seconds: d.seconds })),
    'host:kick': host((d) => ({ type: 'kick', hostToken: d.hostToken, playerId: d.playerId })),
    'host:lock': host((d) => ({ type: 'lock', hostToken: d.hostToken, locked: d.locked })),
    'host:swap': host((d) => ({ type: 'swap', hostToken: d.hostToken })),
    'host:trainer': host((d) => ({ type: 'trainer', hostToken: d.hostToken, info: { backend: d.backend, reason: d.reason } })),
    'host:advance': host((d) => ({ type: 'advance', hostToken: d.hostToken })),
    'host:end': host((d) => ({ type: 'end', hostToken: d.hostToken })),
    'host:progress': host((d) => ({ type: 'progress', hostToken: d.hostToken, round: d.round, progress: d.progress })),
    'host:trained': host((d) => ({ type: 'trained', hostToken: d.hostToken, round: d.round, report: d.report })),
    'host:fakes': (d, socket) => {
      const room = store.get(d.pin);
      if (!room) return noSuchGame();
      // Reals are drawn only for a room that is waiting for this round's fakes from its real host,
      // from the held-out images this room has not shown yet.
      const draw = room.hostToken === d.hostToken ? realsToDraw(room) : null;
      const reals = draw ? deps.images.draw(draw.dataset, draw.count, rng, draw.label, draw.shown) : { pixels: [], indices: [] };
      // Every image shown is changed a little, real and generated alike (game/disguise.ts), so none is
      // byte-identical to a file a browser can fetch or to an image shown before.
      const shown = (images: string[]) => images.map((px) => disguiseEncoded(px, rng));
      return hostEvent(socket, d.pin, {
        type: 'fakes',
        hostToken: d.hostToken,
        round: d.round,
        images: shown(d.images),
        reals: shown(reals.pixels),
        realIndices: reals.indices,
      });
    },
    'player:join': (d, socket) => {
      const room = store.get(d.pin);
      if (!room) return noSuchGame();
      if (d.nickname && !d.playerToken) {
        const refused = nicknameProblem(d.nickname);
        if (refused) return fail({ code: ErrorCode.NicknameRefused, message: refused });
        // The same name in another case, or one that only looks the same (Cyrillic А for A, 1 for l).
        const like = lookalikeIn(d.nickname, room.players.map((p) => p.nickname));
        if (like !== null && like.toLowerCase() !== d.nickname.toLowerCase()) {
          return fail({ code: ErrorCode.NicknameTaken, message: `"${d.nickname}" looks too much like "${like}", who is already in this game; try another` });
        }
      }
      const event: GameEvent = d.playerToken
        ? { type: 'rejoin', token: d.playerToken }
        : { type: 'join', playerId: randomId(rng, 12), token: token(), nickname: d.nickname };
      const result = apply(d.pin, event);
      if (result.error) return fail(result.error);
      if (result.reply?.kind !== 'joined') return internal('join did not complete');
      const { playerId, playerToken, nickname } = result.reply;
      asPlayer(socket, d.pin, playerId);
      // The broadcast inside apply ran before this socket joined its rooms: send it its view now.
      const view = playerView(store.get(d.pin)!, playerId, clock());
      if (view) socket.emit('room:player', view);
      return { ok: true, playerId, playerToken, nickname };
    },
    'player:vote': (d) => {
      const result = apply(d.pin, { type: 'vote', token: d.playerToken, imageId: d.imageId, verdict: d.verdict, spot: d.spot });
      if (result.error) return fail(result.error);
      if (result.reply?.kind !== 'voted') return internal('the vote was not recorded');
      const accepted = { ok: true as const, imageId: d.imageId, verdict: d.verdict };
      if (!result.written) return accepted;
      // Not acknowledged, so not counted: take it back (when the round is still open) so a retry is not a duplicate.
      return persistence.settleVote(result.written, accepted, () => apply(d.pin, { type: 'retract', token: d.playerToken, imageId: d.imageId }));
    },
    'player:flag': async (d) => {
      const result = apply(d.pin, { type: 'flag', token: d.playerToken, imageId: d.imageId, spot: d.spot });
      if (result.error) return fail(result.error);
      if (result.reply?.kind !== 'flagged') return internal('the mark was not recorded');
      const accepted = { ok: true as const, imageId: d.imageId, spot: result.reply.spot };
      // Acknowledged once written, like a vote, so an acknowledged mark survives a restart. A failed write
      // leaves nothing to undo in the score: the player is told, and the next mark overwrites it.
      try {
        await result.written;
        return accepted;
      } catch (err) {
        log('saving a giveaway failed', err);
        return internal('your mark could not be saved; try again');
      }
    },
    'player:answer': (d) => {
      const result = apply(d.pin, { type: 'answer', token: d.playerToken, cardId: d.cardId, choice: d.choice });
      if (result.error) return fail(result.error);
      if (result.reply?.kind !== 'answered') return internal('the answer was not recorded');
      // Locked in, not scored: whether it was right is for the reveal on the big screen.
      const { cardId, choice } = result.reply;
      return { ok: true, cardId, choice };
    },
    'coach:pick': (d) => player(d.pin, { type: 'pick', token: d.playerToken, imageIds: d.imageIds }, { imageIds: d.imageIds }),
    'coach:knobs': (d) => player(d.pin, { type: 'knobs', token: d.playerToken, knobs: d.knobs }, { knobs: d.knobs }),
  };

  const listening: Listening = {
    limit: (socket, event, payload) => {
      const refused = limits.refusal(socket, socket.handshake.address, event, payload, clock());
      return refused && fail(refused);
    },
    holds: (pin) => store.get(pin) !== undefined,
    forward: deps.forward,
    answered: (socket, event, ack) => {
      if (event === 'player:join' && !ack.ok && ack.error.code === ErrorCode.NoSuchGame) limits.missedPin(socket.handshake.address, clock());
      // Only rooms made count against the address's room budget.
      if (event === 'host:create' && !ack.ok) limits.noRoomCreated(socket.handshake.address);
    },
    log,
  };
  const wire = <E extends C2SEvent>(socket: IOSocket, event: E) => {
    const handler = handlers[event];
    listen(socket, event, (d, s) => (stranger(d) ? noSuchGame() : handler(d, s)), listening);
  };

  const connect = (socket: IOSocket) => {
    for (const event of Object.keys(handlers) as C2SEvent[]) wire(socket, event);
    socket.on('disconnect', () => departed(socket.data));
  };
  io.on('connection', connect);

  const routes = checkpointRoutes({ store, checkpoints, log });
  const results = resultsRoutes({ store, results: deps.results, log });

  return {
    io,
    handleHttp: (req, res) => routes(req, res) || results(req, res),
    connect,
    held: () => ({ rooms: [...store.pins()].length, records: rooms.size }),
    restore(saved) {
      for (const s of saved) {
        // Nobody's socket survived the restart: players count as away until they rejoin, so nobody holds a round up.
        const room: Room = { ...s, players: s.players.map((p) => ({ ...p, connected: false })) };
        store.set(room);
        const at = deadlineOf(room);
        if (at !== null) schedule(rooms.of(room.pin), at);
        // Nobody is connected yet: the host has the usual grace period to come back.
        apply(room.pin, { type: 'hostLeft' });
      }
    },
    async close() {
      clearInterval(sweep);
      for (const rt of rooms.all()) pacer.drain(rt.views, rt.pin);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // After the sockets: their leaving changes rooms too (the host away, the game paused).
      // What waited to be saved is saved now; then every room's timers stop (nobody is left to see views).
      const saved = rooms.all().map((rt) => persistence.flush(rt.saves, rt.pin));
      rooms.dropAll();
      await Promise.all(saved);
    },
  };
}
