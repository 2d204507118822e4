'use client';
/**
 * The browser's side of the wire: one typed Socket.io connection per page, and `call`, which emits
 * an event and resolves with the server's acknowledgement (or a clear error when none comes).
 */
import { type Socket, io } from 'socket.io-client';
import {
  type Ack,
  type AckData,
  type C2SEvent,
  type C2SPayload,
  type ClientToServerEvents,
  SOCKET_PATH,
  type ServerToClientEvents,
} from '@/game/protocol';

export type GameSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(): GameSocket {
  return io({ path: SOCKET_PATH, transports: ['websocket', 'polling'], reconnectionDelayMax: 3000 });
}

export async function call<E extends C2SEvent>(socket: GameSocket, event: E, payload: C2SPayload<E>, timeoutMs = 10_000): Promise<Ack<AckData[E]>> {
  try {
    const emitter = socket.timeout(timeoutMs) as unknown as {
      emitWithAck(e: string, p: unknown): Promise<Ack<AckData[E]>>;
    };
    return await emitter.emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: 'internal', message: 'the server did not answer; check your connection' } };
  }
}
