/**
 * Everything the server keeps per room beside the room itself (which lives in the store): one record,
 * made in one place and dropped in one place with every timer it holds. Nothing else in server/ keeps
 * a map by PIN, so forgetting a room cannot leave a piece of it behind.
 */
import { type Pacing, newPacing, stopPacing } from './pacing';
import { type Saves, newSaves, stopSaves } from './persistence';

export interface RoomRuntime {
  readonly pin: string;
  /** The engine's next tick (its schedule effect). */
  tick: NodeJS.Timeout | null;
  /** Views, vote counts and host views on their way out (server/pacing.ts). */
  readonly views: Pacing;
  /** Snapshots under way (server/persistence.ts). */
  readonly saves: Saves;
}

function stop(r: RoomRuntime) {
  if (r.tick) clearTimeout(r.tick);
  r.tick = null;
  stopPacing(r.views);
  stopSaves(r.saves);
}

export class RoomRuntimes {
  private readonly live = new Map<string, RoomRuntime>();

  /** The room's record, made on first use. */
  of(pin: string): RoomRuntime {
    let r = this.live.get(pin);
    if (!r) {
      r = { pin, tick: null, views: newPacing(), saves: newSaves() };
      this.live.set(pin, r);
    }
    return r;
  }

  all(): RoomRuntime[] {
    return [...this.live.values()];
  }

  /** Forgets a room: its timers stop, and nothing of it is kept. */
  drop(pin: string) {
    const r = this.live.get(pin);
    if (r) stop(r);
    this.live.delete(pin);
  }

  dropAll() {
    for (const pin of [...this.live.keys()]) this.drop(pin);
  }

  get size(): number {
    return this.live.size;
  }
}
