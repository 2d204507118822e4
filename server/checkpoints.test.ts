/**
 * Checkpoints off the vote path, over real sockets and HTTP, with the real recorder on embedded PGlite
 * (on its own thread, as in production) and the file store in a temporary folder: the bytes go to a
 * file and never through the database that writes votes; a vote is acknowledged while an upload is
 * in flight; the cap is a clear 413; damaged and missing files are clear errors; the checkpoint comes
 * back from its reference (a restart); an anonymous room's checkpoints go when it closes, a teacher's stay.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { type Socket, io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointRoute, PROTOCOL_VERSION, SOCKET_PATH } from '../game/protocol';
import { COOKIE_NAME, createAccount, signIn, teacherFromCookie } from './auth';
import { MAX_CHECKPOINT_BYTES, fileCheckpoints } from './checkpoints';
import { MIGRATIONS_FOLDER } from './db/client';
import { type PgliteLike, PGliteThread } from './db/pglite-thread';
import * as schema from './db/schema';
import type { Db } from './db/types';
import { dbRecorder } from './recorder';
import { type Client, app, call, client as newClient, hostGame, joinPlayer, next, startJudging, url, useServer } from './test-client';

/** Every statement the database is sent, with the bytes of its parameters. */
const statements: { sql: string; paramBytes: number }[] = [];
const paramBytes = (params: unknown[] = []) =>
  params.reduce<number>((n, p) => n + (p instanceof Uint8Array ? p.byteLength : typeof p === 'string' ? Buffer.byteLength(p) : 0), 0);
const thread = await PGliteThread.open({ migrationsFolder: MIGRATIONS_FOLDER });
/** The real database thread, seen through: each call is noted, then passed on unchanged. */
function watched(inner: PgliteLike): PgliteLike {
  return {
    query: (sql, params, options) => {
      statements.push({ sql, paramBytes: paramBytes(params) });
      return inner.query(sql, params, options);
    },
    exec: (sql) => {
      statements.push({ sql, paramBytes: 0 });
      return inner.exec(sql);
    },
  };
}
const client = { ...watched(thread), transaction: <T>(body: (tx: PgliteLike) => Promise<T>) => thread.transaction((tx) => body(watched(tx))) };
const db = drizzle({ client: client as unknown as PGlite, schema }) as unknown as Db;
const dir = mkdtempSync(path.join(tmpdir(), 'gan-checkpoints-'));
afterAll(async () => {
  await thread.close();
  rmSync(dir, { recursive: true, force: true });
});

const recorder = dbRecorder(db);
useServer({
  recorder,
  checkpoints: fileCheckpoints({ dir, refs: recorder }),
  identify: async (cookie) => (await teacherFromCookie(cookie, db))?.id ?? null,
  // Ended games close a moment after their end, so the test sees what closing does.
  grace: { endedMs: 300 },
});

const bytesOf = (n: number, seed = 1) => {
  const b = new Uint8Array(n);
  for (let i = 0, x = seed; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return b;
};
const put = (pin: string, token: string, level: number, body: BodyInit) =>
  fetch(`${url}${CheckpointRoute.path(pin, level)}`, { method: 'PUT', headers: { [CheckpointRoute.hostTokenHeader]: token }, body, duplex: 'half' } as RequestInit);
const get = (pin: string, token: string) => fetch(`${url}${CheckpointRoute.path(pin)}`, { headers: { [CheckpointRoute.hostTokenHeader]: token } });
const roomDir = (pin: string) => {
  const room = readdirSync(dir).find((d) => d.startsWith(`${pin}-`));
  return room ? path.join(dir, room) : null;
};
const rowsOf = async (pin: string) =>
  db
    .select({ level: schema.checkpoints.level, file: schema.checkpoints.file, size: schema.checkpoints.size, bytes: schema.checkpoints.bytes })
    .from(schema.checkpoints)
    .innerJoin(schema.gameSessions, eq(schema.gameSessions.id, schema.checkpoints.sessionId))
    .where(eq(schema.gameSessions.pin, pin));
/** Resolves once `check` holds (the database's writes land a moment after the events that ask for them). */
async function eventually<T>(check: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('checkpoints as files', () => {
  it('streams each level to a file, keeps only its reference in the database, and hands back the latest', async () => {
    const { pin, hostToken } = await hostGame();
    const one = bytesOf(3_000_000, 1);
    const two = bytesOf(1_000_000, 2);
    expect((await put(pin, hostToken, 1, one)).status).toBe(200);
    expect((await put(pin, hostToken, 2, two)).status).toBe(200);
    const got = await get(pin, hostToken);
    expect(got.status).toBe(200);
    expect(got.headers.get(CheckpointRoute.levelHeader)).toBe('2');
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(two))).toBe(true);

    const folder = roomDir(pin)!;
    expect(readdirSync(folder).sort()).toEqual(['level-1.ganc', 'level-2.ganc']);
    expect(readFileSync(path.join(folder, 'level-1.ganc')).equals(Buffer.from(one))).toBe(true);
    const rows = await rowsOf(pin);
    expect(rows.sort((a, b) => a.level - b.level)).toEqual([
      { level: 1, file: `${path.basename(folder)}/level-1.ganc`, size: one.length, bytes: null },
      { level: 2, file: `${path.basename(folder)}/level-2.ganc`, size: two.length, bytes: null },
    ]);
  });

  it('hands a checkpoint back from its reference alone, as after a restart', async () => {
    const { pin, hostToken } = await hostGame();
    const bytes = bytesOf(200_000, 3);
    expect((await put(pin, hostToken, 1, bytes)).status).toBe(200);
    // A new store on the same folder and database knows nothing in memory: what a restarted server has.
    const restarted = fileCheckpoints({ dir, refs: recorder });
    const room = { pin, createdAt: Number(path.basename(roomDir(pin)!).split('-')[1]) };
    const back = await restarted.latest(room);
    expect(back?.level).toBe(1);
    expect(Buffer.from(back!.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('acknowledges votes while a large upload is in flight, and no checkpoint byte goes through the database', async () => {
    const g = await hostGame({ roundSeconds: 120 });
    const ada = await joinPlayer(g.pin, 'Ada');
    await joinPlayer(g.pin, 'Bo'); // does not vote, so the round stays open
    const images = await startJudging(g, ada.c);

    const checkpoint = bytesOf(12_000_000, 4);
    let release!: () => void;
    const rest = new Promise<void>((r) => (release = r));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (let at = 0; at < checkpoint.length / 2; at += 1 << 20) controller.enqueue(checkpoint.subarray(at, Math.min(at + (1 << 20), checkpoint.length / 2)));
        await rest;
        for (let at = checkpoint.length / 2; at < checkpoint.length; at += 1 << 20) controller.enqueue(checkpoint.subarray(at, Math.min(at + (1 << 20), checkpoint.length)));
        controller.close();
      },
    });
    const seen = statements.length;
    let uploaded = false;
    const upload = put(g.pin, g.hostToken, 1, body).then((r) => {
      uploaded = true;
      return r;
    });
    // Half the checkpoint is on its way: every vote is acknowledged (written) before the upload ends.
    await eventually(async () => existsSync(roomDir(g.pin) ?? '/nonexistent'), Boolean);
    for (const img of images) {
      expect(await call(ada.c, 'player:vote', { pin: g.pin, playerToken: ada.token, imageId: img.id, verdict: 'real' })).toMatchObject({ ok: true });
    }
    expect(uploaded).toBe(false);
    release();
    expect((await upload).status).toBe(200);
    // Its reference is written after the file: wait for it, then look at everything the database was sent.
    await eventually(() => rowsOf(g.pin), (rows) => rows.length === 1);
    const during = statements.slice(seen);
    expect(during.some((s) => /insert into "votes"/i.test(s.sql) || /unnest/i.test(s.sql))).toBe(true);
    expect(during.some((s) => /"checkpoints"/.test(s.sql))).toBe(true);
    // The largest statement is a few kilobytes of votes and references, not megabytes of checkpoint.
    expect(Math.max(...during.map((s) => s.paramBytes))).toBeLessThan(64 * 1024);
    expect(Buffer.from(await (await get(g.pin, g.hostToken)).arrayBuffer()).equals(Buffer.from(checkpoint))).toBe(true);
  });

  it(`refuses a checkpoint over ${MAX_CHECKPOINT_BYTES / 2 ** 20} MiB with a clear 413, and keeps the last one`, async () => {
    const { pin, hostToken } = await hostGame();
    const kept = bytesOf(1000, 5);
    expect((await put(pin, hostToken, 1, kept)).status).toBe(200);
    // Told by its length, before a byte is read.
    const declared = await put(pin, hostToken, 1, bytesOf(MAX_CHECKPOINT_BYTES + 1, 6));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ ok: false, error: expect.stringMatching(/^a checkpoint is at most 16 MiB \(16777216 bytes\); this one is larger$/) });
    // Streamed without a length: refused once it passes the cap.
    const big = bytesOf(MAX_CHECKPOINT_BYTES + 4096, 7);
    const streamed = await put(
      pin,
      hostToken,
      1,
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let at = 0; at < big.length; at += 1 << 20) c.enqueue(big.subarray(at, at + (1 << 20)));
          c.close();
        },
      }),
    );
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error).toMatch(/at most 16 MiB/);
    // Nothing half-written is left behind, and the room still has its last checkpoint.
    expect(readdirSync(roomDir(pin)!)).toEqual(['level-1.ganc']);
    expect(Buffer.from(await (await get(pin, hostToken)).arrayBuffer()).equals(Buffer.from(kept))).toBe(true);
    // Exactly the cap is a checkpoint.
    expect((await put(pin, hostToken, 1, bytesOf(MAX_CHECKPOINT_BYTES, 8))).status).toBe(200);
  });

  it('says clearly when a checkpoint file is damaged or missing, and carries on', async () => {
    const { pin, hostToken } = await hostGame();
    const bytes = bytesOf(50_000, 9);
    expect((await put(pin, hostToken, 1, bytes)).status).toBe(200);
    const file = path.join(roomDir(pin)!, 'level-1.ganc');

    writeFileSync(file, bytesOf(50_000, 10)); // same length, other bytes
    let r = await get(pin, hostToken);
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({ ok: false, error: "the room's checkpoint for level 1 is damaged: its file's contents changed after it was saved" });

    writeFileSync(file, bytes.subarray(0, 10_000)); // cut short
    r = await get(pin, hostToken);
    expect(await r.json()).toEqual({ ok: false, error: "the room's checkpoint for level 1 is damaged: its file has 10000 bytes, 50000 were saved" });

    unlinkSync(file);
    r = await get(pin, hostToken);
    expect(r.status).toBe(500);
    expect((await r.json()).error).toMatch(/^the room's checkpoint for level 1 is missing/);

    // The server is fine: the next upload replaces it.
    expect((await put(pin, hostToken, 1, bytes)).status).toBe(200);
    expect(Buffer.from(await (await get(pin, hostToken)).arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('deletes an anonymous room’s checkpoints when the room closes, and keeps a signed-in teacher’s', async () => {
    const creds = { email: `keep-${Date.now()}@school.test`, passphrase: 'a classroom passphrase' };
    await createAccount(db, creds);
    const signedIn = await signIn(db, creds);
    const teacherHost = connect(url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { cookie: `${COOKIE_NAME}=${signedIn!.token}` },
    }) as unknown as Client;
    const anonymousHost = newClient();
    const rooms = [];
    for (const host of [teacherHost, anonymousHost]) {
      const created = (await call(host, 'host:create', { v: PROTOCOL_VERSION, settings: {} })) as unknown as { pin: string; hostToken: string };
      expect((await put(created.pin, created.hostToken, 1, bytesOf(10_000))).status).toBe(200);
      await eventually(() => rowsOf(created.pin), (rows) => rows.length === 1);
      rooms.push({ host, ...created });
    }
    for (const { host, pin, hostToken } of rooms) {
      const closed = next<{ reason: string }>(host, 'room:closed');
      expect((await call(host, 'host:end', { pin, hostToken })).ok).toBe(true);
      expect((await closed).reason).toMatch(/game is over/);
    }
    const [mine, anonymous] = rooms;
    await eventually(async () => roomDir(anonymous.pin), (d) => d === null);
    expect(roomDir(anonymous.pin)).toBeNull();
    expect(await rowsOf(anonymous.pin)).toEqual([]);
    expect(readdirSync(roomDir(mine.pin)!)).toEqual(['level-1.ganc']);
    expect(await rowsOf(mine.pin)).toHaveLength(1);
    expect(app.held()).toEqual({ rooms: 0, records: 0 });
    (teacherHost as unknown as Socket).disconnect();
  });
});
