/**
 * What the app's own host-only HTTP routes share (server/checkpoints.ts, server/results.ts): the room
 * a request names, answered for the host's token alone, and one shape of JSON answer.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Room } from '../game/state';
import type { RoomStore } from './store';

/** Equal strings, in time that does not depend on where they differ (hashes first, so lengths leak nothing either). */
export function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** `{ ok: true }` for a 2xx, else `{ ok: false, error }`; never cached. */
export function sendJson(res: ServerResponse, status: number, message = '') {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(status < 300 ? { ok: true } : { ok: false, error: message }));
}

/**
 * The live room a host-only request names, when the request carries that room's host token in
 * `tokenHeader`; otherwise null, with the request already answered 404 no such game. A wrong token
 * gets exactly what a missing room gets, so these routes cannot be used to find live PINs.
 */
export function roomForHost(req: IncomingMessage, res: ServerResponse, store: RoomStore, pin: string, tokenHeader: string): Room | null {
  const room = store.get(pin);
  const token = req.headers[tokenHeader];
  if (!room || typeof token !== 'string' || !sameToken(token, room.hostToken)) {
    sendJson(res, 404, 'no such game');
    return null;
  }
  return room;
}
