/**
 * A load-test player: joins with a generated nickname, and when a round's images arrive judges every
 * one of them (random verdicts) starting within `startWithinMs`, one vote after another's ack, like a
 * quick player tapping. Some bots drop their connection after their first vote and come back with
 * their player token on a new socket, as a phone on flaky Wi-Fi does.
 */
import { PROTOCOL_VERSION, type PlayerView } from '../../game/protocol';
import { type LoadSocket, connectSocket, loadSocket, request } from './driver-host';

export interface LoadStats {
  /** Vote acknowledgement latencies, ms. */
  latencies: number[];
  votesSent: number;
  votesAcked: number;
  /** Refusals and failures by code ("vote:too_late", "join:internal", "connect"). */
  errors: Record<string, number>;
  /** Socket.io messages the bots sent and received (acks count as messages). */
  messages: number;
  reconnects: number;
  /** Per round: the first vote sent and the last ack received (performance.now()), for throughput. */
  windows: Record<number, { first: number; last: number }>;
}

export const newStats = (): LoadStats => ({
  latencies: [],
  votesSent: 0,
  votesAcked: 0,
  errors: {},
  messages: 0,
  reconnects: 0,
  windows: {},
});

/** Votes acknowledged per second of voting (the rounds' voting windows added up). */
export function voteThroughput(stats: LoadStats): number {
  const ms = Object.values(stats.windows).reduce((s, w) => s + Math.max(0, w.last - w.first), 0);
  return ms > 0 ? stats.votesAcked / (ms / 1000) : 0;
}

const countError = (stats: LoadStats, key: string) => void (stats.errors[key] = (stats.errors[key] ?? 0) + 1);

export interface BotOptions {
  url: string;
  pin: string;
  stats: LoadStats;
  /** Drop and rejoin after the first vote of each round. */
  reconnects: boolean;
  startWithinMs: number;
}

export class Bot {
  private socket: LoadSocket;
  private token = '';
  private votedRound = 0;
  private voting: Promise<void> = Promise.resolve();
  /** imageIds this bot has had acknowledged, per round. */
  private done = new Set<string>();

  constructor(private readonly opts: BotOptions) {
    this.socket = this.open();
  }

  private open(): LoadSocket {
    const s = loadSocket(this.opts.url);
    s.onAny(() => this.opts.stats.messages++);
    s.on('room:player', (view) => this.onView(view));
    return s;
  }


  async join(): Promise<boolean> {
    try {
      await connectSocket(this.socket);
    } catch {
      countError(this.opts.stats, 'connect');
      return false;
    }
    this.opts.stats.messages++;
    const ack = await request(this.socket, 'player:join', { v: PROTOCOL_VERSION, pin: this.opts.pin });
    if (!ack.ok) {
      countError(this.opts.stats, `join:${ack.error.code}`);
      return false;
    }
    this.token = ack.playerToken as string;
    return true;
  }

  private onView(view: PlayerView) {
    const phase = view.phase;
    if (phase.kind !== 'judging' || !phase.inRound || phase.round <= this.votedRound) return;
    this.votedRound = phase.round;
    this.done = new Set(Object.keys(phase.mine));
    const ids = phase.images.map((i) => i.id);
    const delay = Math.random() * this.opts.startWithinMs;
    this.voting = new Promise((r) => setTimeout(r, delay)).then(() => this.judge(phase.round, ids));
  }

  private async judge(round: number, ids: string[]) {
    const { stats } = this.opts;
    const w = (stats.windows[round] ??= { first: Number.POSITIVE_INFINITY, last: 0 });
    let first = true;
    for (const imageId of ids) {
      if (this.done.has(imageId)) continue;
      if (!first && this.opts.reconnects && this.done.size === 1) await this.reconnect();
      first = false;
      const verdict = Math.random() < 0.5 ? 'real' : 'fake';
      const t0 = performance.now();
      w.first = Math.min(w.first, t0);
      stats.votesSent++;
      stats.messages++;
      const ack = await request(this.socket, 'player:vote', { pin: this.opts.pin, playerToken: this.token, imageId, verdict });
      const t1 = performance.now();
      if (ack.ok) {
        stats.votesAcked++;
        stats.latencies.push(t1 - t0);
        w.last = Math.max(w.last, t1);
        this.done.add(imageId);
      } else {
        countError(stats, `vote:${ack.error.code}`);
      }
    }
  }

  /** Drops the connection and comes back on a new socket with the player token. */
  private async reconnect() {
    this.opts.stats.reconnects++;
    this.socket.disconnect();
    await new Promise((r) => setTimeout(r, 50));
    this.socket = this.open();
    try {
      await connectSocket(this.socket);
    } catch {
      countError(this.opts.stats, 'reconnect');
      return;
    }
    this.opts.stats.messages++;
    const ack = await request(this.socket, 'player:join', { v: PROTOCOL_VERSION, pin: this.opts.pin, playerToken: this.token });
    if (!ack.ok) countError(this.opts.stats, `rejoin:${ack.error.code}`);
  }

  /** Resolves when the current round's votes are all answered. */
  settled(): Promise<void> {
    return this.voting;
  }

  close() {
    this.socket.disconnect();
  }
}
