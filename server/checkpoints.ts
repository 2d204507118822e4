/**
 * The trainer's checkpoints, uploaded by the host page after each round's training and fetched back by
 * a host page that reloads (also after a server restart), so the generator resumes where the room left
 * it. Plain HTTP on the custom server (a checkpoint is megabytes; Socket.io messages are capped far
 * lower). The route, its headers and its query are declared once, in game/protocol.ts (CheckpointRoute):
 *
 *   PUT /rooms/:pin/checkpoint?level=N   body: the checkpoint bytes   header: x-host-token
 *   GET /rooms/:pin/checkpoint           → the latest checkpoint, with its level in x-level (204: none yet)
 *
 * The bytes never go through the database: its one writer also carries the votes, and a vote is
 * acknowledged only once written, so a 32 MB checkpoint in that queue held every room's votes up for
 * seconds. They stream to a file in the checkpoint folder (temporary file, fsync, rename); the database
 * gets only the file's reference afterwards (server/recorder.ts), a row of a few dozen bytes.
 *
 * When a room closes, an anonymous room's checkpoints are deleted; a signed-in teacher's are kept with
 * the session (RETENTION_DAYS). The daily retention sweep removes files nothing refers to any more.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { CheckpointRoute } from '../game/protocol';
import type { Room } from '../game/state';
import { roomForHost, sendJson } from './host-http';
import type { RoomStore } from './store';

/**
 * The largest checkpoint a room may upload, per level. What a room's host really uploads is the whole
 * training state (G and D weights and both Adam optimizers' moments, float32): measured with the real
 * trainer (server/checkpoint-cap.test.ts), 4.27 MB for the largest level model (the conditional MLP),
 * 0.99 MB for the DCGAN levels; the largest model ml/gan-config.ts configures (defaultConfig, a
 * conditional MLP of hidden 128 and latent 64, used by the Lab) is 9.76 MB. The shipped level
 * checkpoints in public/checkpoints are weights only, float16, at most 712 KB. 16 MiB is 1.7 times
 * the largest configured model and 3.9 times the largest level (it was 32 MB).
 */
export const MAX_CHECKPOINT_BYTES = 16 * 1024 * 1024;

/** A room as its checkpoints know it: its PIN and creation time name it (a PIN is reused over time). */
export type RoomId = Pick<Room, 'pin' | 'createdAt'>;

export interface StoredCheckpoint {
  level: number;
  bytes: Uint8Array;
}

/** Where a level's checkpoint is: a file (relative to the checkpoint folder), its length and SHA-256 (hex). */
export interface CheckpointRef {
  level: number;
  file: string;
  size: number;
  sha256: string;
}

/** What the database holds for a room's latest checkpoint: a file's reference, or (rows from before files) the bytes. */
export type SavedCheckpoint = CheckpointRef | StoredCheckpoint;

/** The database's part (server/recorder.ts): the references, written once the file is durable. */
export interface CheckpointRefs {
  checkpointSaved(room: Room, ref: CheckpointRef): Promise<void>;
  latestCheckpoint(room: RoomId): Promise<SavedCheckpoint | null>;
}

/** An upload refused for what it is (too large, empty): answered with `status` and the message. */
export class CheckpointRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** A checkpoint the store refers to but cannot hand back (its file is missing or damaged). */
export class CheckpointUnreadable extends Error {}

const tooLarge = () =>
  new CheckpointRefused(413, `a checkpoint is at most ${MAX_CHECKPOINT_BYTES / 1024 / 1024} MiB (${MAX_CHECKPOINT_BYTES} bytes); this one is larger`);

export interface CheckpointStore {
  /** Saves the room's checkpoint for a level (replacing that level's last one); rejects with CheckpointRefused. */
  save(room: Room, level: number, body: AsyncIterable<Uint8Array>): Promise<void>;
  /** The room's latest checkpoint, null when it has none; rejects with CheckpointUnreadable when it cannot be read. */
  latest(room: RoomId): Promise<StoredCheckpoint | null>;
  /** The room has closed for good: forget it, and delete its checkpoints unless `keep` (a teacher's session). */
  closed(room: RoomId, keep: boolean): Promise<void>;
}

const roomKey = (room: RoomId) => `${room.pin}-${room.createdAt}`;

async function collect(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

/** For tests and processes without a database: the latest checkpoint of each live room, in memory. */
export function memoryCheckpoints(): CheckpointStore {
  const latest = new Map<string, StoredCheckpoint>();
  return {
    async save(room, level, body) {
      const bytes = await collect(body);
      if (bytes.length === 0) throw new CheckpointRefused(400, 'the checkpoint is empty');
      latest.set(roomKey(room), { level, bytes });
    },
    latest: async (room) => latest.get(roomKey(room)) ?? null,
    closed: async (room) => void latest.delete(roomKey(room)),
  };
}

/**
 * CHECKPOINT_DIR, or `checkpoints` under DATA_DIR (default ./.data/pglite), so one folder holds all
 * the server keeps, with PostgreSQL (DATABASE_URL) too. PostgreSQL ignores a folder of its own name
 * in its data folder (its own are pg_*, base, global).
 */
export function checkpointDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHECKPOINT_DIR) return path.resolve(env.CHECKPOINT_DIR);
  return path.join(path.resolve(env.DATA_DIR || path.join('.data', 'pglite')), 'checkpoints');
}

/** Makes a rename durable: fsync the folder that holds the new name (not possible everywhere; best effort). */
async function syncDir(dir: string) {
  const fh = await open(dir, constants.O_RDONLY).catch(() => null);
  if (!fh) return;
  await fh.sync().catch(() => undefined);
  await fh.close().catch(() => undefined);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Checkpoints as files under `dir`: `<pin>-<createdAt>/level-<n>.ganc`, one per level (the latest
 * upload for that level), with their references in the database (`refs`) for restarts. The latest
 * reference of each live room is also kept in memory (a few dozen bytes, never the checkpoint).
 * A room's saves, reads and close run one after another, so a read never sees a reference and a
 * file from two different uploads.
 */
export function fileCheckpoints({ dir, refs }: { dir: string; refs?: CheckpointRefs }): CheckpointStore {
  const root = path.resolve(dir);
  const latest = new Map<string, CheckpointRef>();
  const queues = new Map<string, Promise<unknown>>();

  function serial<T>(key: string, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(key) ?? Promise.resolve()).then(task);
    const tail = run.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => queues.get(key) === tail && queues.delete(key));
    return run;
  }

  /** The absolute path of a reference's file, refusing one that would lead out of the folder. */
  function within(file: string): string {
    const full = path.resolve(root, file);
    if (!full.startsWith(root + path.sep)) throw new CheckpointUnreadable(`the checkpoint's file "${file}" is outside the checkpoint folder`);
    return full;
  }

  async function write(room: Room, level: number, body: AsyncIterable<Uint8Array>) {
    const key = roomKey(room);
    const roomDir = path.join(root, key);
    await mkdir(roomDir, { recursive: true });
    const file = `${key}/level-${level}.ganc`;
    const temp = path.join(roomDir, `.level-${level}.${randomBytes(6).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const fh = await open(temp, 'wx');
    try {
      for await (const chunk of body) {
        hash.update(chunk);
        size += chunk.length;
        for (let at = 0; at < chunk.length; ) at += (await fh.write(chunk, at, chunk.length - at)).bytesWritten;
      }
      if (size === 0) throw new CheckpointRefused(400, 'the checkpoint is empty');
      await fh.sync();
    } catch (err) {
      await fh.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw err;
    }
    await fh.close();
    await rename(temp, path.join(root, file));
    await syncDir(roomDir);
    const ref: CheckpointRef = { level, file, size, sha256: hash.digest('hex') };
    latest.set(key, ref);
    await refs?.checkpointSaved(room, ref);
  }

  async function read(room: RoomId): Promise<StoredCheckpoint | null> {
    const saved = latest.get(roomKey(room)) ?? (await refs?.latestCheckpoint(room)) ?? null;
    if (!saved) return null;
    if ('bytes' in saved) return saved;
    const what = `the room's checkpoint for level ${saved.level}`;
    let bytes: Buffer;
    try {
      bytes = await readFile(within(saved.file));
    } catch (err) {
      if (err instanceof CheckpointUnreadable) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new CheckpointUnreadable(code === 'ENOENT' ? `${what} is missing (its file ${saved.file} is gone)` : `${what} could not be read (${code ?? String(err)})`);
    }
    if (bytes.length !== saved.size) throw new CheckpointUnreadable(`${what} is damaged: its file has ${bytes.length} bytes, ${saved.size} were saved`);
    if (sha256(bytes) !== saved.sha256) throw new CheckpointUnreadable(`${what} is damaged: its file's contents changed after it was saved`);
    return { level: saved.level, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  return {
    save: (room, level, body) => serial(roomKey(room), () => write(room, level, body)),
    latest: (room) => serial(roomKey(room), () => read(room)),
    closed: (room, keep) =>
      serial(roomKey(room), async () => {
        latest.delete(roomKey(room));
        if (!keep) await rm(path.join(root, roomKey(room)), { recursive: true, force: true });
      }),
  };
}

/**
 * Removes checkpoint files that no reference names (their session was deleted, or an upload died
 * before its reference was written) once they are older than `minAgeMs`, and the folders left empty.
 * For the retention sweep (server/db/retention.ts). Returns how many files went.
 */
export async function sweepCheckpointFiles(dir: string, referenced: ReadonlySet<string>, now: number, minAgeMs = 24 * 3600_000): Promise<number> {
  const root = path.resolve(dir);
  let removed = 0;
  const rooms = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const room of rooms) {
    if (!room.isDirectory()) continue;
    const roomDir = path.join(root, room.name);
    const files = await readdir(roomDir).catch(() => [] as string[]);
    let left = files.length;
    for (const name of files) {
      if (referenced.has(`${room.name}/${name}`)) continue;
      const full = path.join(roomDir, name);
      const info = await stat(full).catch(() => null);
      if (!info?.isFile() || now - info.mtimeMs < minAgeMs) continue;
      await rm(full, { force: true });
      removed++;
      left--;
    }
    if (left === 0) await rmdir(roomDir).catch(() => undefined);
  }
  return removed;
}

/** Deletes the named checkpoint files (references the database has just deleted); missing ones are fine. */
export async function removeCheckpointFiles(dir: string, files: readonly string[]): Promise<void> {
  const root = path.resolve(dir);
  for (const file of files) {
    const full = path.resolve(root, file);
    if (!full.startsWith(root + path.sep)) continue;
    await rm(full, { force: true });
    await rmdir(path.dirname(full)).catch(() => undefined);
  }
}

/** The request body, refused with a 413 as soon as it passes the cap (the request is left open, so the answer reaches the client). */
async function* capped(req: IncomingMessage, cap: number): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > cap) throw tooLarge();
    yield chunk;
  }
}

interface Options {
  store: RoomStore;
  checkpoints: CheckpointStore;
  log: (msg: string, err?: unknown) => void;
}

export function checkpointRoutes({ store, checkpoints, log }: Options) {
  /** Answers a refused upload, then reads and drops what the client still sends (up to a point), so it sees the answer. */
  function refuse(req: IncomingMessage, res: ServerResponse, err: CheckpointRefused) {
    res.setHeader('connection', 'close');
    sendJson(res, err.status, err.message);
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > MAX_CHECKPOINT_BYTES) req.destroy();
    });
    req.resume();
  }

  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const match = CheckpointRoute.match(req.url ?? '');
    if (!match) return false;
    const { pin, level } = match;
    const room = roomForHost(req, res, store, pin, CheckpointRoute.hostTokenHeader);
    if (!room) return true;
    if (req.method === 'GET') {
      checkpoints.latest(room).then(
        (c) => {
          // No checkpoint is not an error: a room that has not trained yet simply has none.
          if (!c) return void res.writeHead(204).end();
          res.writeHead(200, { 'content-type': 'application/octet-stream', [CheckpointRoute.levelHeader]: String(c.level), 'content-length': c.bytes.length });
          res.end(Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.byteLength));
        },
        (err) => {
          log(`checkpoint of room ${pin} could not be read`, err);
          sendJson(res, 500, err instanceof CheckpointUnreadable ? err.message : 'the checkpoint could not be read');
        },
      );
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
    // Refused before a byte is read when the client says how big it is.
    if (Number(req.headers['content-length']) > MAX_CHECKPOINT_BYTES) {
      refuse(req, res, tooLarge());
      return true;
    }
    checkpoints.save(room, level, capped(req, MAX_CHECKPOINT_BYTES)).then(
      () => sendJson(res, 200),
      (err) => {
        if (err instanceof CheckpointRefused) return refuse(req, res, err);
        log(`checkpoint upload for room ${pin} failed`, err);
        sendJson(res, 500, 'the checkpoint could not be saved; the game goes on');
      },
    );
    return true;
  };
}
