'use client';
/**
 * The browser's side of the wire: one typed Socket.io connection per page, and `call`, which emits
 * an event and resolves with the server's acknowledgement (or a clear error when none comes).
 */
import type { Socket } from 'socket.io-client';
import type { Ack, AckData, C2SEvent, C2SPayload, ClientToServerEvents, ServerToClientEvents } from '@/game/protocol';
import { SOCKET_PATH } from '@/game/wire';

export type GameSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Loads the Socket.io client after the page is up (it is not part of the first load: a phone shows
 * the join form sooner) and connects.
 */
export async function connectSocket(): Promise<GameSocket> {
  const { io } = await import('socket.io-client');
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
