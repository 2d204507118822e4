/**
 * Sockets: the typed Socket.io server, the Socket.io rooms a game's screens are reached through, which
 * game a socket belongs to, and how a client event is received (limited, parsed, forwarded or handled,
 * and always acknowledged).
 */
import type { Server, Socket } from 'socket.io';
import {
  type Ack,
  type AckData,
  type C2SEvent,
  type C2SParsed,
  type ClientToServerEvents,
  ErrorCode,
  type ServerToClientEvents,
  parsePayload,
} from '../game/protocol';

export interface SocketData {
  pin?: string;
  role?: 'host' | 'player';
  playerId?: string;
}

export type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type IOSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Every host page of a game (a host may have several tabs open). */
export const hostRoom = (pin: string) => `host:${pin}`;
/** Every screen of a game. */
export const everyone = (pin: string) => `room:${pin}`;
/** One player's screens. */
export const playerRoom = (pin: string, id: string) => `player:${pin}:${id}`;

/**
 * A socket belongs to one game at a time: leave the rooms of any other. Returns what the socket was in
 * the game it left (null: it left none), so the server can count it gone from there.
 */
export function leaveOtherGame(socket: IOSocket, pin: string): SocketData | null {
  if (!socket.data.pin || socket.data.pin === pin) return null;
  for (const r of socket.rooms) if (r !== socket.id) void socket.leave(r);
  return { ...socket.data };
}

/** The socket is a host page of the game from now on; returns what it was in the game it left, if any. */
export function attachHost(socket: IOSocket, pin: string): SocketData | null {
  if (socket.data.pin === pin && socket.data.role === 'host') return null;
  const left = leaveOtherGame(socket, pin);
  void socket.join([hostRoom(pin), everyone(pin)]);
  socket.data = { pin, role: 'host' };
  return left;
}

/** The socket is one of a player's screens from now on; returns what it was in the game it left, if any. */
export function attachPlayer(socket: IOSocket, pin: string, playerId: string): SocketData | null {
  const left = leaveOtherGame(socket, pin);
  void socket.join([everyone(pin), playerRoom(pin, playerId)]);
  socket.data = { pin, role: 'player', playerId };
  return left;
}

export type Handler<E extends C2SEvent> = (data: C2SParsed<E>, socket: IOSocket) => Ack<AckData[E]> | Promise<Ack<AckData[E]>>;

export interface Listening {
  /** A refusal when the socket sends too fast (server/rate-limit.ts), before anything is parsed. */
  limit(socket: IOSocket, event: C2SEvent, payload: unknown): Ack<object> | null;
  /** Whether this process holds the room. */
  holds(pin: string): boolean;
  /** Several processes: an event for a room another process holds is answered there (server/cluster.ts). */
  forward?: (socket: IOSocket, event: C2SEvent, payload: unknown) => Promise<Ack<object> | null>;
  /** Every acknowledgement past the limits as it leaves (malformed payloads and failures too), for the throttles that count them. */
  answered(socket: IOSocket, event: C2SEvent, ack: Ack<object>): void;
  log(msg: string, err?: unknown): void;
}

/** Registers a handler that parses its payload and always acknowledges, even when it throws. */
export function listen<E extends C2SEvent>(socket: IOSocket, event: E, handler: Handler<E>, l: Listening) {
  (socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on(event, async (payload: unknown, ack: unknown) => {
    // Every client event carries an acknowledgement callback; a message without one has nobody to answer.
    if (typeof ack !== 'function') return;
    let result: Ack<object>;
    try {
      const limited = l.limit(socket, event, payload);
      if (limited) return ack(limited);
      const parsed = parsePayload(event, payload);
      if (!parsed.ok) result = parsed;
      else {
        const pin = (parsed.data as { pin?: string }).pin;
        // A room another process holds: that process answers (server/cluster.ts).
        const remote = pin && l.forward && !l.holds(pin) ? await l.forward(socket, event, payload) : null;
        result = remote ?? (await handler(parsed.data, socket));
      }
    } catch (err) {
      l.log(`${event} failed`, err);
      result = { ok: false, error: { code: ErrorCode.Internal, message: 'something went wrong on the server; try again' } };
    }
    // Every answer past the limits, refusals included (a creation that made no room gives its budget back).
    l.answered(socket, event, result);
    ack(result);
  });
}
