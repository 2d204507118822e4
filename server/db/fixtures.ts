/**
 * For tests: plays rooms through the real engine and writes down its record effects, the way
 * server/persistence.ts does, so repository tests read data shaped exactly like a real game's.
 */
import { type GameEvent, type GameRecord, createRoom, reduce } from '../../game/engine';
import { encodePixels, IMAGE_BYTES, type Spot, type Verdict } from '../../game/protocol';
import { seededRng } from '../../game/rng';
import type { Room } from '../../game/state';
import { type GameRecorder, writeRecord } from '../recorder';

export function pixels(seed: number): string {
  const bytes = new Uint8Array(IMAGE_BYTES);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + seed * 31) & 255;
  return encodePixels(bytes);
}

export class PlayedRoom {
  room: Room;
  now: number;
  private rng = seededRng(42);
  readonly tokens = new Map<string, string>();
  /** Every record the engine asked for, in order. */
  readonly records: GameRecord[] = [];

  constructor(
    readonly recorder: GameRecorder,
    pin = '123456',
    now = Date.UTC(2025, 0, 6, 9, 0, 0),
  ) {
    this.now = now;
    this.room = createRoom({ pin, hostToken: 'host-token-0123456789', settings: { imagesPerRound: 4, roundsPerLevel: 2 }, levels: ['noise', 'strokes'] }, { now });
  }

  /** Applies an event and writes its records down, one after another. */
  private async apply(event: GameEvent): Promise<Room> {
    const r = reduce(this.room, event, { now: this.now, rng: this.rng });
    if (r.error) throw new Error(`${event.type}: ${r.error.message}`);
    this.room = r.state;
    for (const e of r.effects) {
      if (e.type !== 'record') continue;
      this.records.push(e.record);
      await writeRecord(this.recorder, r.state, e.record);
    }
    return r.state;
  }

  async create(teacherId: string | null) {
    await this.recorder.sessionCreated(this.room, teacherId);
  }

  async join(nickname: string): Promise<string> {
    const id = `p${this.tokens.size}${nickname.toLowerCase().replace(/[^a-z]/g, '')}`.slice(0, 12);
    const token = `player-token-${id}-0123456789`;
    this.tokens.set(id, token);
    await this.apply({ type: 'join', playerId: id, token, nickname });
    return id;
  }

  /** Starts a round (from the lobby or a leaderboard) and lets the images in. */
  async startRound(): Promise<Room> {
    this.now += 1000;
    // From the lobby, a leaderboard or a lesson: on through the level's intro to the next round's images.
    for (let i = 0; i < 6 && this.room.phase.kind !== 'generating'; i++) {
      if (this.room.phase.kind === 'lobby') await this.apply({ type: 'start', hostToken: this.room.hostToken });
      else await this.apply({ type: 'advance', hostToken: this.room.hostToken });
    }
    if (this.room.phase.kind !== 'generating') throw new Error(`expected generating, got ${this.room.phase.kind}`);
    const fakes = this.room.phase.fakes;
    const reals = this.room.settings.imagesPerRound - fakes;
    await this.apply({
      type: 'fakes',
      hostToken: this.room.hostToken,
      round: this.room.phase.round,
      images: Array.from({ length: fakes }, (_, i) => pixels(100 + i)),
      reals: Array.from({ length: reals }, (_, i) => pixels(200 + i)),
    });
    return this.room;
  }

  images() {
    if (this.room.phase.kind !== 'judging') throw new Error('not judging');
    return this.room.phase.images;
  }

  /** Votes after `afterMs`; a vote that completes the round triggers the reveal. */
  async vote(playerId: string, imageId: string, verdict: Verdict, afterMs = 500, spot?: Spot) {
    this.now += afterMs;
    await this.apply({ type: 'vote', token: this.tokens.get(playerId)!, imageId, verdict, ...(spot ? { spot } : {}) });
  }

  /** Marks (or with null clears) the giveaway on an image the player called fake. */
  async flag(playerId: string, imageId: string, spot: Spot | null, afterMs = 200) {
    this.now += afterMs;
    await this.apply({ type: 'flag', token: this.tokens.get(playerId)!, imageId, spot });
  }

  /** From reveal through training, reporting `report` for the round (null: the host skips training, and nothing is reported). */
  async train(report: Record<string, unknown> | null) {
    if (this.room.phase.kind === 'judging') await this.apply({ type: 'advance', hostToken: this.room.hostToken });
    await this.apply({ type: 'advance', hostToken: this.room.hostToken });
    if (this.room.phase.kind !== 'training') throw new Error('not training');
    const round = this.room.phase.round;
    if (report) await this.apply({ type: 'trained', hostToken: this.room.hostToken, round, report: report as never });
    else await this.apply({ type: 'advance', hostToken: this.room.hostToken });
  }

  async end() {
    this.now += 1000;
    await this.apply({ type: 'end', hostToken: this.room.hostToken });
  }

}

export const REPORT = {
  dSteps: 2,
  gSteps: 2,
  dLoss: 1.2,
  gLoss: 0.8,
  humanLoss: 0.3,
  dReal: 0.6,
  dFake: 0.4,
  stepsPerSec: 10,
  ms: 400,
  backend: 'cpu',
  checksumBefore: 1,
  checksumAfter: 2,
};
