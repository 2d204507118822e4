/**
 * The game's writes: the engine's record effects go to the recorder (the database), its snapshot
 * effects save the live room for a restart, now or a little later. Without a recorder (tests that only
 * need the game) nothing is written.
 *
 * A room's pending saves live in its one server record (server/rooms.ts), not here.
 */
import type { Effect } from '../game/engine';
import { ErrorCode, type GameError } from '../game/protocol';
import type { Room } from '../game/state';
import { type GameRecorder, writeRecord } from './recorder';
import type { RoomStore } from './store';

/** One room's saves under way. */
export interface Saves {
  /**
   * The snapshot write of the room's current round's start. A vote is acknowledged only after it
   * has landed (normally long before), so a restart always finds the round the vote belongs to, and
   * the votes table fills the round's votes back in (recorder.loadSnapshots).
   */
  roundSaved: Promise<void> | undefined;
  /** A snapshot of changes within a phase, waiting to be written (the engine's snapshot 'soon'). */
  later: NodeJS.Timeout | null;
}

export const newSaves = (): Saves => ({ roundSaved: undefined, later: null });

export function stopSaves(s: Saves) {
  if (s.later) clearTimeout(s.later);
  s.later = null;
}

/** A snapshot 'soon' is written this long after the first change that asked for it, with the latest state. */
const SNAPSHOT_EVERY_MS = 1000;

export class Persistence {
  constructor(private readonly deps: { recorder?: GameRecorder; store: RoomStore; log: (msg: string, err?: unknown) => void }) {}

  /** Fire-and-forget writes: a failed write is logged and never takes the game down. */
  private write(what: string, write: (r: GameRecorder) => Promise<void>) {
    const { recorder, log } = this.deps;
    if (recorder) write(recorder).catch((err) => log(`recording ${what} failed`, err));
  }

  /** A room was created; teacherId is the signed-in host's, or null for an anonymous host. */
  sessionCreated(room: Room, teacherId: string | null) {
    this.write('session', (r) => r.sessionCreated(room, teacherId));
  }

  /**
   * The room closed for good: the recorder forgets it. Resolves true when the room was anonymous, so
   * its checkpoints are to be deleted; without a recorder nothing outlives the process, so true too.
   */
  roomClosed(room: Room): Promise<boolean> {
    return this.deps.recorder ? this.deps.recorder.roomClosed(room) : Promise.resolve(true);
  }

  /**
   * Carries out an event's record and snapshot effects, in order, for the room after the event.
   * Returns the write a vote's acknowledgement waits for (the vote's row, and its round's snapshot).
   */
  carryOut(saves: Saves, room: Room, effects: readonly Effect[]): Promise<unknown> | undefined {
    const recorder = this.deps.recorder;
    if (!recorder) return undefined;
    let voteWritten: Promise<unknown> | undefined;
    for (const effect of effects) {
      if (effect.type === 'record') {
        const record = effect.record;
        // Written before it is acknowledged: an acknowledged vote (or giveaway mark) survives a crash.
        if (record.kind === 'vote') voteWritten = Promise.all([recorder.vote(room, record), saves.roundSaved]);
        else if (record.kind === 'flag') voteWritten = Promise.all([recorder.flag(room, record), saves.roundSaved]);
        else this.write(record.kind, (r) => writeRecord(r, room, record));
      } else if (effect.type === 'snapshot') {
        if (effect.when === 'soon') this.snapshotSoon(saves, room.pin);
        else {
          const saved = this.snapshotNow(saves, room);
          if (effect.opensRound) saves.roundSaved = saved;
        }
      }
    }
    return voteWritten;
  }

  /**
   * The acknowledgement of a vote being written: `accepted` once it has landed; when it failed, the vote
   * is taken back and refused. Apart from the handler so that nothing holds the room: thousands of
   * votes wait for their write at once in a big room.
   */
  async settleVote<T>(written: Promise<unknown>, accepted: T, takeBack: () => void): Promise<T | { ok: false; error: GameError }> {
    try {
      await written;
      return accepted;
    } catch (err) {
      this.deps.log('saving a vote failed', err);
      takeBack();
      return { ok: false, error: { code: ErrorCode.Internal, message: 'your vote could not be saved; try again' } };
    }
  }

  /** What waited to be saved is saved now (the server is closing). */
  async flush(saves: Saves, pin: string): Promise<void> {
    if (!saves.later) return;
    const room = this.deps.store.get(pin);
    stopSaves(saves);
    if (room) await this.snapshotNow(saves, room);
  }

  private snapshotNow(saves: Saves, room: Room): Promise<void> {
    stopSaves(saves);
    const { recorder, log } = this.deps;
    if (!recorder) return Promise.resolve();
    return recorder.snapshot(room).catch((err) => log('recording snapshot failed', err));
  }

  private snapshotSoon(saves: Saves, pin: string) {
    if (saves.later) return;
    saves.later = setTimeout(() => {
      saves.later = null;
      const room = this.deps.store.get(pin);
      if (room) void this.snapshotNow(saves, room);
    }, SNAPSHOT_EVERY_MS);
  }
}
