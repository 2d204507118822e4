/**
 * Where a browser finds checkpoints: the level's shipped one under /checkpoints, and (on the host
 * page) the room's own on the server (route in game/protocol.ts, CheckpointRoute). Fetch is passed
 * in, so tests run without a server.
 */
import { CheckpointRoute, type HostAuth } from '@/game/protocol';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** A checkpoint the generator may start from, and what the screen says it is. */
export interface StartingPoint {
  bytes: Uint8Array;
  source: string;
}

/** The static file a level's `checkpoint` names (written by scripts/train-checkpoints.ts). */
export const shippedCheckpointUrl = (name: string) => `/checkpoints/${name}.ganc`;

/** A 200's body and headers, or null for anything else (204: none yet; 404; no network; a broken body). */
async function fetchBytes(fetch: Fetch, url: string, init?: RequestInit): Promise<{ bytes: Uint8Array; headers: Headers } | null> {
  try {
    const res = await fetch(url, init);
    if (res.status !== 200) return null;
    return { bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
  } catch {
    return null;
  }
}

export async function fetchShipped(fetch: Fetch, name: string): Promise<Uint8Array | null> {
  return (await fetchBytes(fetch, shippedCheckpointUrl(name)))?.bytes ?? null;
}

/** The room's latest checkpoint, which a reloaded host page resumes from. */
export async function roomCheckpoint(fetch: Fetch, auth: HostAuth): Promise<StartingPoint | null> {
  const held = await fetchBytes(fetch, CheckpointRoute.path(auth.pin), { headers: { [CheckpointRoute.hostTokenHeader]: auth.hostToken } });
  if (!held) return null;
  const level = held.headers.has(CheckpointRoute.levelHeader) ? Number(held.headers.get(CheckpointRoute.levelHeader)) : null;
  return { bytes: held.bytes, source: `the room's own checkpoint (level ${level})` };
}

/** Keeps the server's copy of the room's generator current; `level` is the 1-based level that trained it. */
export async function uploadRoomCheckpoint(fetch: Fetch, auth: HostAuth, level: number, bytes: Uint8Array): Promise<void> {
  await fetch(CheckpointRoute.path(auth.pin, level), {
    method: 'PUT',
    headers: { [CheckpointRoute.hostTokenHeader]: auth.hostToken, 'content-type': 'application/octet-stream' },
    body: bytes as unknown as BodyInit,
  });
}
