/**
 * A server killed mid-round and restarted keeps every acknowledged vote: record votes the way
 * server/app.ts does (awaited before the acknowledgement), drop the database client without ending
 * anything, open a fresh client on the same data, and find every vote and the room snapshot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ballotEntries, ballotOf } from '../game/ballots';
import { openDatabase } from './db/client';
import { PlayedRoom } from './db/fixtures';
import * as schema from './db/schema';
import { scratchPostgres } from './db/testing';
import type { Database } from './db/types';
import { dbRecorder } from './recorder';

interface Store {
  name: string;
  /** Opens a client on the same data each time. */
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

const stores: (() => Promise<Store>)[] = [
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gan-arena-pglite-'));
    return { name: 'pglite', open: () => openDatabase({ dataDir: dir }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
];
if (process.env.TEST_DATABASE_URL) {
  const base = process.env.TEST_DATABASE_URL;
  stores.push(async () => {
    const scratch = await scratchPostgres(base);
    return { name: 'postgres', open: () => openDatabase({ url: scratch.url }), cleanup: scratch.drop };
  });
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.each(stores.map((make, i) => ({ make, name: i === 0 ? 'pglite' : 'postgres' })))('recorder on $name', ({ make }) => {
  it('keeps every recorded vote and the room snapshot across a restart, mid-round', async () => {
    const store = await make();
    cleanups.push(store.cleanup);

    // First life of the server.
    const first = await store.open();
    const game = new PlayedRoom(dbRecorder(first.db), '777777');
    await game.create(null);
    const ada = await game.join('Ada');
    const bo = await game.join('Bo');
    await game.startRound();
    const images = game.images();
    // Ada judges everything, Bo only the first image: the round is still open.
    for (const img of images) await game.vote(ada, img.id, 'fake', 300);
    await game.vote(bo, images[0].id, 'real', 300);
    expect(game.room.phase.kind).toBe('judging');
    await dbRecorder(first.db).snapshot(game.room);
    // "Killed": the client goes away without sessionEnded or anything else.
    await first.close();

    // Second life: a new client on the same data.
    const second = await store.open();
    try {
      const rows = await second.db.select().from(schema.votes);
      expect(rows).toHaveLength(images.length + 1);
      const phase = game.room.phase;
      if (phase.kind !== 'judging') throw new Error('expected judging');
      for (const [playerId, byImage] of ballotEntries(phase)) {
        for (const [imageId, v] of Object.entries(byImage)) {
          const row = rows.find((r) => r.playerId === playerId && r.imageId === imageId);
          expect(row, `${playerId} on ${imageId}`).toBeDefined();
          expect(row!.verdict).toBe(v.verdict);
          expect(row!.at.getTime()).toBe(v.at);
        }
      }
      const rooms = await dbRecorder(second.db).loadSnapshots();
      expect(rooms).toHaveLength(1);
      expect(rooms[0]).toEqual(game.room);
    } finally {
      await second.close();
    }
  });
});

describe('recorder (PGlite)', () => {
  it('applies snapshot writes in call order, the newest winning, and skips ended rooms on load', async () => {
    const db = await openDatabase();
    try {
      const recorder = dbRecorder(db.db);
      const game = new PlayedRoom(recorder, '888888');
      await game.create(null);
      const rooms = [];
      for (const name of ['A', 'B', 'C', 'D']) {
        await game.join(name);
        rooms.push(game.room);
      }
      // Fired without waiting, as a busy server might: the last one must be what is stored.
      await Promise.all(rooms.map((r) => recorder.snapshot(r)));
      expect((await recorder.loadSnapshots())[0].players).toHaveLength(4);

      await recorder.snapshot({ ...game.room, phase: { kind: 'ended', endedAt: game.now, reason: 'test' } });
      expect(await recorder.loadSnapshots()).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('records a vote even when the player and round writes never got through', async () => {
    const db = await openDatabase();
    try {
      const recorder = dbRecorder(db.db);
      // A recorder whose other calls were lost: only the vote is recorded, and it still lands.
      const silent = { ...recorder, sessionCreated: async () => {}, playerJoined: async () => {}, roundStarted: async () => {} };
      const game = new PlayedRoom(silent, '999999');
      const p = await game.join('Eve');
      await game.startRound();
      await game.vote(p, game.images()[0].id, 'real');
      expect(await db.db.select().from(schema.votes)).toHaveLength(1);
      expect(await db.db.select().from(schema.players)).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('gives the session its teacher even when a player join is recorded first, concurrently', async () => {
    const db = await openDatabase();
    try {
      const [t] = await db.db.insert(schema.teachers).values({ id: crypto.randomUUID(), email: 't@school.test', passHash: 'x' }).returning();
      const recorder = dbRecorder(db.db);
      const silent = { ...recorder, sessionCreated: async () => {} };
      const game = new PlayedRoom(silent, '121212');
      const p = await game.join('Ada');
      // Fired without waiting, in the order the server fires them.
      await Promise.all([recorder.playerJoined(game.room, p), recorder.sessionCreated(game.room, t.id)]);
      const sessions = await db.db.select().from(schema.gameSessions);
      expect(sessions).toHaveLength(1);
      expect(sessions[0].teacherId).toBe(t.id);
      // A later anonymous call never clears it.
      await dbRecorder(db.db).playerJoined(game.room, p);
      expect((await db.db.select().from(schema.gameSessions))[0].teacherId).toBe(t.id);
    } finally {
      await db.close();
    }
  });

  it('records the vote that closes a round, at the engine’s time, before roundStarted has landed', async () => {
    const db = await openDatabase();
    try {
      const recorder = dbRecorder(db.db);
      const silent = { ...recorder, roundStarted: async () => {}, vote: async () => {} };
      const game = new PlayedRoom(silent, '131313');
      await game.create(null);
      const p = await game.join('Solo');
      await game.startRound();
      for (const img of game.images()) await game.vote(p, img.id, 'real');
      expect(game.room.phase.kind).toBe('reveal');
      const phase = game.room.phase;
      if (phase.kind !== 'reveal') throw new Error('expected reveal');
      // The server passes the room after the vote, and the engine's record of it (which carries its own time).
      for (const vote of game.records) if (vote.kind === 'vote') await recorder.vote(game.room, vote);
      const rows = await db.db.select().from(schema.votes);
      expect(rows).toHaveLength(phase.images.length);
      for (const r of rows) expect(r.at.getTime()).toBe(ballotOf(phase, p)![r.imageId].at);
    } finally {
      await db.close();
    }
  });
});
