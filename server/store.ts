import type { Room } from '../game/state';

/**
 * Where rooms live between events. The engine hands back a new Room on every change; the store keeps
 * the latest, in memory. With several processes, server/cluster.ts wraps it to give a PIN back when its
 * room is gone. What survives a restart is the recorder's snapshots (server/persistence.ts), not the store.
 */
export interface RoomStore {
  get(pin: string): Room | undefined;
  set(room: Room): void;
  delete(pin: string): void;
  pins(): Iterable<string>;
}

export function memoryStore(): RoomStore {
  const rooms = new Map<string, Room>();
  return {
    get: (pin) => rooms.get(pin),
    set: (room) => void rooms.set(room.pin, room),
    delete: (pin) => void rooms.delete(pin),
    pins: () => rooms.keys(),
  };
}
