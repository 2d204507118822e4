/**
 * A load-test player: joins with a generated nickname, and when a round's images arrive judges every
 * one of them (random verdicts). Two ways to tap:
 * - `human` (the scenario): every vote of the round falls at a random moment within
 *   `windowMs` of the images arriving, and goes out then without waiting for the previous one's ack,
 *   as the phone's page does (it shows the next image at once and takes the ack when it comes).
 * - `burst` (a capacity test): the votes start within `windowMs` and then go back to back, each sent
 *   the moment the previous one is acknowledged, so the server, not the players, sets the pace.
 * Some bots drop their connection after their first vote and come back with their player token on a
 * new socket, as a phone on flaky Wi-Fi does; votes due while they are away wait for the rejoin.
 */
import { PROTOCOL_VERSION, type PlayerView } from '../../game/protocol';
import { type LoadSocket, connectSocket, loadSocket, request } from './driver-host';
import { voteTimes } from './measure';

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

/**
 * Milliseconds during which some round was being voted on: the union of the rounds' windows. In the
 * hundred-room scenario one class's round 2 opens while another's round 1 is still being judged;
 * adding the windows up counted that time twice and understated the server's throughput.
 */
export function votingMs(windows: readonly { first: number; last: number }[]): number {
  const spans = windows.filter((w) => w.last > w.first).sort((a, b) => a.first - b.first);
  let ms = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const { first, last } of spans) {
    if (last <= end) continue;
    ms += last - Math.max(first, end);
    end = last;
  }
  return ms;
}

/** Votes acknowledged per second of voting. */
export function voteThroughput(stats: LoadStats): number {
  const ms = votingMs(Object.values(stats.windows));
  return ms > 0 ? stats.votesAcked / (ms / 1000) : 0;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

const countError = (stats: LoadStats, key: string) => void (stats.errors[key] = (stats.errors[key] ?? 0) + 1);

export type TapPattern = 'human' | 'burst';

export interface BotOptions {
  url: string;
  pin: string;
  stats: LoadStats;
  /** Drop and rejoin after the first vote of each round. */
  reconnects: boolean;
  pattern: TapPattern;
  windowMs: number;
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
    const ids = phase.images.map((i) => i.id).filter((id) => !this.done.has(id));
    this.voting = this.opts.pattern === 'human' ? this.tapAlong(phase.round, ids) : this.tapFlatOut(phase.round, ids);
  }

  /** Each vote at its own random moment of the window, none waiting for another's ack. */
  private async tapAlong(round: number, ids: string[]) {
    const at = voteTimes(ids.length, this.opts.windowMs);
    const t0 = performance.now();
    const sent: Promise<void>[] = [];
    for (const [i, imageId] of ids.entries()) {
      await sleep(t0 + at[i] - performance.now());
      if (i === 1 && this.opts.reconnects) {
        // The phone drops once its first vote has gone through.
        await sent[0];
        await this.reconnect();
      }
      sent.push(this.vote(round, imageId));
    }
    await Promise.all(sent);
  }

  /** Starts within the window, then each vote as soon as the previous one is acknowledged. */
  private async tapFlatOut(round: number, ids: string[]) {
    await sleep(Math.random() * this.opts.windowMs);
    for (const [i, imageId] of ids.entries()) {
      if (i === 1 && this.opts.reconnects) await this.reconnect();
      await this.vote(round, imageId);
    }
  }

  private async vote(round: number, imageId: string) {
    const { stats } = this.opts;
    const w = (stats.windows[round] ??= { first: Number.POSITIVE_INFINITY, last: 0 });
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
