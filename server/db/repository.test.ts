/**
 * The repository against every database we ship on: PGlite always, PostgreSQL when TEST_DATABASE_URL
 * is set (.ci/run sets it). Same tests, same schema, same migrations.
 */
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbRecorder } from '../recorder';
import { PlayedRoom, REPORT } from './fixtures';
import { buildReport, votesCsv } from './report';
import { parseCsv } from './csv';
import * as schema from './schema';
import { deleteSession, isSessionId, listSessions, sessionDetail } from './sessions';
import { sweep } from './retention';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { insertTeacher, teacherByEmail } from './teachers';
import { testTargets } from './testing';
import type { Database } from './types';

describe.each(testTargets())('repository on $name', ({ open }) => {
  let database: Database;
  beforeEach(async () => {
    database = await open();
  });
  afterEach(async () => {
    await database.close();
  });

  async function teacher(email: string) {
    const t = await insertTeacher(database.db, email, 'scrypt$x');
    if (!t) throw new Error('teacher not created');
    return t;
  }

  /** Two players, one level of two rounds with a report each: Ada judges everything right, Bo everything "real". */
  async function playedSession(teacherId: string | null, pin = '123456') {
    const game = new PlayedRoom(dbRecorder(database.db), pin);
    await game.create(teacherId);
    const ada = await game.join('Ada');
    const bo = await game.join('Bo');
    for (let r = 0; r < 2; r++) {
      await game.startRound();
      for (const img of game.images()) {
        await game.vote(ada, img.id, img.truth, 400);
        await game.vote(bo, img.id, 'real', 900);
      }
      await game.train({ ...REPORT, fid: 40 - r * 10, histogram: { counts: [5, 5, 0, 0, 0, 0, 0, 0, 0, 0], classNames: null } });
    }
    return { game, ada, bo };
  }

  it('creates teachers with unique, case-folded emails', async () => {
    await teacher('a@school.test');
    expect(await insertTeacher(database.db, 'a@school.test', 'other')).toBeNull();
    expect((await teacherByEmail(database.db, 'a@school.test'))?.passHash).toBe('scrypt$x');
  });

  it('records a played session and reads it back for its teacher only', async () => {
    const t1 = await teacher('one@school.test');
    const t2 = await teacher('two@school.test');
    const { game, ada, bo } = await playedSession(t1.id);

    const mine = await listSessions(database.db, t1.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ pin: '123456', players: 2, rounds: 2, votes: 16 });
    expect(await listSessions(database.db, t2.id)).toEqual([]);

    const id = mine[0].id;
    expect(isSessionId(id)).toBe(true);
    expect(await sessionDetail(database.db, t2.id, id)).toBeNull();
    expect(await sessionDetail(database.db, t1.id, 'not-a-uuid')).toBeNull();

    const d = (await sessionDetail(database.db, t1.id, id))!;
    expect(d.players.map((p) => p.nickname)).toEqual(['Ada', 'Bo']);
    expect(d.rounds.map((r) => r.level)).toEqual([1, 1]);
    expect(d.images).toHaveLength(8);
    expect(d.images[0].pixels).toHaveLength(game.room.phase.kind === 'leaderboard' ? 1048 : 1048);
    expect(d.votes).toHaveLength(16);
    expect(d.votes.every((v) => v.answerMs > 0)).toBe(true);

    const report = buildReport(d);
    const byName = Object.fromEntries(report.roster.map((p) => [p.nickname, p]));
    expect(byName.Ada.accuracy).toBe(1);
    expect(byName.Ada.score).toBe(game.room.players.find((p) => p.id === ada)!.score);
    expect(byName.Bo.bestStreak).toBe(game.room.players.find((p) => p.id === bo)!.bestStreak);
    const realism = report.perLevel[0].realism;
    // Bo calls every fake real and every real real; Ada is always right.
    expect(realism.fakeErrorRate).toBe(0.5);
    expect(realism.realErrorRate).toBe(0);
    expect(report.perLevel[0].metrics?.fid).toBe(30);
    expect(report.perLevel[0].fakes.length).toBeGreaterThan(0);

    const csv = parseCsv(votesCsv(d));
    expect(csv).toHaveLength(17);
    expect(csv[0]).toContain('verdict');
  });

  it('keeps a checkpoint as a reference to its file, one row per level, the latest upload winning', async () => {
    const recorder = dbRecorder(database.db);
    const t = await teacher('bytes@school.test');
    const { game } = await playedSession(t.id, '222222');
    const ref = (level: number, sha: string) => ({ level, file: `222222-${game.room.createdAt}/level-${level}.ganc`, size: 5000, sha256: sha.repeat(64) });
    await recorder.checkpointSaved(game.room, ref(1, 'a'));
    await recorder.checkpointSaved(game.room, ref(1, 'b')); // a second save replaces the first
    const rows = await database.db.select().from(schema.checkpoints);
    expect(rows).toHaveLength(1);
    // Only the reference: the bytes never go through the database.
    expect(rows[0]).toMatchObject({ level: 1, file: ref(1, 'b').file, size: 5000, sha256: 'b'.repeat(64), bytes: null });
    expect(await recorder.latestCheckpoint(game.room)).toEqual(ref(1, 'b'));
    game.now += 1000;
    await recorder.checkpointSaved(game.room, ref(2, 'c'));
    expect(await recorder.latestCheckpoint(game.room)).toEqual(ref(2, 'c'));
    expect(await recorder.latestCheckpoint({ pin: '222222', createdAt: game.room.createdAt + 1 })).toBeNull();
  });

  it('still reads back a checkpoint stored as bytes before checkpoints moved to files', async () => {
    const { game } = await playedSession(null, '777777');
    const [session] = await database.db.select({ id: schema.gameSessions.id }).from(schema.gameSessions).where(eq(schema.gameSessions.pin, '777777'));
    const weights = new Uint8Array(5000).map((_, i) => (i * 13) & 255);
    await database.db.insert(schema.checkpoints).values({ sessionId: session.id, level: 1, bytes: weights });
    const back = await dbRecorder(database.db).latestCheckpoint(game.room);
    expect(back && 'bytes' in back && Array.from(back.bytes)).toEqual(Array.from(weights));
  });

  it('deletes an anonymous room’s checkpoint references when the room closes, and keeps a teacher’s', async () => {
    const recorder = dbRecorder(database.db);
    const t = await teacher('keep@school.test');
    const mine = (await playedSession(t.id, '888881')).game;
    const anon = (await playedSession(null, '888882')).game;
    for (const g of [mine, anon]) await recorder.checkpointSaved(g.room, { level: 1, file: `${g.room.pin}/level-1.ganc`, size: 1, sha256: '0'.repeat(64) });
    expect(await recorder.roomClosed(mine.room)).toBe(false);
    expect(await recorder.roomClosed(anon.room)).toBe(true);
    const rows = await database.db.select({ file: schema.checkpoints.file }).from(schema.checkpoints);
    expect(rows).toEqual([{ file: '888881/level-1.ganc' }]);
  });

  it('refuses a second vote by the same player on the same image, silently', async () => {
    const recorder = dbRecorder(database.db);
    const game = new PlayedRoom(recorder, '333333');
    await game.create(null);
    const p = await game.join('Cy');
    await game.join('Di');
    await game.startRound();
    const img = game.images()[0];
    const vote = { kind: 'vote' as const, round: game.room.round, playerId: p, imageId: img.id, verdict: 'real' as const, at: game.now };
    await recorder.vote(game.room, vote);
    await recorder.vote(game.room, { ...vote, verdict: 'fake', at: game.now + 5 });
    const rows = await database.db.select().from(schema.votes);
    expect(rows).toHaveLength(1);
    expect(rows[0].verdict).toBe('real');
  });

  it('deletes a session with every row that belongs to it, and only for its teacher', async () => {
    const t1 = await teacher('del@school.test');
    const t2 = await teacher('other@school.test');
    await playedSession(t1.id, '444444');
    await playedSession(t2.id, '555555');
    const recorder = dbRecorder(database.db);
    const [s] = await listSessions(database.db, t1.id);
    await database.db.insert(schema.checkpoints).values({ sessionId: s.id, level: 1, file: 'x/level-1.ganc', size: 3, sha256: '0'.repeat(64) });
    const answerPlayer = (await sessionDetail(database.db, t1.id, s.id))!.players[0].id;
    await recorder.checkAnswered('444444', answerPlayer, 'minimax', 2, true);

    expect(await deleteSession(database.db, t2.id, s.id)).toBe(false);
    expect(await deleteSession(database.db, t1.id, s.id)).toBe(true);
    for (const table of [schema.players, schema.rounds, schema.roundImages, schema.votes, schema.trainingSummaries, schema.checkpoints, schema.checkAnswers]) {
      const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.sessionId, s.id));
      expect(n).toBe(0);
    }
    // The other teacher's session is untouched.
    expect(await listSessions(database.db, t2.id)).toHaveLength(1);
  });

  it('retention deletes the checkpoints of ended anonymous sessions and files nothing refers to, and keeps a teacher’s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gan-sweep-'));
    try {
      const recorder = dbRecorder(database.db);
      const t = await teacher('sweep@school.test');
      const games = {
        teacher: (await playedSession(t.id, '910001')).game,
        anonymousEnded: (await playedSession(null, '910002')).game,
        anonymousLive: (await playedSession(null, '910003')).game,
      };
      await games.teacher.end();
      await games.anonymousEnded.end();
      const fileOf = (pin: string) => `${pin}-x/level-1.ganc`;
      const place = (file: string, ageMs = 0) => {
        mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
        writeFileSync(path.join(dir, file), 'weights');
        const when = new Date(Date.now() - ageMs);
        utimesSync(path.join(dir, file), when, when);
      };
      for (const g of Object.values(games)) {
        place(fileOf(g.room.pin), 3 * 86_400_000);
        await recorder.checkpointSaved(g.room, { level: 1, file: fileOf(g.room.pin), size: 7, sha256: '0'.repeat(64) });
      }
      place('old-orphan/level-1.ganc', 2 * 86_400_000); // its session was deleted two days ago
      place('new-orphan/.level-1.abc.tmp'); // an upload under way
      expect(await sweep(database.db, 100_000, new Date(), dir)).toBe(0);
      const left = (await database.db.select({ file: schema.checkpoints.file }).from(schema.checkpoints)).map((r) => r.file).sort();
      expect(left).toEqual([fileOf('910001'), fileOf('910003')]);
      expect([fileOf('910001'), fileOf('910003'), 'new-orphan/.level-1.abc.tmp'].every((f) => existsSync(path.join(dir, f)))).toBe(true);
      expect(existsSync(path.join(dir, path.dirname(fileOf('910002'))))).toBe(false);
      expect(existsSync(path.join(dir, 'old-orphan'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('retention deletes sessions older than the limit and keeps the rest', async () => {
    const t = await teacher('ret@school.test');
    await playedSession(t.id, '666666'); // created 2025-01-06
    const now = new Date(Date.UTC(2025, 6, 1)); // 176 days later
    expect(await sweep(database.db, 180, now)).toBe(0);
    expect(await listSessions(database.db, t.id)).toHaveLength(1);
    expect(await sweep(database.db, 30, now)).toBe(1);
    expect(await listSessions(database.db, t.id)).toEqual([]);
    const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(schema.votes);
    expect(n).toBe(0);
  });
});
