/**
 * The trainer's checkpoints, uploaded by the host page after each round's training and fetched back by
 * a host page that reloads, so the generator resumes where the room left it. Plain HTTP on the
 * custom server (a checkpoint is megabytes; Socket.io messages are capped far lower). The route, its
 * headers and its query are declared once, in game/protocol.ts (CheckpointRoute):
 *
 *   PUT /rooms/:pin/checkpoint?level=N   body: the checkpoint bytes   header: x-host-token
 *   GET /rooms/:pin/checkpoint           → the latest checkpoint, with its level in x-level (204: none yet)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CheckpointRoute } from '../game/protocol';
import { roomForHost, sendJson } from './host-http';
import type { RoomStore } from './store';

export const MAX_CHECKPOINT_BYTES = 32 * 1024 * 1024;

export interface StoredCheckpoint {
  level: number;
  bytes: Uint8Array;
}

export interface CheckpointStore {
  save(pin: string, checkpoint: StoredCheckpoint): void;
  latest(pin: string): StoredCheckpoint | undefined;
  forget(pin: string): void;
}

export function memoryCheckpoints(): CheckpointStore {
  const latest = new Map<string, StoredCheckpoint>();
  return {
    save: (pin, c) => void latest.set(pin, c),
    latest: (pin) => latest.get(pin),
    forget: (pin) => void latest.delete(pin),
  };
}

interface Options {
  store: RoomStore;
  checkpoints: CheckpointStore;
  onSaved?: (pin: string, level: number, bytes: Uint8Array) => void;
  log: (msg: string, err?: unknown) => void;
}

export function checkpointRoutes({ store, checkpoints, onSaved, log }: Options) {
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const match = CheckpointRoute.match(req.url ?? '');
    if (!match) return false;
    const { pin, level } = match;
    const room = roomForHost(req, res, store, pin, CheckpointRoute.hostTokenHeader);
    if (!room) return true;
    if (req.method === 'GET') {
      const c = checkpoints.latest(pin);
      if (!c) {
        // Not an error: a room that has not trained yet simply has none.
        res.writeHead(204);
        res.end();
        return true;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', [CheckpointRoute.levelHeader]: String(c.level), 'content-length': c.bytes.length });
      res.end(Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.byteLength));
      return true;
    }
    if (req.method !== 'PUT') {
      sendJson(res, 405, 'use GET or PUT');
      return true;
    }
    if (!Number.isInteger(level) || level < 1 || level > room.levels.length) {
      sendJson(res, 400, `${CheckpointRoute.levelQuery} must be an integer from 1 to ${room.levels.length}`);
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CHECKPOINT_BYTES && !refused) {
        refused = true;
        sendJson(res, 413, `a checkpoint is at most ${MAX_CHECKPOINT_BYTES} bytes`);
        req.destroy();
      } else if (!refused) chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      if (size === 0) return sendJson(res, 400, 'the checkpoint is empty');
      const bytes = new Uint8Array(Buffer.concat(chunks));
      checkpoints.save(pin, { level, bytes });
      onSaved?.(pin, level, bytes);
      sendJson(res, 200);
    });
    req.on('error', (err) => log('checkpoint upload failed', err));
    return true;
  };
}
