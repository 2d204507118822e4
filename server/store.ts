import type { Room } from '../game/state';

/**
 * Where rooms live between events. The engine hands back a new Room on every change; the store keeps
 * the latest. In memory here; the database-backed store (teacher accounts issue) implements the same
 * interface, so server/app.ts never knows which it has.
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
