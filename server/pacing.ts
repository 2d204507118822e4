/**
 * What goes out to screens, and how fast: every view of a room coalesced and sent in slices, the
 * projector's view alone, the host's live vote count; and the clients that stop reading it.
 *
 * A room's pacing state lives in its one server record (server/rooms.ts); the Pacer keeps nothing per
 * room itself, so a room it forgets cannot leak here.
 */
import { voteCount } from '../game/engine';
import type { PlayerView } from '../game/protocol';
import type { Room } from '../game/state';
import { hostView, playerViews } from '../game/views';
import type { RoomStore } from './store';
import { type IO, hostRoom, playerRoom } from './sockets';

/** One room's views, vote counts and host views on their way out. */
export interface Pacing {
  /** Every view, queued: an urgent emission (a change of phase) leaves on the next turn of the event loop. */
  pending: { cancel: () => void; urgent: boolean } | null;
  /** When views last left, and the phase they showed. */
  last: { at: number; key: string } | null;
  /** The views of the room's latest emission still to send (see pump). */
  outbox: Iterator<PlayerView> | null;
  /** The turn of the event loop that sends the outbox's next slice. */
  pump: NodeJS.Immediate | null;
  /** The host's vote count, queued. */
  count: NodeJS.Timeout | null;
  countSentAt: number;
  /** The projector's view alone, queued. */
  host: NodeJS.Timeout | null;
}

export const newPacing = (): Pacing => ({
  pending: null,
  last: null,
  outbox: null,
  pump: null,
  count: null,
  countSentAt: Number.NEGATIVE_INFINITY,
  host: null,
});

/** Nobody is left to see views: drops whatever was queued. */
export function stopPacing(p: Pacing) {
  p.pending?.cancel();
  p.pending = null;
  if (p.pump) clearImmediate(p.pump);
  p.pump = null;
  p.outbox = null;
  if (p.count) clearTimeout(p.count);
  p.count = null;
  if (p.host) clearTimeout(p.host);
  p.host = null;
}

const phaseKey = (room: Room) => `${room.phase.kind}:${room.round}:${room.level}:${room.paused ? 1 : 0}`;

/**
 * Player views leave in slices, a turn of the event loop apart: the 2,000 views of a phase change
 * held the loop for a third of a second, and every vote that arrived meanwhile (and its ack) waited
 * behind all of them. A newer emission replaces what is left of an older one (views are full states,
 * so the newest is all anyone needs).
 */
const VIEW_SLICE = 100;

export class Pacer {
  constructor(private readonly deps: { io: IO; clock: () => number; store: RoomStore }) {}

  /**
   * Views are coalesced per room: a burst of joins or reconnections in a room of 2,000 would otherwise
   * send 2,000 views per event. A change of phase goes out at once (next turn of the event loop);
   * other changes at most every players/2 ms (capped at 1 s), so a big lobby refreshes about once a second.
   *
   * `hostOnly` (the engine says so): in a room of 2,000 with flaky phones, sending only the projector's
   * view saves thousands of views a second, as long as nothing else is on its way.
   */
  views(p: Pacing, room: Room, hostOnly = false) {
    const last = p.last;
    const urgent = !last || last.key !== phaseKey(room);
    if (hostOnly && !urgent && !p.pending) return this.hostView(p, room);
    const pending = p.pending;
    if (pending && (pending.urgent || !urgent)) return;
    pending?.cancel();
    const wait = urgent || !last ? 0 : Math.max(0, last.at + Math.min(1000, room.players.length / 2) - this.deps.clock());
    const run = () => this.flush(p, room.pin);
    if (wait === 0) {
      const t = setImmediate(run);
      p.pending = { cancel: () => clearImmediate(t), urgent };
    } else {
      const t = setTimeout(run, wait);
      p.pending = { cancel: () => clearTimeout(t), urgent };
    }
  }

  /** Sends a room's queued views now: the host's at once, the players' starting now (before a job that must follow them). */
  flush(p: Pacing, pin: string) {
    if (!p.pending) return;
    p.pending.cancel();
    p.pending = null;
    const room = this.deps.store.get(pin);
    if (room) this.emit(p, room);
  }

  /** Sends whatever is left of a room's views at once (before a close that must follow them). */
  drain(p: Pacing, pin: string) {
    this.flush(p, pin);
    const views = p.outbox;
    p.outbox = null;
    if (p.pump) clearImmediate(p.pump);
    p.pump = null;
    if (views) this.send(pin, views, Number.POSITIVE_INFINITY);
  }

  /** Every screen's view of the room, now. */
  emit(p: Pacing, room: Room) {
    const now = this.deps.clock();
    p.last = { at: now, key: phaseKey(room) };
    this.deps.io.to(hostRoom(room.pin)).emit('room:host', hostView(room, now));
    const sending = p.outbox !== null;
    p.outbox = playerViews(room, this.deps.clock);
    if (!sending) this.pumpViews(p, room.pin);
  }

  /**
   * The host's live vote count, at most every 100 ms in any room: a hundred classes of thirty sent
   * their projectors a count per vote, as many messages again as the votes themselves.
   */
  voteCount(p: Pacing, pin: string) {
    if (p.count) return;
    const { clock, store, io } = this.deps;
    const send = () => {
      p.count = null;
      p.countSentAt = clock();
      const fresh = store.get(pin);
      if (fresh?.phase.kind !== 'judging') return;
      io.to(hostRoom(pin)).emit('room:votes', { round: fresh.phase.round, ...voteCount(fresh) });
    };
    p.count = setTimeout(send, Math.max(0, p.countSentAt + 100 - clock()));
  }

  /** The projector's view alone, at most every 250 ms in a big room. */
  private hostView(p: Pacing, room: Room) {
    if (p.host) return;
    const pin = room.pin;
    const send = () => {
      p.host = null;
      const fresh = this.deps.store.get(pin);
      if (fresh) this.deps.io.to(hostRoom(pin)).emit('room:host', hostView(fresh, this.deps.clock()));
    };
    p.host = setTimeout(send, room.players.length > 100 ? 250 : 0);
  }

  private pumpViews(p: Pacing, pin: string) {
    p.pump = null;
    const views = p.outbox;
    if (!views) return;
    if (this.send(pin, views, VIEW_SLICE)) p.pump = setImmediate(() => this.pumpViews(p, pin));
    else if (p.outbox === views) p.outbox = null;
  }

  private send(pin: string, views: Iterator<PlayerView>, count: number) {
    for (let i = 0; i < count; i++) {
      const next = views.next();
      if (next.done) return false;
      this.deps.io.to(playerRoom(pin, next.value.me.id)).emit('room:player', next.value);
    }
    return true;
  }
}

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

/** Checks every socket's queues every `everyMs`; returns the interval to clear on close. */
export function sweepSlowClients(io: IO, slow: SlowClientLimits, log: (msg: string) => void): NodeJS.Timeout {
  const sweep = setInterval(() => {
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
  sweep.unref();
  return sweep;
}
