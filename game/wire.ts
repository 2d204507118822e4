/**
 * The protocol's constants and pixel encoding, without zod: the player's page imports these and must
 * stay small on an old phone. game/protocol.ts re-exports them with the schemas and shapes.
 */

/** Bumped whenever a payload or view changes shape; a client that speaks another version is refused. */
export const PROTOCOL_VERSION = 1;

/** Where Socket.io listens; Next's request handler never sees this path. */
export const SOCKET_PATH = '/socket.io';

export const IMAGE_SIDE = 28;
export const IMAGE_BYTES = IMAGE_SIDE * IMAGE_SIDE;
/** Base64 of IMAGE_BYTES bytes: real and generated images travel in exactly this encoding. */
export const IMAGE_B64_LENGTH = 4 * Math.ceil(IMAGE_BYTES / 3);

/*
 * btoa/atob exist in browsers and in Node 20. Naming Node's Buffer here would make the bundler ship a
 * Buffer polyfill to every phone.
 */
export function encodePixels(bytes: Uint8Array): string {
  if (bytes.length !== IMAGE_BYTES) throw new RangeError(`an image is ${IMAGE_BYTES} bytes, got ${bytes.length}`);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

export function decodePixels(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
